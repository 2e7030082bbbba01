"""Byte-level tokenizer shared with the Node side: ids 0-255 are bytes, 256 BOS, 257 EOS, 258 PAD."""

BOS = 256
EOS = 257
PAD = 258
VOCAB_SIZE = 259

SPEC = {"type": "byte", "vocab_size": VOCAB_SIZE, "bos": BOS, "eos": EOS, "pad": PAD}


def encode(text):
    """UTF-8 bytes of `text` as token ids (no special tokens)."""
    return list(text.encode("utf-8"))


def decode(ids):
    """Text of the byte ids in `ids`; special ids are skipped, invalid UTF-8 becomes U+FFFD."""
    return bytes(i for i in ids if 0 <= i < 256).decode("utf-8", errors="replace")
