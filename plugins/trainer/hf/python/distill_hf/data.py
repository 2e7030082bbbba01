"""Training rows as a TRL prompt-completion dataset: conversational under a chat template, else plain text."""
from distill_common.jsonl import iter_rows


def load_turns(path, chat, answers):
    """One dict per JSONL row: its "prompt" and the `answers` fields; with `chat`, as user / assistant messages."""
    rows = []
    for row in iter_rows(path):
        if chat:
            rows.append({"prompt": [{"role": "user", "content": row["prompt"]}],
                         **{k: [{"role": "assistant", "content": row[k]}] for k in answers}})
        else:
            rows.append({"prompt": row["prompt"], **{k: row[k] for k in answers}})
    return rows


def load_rows(path, chat):
    """{"prompt","completion"} per JSONL row; with `chat`, as user / assistant messages for the tokenizer's template."""
    return load_turns(path, chat, ("completion",))


class TokenCounter:
    """Wraps a data collator and counts the non-padding tokens of every batch it builds."""

    def __init__(self, inner):
        self.inner = inner
        self.tokens = 0
        self.width = 0

    def __call__(self, features):
        batch = self.inner(features)
        mask = batch.get("attention_mask")
        ids = batch["input_ids"]
        self.tokens += int(mask.sum()) if mask is not None else int(ids.numel())
        self.width = int(ids.shape[-1])
        return batch
