"""Tiny random Qwen2 / Llama students built offline: a BPE tokenizer trained locally, saved in Hugging Face layout."""
import os

CHAT_TEMPLATE = (
    "{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}"
    "{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}"
)
SPECIAL = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]
CORPUS = [
    "Solve the following math problem. Present the final answer in the format: Final Answer: \\boxed{x}.",
    "Problem: What is 12 + 30? Answer: 12 + 30 = 42. Final Answer: \\boxed{42}",
    "Q: Tom has 3 apples and buys 4 more. How many apples does he have? A: 3 + 4 = 7. The answer is 7.",
    "Let us think step by step. First add the tens, then the units, then check the carry.",
    "<think>We need the sum.</think>\n\n<answer>9</answer> Thoughts:\nAdd them.\nAnswer:\n5",
] + [f"{a} + {b} = {a + b}. {a} * {b} = {a * b}." for a in range(0, 40, 3) for b in range(1, 30, 4)]


def build_tokenizer(out_dir, vocab_size=384):
    """A byte-level BPE tokenizer trained on a small arithmetic corpus, with Qwen-style chat special tokens."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, special_tokens=SPECIAL,
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), show_progress=False)
    tok.train_from_iterator(CORPUS, trainer)
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, eos_token="<|im_end|>", pad_token="<|endoftext|>",
                                   bos_token=None, unk_token=None, additional_special_tokens=["<|im_start|>"])
    fast.chat_template = CHAT_TEMPLATE
    fast.save_pretrained(out_dir)
    return fast


def build_tiny(out_dir, arch="qwen2", hidden=64, layers=2, heads=4, kv_heads=2, intermediate=128, seed=0, init_std=0.2):
    """Writes a randomly initialised `arch` (qwen2 | llama) causal LM and its tokenizer to out_dir; returns out_dir.

    init_std 0.2 (not the usual 0.02) keeps greedy output varied: at 0.02 a tied 64-wide model repeats one token.
    """
    import torch
    from transformers import AutoModelForCausalLM, LlamaConfig, Qwen2Config

    os.makedirs(out_dir, exist_ok=True)
    tokenizer = build_tokenizer(out_dir)
    common = dict(vocab_size=len(tokenizer), hidden_size=hidden, num_hidden_layers=layers, num_attention_heads=heads,
                  num_key_value_heads=kv_heads, intermediate_size=intermediate, max_position_embeddings=1024,
                  eos_token_id=tokenizer.eos_token_id, pad_token_id=tokenizer.pad_token_id, bos_token_id=None,
                  tie_word_embeddings=True, initializer_range=init_std)
    config = Qwen2Config(**common) if arch == "qwen2" else LlamaConfig(**common) if arch == "llama" else None
    if config is None:
        raise ValueError(f"unknown tiny architecture {arch!r} (qwen2 or llama)")
    torch.manual_seed(seed)
    model = AutoModelForCausalLM.from_config(config)
    model.generation_config.eos_token_id = tokenizer.eos_token_id
    model.generation_config.pad_token_id = tokenizer.pad_token_id
    model.save_pretrained(out_dir)
    return out_dir
