// Tests for the published-traces teacher: replays a local trace file by normalised question, refuses unknown problems.
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { Effect, Exit, Layer } from "effect"
import { describe, expect, it } from "vitest"
import plugin from "../../../../plugins/teacher/published-traces/index.ts"
import { Teacher, type Row } from "../../../../src/plugins/index.ts"
import { testHost, validateConfig } from "../../dataset/test-host.ts"

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "published-"))
fs.writeFileSync(path.join(dir, "long_cot.jsonl"), [
  { problem: "What is $2+3$?", solution: "Let me think... 2+3=5. Final Answer: \\boxed{5}" },
  { problem: "Tom has 13 apples and eats 4. How many are left?", solution: "13-4=9. Final Answer: \\boxed{9}" }
].map((r) => JSON.stringify(r)).join("\n") + "\n")

const generate = (row: Row) => Effect.runPromiseExit(Effect.gen(function*() {
  const teacher = yield* Teacher
  return yield* teacher.generate({ prompt: `Solve: ${row.question}`, sampling: { temperature: 0, maxTokens: 100 }, sampleIndex: 0, row })
}).pipe(Effect.provide(plugin.layer(validateConfig(plugin.configSchema, { path: "long_cot.jsonl", question_field: "problem", trace_field: "solution" }) as never)
  .pipe(Layer.provide(testHost({ specDir: dir, cacheDir: dir }))))))

describe("published-traces", () => {
  it("answers each problem with its published trace, matched after normalisation (names, number formats, punctuation)", async () => {
    const a = await generate({ id: "a", question: "What is $2 + 3$?", reference: "5" })
    expect(Exit.isSuccess(a) && a.value.text).toBe("Let me think... 2+3=5. Final Answer: \\boxed{5}")
    const b = await generate({ id: "b", question: "Sam has 13.0 apples and eats four. How many are left", reference: "9" })
    expect(Exit.isSuccess(b) && b.value.text).toBe("13-4=9. Final Answer: \\boxed{9}")
  })

  it("refuses a problem the dataset has no trace for, naming the file", async () => {
    const c = await generate({ id: "c", question: "What is 7 times 8?", reference: "56" })
    expect(Exit.isFailure(c)).toBe(true)
    expect(JSON.stringify(c)).toMatch(/no trace for this problem in long_cot\.jsonl/)
  })

  it("needs exactly one of path and repo", () => {
    expect(() => validateConfig(plugin.configSchema, { question_field: "problem", trace_field: "solution" })).toThrow(/oneOf/)
    expect(() => validateConfig(plugin.configSchema, { path: "a.jsonl", repo: "x/y", question_field: "problem", trace_field: "solution" })).toThrow(/oneOf/)
  })
})
