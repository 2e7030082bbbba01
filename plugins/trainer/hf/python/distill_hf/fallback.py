"""SFT without TRL: prompt-completion rows tokenized under the chat template with the loss on completion tokens only."""
import torch

IGNORE = -100


def _encode(tokenizer, row):
    prompt, completion = row["prompt"], row["completion"]
    if isinstance(prompt, list):  # conversational rows: render the template, then split at the prompt's end
        head = tokenizer.apply_chat_template(prompt, tokenize=False, add_generation_prompt=True)
        full = tokenizer.apply_chat_template(prompt + completion, tokenize=False)
        if not full.startswith(head):
            raise ValueError("the chat template renders the prompt differently inside the full conversation")
        prompt_ids = tokenizer(head, add_special_tokens=False)["input_ids"]
        return prompt_ids, tokenizer(full[len(head):], add_special_tokens=False)["input_ids"]
    prompt_ids = tokenizer(prompt)["input_ids"]
    ids = tokenizer(completion, add_special_tokens=False)["input_ids"]
    return prompt_ids, ids + ([tokenizer.eos_token_id] if tokenizer.eos_token_id is not None else [])


def tokenize_rows(tokenizer, rows, max_len):
    """input_ids and labels per row (prompt positions ignored), cut to max_len tokens; rows left with no target dropped."""
    out = []
    for row in rows:
        prompt_ids, completion_ids = _encode(tokenizer, row)
        ids = (prompt_ids + completion_ids)[:max_len]
        labels = ([IGNORE] * len(prompt_ids) + completion_ids)[:max_len]
        if any(label != IGNORE for label in labels):
            out.append({"input_ids": ids, "labels": labels})
    return out


class CompletionCollator:
    """Right-pads input_ids, labels and the attention mask of a batch."""

    def __init__(self, pad_id):
        self.pad_id = pad_id

    def __call__(self, features):
        width = max(len(f["input_ids"]) for f in features)
        ids = torch.full((len(features), width), self.pad_id, dtype=torch.long)
        labels = torch.full((len(features), width), IGNORE, dtype=torch.long)
        mask = torch.zeros((len(features), width), dtype=torch.long)
        for i, f in enumerate(features):
            n = len(f["input_ids"])
            ids[i, :n] = torch.tensor(f["input_ids"])
            labels[i, :n] = torch.tensor(f["labels"])
            mask[i, :n] = 1
        return {"input_ids": ids, "labels": labels, "attention_mask": mask}
