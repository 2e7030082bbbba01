"""JSON-lines events on stdout (the TrainEvent protocol); human-readable logs go to stderr."""
import json
import math
import os
import sys


def _clean(value):
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    return value


class Events:
    """The event writer of one package: its log prefix, and whether only rank 0 of a multi-process run reports."""

    def __init__(self, prefix, rank_zero_only=False):
        self.prefix = prefix
        self.rank_zero_only = rank_zero_only
        self._out = None

    def emit(self, event, **fields):
        """Writes one event line to stdout (the real one, once prints are redirected) and flushes it."""
        if self.rank_zero_only and int(os.environ.get("RANK") or 0) != 0:
            return
        out = self._out or sys.stdout
        out.write(json.dumps(_clean({"event": event, **fields}), separators=(",", ":")) + "\n")
        out.flush()

    def quiet_stdout(self):
        """Sends library prints to stderr so stdout carries events only."""
        if self._out is None:
            self._out = sys.stdout
        sys.stdout = sys.stderr

    def log(self, message):
        """A human-readable log line on stderr, after the package's prefix."""
        sys.stderr.write(f"[{self.prefix}] {message}\n")
        sys.stderr.flush()
