"""Shared pieces of the preference and RL stages: the parent model, sequence log-probabilities, and the stage loop."""
import hashlib
import json
import os
import time

import torch
import torch.nn.functional as F

from .checkpoint import resume_from, save_checkpoint
from .events import emit, log
from .flops import measure_peak_gflops
from .job import JobError
from .model import TinyLM
from .tokenizer import BOS, EOS, PAD, VOCAB_SIZE, encode

STEP_EVENT_SECONDS = 1.0


def load_parent(job):
    """The finished model in baseDir/model.pt: LoRA's frozen base, or a stage's parent (policy start and reference)."""
    base_file = os.path.join(job.get("baseDir") or "", "model.pt")
    if not os.path.exists(base_file):
        raise JobError(f"baseDir has no model.pt: {job.get('baseDir')}")
    saved = torch.load(base_file, map_location="cpu")
    model = TinyLM(saved["dims"], VOCAB_SIZE)
    model.load_state_dict(saved["state"])
    return model


def frozen_copy(model):
    """A copy of `model` with gradients off, in eval mode."""
    ref = TinyLM(model.dims, VOCAB_SIZE)
    ref.load_state_dict(model.state_dict())
    ref.eval()
    for p in ref.parameters():
        p.requires_grad_(False)
    return ref


def encode_pair(prompt, completion, max_len):
    """(tokens, n_prompt) of BOS prompt completion EOS, cut to max_len + 1 tokens."""
    head = [BOS] + encode(prompt)
    return (head + encode(completion) + [EOS])[: max_len + 1], len(head)


def token_logps(model, seqs, temperature):
    """Per-token log-probabilities [B, T] of the completion tokens of (tokens, n_prompt) sequences, and their mask.

    Logits are divided by the sampling temperature, so the log-probabilities are those of the policy that sampled.
    """
    width = max(len(t) for t, _ in seqs) - 1
    inputs = torch.full((len(seqs), width), PAD, dtype=torch.long)
    mask = torch.zeros((len(seqs), width), dtype=torch.bool)
    targets = torch.zeros((len(seqs), width), dtype=torch.long)
    for row, (tokens, n_prompt) in enumerate(seqs):
        n = len(tokens) - 1
        inputs[row, :n] = torch.tensor(tokens[:-1])
        targets[row, :n] = torch.tensor(tokens[1:])
        mask[row, n_prompt - 1 : n] = True
    logits = model(inputs).float()
    if temperature > 0:
        logits = logits / temperature
    logps = torch.gather(F.log_softmax(logits, dim=-1), 2, targets.unsqueeze(-1)).squeeze(-1)
    return logps * mask, mask


def sequence_logps(model, seqs):
    """Sum of completion-token log-probabilities [B] for (tokens, n_prompt) sequences, and their token counts."""
    logps, mask = token_logps(model, seqs, 0)
    return logps.sum(dim=1), mask.sum(dim=1)


def stage_fingerprint(job, data_key):
    """What a stage checkpoint was made for: its data file's bytes, the parent's weights and the hyper-parameters."""
    digest = hashlib.sha256()
    for path in (job[data_key], os.path.join(job["baseDir"], "model.pt")):
        with open(path, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                digest.update(chunk)
    digest.update(json.dumps({k: job.get(k) for k in ("method", "hyper", "seed")}, sort_keys=True).encode())
    return digest.hexdigest()


def run_stage(job, model, optimizer, scheduler, total, job_print, step_fn, params):
    """The shared loop: resume from a checkpoint, call step_fn(step) -> (loss, extra fields), emit events, checkpoint.

    Returns (losses, extras per step, seconds, start step).
    """
    output_dir = job["outputDir"]
    hyper = job["hyper"]
    start, losses, extras = 0, [], []
    state = resume_from(output_dir, job_print, model, optimizer, scheduler)
    if state is not None:
        start, losses = state["step"], list(state["losses"])
        extras = [dict(e) for e in state.get("extras", [])]
    peak = measure_peak_gflops()
    emit("start", total_steps=total, params=params, resumed_from_step=start, peak_gflops=round(peak, 2), pid=os.getpid())
    model.train()
    t0 = last_event = time.perf_counter()
    for step in range(start, total):
        loss, extra = step_fn(step)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_([p for p in model.parameters() if p.requires_grad], hyper["grad_clip"])
        optimizer.step()
        scheduler.step()
        losses.append(loss.item())
        extras.append(extra)
        now = time.perf_counter()
        done_steps = step + 1
        if now - last_event >= STEP_EVENT_SECONDS or done_steps == total or step == start:
            elapsed = now - t0
            emit("step", step=done_steps, total_steps=total, loss=round(losses[-1], 5), lr=scheduler.get_last_lr()[0],
                 tokens_per_s=0.0, eta_s=round(elapsed / (done_steps - start) * (total - done_steps), 1), mfu=0.0, **extra)
            last_event = now
        if done_steps % hyper["checkpoint_every"] == 0 and done_steps < total:
            save_checkpoint(output_dir, done_steps, model, optimizer, scheduler, losses, job_print, extras=extras)
            emit("checkpoint", step=done_steps)
    seconds = time.perf_counter() - t0
    if start < total:
        save_checkpoint(output_dir, total, model, optimizer, scheduler, losses, job_print, extras=extras)
        emit("checkpoint", step=total)
    return losses, extras, seconds, start
