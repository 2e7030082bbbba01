"""Checkpoints as Trainer's checkpoint-N directories that count only once a marker is written after the save."""
import json
import os
import re
import shutil

MARKER = "distill-complete.json"
PATTERN = re.compile(r"^checkpoint-(\d+)$")


def checkpoints_dir(output_dir):
    """Where Trainer writes checkpoint-N directories inside a job's output directory."""
    return os.path.join(output_dir, "checkpoint")


def mark_complete(path, step, fingerprint):
    """Atomically writes the marker that makes checkpoint `path` resumable (called after Trainer saved it)."""
    tmp = os.path.join(path, f".{MARKER}.{os.getpid()}.tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump({"step": step, "fingerprint": fingerprint}, f)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, os.path.join(path, MARKER))


def _marker(path):
    try:
        with open(os.path.join(path, MARKER), encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def latest_complete(output_dir, fingerprint):
    """(path, step) of the newest marked checkpoint made for `fingerprint`, or None; removes unmarked or foreign ones."""
    root = checkpoints_dir(output_dir)
    if not os.path.isdir(root):
        return None
    found = []
    for name in os.listdir(root):
        m = PATTERN.match(name)
        if not m:
            continue
        path = os.path.join(root, name)
        marker = _marker(path)
        if marker is None or marker.get("fingerprint") != fingerprint:
            shutil.rmtree(path, ignore_errors=True)  # half-written (killed mid-save) or made for another job
            continue
        found.append((int(m.group(1)), path))
    if not found:
        return None
    step, path = max(found)
    return path, step
