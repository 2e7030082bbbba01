"""A minimal OpenAI-compatible server for small Hugging Face models (/v1/completions, /v1/chat/completions, /v1/models).

One prompt at a time through plain `generate` (no batching, no padding), stop strings looked for in the generated text
only, as vLLM and OpenAI do: a reference for tests and CPU checks, not a replacement for vLLM. Answers carry vLLM's
`stop_reason` (the matched stop string or null) and count completion tokens up to the one that completed the stop.
"""
import json
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

import torch


def complete(lm, tokenizer, text, body):
    """(text, finish_reason, stop_reason, prompt tokens, completion tokens) for one rendered prompt."""
    stops = body.get("stop") or []
    stops = [stops] if isinstance(stops, str) else list(stops)
    enc = tokenizer(text, return_tensors="pt", add_special_tokens=False).to(lm.device)
    temperature = float(body.get("temperature") or 0)
    if temperature > 0:
        torch.manual_seed(int(body.get("seed") or 0))
    sampling = dict(do_sample=True, temperature=temperature, top_p=float(body.get("top_p") or 1.0), top_k=None) \
        if temperature > 0 else dict(do_sample=False, temperature=None, top_p=None, top_k=None)
    max_tokens = int(body.get("max_tokens") or 16)
    with torch.inference_mode():
        out = lm.generate(**enc, max_new_tokens=max_tokens, pad_token_id=tokenizer.pad_token_id, **sampling)
    ids = out[0, enc["input_ids"].shape[1]:].tolist()
    n_in = enc["input_ids"].shape[1]
    eos = lm.generation_config.eos_token_id
    eos_ids = set(eos if isinstance(eos, list) else [eos])
    for n in range(1, len(ids) + 1):  # the first token after which a stop string shows in the generated text
        if ids[n - 1] in eos_ids:
            return tokenizer.decode(ids[: n - 1]), "stop", None, n_in, n
        text = tokenizer.decode(ids[:n])
        hits = sorted((text.index(s), s) for s in stops if s in text)
        if hits:
            return text[: hits[0][0]], "stop", hits[0][1], n_in, n
    return tokenizer.decode(ids), "length", None, n_in, len(ids)


def make_handler(lm, tokenizer, name):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def _send(self, code, obj):
            data = json.dumps(obj).encode()
            self.send_response(code)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            if self.path.rstrip("/") == "/v1/models":
                return self._send(200, {"object": "list", "data": [{"id": name, "object": "model"}]})
            self._send(404, {"error": {"message": f"no route {self.path}"}})

        def do_POST(self):
            body = json.loads(self.rfile.read(int(self.headers.get("content-length") or 0)) or b"{}")
            chat = self.path.rstrip("/") == "/v1/chat/completions"
            if not chat and self.path.rstrip("/") != "/v1/completions":
                return self._send(404, {"error": {"message": f"no route {self.path}"}})
            if chat:
                texts = [tokenizer.apply_chat_template(body["messages"], tokenize=False, add_generation_prompt=True)]
            else:
                texts = body["prompt"] if isinstance(body["prompt"], list) else [body["prompt"]]
            choices, prompt_tokens, completion_tokens = [], 0, 0
            for i, text in enumerate(texts):
                answer, finish, stop_reason, n_in, n_out = complete(lm, tokenizer, text, body)
                prompt_tokens, completion_tokens = prompt_tokens + n_in, completion_tokens + n_out
                choice = {"index": i, "finish_reason": finish, "stop_reason": stop_reason}
                choice.update({"message": {"role": "assistant", "content": answer}} if chat else {"text": answer})
                choices.append(choice)
            self._send(200, {
                "id": f"cmpl-{time.time_ns()}", "object": "chat.completion" if chat else "text_completion",
                "created": int(time.time()), "model": name, "choices": choices,
                "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                          "total_tokens": prompt_tokens + completion_tokens},
            })

    return Handler


def run_server(model, revision, port, threads):
    """Serves `model` on 127.0.0.1:port (0 picks one) and prints {"port": n} once listening; ends with its launcher (DISTILL_PARENT_PID)."""
    from distill_common.orphan import watch_parent

    from .events import quiet_stdout
    from .worker import load

    out = __import__("sys").stdout
    quiet_stdout()
    watch_parent()
    lm, tokenizer, info = load(model, revision, threads)
    server = HTTPServer(("127.0.0.1", port), make_handler(lm, tokenizer, model))
    out.write(json.dumps({"port": server.server_address[1], **info}) + "\n")
    out.flush()
    server.serve_forever()
