"""Reads a TrainJob JSON file for a Hugging Face student and resolves hyper-parameter defaults per method."""
import os

from distill_common.job import JobError, check_positive, merge_hyper, read_job

from .stage_job import STAGE_DEFAULTS, STAGE_METHOD_DEFAULTS, check_stage

DEFAULTS = {
    "epochs": 2,
    "lr": 1e-5,
    "batch_size": 8,  # the global batch: micro_batch_size x GPUs x gradient accumulation
    "micro_batch_size": 1,
    "max_len": 2048,  # cutoff length in tokens (prompt + completion)
    "warmup": 0.05,  # a fraction of the run when < 1, else steps
    "weight_decay": 0.0,
    "min_lr_ratio": 0.0,  # cosine decays to lr x this
    "grad_clip": 1.0,
    "packing": False,
    "chat_template": True,
    "lora_rank": 16,
    "lora_alpha": 32,
    "lora_dropout": 0.05,
    "lora_targets": "all-linear",
    "gradient_checkpointing": False,
    "precision": "auto",
    "checkpoint_every": 200,
    "keep_checkpoints": 2,
    "max_steps": None,
    **STAGE_DEFAULTS,
}
METHOD_DEFAULTS = {"sft": {}, "lora": {"lr": 1e-4}, **STAGE_METHOD_DEFAULTS}
METHODS = tuple(METHOD_DEFAULTS)
POSITIVE_INTS = ("batch_size", "micro_batch_size", "max_len", "lora_rank", "checkpoint_every", "keep_checkpoints")
POSITIVE_NUMBERS = ("epochs", "lr", "lora_alpha")


def load_job(path):
    """The parsed job with `hyper` completed by defaults and `model` / `revision` from the job or its sizeConfig."""
    job = read_job(path, METHODS)
    hyper = merge_hyper(job, DEFAULTS, METHOD_DEFAULTS)
    check_positive(hyper, POSITIVE_INTS, POSITIVE_NUMBERS)
    if not 0 <= hyper["lora_dropout"] < 1:
        raise JobError("hyper.lora_dropout must be in [0, 1)")
    if hyper["precision"] not in ("auto", "bf16", "fp16", "fp32"):
        raise JobError("hyper.precision must be auto, bf16, fp16 or fp32")
    check_stage(job, hyper, JobError)
    job["hyper"] = hyper
    size_config = job.get("sizeConfig") or {}
    job["model"] = job.get("model") or os.environ.get("DISTILL_HF_MODEL") or size_config.get("model")
    job["revision"] = job.get("revision") or size_config.get("revision") or os.environ.get("DISTILL_HF_REVISION")
    if not job["model"]:
        raise JobError(f"no model for {job['family']} {job['size']}: the job names neither `model` nor sizeConfig.model (the hf plugin sets DISTILL_HF_MODEL)")
    return job


def accumulation(hyper):
    """Gradient accumulation steps that reach the global batch with this many processes (WORLD_SIZE)."""
    world = int(os.environ.get("WORLD_SIZE") or 1)
    per_step = hyper["micro_batch_size"] * world
    if hyper["batch_size"] % per_step:
        raise JobError(
            f"hyper.batch_size {hyper['batch_size']} is not a multiple of micro_batch_size x processes "
            f"({hyper['micro_batch_size']} x {world}); the global batch must be reached exactly"
        )
    return hyper["batch_size"] // per_step
