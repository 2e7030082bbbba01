"""The DPO and GRPO part of a job file: their hyper-parameter defaults, the inputs they need, and their checks."""
import re

STAGE_DEFAULTS = {
    "beta": 0.1,  # dpo: DPO's beta, IPO's tau
    "loss": "sigmoid",  # dpo: sigmoid (DPO) or ipo
    "group_size": 4,  # grpo: completions per prompt
    "kl_beta": 0.04,  # grpo: weight of the k3 KL penalty to the parent
    "max_completion_tokens": 128,  # grpo: longest sampled completion
    "temperature": 1.0,  # grpo: sampling temperature of the completions
    "rewards": [],  # grpo: [{"regex", "weight"}] added to the judge's 1 / 0
}
STAGE_METHOD_DEFAULTS = {"dpo": {"lr": 1e-6, "epochs": 1}, "grpo": {"lr": 1e-6, "epochs": 1}}


def _positive_int(value):
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def _number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def check_stage(job, hyper, error):
    """Raises `error` when a dpo / grpo job lacks its parent, pairs, prompts or judge, or has a bad stage setting."""
    method = job["method"]
    if method not in STAGE_METHOD_DEFAULTS:
        return
    if not job.get("baseDir"):
        raise error(f"method {method!r} needs baseDir (the parent stage's output directory)")
    if method == "dpo":
        if not job.get("pairsFile"):
            raise error("method 'dpo' needs pairsFile")
        if hyper["loss"] not in ("sigmoid", "ipo"):
            raise error("hyper.loss must be 'sigmoid' or 'ipo'")
        if not _number(hyper["beta"]) or hyper["beta"] <= 0:
            raise error("hyper.beta must be a positive number")
        return
    if not job.get("promptsFile") or not job.get("judge"):
        raise error("method 'grpo' needs promptsFile and judge")
    judge = job["judge"]
    if not isinstance(judge, dict) or not isinstance(judge.get("command"), str) or not isinstance(judge.get("args"), list):
        raise error("job.judge must be {\"command\": string, \"args\": [string]}")
    if not _positive_int(hyper["group_size"]) or hyper["group_size"] < 2:
        raise error("hyper.group_size must be an integer >= 2 (GRPO compares completions within a group)")
    if not _positive_int(hyper["max_completion_tokens"]):
        raise error("hyper.max_completion_tokens must be a positive integer")
    if not _number(hyper["kl_beta"]) or hyper["kl_beta"] < 0:
        raise error("hyper.kl_beta must be a number >= 0")
    if not _number(hyper["temperature"]) or hyper["temperature"] <= 0:
        raise error("hyper.temperature must be > 0 for grpo with the hf trainer (a group of greedy completions is one completion)")
    rewards = hyper["rewards"]
    if not isinstance(rewards, list):
        raise error("hyper.rewards must be a list of {regex, weight}")
    for i, r in enumerate(rewards):
        if not isinstance(r, dict) or not isinstance(r.get("regex"), str) or not _number(r.get("weight")):
            raise error(f"hyper.rewards[{i}] must be {{\"regex\": string, \"weight\": number}}")
        try:
            re.compile(r["regex"])
        except re.error as e:
            raise error(f"hyper.rewards[{i}].regex does not compile: {e}") from None
