"""out/rewards.jsonl: every GRPO completion with its reward, kept consistent with the checkpoint a run resumes from."""
import json
import os

REWARDS_FILE = "rewards.jsonl"


def _rows(path):
    rows = []
    try:
        with open(path, encoding="utf-8") as f:
            for line in f:
                try:
                    rows.append(json.loads(line))
                except ValueError:
                    pass  # a line cut by a kill mid-write
    except FileNotFoundError:
        pass
    return rows


class RewardLog:
    """Appends one line per completion: {"step","id","completion","reward"} and whatever else the trainer logs."""

    def __init__(self, output_dir):
        self.path = os.path.join(output_dir, REWARDS_FILE)

    def keep_until(self, step):
        """Drops lines of steps after `step` (a resumed run redoes them, a killed one may have left half a step)."""
        kept = [r for r in _rows(self.path) if r.get("step", 0) <= step]
        tmp = f"{self.path}.{os.getpid()}.tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            f.writelines(json.dumps(r) + "\n" for r in kept)
        os.replace(tmp, self.path)

    def append(self, rows):
        """Appends rows in one write (O_APPEND keeps the processes of a multi-GPU run from interleaving lines)."""
        if rows:
            data = "".join(json.dumps(r) + "\n" for r in rows).encode()
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            try:
                while data:
                    data = data[os.write(fd, data):]
            finally:
                os.close(fd)

    def curve(self):
        """[{"step","mean","std"}] per step over every logged completion (std over the step's completions)."""
        by_step = {}
        for r in _rows(self.path):
            by_step.setdefault(r["step"], []).append(float(r["reward"]))
        out = []
        for step in sorted(by_step):
            values = by_step[step]
            mean = sum(values) / len(values)
            std = (sum((v - mean) ** 2 for v in values) / len(values)) ** 0.5
            out.append({"step": step, "mean": round(mean, 5), "std": round(std, 5)})
        return out
