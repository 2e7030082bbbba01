// The reward judge client and format rewards both trainers import: same verdicts, batching, credential checks, failures.
import { afterAll, describe, expect, it } from "vitest"
import { fakeJudge, python, removeTemps, runPython } from "./py-fixture.ts"

afterAll(removeTemps)

const FORMAT = [{ regex: "^Think.*Final: \\d+", weight: 0.25 }]
const ITEMS = [
  { id: "p1", ref: "7", pred: "Think\nso Final: 7" },
  { id: "p2", ref: "7", pred: "Think\nFinal: 8" },
  { id: "p3", ref: "7", pred: "" },
  { id: "p4", ref: "7", pred: "7" }
]

/** distill_torch's GRPO path: one verdict per completion, reward_of on top. */
const TORCH_REWARDS = [
  "import json, sys",
  "from distill_torch.grpo import JudgeProcess, reward_of",
  "judge = JudgeProcess(sys.executable, [sys.argv[1]])",
  "items, rewards = json.loads(sys.argv[2]), json.loads(sys.argv[3])",
  "out = [reward_of(judge.verdict({k: v for k, v in it.items() if k != 'id'}), it['pred'], rewards) for it in items]",
  "judge.close()",
  "print(json.dumps(out))"
].join("\n")

/** distill_hf's GRPO path: TRL's reward function, one batch of verdicts for the step's completions. */
const HF_REWARDS = [
  "import json, sys, tempfile, types",
  "from distill_hf.grpo import JudgeProcess, JudgeReward",
  "from distill_common.reward_log import RewardLog",
  "judge = JudgeProcess(sys.executable, [sys.argv[1]])",
  "items, rewards = json.loads(sys.argv[2]), json.loads(sys.argv[3])",
  "log = RewardLog(tempfile.mkdtemp())",
  "reward = JudgeReward(judge, rewards, log)",
  "out = reward(prompts=[None] * len(items), completions=[it['pred'] for it in items],",
  "             item=[json.dumps({k: v for k, v in it.items() if k != 'pred'}) for it in items], trainer_state=types.SimpleNamespace(global_step=0))",
  "judge.close()",
  "print(json.dumps({'rewards': out, 'errors': reward.errors, 'verdicts': [r['verdict'] for r in json.loads('[' + ','.join(open(log.path)) + ']')]}))"
].join("\n")

const parsed = (r: { stdout: string; stderr: string; status: number | null }) => {
  expect(r.status, r.stderr).toBe(0)
  return JSON.parse(r.stdout.trim().split("\n").at(-1)!)
}

describe.skipIf(python === undefined)("distill_common.rewards (needs a Python with torch)", () => {
  it("gives the same rewards through both trainers for the same judge child: 1 for correct, plus the format weights (dot matches newlines)", () => {
    const judge = fakeJudge()
    const torch = parsed(runPython("distill_torch", TORCH_REWARDS, [judge, JSON.stringify(ITEMS), JSON.stringify(FORMAT)]))
    const hf = parsed(runPython("distill_hf", HF_REWARDS, [judge, JSON.stringify(ITEMS), JSON.stringify(FORMAT)]))
    expect(torch).toEqual([1.25, 0.25, 0, 1])
    expect(hf).toEqual({ rewards: torch, errors: 0, verdicts: ["correct", "incorrect", "unparseable", "correct"] })
  })

  it("batches a step's verdicts in order without filling the pipes", () => {
    const script = [
      "import json, sys",
      "from distill_hf.grpo import JudgeProcess",
      "judge = JudgeProcess(sys.executable, [sys.argv[1]])",
      "items = [{'ref': str(i % 10), 'pred': 'x' * 500 + str(i % 10 if i % 3 else 'no')} for i in range(6000)]",
      "lines = judge.verdicts(items)",
      "judge.close()",
      "print(json.dumps([l['verdict'] == ('incorrect' if i % 3 == 0 else 'correct') for i, l in enumerate(lines)].count(True)))"
    ].join("\n")
    expect(parsed(runPython("distill_hf", script, [fakeJudge()]))).toBe(6000)
  })

  it("names a missing credential variable as the package's JobError before starting the judge, in both trainers, never a value", () => {
    for (const pkg of ["distill_torch", "distill_hf"] as const) {
      const script = [
        "import json, sys",
        `from ${pkg}.grpo import JudgeProcess`,
        `from ${pkg}.job import JobError`,
        "try:",
        "    JudgeProcess(sys.executable, [sys.argv[1]], ['DISTILL_TEST_PRESENT_KEY', 'DISTILL_TEST_ABSENT_KEY'])",
        "except JobError as e:",
        "    print(json.dumps(str(e)))"
      ].join("\n")
      const r = runPython(pkg, script, [fakeJudge()], { DISTILL_TEST_PRESENT_KEY: "sk-value-never-shown" })
      expect(parsed(r)).toBe("the reward judge needs DISTILL_TEST_ABSENT_KEY, which the trainer's environment lacks")
      expect(r.stdout + r.stderr).not.toContain("sk-value-never-shown")
    }
  })

  it("fails a single verdict without one (torch) but scores it 0 and counts it in a batch (hf); a judge that exits fails both", () => {
    const judge = fakeJudge()
    const torchScript = [
      "import json, sys",
      "from distill_torch.grpo import JudgeProcess",
      "from distill_common.rewards import JudgeFailed",
      "out = []",
      "for pred in ('fail', 'exit'):",
      "    judge = JudgeProcess(sys.executable, [sys.argv[1]])",
      "    try:",
      "        judge.verdict({'ref': '1', 'pred': pred})",
      "    except JudgeFailed as e:",
      "        out.append(str(e))",
      "    judge.close()",
      "print(json.dumps(out))"
    ].join("\n")
    expect(parsed(runPython("distill_torch", torchScript, [judge]))).toEqual([
      "reward judge: stopped: spend budget of $1.00 reached", "the reward judge exited (code 3)"
    ])
    const items = [{ id: "a", ref: "1", pred: "fail" }, { id: "b", ref: "1", pred: "Think Final: 1" }]
    const hf = runPython("distill_hf", HF_REWARDS, [judge, JSON.stringify(items), JSON.stringify(FORMAT)])
    expect(parsed(hf)).toEqual({ rewards: [0, 1.25], errors: 1, verdicts: [null, "correct"] })
    expect(hf.stderr).toContain("[distill_hf] the reward judge gave no verdict (spend budget of $1.00 reached): reward 0")
    const exited = runPython("distill_hf", HF_REWARDS, [judge, JSON.stringify([{ id: "c", ref: "1", pred: "exit" }]), "[]"])
    expect(exited.status).not.toBe(0)
    expect(exited.stderr).toContain("JudgeFailed: the reward judge exited (code 3)")
  })
})
