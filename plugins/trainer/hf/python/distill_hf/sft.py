"""The SFT trainer for a job: TRL's SFTTrainer (completion-only loss, chat template, packing), or transformers' Trainer without TRL."""
import importlib.util
import os

from .fallback import CompletionCollator, tokenize_rows


def has_trl():
    """Whether TRL is importable and not turned off by DISTILL_HF_NO_TRL=1 (the GPU check may run without it)."""
    return os.environ.get("DISTILL_HF_NO_TRL") != "1" and importlib.util.find_spec("trl") is not None


def training_arguments(hyper, output_dir, accumulation, dtype, device, seed, use_trl):
    """SFTConfig (TRL) or TrainingArguments: cosine schedule, warm-up, weight decay, global batch, checkpoints."""
    import torch

    kwargs = dict(
        output_dir=output_dir,
        num_train_epochs=float(hyper["epochs"]),
        max_steps=int(hyper["max_steps"]) if hyper["max_steps"] else -1,
        per_device_train_batch_size=hyper["micro_batch_size"],
        gradient_accumulation_steps=accumulation,
        learning_rate=float(hyper["lr"]),
        lr_scheduler_type="cosine_with_min_lr" if hyper["min_lr_ratio"] > 0 else "cosine",
        lr_scheduler_kwargs={"min_lr_rate": hyper["min_lr_ratio"]} if hyper["min_lr_ratio"] > 0 else None,
        warmup_steps=hyper["warmup"] if hyper["warmup"] < 1 else int(hyper["warmup"]),
        weight_decay=float(hyper["weight_decay"]),
        max_grad_norm=float(hyper["grad_clip"]),
        logging_steps=1,
        save_strategy="steps",
        save_steps=hyper["checkpoint_every"],
        save_total_limit=hyper["keep_checkpoints"],
        report_to="none",
        disable_tqdm=True,
        seed=seed,
        data_seed=seed,
        bf16=dtype == torch.bfloat16,
        fp16=dtype == torch.float16,
        use_cpu=device == "cpu",
        gradient_checkpointing=bool(hyper["gradient_checkpointing"]),
        dataloader_num_workers=0,
    )
    if os.environ.get("DISTILL_HF_DEEPSPEED"):
        kwargs["deepspeed"] = os.environ["DISTILL_HF_DEEPSPEED"]
    if os.environ.get("DISTILL_HF_FSDP"):
        kwargs["fsdp"] = os.environ["DISTILL_HF_FSDP"]
    if not use_trl:
        from transformers import TrainingArguments

        return TrainingArguments(**kwargs, remove_unused_columns=False)
    from trl import SFTConfig

    return SFTConfig(**kwargs, max_length=hyper["max_len"], packing=bool(hyper["packing"]), completion_only_loss=True,
                     dataset_num_proc=None)


def build_trainer(model, tokenizer, rows, args, peft_config, callbacks, hyper, use_trl):
    """The trainer over `rows` (prompt-completion records); LoRA wraps the model through peft either way."""
    if use_trl:
        from datasets import Dataset
        from trl import SFTTrainer

        return SFTTrainer(model=model, args=args, train_dataset=Dataset.from_list(rows), processing_class=tokenizer,
                          peft_config=peft_config, callbacks=callbacks)
    if hyper["packing"]:
        raise ValueError("packing needs TRL (pip install trl); set hyper.packing false to train without it")
    from transformers import Trainer

    if peft_config is not None:
        from peft import get_peft_model

        model = get_peft_model(model, peft_config)
    data = tokenize_rows(tokenizer, rows, hyper["max_len"])
    return Trainer(model=model, args=args, train_dataset=data, data_collator=CompletionCollator(tokenizer.pad_token_id),
                   processing_class=tokenizer, callbacks=callbacks)
