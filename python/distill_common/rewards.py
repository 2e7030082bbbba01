"""GRPO rewards: verdicts of a long-lived `distill judge` child (the spec's own judge) plus regex format rewards."""
import json
import os
import re
import subprocess
import threading

from .job import JobError


class JudgeFailed(RuntimeError):
    """The reward judge gave no verdict (it exited, its model call failed for good, or the run's budget stopped it)."""


class JudgeProcess:
    """A `distill judge` child speaking JSON lines: one {"pred","ref",...} line in, one verdict line out, in order.

    It inherits this process's environment; `env` names the variables (credentials) it needs, checked here so that a
    missing key fails before any training step, by name and never by value.
    """

    def __init__(self, command, args, env=()):
        missing = [name for name in env if not os.environ.get(name)]
        if missing:
            raise JobError(f"the reward judge needs {', '.join(missing)}, which the trainer's environment lacks")
        self.proc = subprocess.Popen([command, *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)

    def _answer(self):
        line = self.proc.stdout.readline()
        if not line:
            try:
                code = self.proc.wait(timeout=1)
            except subprocess.TimeoutExpired:
                code = None
            raise JudgeFailed(f"the reward judge exited (code {code})")
        return line

    def verdict(self, item):
        """The verdict label ("correct", "incorrect", "unparseable") of one prediction; JudgeFailed when there is none."""
        self.proc.stdin.write(json.dumps(item) + "\n")
        self.proc.stdin.flush()
        line = self._answer()
        graded = json.loads(line)
        if graded.get("verdict") is None:
            error = graded.get("error") or {}
            raise JudgeFailed(f"reward judge: {error.get('reason', 'no verdict')}: {error.get('message', line.strip())}")
        return graded["verdict"]

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
        out = [json.loads(self._answer()) for _ in items]
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
