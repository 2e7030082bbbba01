"""The training loop: builds the model for the job, trains with AdamW + warm-up/cosine, checkpoints, resumes, exports."""
import hashlib
import json
import math
import os
import time

import torch
import torch.nn.functional as F

from .checkpoint import checkpoint_dir, resume_from, save_checkpoint
from .data import IGNORE, batches_per_epoch, collate, epoch_batches, load_examples
from .events import emit, log
from .export import write_outputs
from .flops import measure_peak_gflops, step_flops
from .job import JobError, load_job, total_steps, warmup_steps
from .lora import add_lora, merge_lora
from .model import TinyLM, count_params
from .sizes import resolve_dims
from .tokenizer import PAD, VOCAB_SIZE
from . import dpo, grpo
from .preference import load_parent

STAGES = {"dpo": dpo.run, "grpo": grpo.run}

STEP_EVENT_SECONDS = 1.0


def build_model(job):
    """A freshly initialised model (sft) or the frozen base from baseDir with adapters (lora)."""
    hyper = job["hyper"]
    torch.manual_seed(job["seed"])
    if job["method"] == "lora":
        return add_lora(load_parent(job), hyper["lora_rank"], hyper["lora_alpha"], job["seed"])
    return TinyLM(resolve_dims(job["family"], job["size"], job.get("sizeConfig")), VOCAB_SIZE)


def make_optimizer(model, hyper, total):
    """AdamW (weight decay on matrices only) and a linear warm-up then cosine decay to min_lr_ratio."""
    params = [p for p in model.parameters() if p.requires_grad]
    groups = [
        {"params": [p for p in params if p.dim() >= 2], "weight_decay": hyper["weight_decay"]},
        {"params": [p for p in params if p.dim() < 2], "weight_decay": 0.0},
    ]
    optimizer = torch.optim.AdamW(groups, lr=hyper["lr"], betas=(0.9, 0.95), foreach=True)
    warm = warmup_steps(hyper, total)
    floor = hyper["min_lr_ratio"]

    def factor(step):
        if step < warm:
            return (step + 1) / warm
        progress = (step - warm) / max(1, total - warm)
        return floor + (1 - floor) * 0.5 * (1 + math.cos(math.pi * min(1.0, progress)))

    return optimizer, torch.optim.lr_scheduler.LambdaLR(optimizer, factor)


def fingerprint(job):
    """Identifies what a checkpoint was made for: the job minus its output directory, plus the data bytes."""
    digest = hashlib.sha256()
    with open(job["trainFile"], "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    keys = ("family", "size", "sizeConfig", "method", "hyper", "seed", "baseDir")
    digest.update(json.dumps({k: job.get(k) for k in keys}, sort_keys=True).encode())
    return digest.hexdigest()


def final_loss(losses, total):
    """Mean loss over the last tenth of the run (1 to 50 steps)."""
    window = max(1, min(50, total // 10))
    tail = losses[-window:]
    return sum(tail) / len(tail) if tail else float("nan")


def run(job_path):
    """Runs one job file to completion, emitting TrainEvents."""
    job = load_job(job_path)
    hyper = job["hyper"]
    torch.set_num_threads(int(os.environ.get("DISTILL_THREADS") or os.cpu_count() or 1))
    output_dir = job["outputDir"]
    os.makedirs(output_dir, exist_ok=True)
    if job["method"] in STAGES:
        STAGES[job["method"]](job, make_optimizer)
        return
    model = build_model(job)
    max_len = hyper["max_len"] or model.dims["max_len"]
    examples = load_examples(job["trainFile"], max_len)
    if not examples:
        raise JobError(f"no usable training examples in {job['trainFile']}")
    per_epoch = batches_per_epoch(len(examples), hyper["batch_size"])
    total = total_steps(hyper, per_epoch)
    params, trainable = count_params(model), count_params(model, trainable_only=True)
    optimizer, scheduler = make_optimizer(model, hyper, total)
    job_print = fingerprint(job)
    start, losses = 0, []
    state = resume_from(output_dir, job_print, model, optimizer, scheduler)
    if state is not None:
        start, losses = state["step"], list(state["losses"])
    peak = measure_peak_gflops()
    emit("start", total_steps=total, params=params, resumed_from_step=start, peak_gflops=round(peak, 2),
         pid=os.getpid())

    model.train()
    tokens = flops = 0
    t0 = last_event = time.perf_counter()
    epoch_cache = {}
    for step in range(start, total):
        epoch, index = divmod(step, per_epoch)
        if epoch not in epoch_cache:
            epoch_cache = {epoch: epoch_batches(examples, hyper["batch_size"], job["seed"], epoch)}
        inputs, targets = collate(examples, epoch_cache[epoch][index])
        selected = targets != IGNORE
        hidden = model(inputs, hidden_only=True)[selected]
        loss = F.cross_entropy(model.logits(hidden), targets[selected])
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_([p for p in model.parameters() if p.requires_grad], hyper["grad_clip"])
        optimizer.step()
        scheduler.step()
        losses.append(loss.item())
        real = int((inputs != PAD).sum())
        tokens += real
        flops += step_flops(params, trainable, model.dims, VOCAB_SIZE, inputs.shape[1], real, hidden.shape[0],
                            model.emb.weight.requires_grad)
        now = time.perf_counter()
        done_steps = step + 1
        if now - last_event >= STEP_EVENT_SECONDS or done_steps == total or step == start:
            elapsed = now - t0
            emit("step", step=done_steps, total_steps=total, loss=round(losses[-1], 5),
                 lr=scheduler.get_last_lr()[0], tokens_per_s=round(tokens / elapsed, 1),
                 eta_s=round(elapsed / (done_steps - start) * (total - done_steps), 1),
                 mfu=round(flops / elapsed / 1e9 / peak, 4))
            last_event = now
        if done_steps % hyper["checkpoint_every"] == 0 and done_steps < total:
            save_checkpoint(output_dir, done_steps, model, optimizer, scheduler, losses, job_print)
            emit("checkpoint", step=done_steps)
    train_seconds = time.perf_counter() - t0
    if start < total:
        save_checkpoint(output_dir, total, model, optimizer, scheduler, losses, job_print)
        emit("checkpoint", step=total)

    if job["method"] == "lora":
        merge_lora(model)
    onnx_path = write_outputs(model, output_dir, job, count_params(model))
    rate = tokens / train_seconds if train_seconds > 0 else 0.0
    emit("done", onnx=onnx_path, checkpoint=checkpoint_dir(output_dir), metrics={
        "final_loss": final_loss(losses, total),
        "params": params,
        "trainable_params": trainable,
        "tokens_per_s": round(rate, 1),
        "mfu": round(flops / train_seconds / 1e9 / peak, 4) if train_seconds > 0 else 0.0,
        "train_seconds": round(train_seconds, 3),
        "peak_gflops": round(peak, 2),
        "steps": total,
        "resumed_from_step": start,
    })
