"""distill_hf's event writer: the TrainEvent protocol shared with distill_torch, rank 0 only, prints sent to stderr."""
from distill_common.events import Events

_EVENTS = Events("distill_hf", rank_zero_only=True)
emit, log, quiet_stdout = _EVENTS.emit, _EVENTS.log, _EVENTS.quiet_stdout
