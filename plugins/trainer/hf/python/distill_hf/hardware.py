"""Device, dtype and matmul peak for a run: bf16 on a CUDA GPU that supports it, fp32 on CPU."""
import os
import time

import torch


def device_and_dtype(precision="auto"):
    """('cuda' | 'cpu', torch dtype); precision is auto, bf16, fp16 or fp32."""
    device = "cuda" if torch.cuda.is_available() else "cpu"
    if precision == "auto":
        precision = "bf16" if device == "cuda" and torch.cuda.is_bf16_supported() else "fp32"
    return device, {"bf16": torch.bfloat16, "fp16": torch.float16, "fp32": torch.float32}[precision]


def measure_peak_gflops(device, dtype, seconds=0.5):
    """Best observed GFLOP/s of a square matmul in `dtype` on `device` (DISTILL_PEAK_GFLOPS overrides)."""
    override = os.environ.get("DISTILL_PEAK_GFLOPS")
    if override:
        return float(override)
    n = 8192 if device == "cuda" else 1536
    a = torch.randn(n, n, device=device, dtype=dtype)
    b = torch.randn(n, n, device=device, dtype=dtype)
    torch.matmul(a, b)
    best = 0.0
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        if device == "cuda":
            torch.cuda.synchronize()
        t0 = time.perf_counter()
        torch.matmul(a, b)
        if device == "cuda":
            torch.cuda.synchronize()
        best = max(best, 2 * n**3 / (time.perf_counter() - t0) / 1e9)
    return best


def memory_mb(device):
    """Peak memory so far: GPU allocations on CUDA, else the process's peak resident set."""
    if device == "cuda":
        return round(torch.cuda.max_memory_allocated() / 2**20, 1)
    import resource

    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def train_flops(params, trainable, n_layers, hidden, tokens, width):
    """Model FLOPs of training on `tokens` tokens: 4N forward+activation grads, 2N_trainable weight grads, attention."""
    return tokens * (4 * params + 2 * trainable + 12 * n_layers * hidden * width)
