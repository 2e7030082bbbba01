"""distill_common: what the trainers' Python packages share (orphan watch, events, job files, JSONL input, reward judge and log, entry guard)."""

__version__ = "1.0.0"
