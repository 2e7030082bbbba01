// Checks of train.stages: parents, names and method options, located.
import { describe, it } from "vitest"
import { expectEditFails } from "./support.ts"

describe("train.stages", () => {
  it("a stage starting from an unknown parent: at its from, naming the known ones", async () => {
    await expectEditFails(21, "train:\n  stages: [{ name: dpo, method: dpo, from: sfft }]", {
      line: 22, col: 44, pointer: "/train/stages/0/from",
      message: "stage 'dpo' starts from 'sfft', which is neither a method of train.method nor an earlier stage (known: sft)"
    })
  })

  it("a stage named like a first-stage method", async () => {
    await expectEditFails(21, "train:\n  stages: [{ name: sft, method: dpo, from: sft }]", {
      line: 22, col: 20, pointer: "/train/stages/0/name",
      message: "stage name 'sft' is already used by a first-stage method; stage names label students, so they must be unique"
    })
  })

  it("GRPO options on a DPO stage", async () => {
    await expectEditFails(21, "train:\n  stages: [{ name: pref, method: dpo, from: sft, group_size: 4 }]", {
      line: 22, col: 34, pointer: "/train/stages/0/method",
      message: "stage 'pref' sets GRPO options (group_size, kl_beta, rewards, max_completion_tokens) but its method is dpo"
    })
  })
})
