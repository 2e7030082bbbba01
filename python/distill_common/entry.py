"""The guard around a trainer's run: the orphan watch, and every failure turned into one `error` event."""
import traceback

from .orphan import watch_parent


def run_guarded(train, expected, emit):
    """Runs `train()` under the orphan watch; returns the exit code.

    An exception of the `expected` classes becomes an error event with its message; any other one becomes an error
    event with its type and message, after its traceback on stderr.
    """
    try:
        watch_parent()
        train()
        return 0
    except expected as e:
        emit("error", message=str(e))
        return 1
    except Exception as e:  # reported as an error event; the traceback goes to stderr
        traceback.print_exc()
        emit("error", message=f"{type(e).__name__}: {e}")
        return 1
