"""A TrainerCallback that reports progress as TrainEvents (start, step, checkpoint) and marks saved checkpoints."""
import os
import time

from transformers import TrainerCallback

from .checkpoint import mark_complete
from .events import emit
from .hardware import memory_mb, train_flops

STEP_EVENT_SECONDS = 1.0


class EventsCallback(TrainerCallback):
    """Emits the JSON-lines protocol of the torch trainer so progress and reports work unchanged."""

    def __init__(self, counter, info, fingerprint, extra=None):
        self.counter = counter
        self.extra = extra  # logs -> extra step-event fields (a DPO / GRPO stage's)
        self.info = info  # params, trainable, n_layers, hidden, peak_gflops, device, resumed_from_step
        self.fingerprint = fingerprint
        self.losses = []
        self.last_event = 0.0
        self.t0 = None
        self.flops = 0.0
        self.tokens_seen = 0

    def on_train_begin(self, args, state, control, **kwargs):
        self.t0 = time.perf_counter()
        if hasattr(self.counter, "begin"):
            self.counter.begin(state)
        emit("start", total_steps=state.max_steps, params=self.info["params"],
             resumed_from_step=self.info["resumed_from_step"], peak_gflops=round(self.info["peak_gflops"], 2),
             pid=os.getpid(), trainable_params=self.info["trainable"], device=self.info["device"],
             model=self.info["model"], commit=self.info["commit"])

    def on_step_end(self, args, state, control, **kwargs):
        self._count_tokens()

    def _count_tokens(self):
        new = self.counter.tokens - self.tokens_seen
        self.tokens_seen = self.counter.tokens
        self.flops += train_flops(self.info["params"], self.info["trainable"], self.info["n_layers"],
                                  self.info["hidden"], new, self.counter.width)

    def on_log(self, args, state, control, logs=None, **kwargs):
        if not logs or "loss" not in logs:
            return
        fields = self.extra(logs) if self.extra else {}
        self._count_tokens()
        self.losses.append(float(logs["loss"]))
        now = time.perf_counter()
        done, start, total = state.global_step, self.info["resumed_from_step"], state.max_steps
        if now - self.last_event < STEP_EVENT_SECONDS and done != total and done != start + 1:
            return
        elapsed = max(now - self.t0, 1e-9)
        emit("step", step=done, total_steps=total, loss=round(self.losses[-1], 5), lr=float(logs.get("learning_rate", 0.0)),
             tokens_per_s=round(self.tokens_seen / elapsed, 1),
             eta_s=round(elapsed / max(1, done - start) * (total - done), 1),
             mfu=round(self.mfu(elapsed), 4), memory_mb=memory_mb(self.info["device"]), **fields)
        self.last_event = now

    def on_save(self, args, state, control, **kwargs):
        path = os.path.join(args.output_dir, f"checkpoint-{state.global_step}")
        if os.path.isdir(path):
            mark_complete(path, state.global_step, self.fingerprint)
            emit("checkpoint", step=state.global_step)

    def mfu(self, elapsed):
        """Model FLOPs utilisation so far against the measured matmul peak."""
        return self.flops / elapsed / 1e9 / self.info["peak_gflops"] if self.info["peak_gflops"] > 0 else 0.0

    def final_loss(self, total):
        """Mean logged loss over the last tenth of the run (1 to 50 steps)."""
        window = max(1, min(50, total // 10))
        tail = self.losses[-window:]
        return sum(tail) / len(tail) if tail else float("nan")
