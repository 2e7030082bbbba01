"""Batched decoding with transformers generate: left padding, greedy or per-row seeded sampling, stop strings, loop detector."""
import torch
from transformers import LogitsProcessor, LogitsProcessorList, StoppingCriteria, StoppingCriteriaList

DEFAULT_LOOP = {"minNgram": 8, "repeats": 3, "minSpan": 32, "maxPeriod": 256}


def loop_period(tokens, o):
    """The period of a loop at the end of `tokens`, or 0 (the same rule as src/students/loop-detector.ts)."""
    n = len(tokens)
    for p in range(1, o["maxPeriod"] + 1):
        span = max(o["minSpan"], max(o["minNgram"], p) + (o["repeats"] - 1) * p)
        if span > n:
            break
        if all(tokens[i] == tokens[i - p] for i in range(n - span + p, n)):
            return p
    return 0


class RowSampler(LogitsProcessor):
    """Samples each row from its own seeded generator (temperature, top-p) and leaves only that token possible."""

    def __init__(self, seeds, temperature, top_p, device):
        self.generators = [torch.Generator(device=device).manual_seed(s) for s in seeds]
        self.temperature, self.top_p = temperature, top_p

    def __call__(self, input_ids, scores):
        probs = torch.softmax(scores.float() / self.temperature, dim=-1)
        if self.top_p < 1:
            sorted_probs, order = probs.sort(dim=-1, descending=True)
            drop = sorted_probs.cumsum(-1) - sorted_probs > self.top_p
            probs = probs.scatter(-1, order, sorted_probs.masked_fill(drop, 0.0))
        out = torch.full_like(scores, float("-inf"))
        for row, generator in enumerate(self.generators):
            pick = torch.multinomial(probs[row], 1, generator=generator)
            out[row, pick] = 0.0
        return out


class RowStops(StoppingCriteria):
    """Per row: stops once the decoded continuation contains a stop string or ends in a loop."""

    def __init__(self, tokenizer, prompt_width, stops, loop):
        self.tokenizer, self.prompt_width, self.stops, self.loop = tokenizer, prompt_width, stops, loop

    def __call__(self, input_ids, scores, **kwargs):
        done = torch.zeros(input_ids.shape[0], dtype=torch.bool, device=input_ids.device)
        for row in range(input_ids.shape[0]):
            generated = input_ids[row, self.prompt_width:].tolist()
            if self.stops and any(s in self.tokenizer.decode(generated) for s in self.stops):
                done[row] = True
            elif self.loop is not None and loop_period(generated, self.loop) > 0:
                done[row] = True
        return done


def finish(tokenizer, generated, eos_ids, stops, loop, max_new_tokens):
    """{"text","tokens","stopReason"} for one row's generated ids (padding after its end removed)."""
    ids = []
    for t in generated:
        ids.append(t)
        if t in eos_ids:
            return {"text": tokenizer.decode(ids[:-1]), "tokens": len(ids), "stopReason": "eos"}
        text = tokenizer.decode(ids)
        hits = [text.index(s) for s in stops if s in text]
        if hits:
            return {"text": text[: min(hits)], "tokens": len(ids), "stopReason": "stop"}
        if loop is not None and loop_period(ids, loop) > 0:
            return {"text": text, "tokens": len(ids), "stopReason": "loop"}
        if len(ids) >= max_new_tokens:
            break
    return {"text": tokenizer.decode(ids), "tokens": len(ids), "stopReason": "max_tokens"}


def generate_batch(model, tokenizer, texts, indices, o):
    """Decodes one batch of rendered prompts; row i samples from its own seed (o.seed, indices[i])."""
    stops = list(o.get("stop") or [])
    loop = None if o.get("loop") is False else {**DEFAULT_LOOP, **(o.get("loop") or {})}
    max_new = int(o["maxNewTokens"])
    eos = model.generation_config.eos_token_id
    eos_ids = set(eos if isinstance(eos, list) else [eos]) - {None}
    if max_new == 0:
        return [{"text": "", "tokens": 0, "stopReason": "max_tokens"} for _ in texts]
    enc = tokenizer(texts, return_tensors="pt", padding=True, add_special_tokens=False).to(model.device)
    width = enc["input_ids"].shape[1]
    temperature = float(o.get("temperature") or 0)
    processors = LogitsProcessorList()
    if temperature > 0:
        seeds = [row_seed(int(o.get("seed") or 0), index) for index in indices]
        processors.append(RowSampler(seeds, temperature, float(o.get("topP") or 1.0), model.device))
    with torch.inference_mode():
        out = model.generate(**enc, max_new_tokens=max_new, do_sample=False, logits_processor=processors,
                             stopping_criteria=StoppingCriteriaList([RowStops(tokenizer, width, stops, loop)]),
                             pad_token_id=tokenizer.pad_token_id, eos_token_id=sorted(eos_ids) or None,
                             temperature=None, top_p=None, top_k=None)
    return [finish(tokenizer, out[i, width:].tolist(), eos_ids, stops, loop, max_new) for i in range(len(texts))]


def row_seed(seed, index):
    """A 32-bit seed per (seed, prompt index), so a row's samples do not depend on the batch it lands in."""
    return (seed * 1_000_003 + index * 7_919 + 17) % (2**31 - 1)
