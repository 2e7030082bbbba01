"""Atomic training checkpoints: model, optimizer, scheduler and RNG states plus the step reached."""
import os
import random

import torch

STATE_FILE = "state.pt"


def checkpoint_dir(output_dir):
    """The checkpoint directory inside a job's output directory."""
    return os.path.join(output_dir, "checkpoint")


def atomic_save(obj, path):
    """torch.save to a temporary file in the same directory, fsync, then os.replace."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = f"{path}.{os.getpid()}.tmp"
    with open(tmp, "wb") as f:
        torch.save(obj, f)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def save_checkpoint(output_dir, step, model, optimizer, scheduler, losses, fingerprint):
    """Saves everything needed to continue at `step` exactly as an uninterrupted run would."""
    atomic_save(
        {
            "step": step,
            "model": model.state_dict(),
            "optimizer": optimizer.state_dict(),
            "scheduler": scheduler.state_dict(),
            "torch_rng": torch.get_rng_state(),
            "python_rng": random.getstate(),
            "losses": list(losses),
            "fingerprint": fingerprint,
        },
        os.path.join(checkpoint_dir(output_dir), STATE_FILE),
    )


def load_checkpoint(output_dir, fingerprint):
    """The saved state when one exists for the same job fingerprint, else None."""
    path = os.path.join(checkpoint_dir(output_dir), STATE_FILE)
    if not os.path.exists(path):
        return None
    state = torch.load(path, map_location="cpu")
    if state.get("fingerprint") != fingerprint:
        return None
    return state


def restore_rng(state):
    """Restores the RNG states saved in a checkpoint."""
    torch.set_rng_state(state["torch_rng"])
    random.setstate(state["python_rng"])
