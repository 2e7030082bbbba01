// rewards.jsonl as both trainers keep it: one write per step, cut back to the checkpoint's step, a torn last line dropped.
import { readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { python, removeTemps, runPython, tempDir } from "./py-fixture.ts"

afterAll(removeTemps)

describe.skipIf(python === undefined)("distill_common.reward_log (needs a Python with torch)", () => {
  it("keeps the steps a resumed run's checkpoint holds, drops a line cut by a kill, appends and draws the curve", () => {
    const dir = tempDir("reward-log")
    const file = join(dir, "rewards.jsonl")
    const row = (step: number, reward: number) => JSON.stringify({ step, id: `p${step}`, completion: "c", reward })
    writeFileSync(file, [row(1, 1), row(1, 0), row(2, 1), row(3, 0)].join("\n") + "\n" + `{"step": 3, "id": "p3", "compl`)
    const script = [
      "import json, sys",
      "from distill_common.reward_log import RewardLog",
      "log = RewardLog(sys.argv[1])",
      "log.keep_until(2)",
      "log.append([{'step': 3, 'id': 'q', 'completion': 'd', 'reward': 0.5}, {'step': 3, 'id': 'r', 'completion': 'e', 'reward': 1.5}])",
      "print(json.dumps(log.curve()))"
    ].join("\n")
    const r = runPython("distill_torch", script, [dir])
    expect(r.status, r.stderr).toBe(0)
    expect(JSON.parse(r.stdout)).toEqual([{ step: 1, mean: 0.5, std: 0.5 }, { step: 2, mean: 1, std: 0 }, { step: 3, mean: 1, std: 0.5 }])
    expect(readFileSync(file, "utf8").trim().split("\n").map((l) => JSON.parse(l).id)).toEqual(["p1", "p1", "p2", "q", "r"])
  })
})
