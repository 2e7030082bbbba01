"""A long-lived decoding worker: one model loaded once, JSON-lines requests on stdin, one JSON line per answer on stdout."""
import json
import os
import sys
import traceback

from .events import quiet_stdout


def render(tokenizer, prompt, chat):
    """The prompt text the model sees: under the chat template as one user turn (lm-eval --apply_chat_template) or raw."""
    if chat and tokenizer.chat_template is not None:
        return tokenizer.apply_chat_template([{"role": "user", "content": prompt}], tokenize=False, add_generation_prompt=True)
    return prompt


def load(model, revision, threads):
    """(model, tokenizer, info) with left padding, on the GPU when one is present."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from .hardware import device_and_dtype
    from .source import resolve

    if threads > 0:
        torch.set_num_threads(threads)
    path, commit = resolve(model, revision)
    device, dtype = device_and_dtype("auto")
    tokenizer = AutoTokenizer.from_pretrained(path, padding_side="left")
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    lm = AutoModelForCausalLM.from_pretrained(path, dtype=dtype).to(device).eval()
    return lm, tokenizer, {"path": path, "commit": commit, "device": device, "params": sum(p.numel() for p in lm.parameters())}


def handle(lm, tokenizer, request, reply):
    """Answers one generate request: prompts sorted by length into batches, results in prompt order."""
    from .decode import generate_batch

    o = request["options"]
    prompts = request["prompts"]
    chat = bool(o.get("chat", True))
    texts = [render(tokenizer, p, chat) for p in prompts]
    order = sorted(range(len(texts)), key=lambda i: (len(tokenizer(texts[i], add_special_tokens=False)["input_ids"]), i))
    results = [None] * len(texts)
    size = int(o.get("batchSize") or 8)
    for start in range(0, len(order), size):
        chunk = order[start:start + size]
        for i, result in zip(chunk, generate_batch(lm, tokenizer, [texts[i] for i in chunk], chunk, o)):
            results[i] = result
        reply({"id": request["id"], "progress": [min(start + size, len(order)), len(order)]})
    reply({"id": request["id"], "results": results})


def serve(model, revision, threads):
    """Reads requests until stdin closes; the first line out is {"ready": ...} or {"error": ...}."""
    out = sys.stdout
    quiet_stdout()

    def reply(obj):
        out.write(json.dumps(obj, separators=(",", ":")) + "\n")
        out.flush()

    try:
        lm, tokenizer, info = load(model, revision, threads)
    except Exception as e:  # the client reports it; the traceback goes to stderr
        traceback.print_exc()
        reply({"error": f"{type(e).__name__}: {e}"})
        return 1
    reply({"ready": True, **info, "pid": os.getpid(), "chat_template": tokenizer.chat_template is not None})
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        try:
            handle(lm, tokenizer, request, reply)
        except Exception as e:
            traceback.print_exc()
            reply({"id": request.get("id"), "error": f"{type(e).__name__}: {e}"})
    return 0
