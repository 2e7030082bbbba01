"""JSON-lines input files (training rows, pairs, prompts): one object per non-blank line."""
import json


def iter_rows(path):
    """The objects of a JSONL file in order, blank lines skipped, read one line at a time."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)
