"""distill_common: what the trainers' Python packages share (orphan watch, events, job files, reward judge, entry guard)."""

__version__ = "1.0.0"
