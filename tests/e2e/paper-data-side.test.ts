// The paper spec's data side (datasets, leakage, generate, judge, filter, mix) against loopback vLLM servers and a fake Hub.
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { distillAwait as distill, repoRoot } from "../support/cli.ts"
import { startFakeHub, type FakeHub } from "../support/hub/fake-hub.ts"
import { writeParquet } from "../support/hub/parquet-writer.ts"
import { startLoopback, type Loopback } from "../support/providers/loopback.ts"
import { openAiWire } from "../support/providers/openai-wire.ts"

const PAPER = path.join(repoRoot, "experiments", "paper-learnability-gap.yaml")
const SUBJECTS = ["algebra", "counting_and_probability", "geometry", "intermediate_algebra", "number_theory", "prealgebra", "precalculus"]
const PER_SUBJECT = 8
/** Problems whose reference no teacher's answer (always 42 on the loopback) matches: judged wrong by every teacher. */
const WRONG = new Set(["algebra-3", "geometry-1", "geometry-6", "number_theory-0", "prealgebra-5", "precalculus-7"])
const TEACHERS = { long: "QWQ_URL", short: "QWEN32_URL", large: "QWEN72_URL", small: "QWEN3_URL" } as const

/** A MATH-style shard: problems with a worked solution ending in a boxed answer. */
const shard = (subject: string) => writeParquet([
  { name: "problem", type: "string", values: Array.from({ length: PER_SUBJECT }, (_, i) => `In ${subject.replaceAll("_", " ")}, exercise ${i}: what is the value of the expression number ${i}?`) },
  { name: "solution", type: "string", values: Array.from({ length: PER_SUBJECT }, (_, i) => `Working it out gives $\\boxed{${WRONG.has(`${subject}-${i}`) ? 7 : 42}}$.`) }
])

/** One small file per eval set, in each benchmark's public format. */
const writeEvalSets = (dir: string): Record<string, string> => {
  const files: Record<string, ReadonlyArray<Record<string, unknown>>> = {
    math500: [0, 1, 2].map((i) => ({ problem: `Evaluate the held-out sum ${i} + ${i}.`, answer: String(2 * i), unique_id: `test/algebra/${i}.json`, subject: "Algebra", level: 1 })),
    gsm8k: [0, 1].map((i) => ({ question: `A shop sells ${i + 2} apples a day. How many in two days?`, answer: `Twice.\n#### ${2 * (i + 2)}` })),
    aime24: [{ id: 60, problem: "Find the remainder of the held-out number when divided by 1000.", answer: "204" }],
    amc23: [{ id: 0, problem: "Cities A and B are 45 miles apart; where do the riders meet?", answer: 27.0 }],
    olympiadbench: [{ id: 1606, question: "How many moves does the held-out game take?", final_answer: ["2"], is_multiple_answer: false, unit: null, answer_type: "Numerical", context: null }]
  }
  return Object.fromEntries(Object.entries(files).map(([name, rows]) => {
    const file = path.join(dir, `${name}.jsonl`)
    fs.writeFileSync(file, rows.map((r) => JSON.stringify(r)).join("\n") + "\n")
    return [name, file]
  }))
}

/** The judge model's side: a chat completion that says False. */
const sayFalse = () => {
  const wire = openAiWire()
  return { ...wire, success: () => ({ status: 200, body: {
    id: "chatcmpl-judge", object: "chat.completion", created: 1, model: "judge",
    choices: [{ index: 0, message: { role: "assistant", content: "False" }, finish_reason: "stop" }],
    usage: { prompt_tokens: 50, completion_tokens: 1, total_tokens: 51 }
  } }) }
}

const servers: Record<string, Loopback> = {}
let hub: FakeHub

beforeAll(async () => {
  for (const name of Object.keys(TEACHERS)) servers[name] = await startLoopback(openAiWire())
  servers["judge"] = await startLoopback(sayFalse())
  hub = await startFakeHub({ "EleutherAI/hendrycks_math": {
    sha: "9f".repeat(20), files: Object.fromEntries(SUBJECTS.map((s) => [`${s}/train-00000-of-00001.parquet`, shard(s)]))
  } })
})
afterAll(async () => {
  for (const s of Object.values(servers)) await s.close()
  await hub.close()
})

