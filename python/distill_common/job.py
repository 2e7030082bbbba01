"""The parts of reading a TrainJob JSON file that every trainer shares: required keys, method, hyper-parameters."""
import json

REQUIRED = ("family", "size", "method", "seed", "trainFile", "outputDir")


class JobError(ValueError):
    """An invalid job file."""


def read_job(path, methods):
    """The parsed job file; JobError when it lacks a required key or names a method outside `methods`."""
    with open(path, encoding="utf-8") as f:
        job = json.load(f)
    for key in REQUIRED:
        if key not in job:
            raise JobError(f"job file lacks {key!r}")
    if job["method"] not in methods:
        raise JobError(f"method {job['method']!r} is not supported (supported: {', '.join(methods)})")
    return job


def merge_hyper(job, defaults, method_defaults):
    """The job's `hyper` over the method's defaults over `defaults`; JobError for a key `defaults` does not know."""
    hyper = {**defaults, **method_defaults[job["method"]]}
    for key, value in (job.get("hyper") or {}).items():
        if key not in defaults:
            raise JobError(f"unknown hyper-parameter {key!r} (known: {', '.join(defaults)})")
        hyper[key] = value
    return hyper


def check_positive(hyper, integers, numbers):
    """JobError unless each key of `integers` is a positive integer and each of `numbers` a positive number."""
    for key in integers:
        if not isinstance(hyper[key], int) or isinstance(hyper[key], bool) or hyper[key] <= 0:
            raise JobError(f"hyper.{key} must be a positive integer")
    for key in numbers:
        if isinstance(hyper[key], bool) or not isinstance(hyper[key], (int, float)) or hyper[key] <= 0:
            raise JobError(f"hyper.{key} must be a positive number")
