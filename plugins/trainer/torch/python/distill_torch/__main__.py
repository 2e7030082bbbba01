"""Entry point: `python -m distill_torch <job.json>` trains one job; `--info` prints the runtime as JSON."""
import json
import os
import sys

# Torch's OpenMP pool and OpenBLAS's pthread pool alternate on the same cores; spinning OpenMP threads
# slow BLAS down (measured ~1.5x on 2 cores). These must be set before torch is imported.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
os.environ.setdefault("GOMP_SPINCOUNT", "0")


def main(argv):
    if len(argv) == 2 and argv[1] == "--info":
        from .info import runtime_info

        print(json.dumps(runtime_info()))
        return 0
    if len(argv) != 2:
        sys.stderr.write("usage: python -m distill_torch <job.json> | --info\n")
        return 2
    from distill_common.entry import run_guarded

    from .events import emit
    from .job import JobError
    from .sizes import SizeError

    def train():
        from .train import run

        run(argv[1])

    return run_guarded(train, (JobError, SizeError, FileNotFoundError), emit)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
