"""GRPO from the parent stage through TRL's GRPOTrainer, rewarded by the spec's judge; every completion goes to rewards.jsonl."""
import json
import os

from distill_common.jsonl import iter_rows
from distill_common.reward_log import RewardLog
from distill_common.rewards import JudgeProcess, format_reward

from .events import log
from .job import JobError


def load_prompts(path, chat):
    """Dataset rows {"prompt", "item"}: the prompt (a user message under the chat template) and the judge input as JSON.

    The judge input stays one JSON string so rows with and without choices, precision or answerKind share one schema.
    """
    rows = []
    for row in iter_rows(path):
        prompt = [{"role": "user", "content": row["prompt"]}] if chat else row["prompt"]
        rows.append({"prompt": prompt, "item": json.dumps({k: v for k, v in row.items() if k != "prompt"})})
    return rows


def completion_text(completion):
    """The text of a completion: a string, or the content of a conversational completion's messages."""
    if isinstance(completion, str):
        return completion
    return "".join(m.get("content") or "" for m in completion)


class JudgeReward:
    """TRL reward function: the judge's 1 / 0 plus the format regexes' weights; logs every completion it scores."""

    __name__ = "judge"

    def __init__(self, judge, rewards, reward_log):
        self.judge, self.rewards, self.log = judge, rewards, reward_log
        self.errors = 0

    def __call__(self, prompts, completions, item, trainer_state, **_):
        step = trainer_state.global_step + 1
        items = [json.loads(i) for i in item]
        texts = [completion_text(c) for c in completions]
        verdicts = self.judge.verdicts([{**{k: v for k, v in it.items() if k != "id"}, "pred": t} for it, t in zip(items, texts)])
        rows, out = [], []
        for it, text, v in zip(items, texts, verdicts):
            if v.get("verdict") is None:
                self.errors += 1
                if self.errors <= 5:
                    log(f"the reward judge gave no verdict ({(v.get('error') or {}).get('message', 'no message')}): reward 0")
            fmt = format_reward(text, self.rewards)
            reward = (1.0 if v.get("verdict") == "correct" else 0.0) + fmt
            out.append(reward)
            rows.append({"step": step, "id": it.get("id"), "completion": text, "reward": reward, "verdict": v.get("verdict"), "format": fmt})
        self.log.append(rows)
        return out


class GrpoStage:
    """A GRPOTrainer over the job's prompts: `batch_size` prompts x `group_size` completions per optimizer step."""

    def __init__(self, job, model, tokenizer, chat, peft_config, output_dir, accumulation, dtype, device, callbacks):
        from datasets import Dataset
        from trl import GRPOConfig, GRPOTrainer

        from .stage_args import stage_arguments

        hyper = job["hyper"]
        prompts = load_prompts(job["promptsFile"], chat)
        if not prompts:
            raise JobError(f"no prompts in {job['promptsFile']}")
        group = hyper["group_size"]
        args = stage_arguments(
            GRPOConfig, hyper, output_dir, accumulation, dtype, device, job["seed"],
            per_device_train_batch_size=hyper["micro_batch_size"] * group, num_generations=group,
            max_completion_length=hyper["max_completion_tokens"], temperature=float(hyper["temperature"]),
            beta=float(hyper["kl_beta"]), loss_type="grpo", scale_rewards="group", num_iterations=1,
            remove_unused_columns=False, disable_dropout=True, log_completions=False, shuffle_dataset=True,
        )
        self.output_dir = job["outputDir"]
        self.log = RewardLog(self.output_dir)
        self.judge = JudgeProcess(job["judge"]["command"], job["judge"]["args"], job["judge"].get("env") or ())
        tokenizer.padding_side = "left"
        self.reward = JudgeReward(self.judge, hyper["rewards"], self.log)
        self.trainer = GRPOTrainer(model=model, reward_funcs=[self.reward], args=args, train_dataset=Dataset.from_list(prompts),
                                   processing_class=tokenizer, peft_config=peft_config, callbacks=callbacks)
        self.prompts, self.group = len(prompts), group
        self.counter = LoggedTokens()

    def describe(self):
        return f"TRL GRPOTrainer (group {self.group}, KL beta {self.trainer.beta}), {self.prompts} prompts"

    def step_fields(self, logs):
        """The torch trainer's GRPO step fields: mean and standard deviation of the step's rewards, and the KL."""
        self.counter.observe(logs)
        if "reward" not in logs:
            return {}
        fields = {"reward_mean": round(float(logs["reward"]), 5), "reward_std": round(float(logs.get("reward_std") or 0.0), 5)}
        if logs.get("kl") is not None:
            fields["kl"] = round(float(logs["kl"]), 6)
        return fields

    def before(self, resume_step):
        """Keeps the logged completions of the steps the checkpoint holds (rank 0; the others write only once it trained)."""
        if int(os.environ.get("RANK") or 0) == 0:
            self.log.keep_until(resume_step)

    def metrics(self):
        """Done metrics: the mean reward of the first and last fifth of the steps and the reward curve, from rewards.jsonl."""
        curve = self.log.curve()
        window = max(1, len(curve) // 5)
        first = sum(p["mean"] for p in curve[:window]) / window if curve else float("nan")
        last = sum(p["mean"] for p in curve[-window:]) / window if curve else float("nan")
        return {"prompts": self.prompts, "reward_first": round(first, 5), "reward_last": round(last, 5),
                "reward_curve": curve, "judge_errors": self.reward.errors}

    def close(self):
        self.judge.close()


class LoggedTokens:
    """Token counts for the events callback from GRPO's logged `num_tokens` (prompt + completion tokens seen)."""

    def __init__(self):
        self.tokens = 0
        self.width = 0
        self.base = 0

    def begin(self, state):
        """Counts from the state training starts (or resumes) at."""
        self.base = int(state.num_input_tokens_seen or 0)

    def observe(self, logs):
        if logs.get("num_tokens") is not None:
            self.tokens = int(logs["num_tokens"]) - self.base
        if logs.get("completions/mean_length") is not None:
            self.width = int(logs["completions/mean_length"])
