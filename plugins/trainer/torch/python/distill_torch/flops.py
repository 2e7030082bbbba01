"""Machine matmul peak and model FLOPs per trained token, for model FLOPs utilisation (MFU)."""
import os
import time

import torch


def measure_peak_gflops(seconds=0.5, n=1536):
    """Best observed fp32 GFLOP/s of an n x n matmul over about `seconds` (DISTILL_PEAK_GFLOPS overrides)."""
    override = os.environ.get("DISTILL_PEAK_GFLOPS")
    if override:
        return float(override)
    a = torch.randn(n, n)
    b = torch.randn(n, n)
    out = torch.empty(n, n)
    torch.matmul(a, b, out=out)
    best = 0.0
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        t0 = time.perf_counter()
        torch.matmul(a, b, out=out)
        best = max(best, 2 * n**3 / (time.perf_counter() - t0) / 1e9)
    return best


def step_flops(params, trainable, dims, vocab, width, tokens, targets, head_trainable):
    """Model FLOPs of one training step (the PaLM convention: 6N per token plus attention).

    Matmuls cost 2N forward, 2N backward to activations and 2N_trainable for weight gradients. The body runs on
    `tokens` real tokens; the tied output head (vocab x d_model) only on the `targets` loss positions. Attention
    (QK^T and AV) costs 4 * d_model * width per layer and token forward, tripled for training.
    """
    head = vocab * dims["d_model"]
    body, body_trainable = params - head, trainable - (head if head_trainable else 0)
    attention = 12 * dims["n_layers"] * dims["d_model"] * width
    per_token = 4 * body + 2 * body_trainable + attention
    return tokens * per_token + targets * (6 if head_trainable else 4) * head
