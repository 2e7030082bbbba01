"""Hugging Face students: SFT/LoRA training with TRL and peft, a batched generate worker, tiny offline test models."""

__version__ = "1.0.0"
