"""distill_torch: trains tiny byte-level decoder-only students and exports them to ONNX with a KV cache."""

__version__ = "0.1.0"