describe("the paper spec's data side", () => {
  it("runs datasets, leakage, generate, judge, filter and mix against loopback servers, mixing 0.2 / 0.8 per problem", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "paper-data-"))
    const evals = writeEvalSets(root)
    const spec = path.join(root, "paper-here.yaml")
    fs.writeFileSync(spec, [
      `include: [${JSON.stringify(path.relative(root, PAPER))}]`,
      "data:",
      "  eval:",
      ...Object.entries(evals).map(([name, file]) => `    ${name}: { with: { path: ${JSON.stringify(file)} } }`)
    ].join("\n") + "\n")
    const env: Record<string, string> = {
      DISTILL_RUNS: path.join(root, "runs"), DISTILL_LIMITS_DIR: path.join(root, "limits"), HF_ENDPOINT: hub.url, HF_HUB_OFFLINE: "",
      HF_HUB_CACHE: path.join(root, "hf-cache"), JUDGE_URL: `${servers["judge"]!.url}/v1`,
      ...Object.fromEntries(Object.entries(TEACHERS).map(([t, v]) => [v, `${servers[t]!.url}/v1`]))
    }
    const mixes = ["long", "short", "large", "small", "mix-long", "mix-large"]
    const run = await distill(["run", spec, ...mixes.flatMap((m) => ["--only", `mix/${m}`])], env)
    expect(run.status, run.stderr).toBe(0)

    const problems = SUBJECTS.length * PER_SUBJECT
    for (const [teacher, server] of Object.entries(servers)) {
      if (teacher === "judge") continue
      expect(server.requests.length, teacher).toBe(problems)
      expect(server.requests[0]!.prompt).toMatch(/^Solve the following math problem\. Present the final answer in the format: Final Answer: \\boxed\{your_answer\}\.\nProblem: In /)
      expect(server.requests[0]!.body["max_tokens"]).toBe(teacher === "long" ? 16384 : 4096)
    }
    expect(servers["judge"]!.requests.length, "the rules' incorrect verdicts go to the judge model").toBe(WRONG.size * 4)

    const plan = await distill(["plan", spec, "--json"], env)
    expect(plan.status, plan.stderr).toBe(0)
    const nodes = JSON.parse(plan.stdout).nodes as Array<{ id: string; kind: string; key: string; state: string }>
    const manifest = (mix: string) => {
      const node = nodes.find((n) => n.id === `mix/${mix}`)!
      expect(node.state).toBe("cached")
      return fs.readFileSync(path.join(root, "runs", "store", "mix", node.key, "manifest.jsonl"), "utf8").trim().split("\n")
        .map((l) => JSON.parse(l) as { problemId: string; teacher: string })
    }
    const kept = problems - WRONG.size
    const count = (rows: ReadonlyArray<{ teacher: string }>) => rows.reduce<Record<string, number>>((a, r) => ({ ...a, [r.teacher]: (a[r.teacher] ?? 0) + 1 }), {})
    for (const [mix, first, second] of [["mix-long", "long", "short"], ["mix-large", "large", "small"]] as const) {
      const rows = manifest(mix)
      expect(new Set(rows.map((r) => r.problemId)).size, `${mix}: each problem once`).toBe(kept)
      expect(count(rows), mix).toEqual({ [first]: 0.2 * kept, [second]: 0.8 * kept })
    }
    for (const pure of ["long", "short", "large", "small"]) expect(count(manifest(pure))).toEqual({ [pure]: kept })
    expect(nodes.filter((n) => n.kind === "train" || n.kind === "decode").every((n) => n.state !== "cached")).toBe(true)

    const text = await distill(["plan", spec], env)
    expect(text.stdout).toMatch(/GPU-hours, an estimate: train ~[\d.,]+ \(24 nodes\), decode ~[\d.,]+ \(140 nodes\), total/)
  }, 600_000)
})
