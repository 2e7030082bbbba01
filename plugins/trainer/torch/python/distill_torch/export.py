"""ONNX export with a per-layer KV cache, the final weights file and the student.json manifest."""
import inspect
import json
import os
import warnings

import torch

from .tokenizer import SPEC, VOCAB_SIZE

OPSET = 14
CACHE_LAYOUT = (
    "per layer i: inputs past_key_{i}, past_value_{i} [batch, n_heads, slots, head_dim] (read only; slots whose "
    "attention_mask column is 0 are ignored); outputs new_key_{i}, new_value_{i} [batch, n_heads, seq, head_dim] "
    "(the new tokens' RoPE-rotated keys and values, to be written into the cache by the caller)"
)


def io_names(n_layers):
    """ONNX input and output names: ids, positions, mask and the cache pairs, in order."""
    cache = [name for i in range(n_layers) for name in (f"key_{i}", f"value_{i}")]
    inputs = ["input_ids", "position_ids", "attention_mask"] + [f"past_{c}" for c in cache]
    return inputs, ["logits"] + [f"new_{c}" for c in cache]


class _Decoder(torch.nn.Module):
    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, input_ids, position_ids, attention_mask, *cache):
        past = [(cache[i], cache[i + 1]) for i in range(0, len(cache), 2)]
        logits, new_kv = self.model(input_ids, position_ids, attention_mask, past)
        return (logits, *[t for pair in new_kv for t in pair])


def _legacy_exporter():
    """Torch >= 2.9 defaults to the dynamo exporter (needs onnxscript); the TorchScript one handles this graph."""
    return {"dynamo": False} if "dynamo" in inspect.signature(torch.onnx.export).parameters else {}


def export_onnx(model, path):
    """Exports `model` with dynamic batch, sequence and past lengths (one graph for prefill and decode steps)."""
    dims = model.dims
    heads, head_dim = dims["n_heads"], dims["d_model"] // dims["n_heads"]
    b, t, p = 2, 3, 2
    sample = (
        torch.randint(0, 256, (b, t)),
        torch.arange(p, p + t).unsqueeze(0).repeat(b, 1),
        torch.ones(b, p + t, dtype=torch.long),
        *[torch.zeros(b, heads, p, head_dim) for _ in range(2 * dims["n_layers"])],
    )
    inputs, outputs = io_names(dims["n_layers"])
    axes = {
        "input_ids": {0: "batch", 1: "seq"},
        "position_ids": {0: "batch", 1: "seq"},
        "attention_mask": {0: "batch", 1: "slots_plus_seq"},
        "logits": {0: "batch", 1: "seq"},
        **{name: {0: "batch", 2: "slots"} for name in inputs[3:]},
        **{name: {0: "batch", 2: "seq"} for name in outputs[1:]},
    }
    tmp = f"{path}.{os.getpid()}.tmp"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            _Decoder(model.eval()), sample, tmp, input_names=inputs, output_names=outputs,
            dynamic_axes=axes, opset_version=OPSET, **_legacy_exporter(),
        )
    os.replace(tmp, path)


def write_outputs(model, output_dir, job, params):
    """Writes model.onnx, model.pt (weights + dims, the base for LoRA) and student.json; returns the onnx path."""
    dims = model.dims
    inputs, outputs = io_names(dims["n_layers"])
    onnx_path = os.path.join(output_dir, "model.onnx")
    export_onnx(model, onnx_path)
    torch.save({"dims": dims, "state": model.state_dict()}, os.path.join(output_dir, "model.pt"))
    manifest = {
        "family": job["family"],
        "size": job["size"],
        "method": job["method"],
        "params": params,
        "tokenizer": SPEC,
        "dims": {**dims, "head_dim": dims["d_model"] // dims["n_heads"], "vocab_size": VOCAB_SIZE},
        "positions": "rope",
        "onnx": {
            "file": "model.onnx",
            "opset": OPSET,
            "inputs": inputs,
            "outputs": outputs,
            "cache_layout": CACHE_LAYOUT,
        },
    }
    with open(os.path.join(output_dir, "student.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=2)
    return onnx_path
