"""DPO from the parent stage: preference pairs, the parent as the frozen reference, sigmoid (DPO) or IPO loss."""
import random

import torch
import torch.nn.functional as F

from distill_common.jsonl import iter_rows

from .data import batches_per_epoch
from .events import emit
from .export import write_outputs
from .job import JobError, total_steps
from .model import count_params
from .preference import stage_fingerprint, encode_pair, frozen_copy, load_parent, run_stage, sequence_logps

HELD_OUT_FRACTION = 0.1


def load_pairs(path, max_len):
    """(chosen, rejected) encoded sequences per pair line of a {"prompt","chosen","rejected"} JSONL file."""
    return [(encode_pair(row["prompt"], row["chosen"], max_len), encode_pair(row["prompt"], row["rejected"], max_len))
            for row in iter_rows(path)]


def split_pairs(pairs, seed):
    """A deterministic held-out tenth (at least one pair when there are 10 or more) and the training rest."""
    order = list(range(len(pairs)))
    random.Random(seed).shuffle(order)
    n_held = int(len(pairs) * HELD_OUT_FRACTION)
    held = [pairs[i] for i in order[:n_held]]
    return [pairs[i] for i in order[n_held:]], held


def margins(policy, ref, pairs):
    """Per pair: (log pi(chosen) - log ref(chosen)) - (log pi(rejected) - log ref(rejected))."""
    chosen = [c for c, _ in pairs]
    rejected = [r for _, r in pairs]
    pc, _ = sequence_logps(policy, chosen)
    pr, _ = sequence_logps(policy, rejected)
    with torch.no_grad():
        rc, _ = sequence_logps(ref, chosen)
        rr, _ = sequence_logps(ref, rejected)
    return (pc - rc) - (pr - rr)


def dpo_loss(m, beta, kind):
    """Mean loss over pairs of margins m: -log sigmoid(beta m) (DPO) or (m - 1/(2 beta))^2 (IPO)."""
    if kind == "ipo":
        return ((m - 1.0 / (2.0 * beta)) ** 2).mean()
    return -F.logsigmoid(beta * m).mean()


def logp_margin(model, pairs):
    """Mean over pairs of log p(chosen) - log p(rejected) under `model` (reference-free), without gradients."""
    if not pairs:
        return float("nan")
    with torch.no_grad():
        pc, _ = sequence_logps(model, [c for c, _ in pairs])
        pr, _ = sequence_logps(model, [r for _, r in pairs])
    return float((pc - pr).mean())


def run(job, make_optimizer):
    """Trains the policy on the pairs; reports the held-out log-probability margin before and after."""
    if not job.get("pairsFile"):
        raise JobError("method 'dpo' needs pairsFile")
    hyper = job["hyper"]
    torch.manual_seed(job["seed"])
    model = load_parent(job)
    ref = frozen_copy(model)
    pairs = load_pairs(job["pairsFile"], hyper["max_len"] or model.dims["max_len"])
    if not pairs:
        raise JobError(f"no preference pairs in {job['pairsFile']}")
    train, held = split_pairs(pairs, job["seed"])
    held_before = logp_margin(model, held)
    per_epoch = batches_per_epoch(len(train), hyper["batch_size"])
    total = total_steps(hyper, per_epoch)
    optimizer, scheduler = make_optimizer(model, hyper, total)
    order_cache = {}

    def step_fn(step):
        epoch, index = divmod(step, per_epoch)
        if epoch not in order_cache:
            order = list(range(len(train)))
            random.Random(job["seed"] * 100_003 + epoch).shuffle(order)
            order_cache.clear()
            order_cache[epoch] = order
        ids = order_cache[epoch][index * hyper["batch_size"] : (index + 1) * hyper["batch_size"]]
        m = margins(model, ref, [train[i] for i in ids])
        loss = dpo_loss(m, hyper["beta"], hyper["loss"])
        return loss, {"margin": round(float(m.mean()), 5), "accuracy": round(float((m > 0).float().mean()), 4)}

    params = count_params(model)
    losses, extras, seconds, start = run_stage(job, model, optimizer, scheduler, total, stage_fingerprint(job, "pairsFile"), step_fn, params)
    model.eval()
    held_after = logp_margin(model, held)
    onnx_path = write_outputs(model, job["outputDir"], job, params)
    tail = extras[-max(1, len(extras) // 10):]
    emit("done", onnx=onnx_path, checkpoint=f"{job['outputDir']}/checkpoint", metrics={
        "final_loss": sum(losses[-max(1, len(losses) // 10):]) / max(1, len(losses[-max(1, len(losses) // 10):])),
        "params": params, "trainable_params": params, "steps": total, "resumed_from_step": start,
        "train_seconds": round(seconds, 3), "tokens_per_s": 0.0, "mfu": 0.0,
        "pairs": len(pairs), "held_out_pairs": len(held),
        "held_out_margin_before": round(held_before, 5), "held_out_margin_after": round(held_after, 5),
        "train_reward_accuracy": round(sum(e["accuracy"] for e in tail) / len(tail), 4),
    })
