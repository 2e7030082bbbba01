#!/usr/bin/env python3
"""GPU check: trains a tiny random Qwen2 for a few hundred steps in bf16 through distill_hf, prints tokens/s, MFU, peak memory.

Needs torch (2.11 or newer) with CUDA, transformers and peft; TRL is optional (without it SFT runs on transformers'
own Trainer with the same completion-only loss) and there is no network access. Under 5 minutes on one NVIDIA GPU.
Usage: python scripts/gpu-check.py [--steps 300] [--hidden 512] [--layers 8] [--batch 32] [--out DIR]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PACKAGE = os.path.join(ROOT, "plugins", "trainer", "hf", "python")
COMMON = os.path.join(ROOT, "python")  # distill_common, which distill_hf imports


def traces(path, count):
    """Arithmetic prompt/completion rows, 60-400 tokens each."""
    rows = []
    for i in range(count):
        nums = [10 + (i * 37 + k * 101) % 990 for k in range(2 + i % 4)]
        acc, steps = nums[0], []
        for n in nums[1:]:
            steps.append(f"{acc} + {n} = {acc + n}.")
            acc += n
        pad = " Check: carry the tens and add the units." * (i % 8)
        rows.append({"id": f"g{i}", "prompt": f"Problem: Add {', '.join(map(str, nums))}.",
                     "completion": f"{' '.join(steps)}{pad} Final Answer: \\boxed{{{acc}}}"})
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(json.dumps(r) for r in rows) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=300)
    parser.add_argument("--hidden", type=int, default=512)
    parser.add_argument("--layers", type=int, default=8)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--out")
    parser.add_argument("--cpu", action="store_true", help="dry run on CPU in fp32 (to check the script itself)")
    args = parser.parse_args()
    sys.path[:0] = [PACKAGE, COMMON]
    import importlib.util

    import torch

    if not torch.cuda.is_available() and not args.cpu:
        print("gpu-check: no CUDA device visible to torch; nothing to check", file=sys.stderr)
        return 2
    out = args.out or tempfile.mkdtemp(prefix="gpu-check-")
    from distill_hf.tiny import build_tiny

    t0 = time.perf_counter()
    model = build_tiny(os.path.join(out, "qwen2"), arch="qwen2", hidden=args.hidden, layers=args.layers,
                       heads=args.hidden // 64, kv_heads=max(1, args.hidden // 128), intermediate=args.hidden * 3)
    traces(os.path.join(out, "train.jsonl"), args.steps * args.batch)
    job = {"family": "gpu-check", "size": "tiny", "method": "sft", "seed": 1, "sizeConfig": {"model": model},
           "trainFile": os.path.join(out, "train.jsonl"), "outputDir": os.path.join(out, "run"),
           "hyper": {"epochs": 1, "max_steps": args.steps, "batch_size": args.batch, "micro_batch_size": args.batch,
                     "lr": 1e-3, "warmup": 0.05, "max_len": 512, "checkpoint_every": max(1, args.steps // 2),
                     "precision": "fp32" if args.cpu else "bf16"}}
    job_file = os.path.join(out, "job.json")
    with open(job_file, "w", encoding="utf-8") as f:
        json.dump(job, f)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([PACKAGE, COMMON]), "HF_HUB_OFFLINE": "1", "PYTHONUNBUFFERED": "1"}
    proc = subprocess.run([sys.executable, "-m", "distill_hf", job_file], env=env, capture_output=True, text=True)
    events = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
    done = next((e for e in events if e["event"] == "done"), None)
    if proc.returncode != 0 or done is None:
        sys.stderr.write(proc.stderr[-3000:])
        print(f"gpu-check: training failed: {events[-1] if events else 'no events'}")
        return 1
    steps = [e for e in events if e["event"] == "step"]
    m = done["metrics"]
    uses_trl = importlib.util.find_spec("trl") is not None and os.environ.get("DISTILL_HF_NO_TRL") != "1"
    device = "CPU (dry run)" if args.cpu else torch.cuda.get_device_name(0)
    print(f"device        {device}  torch {torch.__version__}  "
          f"trl {'yes' if uses_trl else 'no (transformers Trainer)'}")
    print(f"model         Qwen2 hidden {args.hidden} x {args.layers} layers, {m['params']:,} params, {job['hyper']['precision']}")
    print(f"steps         {m['steps']} of {args.batch} sequences, loss {steps[0]['loss']:.3f} -> {m['final_loss']:.3f}")
    print(f"tokens/s      {m['tokens_per_s']:,.0f}")
    print(f"MFU           {100 * m['mfu']:.1f}% of a measured {m['peak_gflops'] / 1000:.2f} TFLOP/s matmul peak in that dtype")
    print(f"peak memory   {max(e.get('memory_mb', 0) for e in steps):,.0f} MiB "
          f"({'peak RSS' if args.cpu else 'torch.cuda.max_memory_allocated'})")
    print(f"wall          {time.perf_counter() - t0:.0f} s (outputs in {out})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
