"""DPO from the parent stage through TRL's DPOTrainer: the parent is the frozen reference; a held-out margin before and after."""
import json
import random

from .data import TokenCounter, load_turns
from .job import JobError
from .stage_args import stage_arguments

HELD_OUT_FRACTION = 0.1


def load_pairs(path, chat):
    """{"prompt","chosen","rejected"} per pair line; with `chat`, as user / assistant messages for the chat template."""
    return load_turns(path, chat, ("chosen", "rejected"))


def split_pairs(pairs, seed):
    """A deterministic held-out tenth and the training rest (the torch trainer's split, same seed, same pairs)."""
    order = list(range(len(pairs)))
    random.Random(seed).shuffle(order)
    n_held = int(len(pairs) * HELD_OUT_FRACTION)
    return [pairs[i] for i in order[n_held:]], [pairs[i] for i in order[:n_held]]


def logp_margin(trainer, collator, batch_size):
    """Mean over the held-out pairs of log p(chosen) - log p(rejected) under the policy (reference-free, no gradients).

    The pairs are TRL's own tokenization (trainer.eval_dataset) and the log-probabilities its fused LM head's.
    """
    import torch

    data = trainer.eval_dataset
    if data is None or len(data) == 0:
        return float("nan")
    model = trainer.accelerator.unwrap_model(trainer.model)
    was_training = model.training
    model.eval()
    total, n = 0.0, 0
    with torch.no_grad(), trainer.accelerator.autocast():
        for start in range(0, len(data), batch_size):
            batch = trainer._prepare_inputs(collator([data[i] for i in range(start, min(start + batch_size, len(data)))]))
            labels = batch["input_ids"].masked_fill(batch["completion_mask"] == 0, -100)
            out = model(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"], labels=labels,
                        use_cache=False, fused_lm_head=True)
            width = batch["completion_mask"].size(1) - 1
            logps = out.log_probs[:, -width:].float().sum(dim=1)
            chosen, rejected = logps.chunk(2, dim=0)
            total += float((chosen - rejected).sum())
            n += chosen.numel()
    model.train(was_training)
    return total / n


class DpoStage:
    """A DPOTrainer over the job's pairs, with the step fields and done metrics of the torch trainer's DPO."""

    def __init__(self, job, model, tokenizer, chat, peft_config, output_dir, accumulation, dtype, device, callbacks):
        from datasets import Dataset
        from trl import DPOConfig, DPOTrainer

        hyper = job["hyper"]
        pairs = load_pairs(job["pairsFile"], chat)
        if not pairs:
            raise JobError(f"no preference pairs in {job['pairsFile']}")
        train, held = split_pairs(pairs, job["seed"])
        self.pairs, self.held, self.beta = len(pairs), len(held), float(hyper["beta"])
        self.micro = hyper["micro_batch_size"]
        args = stage_arguments(DPOConfig, hyper, output_dir, accumulation, dtype, device, job["seed"],
                               beta=self.beta, loss_type=[hyper["loss"]], max_length=hyper["max_len"],
                               disable_dropout=True, precompute_ref_log_probs=False)
        self.trainer = DPOTrainer(model=model, args=args, train_dataset=Dataset.from_list(train),
                                  eval_dataset=Dataset.from_list(held) if held else None, processing_class=tokenizer,
                                  peft_config=peft_config, callbacks=callbacks)
        self.collator = self.trainer.data_collator
        self.counter = TokenCounter(self.collator)
        self.trainer.data_collator = self.counter
        self.accuracies = []
        self.margin_before = float("nan")

    def describe(self):
        return f"TRL DPOTrainer ({self.trainer.args.loss_type[0]}, beta {self.beta}), {self.pairs} pairs ({self.held} held out)"

    def step_fields(self, logs):
        """The torch trainer's DPO step fields: mean policy-minus-reference margin (unscaled) and reward accuracy."""
        if "rewards/margins" not in logs:
            return {}
        self.accuracies.append(float(logs.get("rewards/accuracies", 0.0)))
        return {"margin": round(float(logs["rewards/margins"]) / self.beta, 5), "accuracy": round(self.accuracies[-1], 4)}

    def before(self, resume_step):
        """The held-out margin of the parent: the policy before any step (a checkpoint is loaded only inside train())."""
        self.margin_before = logp_margin(self.trainer, self.collator, self.micro)

    def metrics(self):
        """Done metrics: pairs, the held-out margin before and after, and the reward accuracy of the last tenth."""
        tail = self.accuracies[-max(1, len(self.accuracies) // 10):]
        return {
            "pairs": self.pairs, "held_out_pairs": self.held,
            "held_out_margin_before": round(self.margin_before, 5),
            "held_out_margin_after": round(logp_margin(self.trainer, self.collator, self.micro), 5),
            "train_reward_accuracy": round(sum(tail) / len(tail), 4) if tail else float("nan"),
        }

    def close(self):
        pass
