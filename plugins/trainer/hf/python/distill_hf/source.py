"""Where a student's weights come from: a local directory, or a Hub id at a pinned revision in the local HF cache."""
import os
import re

SHA = re.compile(r"^[0-9a-f]{40}$")


class SourceError(RuntimeError):
    """Weights that cannot be found locally; the message names the command that fetches them."""


def fetch_command(model, revision):
    """The shell command that puts `model` at `revision` into the local Hugging Face cache."""
    rev = f" --revision {revision}" if revision else ""
    return f"hf download {model}{rev}"


def resolve(model, revision=None):
    """(local directory, commit SHA or None) for a path or a Hub id; never downloads (offline-safe)."""
    if os.path.isdir(model):
        return os.path.abspath(model), None
    from huggingface_hub import snapshot_download

    try:
        path = snapshot_download(repo_id=model, revision=revision, local_files_only=True)
    except Exception as e:  # LocalEntryNotFoundError, RevisionNotFoundError, HFValidationError, ...
        home = os.environ.get("HF_HOME") or os.path.join(os.path.expanduser("~"), ".cache", "huggingface")
        raise SourceError(
            f"weights of {model}{'@' + revision if revision else ''} are not in the local Hugging Face cache ({home}/hub): "
            f"fetch them with `{fetch_command(model, revision)}` (then runs work offline, HF_HUB_OFFLINE=1); {type(e).__name__}"
        ) from None
    sha = os.path.basename(os.path.normpath(path))
    return path, sha if SHA.match(sha) else None
