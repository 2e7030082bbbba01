"""Ends a trainer or worker when the process that launched it dies (a coordinator killed with SIGKILL)."""
import ctypes
import os
import signal
import threading
import time

PR_SET_PDEATHSIG = 1


def _exit_when_orphaned(parent_pid, interval):
    while True:
        if os.getppid() != parent_pid:
            os._exit(137)
        time.sleep(interval)


def watch_parent(interval=1.0):
    """If DISTILL_PARENT_PID names the launcher, exit once it is gone.

    On Linux the kernel delivers SIGTERM on the parent's death (prctl); a daemon thread that polls
    the parent pid covers other systems and the race before prctl took effect. Jobs run under a
    scheduler (no DISTILL_PARENT_PID) are not watched.
    """
    raw = os.environ.get("DISTILL_PARENT_PID")
    if not raw:
        return
    parent_pid = int(raw)
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent_pid:
        os._exit(137)
    threading.Thread(target=_exit_when_orphaned, args=(parent_pid, interval), daemon=True).start()
