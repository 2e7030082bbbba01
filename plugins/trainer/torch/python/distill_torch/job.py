"""Reads a TrainJob JSON file and resolves hyper-parameter defaults per method."""
import math

from distill_common.job import JobError, check_positive, merge_hyper, read_job

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
POSITIVE_INTS = ("batch_size", "lora_rank", "checkpoint_every", "group_size", "max_completion_tokens")
POSITIVE_NUMBERS = ("epochs", "lr", "lora_alpha", "beta")


def load_job(path):
    """The parsed job with `hyper` completed by defaults."""
    job = read_job(path, METHODS)
    if job["method"] in ("lora", "dpo", "grpo") and not job.get("baseDir"):
        raise JobError(f"method {job['method']!r} needs baseDir (a finished training output directory)")
    if job["method"] == "dpo" and not job.get("pairsFile"):
        raise JobError("method 'dpo' needs pairsFile")
    if job["method"] == "grpo" and (not job.get("promptsFile") or not job.get("judge")):
        raise JobError("method 'grpo' needs promptsFile and judge")
    hyper = merge_hyper(job, DEFAULTS, METHOD_DEFAULTS)
    if hyper["loss"] not in ("sigmoid", "ipo"):
        raise JobError("hyper.loss must be 'sigmoid' or 'ipo'")
    check_positive(hyper, POSITIVE_INTS, POSITIVE_NUMBERS)
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
