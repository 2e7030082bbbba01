"""GRPO rewards: verdicts of a long-lived `distill judge` (the spec's own judge) plus regex format rewards.

A copy of distill_torch/rewards.py (the two packages are separate on PYTHONPATH) with batched verdicts.
"""
import json
import re
import subprocess
import threading


class JudgeProcess:
    """A `distill judge` child speaking JSON lines: one {"pred","ref",...} line in, one verdict line out, in order."""

    def __init__(self, command, args):
        self.proc = subprocess.Popen([command, *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)

    def verdicts(self, items):
        """The verdict lines ({"verdict": "correct" | "incorrect" | "unparseable" | null, ...}) of `items`, in order.

        The lines are written from a thread while the answers are read, so a large batch cannot fill both pipes.
        """
        def write():
            try:
                for item in items:
                    self.proc.stdin.write(json.dumps(item) + "\n")
                self.proc.stdin.flush()
            except BrokenPipeError:
                pass

        writer = threading.Thread(target=write, daemon=True)
        writer.start()
        out = []
        for _ in items:
            line = self.proc.stdout.readline()
            if not line:
                raise RuntimeError(f"the reward judge exited (code {self.proc.poll()})")
            out.append(json.loads(line))
        writer.join()
        return out

    def close(self):
        """Closes stdin so the judge ends, and waits for it."""
        if self.proc.stdin:
            try:
                self.proc.stdin.close()
            except BrokenPipeError:
                pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def format_reward(text, rewards):
    """Sum of the weights of the format rewards whose regex (dot matching newlines) finds a match in `text`."""
    return sum(r["weight"] for r in rewards if re.search(r["regex"], text, re.DOTALL))


def reward_of(verdict, text, rewards):
    """1 for a correct answer, 0 otherwise, plus the format rewards."""
    return (1.0 if verdict == "correct" else 0.0) + format_reward(text, rewards)
