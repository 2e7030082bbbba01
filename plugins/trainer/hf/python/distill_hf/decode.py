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
    """Per row: stops at EOS, once the decoded continuation contains a stop string, or when it ends in a loop.

    `ended[row]` records how many tokens the row had when it stopped (generate pads it afterwards, possibly with the
    EOS id). Only the tail that can hold a new match is decoded each step (stop length in characters plus 8 tokens).
    """

    def __init__(self, tokenizer, prompt_width, stops, loop, eos_ids):
        self.tokenizer, self.prompt_width, self.stops, self.loop, self.eos_ids = tokenizer, prompt_width, stops, loop, eos_ids
        self.window = max((len(s) for s in stops), default=0) + 8
        self.ended = {}

    def __call__(self, input_ids, scores, **kwargs):
        for row in range(input_ids.shape[0]):
            if row in self.ended:
                continue
            generated = input_ids[row, self.prompt_width:].tolist()
            if (generated and generated[-1] in self.eos_ids) \
                    or (self.stops and any(s in self.tokenizer.decode(generated[-self.window:]) for s in self.stops)) \
                    or (self.loop is not None and loop_period(generated, self.loop) > 0):
                self.ended[row] = len(generated)
        done = torch.zeros(input_ids.shape[0], dtype=torch.bool, device=input_ids.device)
        for row in self.ended:
            done[row] = True
        return done


def finish(tokenizer, ids, eos_ids, stops, loop):
    """{"text","tokens","stopReason"} for one row's generated ids up to where it stopped."""
    if ids and ids[-1] in eos_ids:
        return {"text": tokenizer.decode(ids[:-1]), "tokens": len(ids), "stopReason": "eos"}
    text = tokenizer.decode(ids)
    hits = [text.index(s) for s in stops if s in text]
    if hits:
        return {"text": text[: min(hits)], "tokens": len(ids), "stopReason": "stop"}
    if loop is not None and loop_period(ids, loop) > 0:
        return {"text": text, "tokens": len(ids), "stopReason": "loop"}
    return {"text": text, "tokens": len(ids), "stopReason": "max_tokens"}


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
    criteria = RowStops(tokenizer, width, stops, loop, eos_ids)
    with torch.inference_mode():
        out = model.generate(**enc, max_new_tokens=max_new, do_sample=False, logits_processor=processors,
                             stopping_criteria=StoppingCriteriaList([criteria]),
                             pad_token_id=tokenizer.pad_token_id, eos_token_id=sorted(eos_ids) or None,
                             temperature=None, top_p=None, top_k=None)
    rows = [out[i, width:].tolist() for i in range(len(texts))]
    return [finish(tokenizer, ids[: criteria.ended.get(i, max_new)], eos_ids, stops, loop) for i, ids in enumerate(rows)]


def row_seed(seed, index):
    """A 32-bit seed per (seed, prompt index), so a row's samples do not depend on the batch it lands in."""
    return (seed * 1_000_003 + index * 7_919 + 17) % (2**31 - 1)
