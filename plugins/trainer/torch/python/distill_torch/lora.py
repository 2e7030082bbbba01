"""Low-rank adapters on the attention and MLP projections, and merging them back into plain weights."""
import math

import torch
import torch.nn as nn

TARGETS = ("qkv", "out", "fc1", "fc2")


class LoRALinear(nn.Module):
    """A frozen linear layer plus a trainable low-rank update scaled by alpha / rank."""

    def __init__(self, base, rank, alpha, generator):
        super().__init__()
        self.base = base
        self.base.weight.requires_grad_(False)
        self.scale = alpha / rank
        self.lora_a = nn.Parameter(torch.empty(rank, base.in_features))
        self.lora_b = nn.Parameter(torch.zeros(base.out_features, rank))
        bound = 1.0 / math.sqrt(base.in_features)
        with torch.no_grad():
            self.lora_a.uniform_(-bound, bound, generator=generator)

    def forward(self, x):
        return self.base(x) + (x @ self.lora_a.t() @ self.lora_b.t()) * self.scale

    def merged(self):
        """A plain linear layer whose weight includes the adapter."""
        out = nn.Linear(self.base.in_features, self.base.out_features, bias=False)
        with torch.no_grad():
            out.weight.copy_(self.base.weight + self.scale * (self.lora_b @ self.lora_a))
        return out


def add_lora(model, rank, alpha, seed):
    """Freezes `model` and wraps its block projections with adapters (in place)."""
    for p in model.parameters():
        p.requires_grad_(False)
    generator = torch.Generator().manual_seed(seed)
    for block in model.blocks:
        for name in TARGETS:
            setattr(block, name, LoRALinear(getattr(block, name), rank, alpha, generator))
    return model


def merge_lora(model):
    """Replaces every adapter by its merged linear layer (in place)."""
    for block in model.blocks:
        for name in TARGETS:
            layer = getattr(block, name)
            if isinstance(layer, LoRALinear):
                setattr(block, name, layer.merged())
    return model
