"""Dispatch of the stages after SFT (dpo, grpo): their trainers, their parent, and what their checkpoints are made for."""
import hashlib
import json
import os

STAGES = ("dpo", "grpo")


def build_stage(job, model, tokenizer, chat, peft_config, output_dir, accumulation, dtype, device):
    """The DpoStage or GrpoStage of the job: .trainer, .counter, step_fields, before, metrics, close."""
    if job["method"] == "dpo":
        from .dpo import DpoStage as Stage
    else:
        from .grpo import GrpoStage as Stage
    return Stage(job, model, tokenizer, chat, peft_config, output_dir, accumulation, dtype, device, [])


def _parent_manifest(job):
    try:
        with open(os.path.join(job["baseDir"], "student.json"), encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        return {}


def parent_is_lora(job):
    """Whether the parent stage trained a LoRA adapter (its student.json names one)."""
    return bool(_parent_manifest(job).get("adapter"))


def _file_digest(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _judge_identity(judge):
    """The judge plugin and config of a `distill judge` command line (not the paths of node or the CLI)."""
    args = list((judge or {}).get("args") or [])
    return {flag: args[i + 1] for i, flag in enumerate(args[:-1]) if flag in ("--use", "--config")}


def stage_fingerprint(job):
    """What a stage checkpoint also depends on: the pairs or prompts, the judge, and the parent's weights.

    The parent's weights are identified by its student.json and the names, sizes and modification times of its
    model files (hashing many gigabytes of weights at every start would cost minutes).
    """
    if job["method"] not in STAGES:
        return {}
    model_dir = os.path.join(job["baseDir"], "model")
    files = sorted((name, os.stat(os.path.join(model_dir, name)).st_size, os.stat(os.path.join(model_dir, name)).st_mtime_ns)
                   for name in os.listdir(model_dir)) if os.path.isdir(model_dir) else []
    data = job.get("pairsFile") or job.get("promptsFile")
    return {"stageData": _file_digest(data), "judge": _judge_identity(job.get("judge")),
            "parent": {"student": _parent_manifest(job), "files": files}}
