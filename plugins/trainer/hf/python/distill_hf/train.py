"""One training job for a Hugging Face student: load, SFT or LoRA, resume from the last complete checkpoint, save."""
import hashlib
import json
import os
import shutil
import time

from .callback import EventsCallback
from .checkpoint import checkpoints_dir, latest_complete
from .data import TokenCounter, load_rows
from .events import emit, log
from .hardware import device_and_dtype, measure_peak_gflops
from .job import JobError, accumulation, load_job
from .manifest import write_manifest
from .sft import build_trainer, has_trl, training_arguments
from .source import resolve
from .stage import STAGES, build_stage, parent_is_lora, stage_fingerprint


def fingerprint(job, commit):
    """Identifies what a checkpoint was made for: the job minus its output directory, the weights' commit, the data."""
    digest = hashlib.sha256()
    with open(job["trainFile"], "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    keys = ("family", "size", "sizeConfig", "method", "hyper", "seed", "baseDir", "model", "revision")
    digest.update(json.dumps({**{k: job.get(k) for k in keys}, "commit": commit, **stage_fingerprint(job)}, sort_keys=True).encode())
    return digest.hexdigest()


def base_source(job):
    """(weights directory, commit SHA) to start from: a finished student in baseDir for LoRA, else the job's model."""
    if job["method"] in ("lora", *STAGES) and job.get("baseDir"):
        model_dir = os.path.join(job["baseDir"], "model")
        if not os.path.isdir(model_dir):
            raise JobError(f"baseDir has no model/ directory: {job['baseDir']}")
        with open(os.path.join(job["baseDir"], "student.json"), encoding="utf-8") as f:
            return model_dir, json.load(f).get("commit")
    return resolve(job["model"], job.get("revision"))


def lora_config(hyper):
    """peft's LoraConfig for causal LM from the job's rank, alpha, dropout and target modules."""
    from peft import LoraConfig

    targets = hyper["lora_targets"]
    return LoraConfig(r=hyper["lora_rank"], lora_alpha=hyper["lora_alpha"], lora_dropout=hyper["lora_dropout"],
                      target_modules=targets if isinstance(targets, str) else list(targets), task_type="CAUSAL_LM")


def count(model, trainable_only=False):
    return sum(p.numel() for p in model.parameters() if p.requires_grad or not trainable_only)


def save_final(trainer, tokenizer, output_dir, lora):
    """Writes model/ (merged for LoRA) and adapter/ (LoRA) through temporary directories renamed into place."""
    model = trainer.model
    if lora:
        tmp = os.path.join(output_dir, ".adapter.tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        model.save_pretrained(tmp)
        shutil.rmtree(os.path.join(output_dir, "adapter"), ignore_errors=True)
        os.replace(tmp, os.path.join(output_dir, "adapter"))
        model = model.merge_and_unload()
    tmp = os.path.join(output_dir, ".model.tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    model.save_pretrained(tmp)
    tokenizer.save_pretrained(tmp)
    shutil.rmtree(os.path.join(output_dir, "model"), ignore_errors=True)
    os.replace(tmp, os.path.join(output_dir, "model"))
    return model


def run(job_path):
    """Runs one job file to completion, emitting TrainEvents."""
    job = load_job(job_path)
    hyper = job["hyper"]
    source, commit = base_source(job)  # before the heavy imports: a missing model fails fast
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer, PrinterCallback, set_seed

    torch.set_num_threads(int(os.environ.get("DISTILL_THREADS") or os.cpu_count() or 1))
    output_dir = job["outputDir"]
    os.makedirs(output_dir, exist_ok=True)
    device, dtype = device_and_dtype(hyper["precision"])
    set_seed(job["seed"])
    tokenizer = AutoTokenizer.from_pretrained(source)
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    chat = bool(hyper["chat_template"]) and tokenizer.chat_template is not None
    staged = job["method"] in STAGES
    rows = [] if staged else load_rows(job["trainFile"], chat)
    if not staged and not rows:
        raise JobError(f"no training examples in {job['trainFile']}")
    model = AutoModelForCausalLM.from_pretrained(source, dtype=dtype)
    use_trl = has_trl()
    if staged and not use_trl:
        raise JobError(f"method {job['method']!r} needs TRL (pip install trl); DISTILL_HF_NO_TRL=1 turns it off")
    job_print = fingerprint(job, commit)
    # A stage of a LoRA parent trains a new adapter on the merged parent, whose weights (adapters off) are the reference.
    lora = job["method"] == "lora" or (staged and parent_is_lora(job))
    resume = latest_complete(output_dir, job_print)
    params = count(model)
    info = {"params": params, "trainable": params, "n_layers": model.config.num_hidden_layers,
            "hidden": model.config.hidden_size, "peak_gflops": measure_peak_gflops(device, dtype), "device": device,
            "resumed_from_step": resume[1] if resume else 0, "model": job["model"], "commit": commit}
    stage = None
    if staged:
        stage = build_stage(job, model, tokenizer, chat, lora_config(hyper) if lora else None, checkpoints_dir(output_dir),
                            accumulation(hyper), dtype, device)
        trainer, counter = stage.trainer, stage.counter
    else:
        args = training_arguments(hyper, checkpoints_dir(output_dir), accumulation(hyper), dtype, device, job["seed"], use_trl)
        trainer = build_trainer(model, tokenizer, rows, args, lora_config(hyper) if lora else None, [], hyper, use_trl)
        counter = TokenCounter(trainer.data_collator)
        trainer.data_collator = counter
    trainer.remove_callback(PrinterCallback)
    info["trainable"] = count(trainer.model, trainable_only=True)
    events = EventsCallback(counter, info, job_print, extra=stage.step_fields if stage else None)
    trainer.add_callback(events)
    if resume:
        log(f"resuming from {resume[0]}")
    what = stage.describe() if stage else f"{'TRL SFTTrainer' if use_trl else 'transformers Trainer (no TRL)'}, {len(rows)} examples"
    log(f"{job['model']} ({commit or 'local'}) on {device} in {str(dtype).replace('torch.', '')}, {what}")
    try:
        if stage:
            stage.before(info["resumed_from_step"])
        t0 = time.perf_counter()
        trainer.train(resume_from_checkpoint=resume[0] if resume else None)
        train_seconds = time.perf_counter() - t0
        stage_metrics = stage.metrics() if stage else {}
    finally:
        if stage:
            stage.close()
    total = trainer.state.global_step
    final = save_final(trainer, tokenizer, output_dir, lora)
    write_manifest(output_dir, job, commit, count(final), chat, lora)
    emit("done", onnx="", model=os.path.join(output_dir, "model"), commit=commit, checkpoint=checkpoints_dir(output_dir), metrics={
        "final_loss": events.final_loss(total),
        "params": params,
        "trainable_params": info["trainable"],
        "tokens_per_s": round(counter.tokens / train_seconds, 1) if train_seconds > 0 else 0.0,
        "mfu": round(events.mfu(train_seconds), 4),
        "train_seconds": round(train_seconds, 3),
        "peak_gflops": round(info["peak_gflops"], 2),
        "steps": total,
        "resumed_from_step": info["resumed_from_step"],
        **stage_metrics,
    })
