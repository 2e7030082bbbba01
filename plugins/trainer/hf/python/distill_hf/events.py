"""JSON-lines events on stdout (the TrainEvent protocol shared with distill_torch); logs go to stderr."""
import json
import math
import os
import sys

_OUT = sys.stdout


def _clean(value):
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    return value


def emit(event, **fields):
    """Writes one event line to the real stdout and flushes it; only rank 0 of a multi-process run reports."""
    if int(os.environ.get("RANK") or 0) != 0:
        return
    _OUT.write(json.dumps(_clean({"event": event, **fields}), separators=(",", ":")) + "\n")
    _OUT.flush()


def quiet_stdout():
    """Sends library prints to stderr so stdout carries events only."""
    sys.stdout = sys.stderr


def log(message):
    """A human-readable log line on stderr."""
    sys.stderr.write(f"[distill_hf] {message}\n")
    sys.stderr.flush()
