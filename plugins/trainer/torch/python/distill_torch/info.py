"""Runtime facts for `distill doctor`: Python, torch version, BLAS backend, threads, onnx availability."""
import importlib.util
import os
import platform
import sys


def runtime_info():
    """A JSON-able description of the Python/torch runtime."""
    import torch

    config = torch.__config__.show()
    lowered = config.lower()
    blas = "openblas" if "openblas" in lowered else "mkl" if "blas_info=mkl" in lowered else "other"
    if blas == "other" and sys.platform.startswith("linux"):
        maps = open("/proc/self/maps", encoding="utf-8", errors="replace").read().lower()
        blas = "openblas" if "openblas" in maps else "mkl" if "libmkl" in maps else "generic"
    return {
        "python": sys.executable,
        "python_version": platform.python_version(),
        "torch": torch.__version__,
        "blas": blas,
        "threads": torch.get_num_threads(),
        "cpu_count": os.cpu_count(),
        "onnx": importlib.util.find_spec("onnx") is not None,
    }
