"""Entry point: `python -m distill_hf <job.json>` trains; `worker` decodes JSON-lines requests; `serve` answers OpenAI requests; `tiny` builds a test model."""
import argparse
import json
import os
import sys

os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ.setdefault("TRANSFORMERS_NO_ADVISORY_WARNINGS", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")


def _train(path):
    from distill_common.entry import run_guarded

    from .events import emit, quiet_stdout
    from .job import JobError
    from .source import SourceError

    quiet_stdout()

    def train():
        from .train import run

        run(path)

    return run_guarded(train, (JobError, SourceError, FileNotFoundError), emit)


def main(argv):
    if len(argv) == 2 and argv[1].endswith(".json"):
        return _train(argv[1])
    parser = argparse.ArgumentParser(prog="python -m distill_hf")
    sub = parser.add_subparsers(dest="cmd", required=True)
    tiny = sub.add_parser("tiny", help="build a tiny random model with a locally trained tokenizer")
    tiny.add_argument("out")
    tiny.add_argument("--arch", default="qwen2", choices=["qwen2", "llama"])
    tiny.add_argument("--hidden", type=int, default=64)
    tiny.add_argument("--layers", type=int, default=2)
    tiny.add_argument("--intermediate", type=int, default=128)
    tiny.add_argument("--heads", type=int, default=4)
    tiny.add_argument("--kv-heads", type=int, default=2)
    worker = sub.add_parser("worker", help="decode JSON-lines requests from stdin with transformers generate")
    worker.add_argument("model")
    worker.add_argument("--revision")
    worker.add_argument("--threads", type=int, default=0)
    server = sub.add_parser("serve", help="a minimal OpenAI-compatible server for a small model (tests, CPU checks)")
    server.add_argument("model")
    server.add_argument("--revision")
    server.add_argument("--port", type=int, default=0)
    server.add_argument("--threads", type=int, default=0)
    resolve = sub.add_parser("resolve", help="print the local directory and commit of a model id or path")
    resolve.add_argument("model")
    resolve.add_argument("--revision")
    args = parser.parse_args(argv[1:])
    if args.cmd == "tiny":
        from .tiny import build_tiny

        print(build_tiny(args.out, arch=args.arch, hidden=args.hidden, layers=args.layers, intermediate=args.intermediate,
                         heads=args.heads, kv_heads=args.kv_heads))
        return 0
    if args.cmd == "resolve":
        from .source import SourceError, resolve as find

        try:
            path, commit = find(args.model, args.revision)
        except SourceError as e:
            print(json.dumps({"error": str(e)}))
            return 1
        print(json.dumps({"path": path, "commit": commit}))
        return 0
    if args.cmd == "serve":
        from .serve import run_server

        return run_server(args.model, args.revision, args.port, args.threads)
    from .worker import serve

    return serve(args.model, args.revision, args.threads)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
