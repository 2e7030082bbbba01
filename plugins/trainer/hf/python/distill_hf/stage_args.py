"""The training arguments of a DPO or GRPO stage: the SFT job's schedule, batch and checkpoints in a TRL config class."""
import dataclasses

from .sft import training_arguments


def stage_arguments(config_class, hyper, output_dir, accumulation, dtype, device, seed, **overrides):
    """`config_class` (DPOConfig, GRPOConfig) with every TrainingArguments field of the SFT job, then `overrides`.

    Every field is passed, defaults included, so TRL's own defaults that differ from transformers' (bf16 and gradient
    checkpointing on, a 1e-6 learning rate, logging every 10 steps) never apply behind the job's back.
    """
    base = training_arguments(hyper, output_dir, accumulation, dtype, device, seed, False)
    fields = {f.name: getattr(base, f.name) for f in dataclasses.fields(base) if f.init}
    return config_class(**{**fields, **overrides})
