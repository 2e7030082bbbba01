"""Verified training checkpoints: model, optimizer, scheduler and RNG states plus the step reached, each with a sha256."""
import hashlib
import io
import os
import random
import re

import torch

from .events import emit, log

KEEP = 2
"""Checkpoints kept: the newest and the one before it, to fall back to when the newest fails its check."""

_NAME = re.compile(r"^state-(\d{8})\.pt$")
LEGACY_FILE = "state.pt"


def checkpoint_dir(output_dir):
    """The checkpoint directory inside a job's output directory."""
    return os.path.join(output_dir, "checkpoint")


def _write_atomic(data, path):
    """Writes bytes to a temporary file in the same directory, fsyncs, then os.replace."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = f"{path}.{os.getpid()}.tmp"
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def atomic_save(obj, path):
    """torch.save to bytes, written atomically, then its sha256 in `<path>.sha256` (written last)."""
    buffer = io.BytesIO()
    torch.save(obj, buffer)
    data = buffer.getvalue()
    _write_atomic(data, path)
    _write_atomic((hashlib.sha256(data).hexdigest() + "\n").encode(), path + ".sha256")


def _checkpoints(directory):
    """(step, path) of the checkpoints in `directory`, newest first."""
    if not os.path.isdir(directory):
        return []
    found = [(int(m.group(1)), os.path.join(directory, name)) for name in os.listdir(directory) if (m := _NAME.match(name))]
    return sorted(found, reverse=True)


def save_checkpoint(output_dir, step, model, optimizer, scheduler, losses, fingerprint, extras=None):
    """Saves everything needed to continue at `step` exactly as an uninterrupted run would; keeps the last KEEP.

    `extras` holds per-step records a stage keeps besides its losses (e.g. GRPO's rewards).
    """
    directory = checkpoint_dir(output_dir)
    atomic_save(
        {
            "step": step,
            "model": model.state_dict(),
            "optimizer": optimizer.state_dict(),
            "scheduler": scheduler.state_dict(),
            "torch_rng": torch.get_rng_state(),
            "python_rng": random.getstate(),
            "losses": list(losses),
            "extras": list(extras or []),
            "fingerprint": fingerprint,
        },
        os.path.join(directory, f"state-{step:08d}.pt"),
    )
    for _, old in _checkpoints(directory)[KEEP:]:
        for path in (old, old + ".sha256"):
            if os.path.exists(path):
                os.remove(path)
    legacy = os.path.join(directory, LEGACY_FILE)
    if os.path.exists(legacy):
        os.remove(legacy)


def _problem(path):
    """Why the checkpoint at `path` cannot be trusted, or None when its bytes match the recorded sha256."""
    try:
        with open(path + ".sha256", encoding="utf-8") as f:
            expected = f.read().strip()
    except OSError:
        return "no checksum (its save was interrupted)"
    with open(path, "rb") as f:
        actual = hashlib.sha256(f.read()).hexdigest()
    return None if actual == expected else "checksum mismatch (the file changed after it was written)"


def _reject(path, reason, fallback):
    emit("checkpoint-rejected", path=path, reason=reason, fallback=fallback)
    log(f"not resuming from {path}: {reason}; {fallback}")


def load_checkpoint(output_dir, fingerprint):
    """
    The newest saved state that passes its checksum and was made for the same job fingerprint, else None.
    A checkpoint failing its check is never used: a `checkpoint-rejected` event names it and says whether an
    older checkpoint or a fresh start follows. A checkpoint of an older format (no checksum) is not trusted.
    """
    directory = checkpoint_dir(output_dir)
    candidates = _checkpoints(directory)
    legacy = os.path.join(directory, LEGACY_FILE)
    if os.path.exists(legacy):
        _reject(legacy, "written without a checksum (older format)",
                "trying an older checkpoint" if candidates else "starting over")
    for i, (_, path) in enumerate(candidates):
        fallback = "trying an older checkpoint" if i + 1 < len(candidates) else "starting over"
        problem = _problem(path)
        if problem is not None:
            _reject(path, problem, fallback)
            continue
        state = torch.load(path, map_location="cpu")
        if state.get("fingerprint") != fingerprint:
            return None
        return state
    return None


def resume_from(output_dir, fingerprint, model, optimizer, scheduler):
    """The newest usable checkpoint restored into the model, optimizer, scheduler and RNGs; None when there is none."""
    state = load_checkpoint(output_dir, fingerprint)
    if state is None:
        return None
    model.load_state_dict(state["model"])
    optimizer.load_state_dict(state["optimizer"])
    scheduler.load_state_dict(state["scheduler"])
    torch.set_rng_state(state["torch_rng"])
    random.setstate(state["python_rng"])
    log(f"resuming from step {state['step']}")
    return state
