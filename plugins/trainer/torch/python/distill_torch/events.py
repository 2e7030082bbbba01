"""JSON-lines events on stdout (the TrainEvent protocol); logs go to stderr."""
import json
import math
import sys


def _clean(value):
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    return value


def emit(event, **fields):
    """Writes one event line to stdout and flushes it."""
    sys.stdout.write(json.dumps(_clean({"event": event, **fields}), separators=(",", ":")) + "\n")
    sys.stdout.flush()


def log(message):
    """A human-readable log line on stderr."""
    sys.stderr.write(f"[distill_torch] {message}\n")
    sys.stderr.flush()
