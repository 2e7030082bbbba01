"""GRPO from the parent stage: groups of sampled completions per prompt, group-normalised rewards, KL to the parent."""
import random

import torch
import torch.nn.functional as F

from distill_common.jsonl import iter_rows
from distill_common.reward_log import RewardLog
from distill_common.rewards import JudgeProcess, reward_of

from .events import emit
from .export import write_outputs
from .job import JobError
from .model import count_params
from .preference import stage_fingerprint, frozen_copy, load_parent, run_stage, token_logps
from .tokenizer import BOS, EOS, decode, encode

def load_prompts(path):
    """The prompt rows of a GRPO job: {"id","prompt","ref",...} per line."""
    return list(iter_rows(path))


@torch.no_grad()
def sample_group(model, prompt, group, max_new, temperature, generator):
    """`group` completions of one prompt sampled at `temperature`: (head, token lists without EOS, ended with EOS)."""
    head = [BOS] + encode(prompt)
    seqs = torch.tensor([head] * group, dtype=torch.long)
    done = [False] * group
    outs = [[] for _ in range(group)]
    limit = model.dims["max_len"] - len(head)
    for _ in range(max(0, min(max_new, limit))):
        logits = model(seqs)[:, -1, :].float()
        if temperature > 0:
            probs = F.softmax(logits / temperature, dim=-1)
            nxt = torch.multinomial(probs, 1, generator=generator).squeeze(-1)
        else:
            nxt = logits.argmax(dim=-1)
        for i in range(group):
            if not done[i]:
                if int(nxt[i]) == EOS:
                    done[i] = True
                else:
                    outs[i].append(int(nxt[i]))
        if all(done):
            break
        seqs = torch.cat([seqs, nxt.unsqueeze(-1)], dim=1)
    return head, outs, done


def group_advantages(rewards):
    """Rewards normalised within their group: (r - mean) / std, all zeros when every reward is the same."""
    mean = sum(rewards) / len(rewards)
    std = (sum((x - mean) ** 2 for x in rewards) / len(rewards)) ** 0.5
    return [0.0 if std < 1e-6 else (x - mean) / std for x in rewards]


def grpo_loss(logp, ref_logp, mask, advantages, kl_beta):
    """GRPO's loss: the advantage-weighted policy term and the k3 KL estimate to the reference, both per token,
    averaged over each completion's tokens, then over completions. Returns (loss, mean KL)."""
    tokens = mask.sum(dim=1).clamp(min=1).float()
    adv = torch.tensor(advantages).unsqueeze(-1)
    policy = -((adv * logp * mask).sum(dim=1) / tokens).mean()
    diff = (ref_logp - logp) * mask
    kl = (((torch.exp(diff) - diff - 1) * mask).sum(dim=1) / tokens).mean()
    return policy + kl_beta * kl, kl


def total_steps_of(hyper, n_prompts):
    """Optimizer steps: epochs over the prompts in batches, capped by max_steps."""
    per_epoch = max(1, -(-n_prompts // hyper["batch_size"]))
    total = max(1, int(round(hyper["epochs"] * per_epoch)))
    return min(total, int(hyper["max_steps"])) if hyper["max_steps"] else total


def run(job, make_optimizer):
    """Trains the policy on the judge's rewards; every completion and its reward is logged to rewards.jsonl."""
    for key in ("promptsFile", "judge"):
        if not job.get(key):
            raise JobError(f"method 'grpo' needs {key}")
    hyper = job["hyper"]
    torch.manual_seed(job["seed"])
    model = load_parent(job)
    ref = frozen_copy(model)
    prompts = load_prompts(job["promptsFile"])
    if not prompts:
        raise JobError(f"no prompts in {job['promptsFile']}")
    total = total_steps_of(hyper, len(prompts))
    optimizer, scheduler = make_optimizer(model, hyper, total)
    judge = JudgeProcess(job["judge"]["command"], job["judge"]["args"], job["judge"].get("env") or ())
    rewards_log = RewardLog(job["outputDir"])
    group, kl_beta, temperature = hyper["group_size"], hyper["kl_beta"], hyper["temperature"]

    first_call = [True]

    def step_fn(step):
        if first_call[0]:
            rewards_log.keep_until(step)  # a resumed run redoes the steps after its checkpoint
            first_call[0] = False
        rng = random.Random(job["seed"] * 1_000_003 + step)
        generator = torch.Generator().manual_seed(job["seed"] * 7_919 + step)
        batch = [prompts[rng.randrange(len(prompts))] for _ in range(hyper["batch_size"])]
        seqs, advantages, rewards, logged = [], [], [], []
        for row in batch:
            head, outs, ended = sample_group(model, row["prompt"], group, hyper["max_completion_tokens"], temperature, generator)
            texts = [decode(o) for o in outs]
            item = {k: v for k, v in row.items() if k not in ("id", "prompt")}
            r = [reward_of(judge.verdict({**item, "pred": t}), t, hyper["rewards"]) for t in texts]
            logged.extend({"step": step + 1, "id": row["id"], "completion": t, "reward": v} for t, v in zip(texts, r))
            # a completion cut at max_completion_tokens did not end: no EOS is trained at the cut
            seqs.extend((head + o + ([EOS] if e else []), len(head)) for o, e in zip(outs, ended))
            advantages.extend(group_advantages(r))
            rewards.extend(r)
        rewards_log.append(logged)
        logp, mask = token_logps(model, seqs, temperature)
        with torch.no_grad():
            ref_logp, _ = token_logps(ref, seqs, temperature)
        loss, kl = grpo_loss(logp, ref_logp, mask, advantages, kl_beta)
        mean_r = sum(rewards) / len(rewards)
        std_r = (sum((x - mean_r) ** 2 for x in rewards) / len(rewards)) ** 0.5
        return loss, {"reward_mean": round(mean_r, 5), "reward_std": round(std_r, 5), "kl": round(float(kl), 6)}

    params = count_params(model)
    try:
        losses, extras, seconds, start = run_stage(job, model, optimizer, scheduler, total, stage_fingerprint(job, "promptsFile"), step_fn, params)
    finally:
        judge.close()
    model.eval()
    onnx_path = write_outputs(model, job["outputDir"], job, params)
    window = max(1, len(extras) // 5)
    first = sum(e["reward_mean"] for e in extras[:window]) / window
    last = sum(e["reward_mean"] for e in extras[-window:]) / window
    emit("done", onnx=onnx_path, checkpoint=f"{job['outputDir']}/checkpoint", metrics={
        "final_loss": sum(losses[-window:]) / window, "params": params, "trainable_params": params, "steps": total,
        "resumed_from_step": start, "train_seconds": round(seconds, 3), "tokens_per_s": 0.0, "mfu": 0.0,
        "reward_first": round(first, 5), "reward_last": round(last, 5),
        "reward_curve": [{"step": i + 1, "mean": e["reward_mean"], "std": e["reward_std"]} for i, e in enumerate(extras)],
    })
