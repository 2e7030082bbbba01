"""Reads a TrainJob JSON file and resolves hyper-parameter defaults per method."""
import json
import math

DEFAULTS = {
    "epochs": 3,
    "lr": 3e-3,
    "batch_size": 16,
    "warmup": 0.05,
    "weight_decay": 0.01,
    "max_len": None,
    "lora_rank": 8,
    "lora_alpha": 16,
    "grad_clip": 1.0,
    "min_lr_ratio": 0.1,
    "checkpoint_every": 200,
    "max_steps": None,
    "beta": 0.1,
    "loss": "sigmoid",
    "group_size": 4,
    "kl_beta": 0.04,
    "max_completion_tokens": 128,
    "temperature": 1.0,
    "rewards": [],
}
METHOD_DEFAULTS = {
    "sft": {},
    "lora": {"lr": 1e-3, "weight_decay": 0.0},
    "dpo": {"lr": 1e-4, "epochs": 1, "weight_decay": 0.0},
    "grpo": {"lr": 1e-4, "epochs": 1, "weight_decay": 0.0},
}
METHODS = tuple(METHOD_DEFAULTS)


class JobError(ValueError):
    """An invalid job file."""


def load_job(path):
    """The parsed job with `hyper` completed by defaults."""
    with open(path, encoding="utf-8") as f:
        job = json.load(f)
    for key in ("family", "size", "method", "seed", "trainFile", "outputDir"):
        if key not in job:
            raise JobError(f"job file lacks {key!r}")
    if job["method"] not in METHODS:
        raise JobError(f"method {job['method']!r} is not supported (supported: {', '.join(METHODS)})")
    if job["method"] in ("lora", "dpo", "grpo") and not job.get("baseDir"):
        raise JobError(f"method {job['method']!r} needs baseDir (a finished training output directory)")
    if job["method"] == "dpo" and not job.get("pairsFile"):
        raise JobError("method 'dpo' needs pairsFile")
    if job["method"] == "grpo" and (not job.get("promptsFile") or not job.get("judge")):
        raise JobError("method 'grpo' needs promptsFile and judge")
    hyper = {**DEFAULTS, **METHOD_DEFAULTS[job["method"]]}
    for key, value in (job.get("hyper") or {}).items():
        if key not in DEFAULTS:
            raise JobError(f"unknown hyper-parameter {key!r} (known: {', '.join(DEFAULTS)})")
        hyper[key] = value
    if hyper["loss"] not in ("sigmoid", "ipo"):
        raise JobError("hyper.loss must be 'sigmoid' or 'ipo'")
    for key in ("batch_size", "lora_rank", "checkpoint_every", "group_size", "max_completion_tokens"):
        if not isinstance(hyper[key], int) or isinstance(hyper[key], bool) or hyper[key] <= 0:
            raise JobError(f"hyper.{key} must be a positive integer")
    for key in ("epochs", "lr", "lora_alpha", "beta"):
        if not isinstance(hyper[key], (int, float)) or hyper[key] <= 0:
            raise JobError(f"hyper.{key} must be a positive number")
    job["hyper"] = hyper
    return job


def total_steps(hyper, per_epoch):
    """Optimizer steps of the run: epochs (possibly fractional) times batches per epoch, capped by max_steps."""
    total = max(1, math.ceil(hyper["epochs"] * per_epoch))
    return min(total, int(hyper["max_steps"])) if hyper["max_steps"] else total


def warmup_steps(hyper, total_steps):
    """Warm-up length: a fraction of the run when < 1, else a step count."""
    w = hyper["warmup"]
    return int(round(w * total_steps)) if w < 1 else int(w)
