"""Named model sizes per family (from sizes.json, shared with the TypeScript plugin) and sizeConfig overrides."""
import json
import os

DIM_KEYS = ("d_model", "n_layers", "n_heads", "d_ff", "max_len")

with open(os.path.join(os.path.dirname(__file__), "sizes.json"), encoding="utf-8") as f:
    SIZES = json.load(f)


class SizeError(ValueError):
    """An unknown family/size or an invalid dimension override."""


def resolve_dims(family, size, overrides=None):
    """Dimensions of `family`/`size` with `overrides` (sizeConfig) applied and checked."""
    if family not in SIZES:
        raise SizeError(f"unknown family {family!r} (known: {', '.join(SIZES)})")
    sizes = SIZES[family]
    overrides = overrides or {}
    if size not in sizes and not all(k in overrides for k in DIM_KEYS[:4]):
        raise SizeError(
            f"unknown size {size!r} for family {family!r} (known: {', '.join(sizes)}; "
            f"a new size needs sizeConfig with {', '.join(DIM_KEYS[:4])})"
        )
    dims = dict(sizes.get(size, {"max_len": 1024}))
    for key, value in overrides.items():
        if key not in DIM_KEYS:
            raise SizeError(f"unknown sizeConfig key {key!r} (allowed: {', '.join(DIM_KEYS)})")
        if not isinstance(value, int) or value <= 0:
            raise SizeError(f"sizeConfig.{key} must be a positive integer")
        dims[key] = value
    if dims["d_model"] % dims["n_heads"] != 0 or (dims["d_model"] // dims["n_heads"]) % 2 != 0:
        raise SizeError("d_model must be a multiple of n_heads with an even head size (RoPE)")
    return dims
