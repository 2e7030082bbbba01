"""Training examples as token sequences with completion-only loss, and deterministic length-bucketed batches."""
import random

import torch

from distill_common.jsonl import iter_rows

from .tokenizer import BOS, EOS, PAD, encode

IGNORE = -100
BUCKET_BATCHES = 32


def load_examples(path, max_len):
    """(tokens, n_prompt) per line of a {"prompt","completion"} JSONL file; sequences are BOS prompt completion EOS."""
    examples = []
    for row in iter_rows(path):
        prompt = [BOS] + encode(row["prompt"])
        tokens = (prompt + encode(row["completion"]) + [EOS])[: max_len + 1]
        if len(tokens) > len(prompt):
            examples.append((tokens, len(prompt)))
    return examples


def batches_per_epoch(n_examples, batch_size):
    """Number of batches in one epoch."""
    return (n_examples + batch_size - 1) // batch_size


def epoch_batches(examples, batch_size, seed, epoch):
    """Index batches of one epoch: shuffled, sorted by length inside buckets, batch order shuffled."""
    rng = random.Random(seed * 100_003 + epoch)
    order = list(range(len(examples)))
    rng.shuffle(order)
    chunk = batch_size * BUCKET_BATCHES
    batches = []
    for start in range(0, len(order), chunk):
        bucket = sorted(order[start : start + chunk], key=lambda i: len(examples[i][0]))
        batches.extend(bucket[i : i + batch_size] for i in range(0, len(bucket), batch_size))
    rng.shuffle(batches)
    return batches


def collate(examples, indices):
    """Right-padded inputs [B, T] and targets [B, T] with prompt and padding targets ignored."""
    seqs = [examples[i] for i in indices]
    width = max(len(tokens) for tokens, _ in seqs) - 1
    inputs = torch.full((len(seqs), width), PAD, dtype=torch.long)
    targets = torch.full((len(seqs), width), IGNORE, dtype=torch.long)
    for row, (tokens, n_prompt) in enumerate(seqs):
        n = len(tokens) - 1
        inputs[row, :n] = torch.tensor(tokens[:-1])
        targets[row, n_prompt - 1 : n] = torch.tensor(tokens[n_prompt:])
    return inputs, targets
