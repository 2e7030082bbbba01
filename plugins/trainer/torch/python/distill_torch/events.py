"""distill_torch's event writer: JSON-lines events on stdout (the TrainEvent protocol), logs on stderr."""
from distill_common.events import Events

_EVENTS = Events("distill_torch")
emit, log = _EVENTS.emit, _EVENTS.log
