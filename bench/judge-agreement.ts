// Benchmark: the math judge against Math-Verify on every shared benchmark file's oracle and perturbed answers. Prints figures.
// Usage: node bench/judge-agreement.ts [dataDir] [--limit N] [--examples N]   (dataDir default ../shared/data)
import * as fs from "node:fs"
import * as path from "node:path"
import { performance } from "node:perf_hooks"
import { JudgeError } from "../src/plugins/index.ts"
import { gradeMath, type MathJudgeInput } from "../plugins/judge/math/math-judge.ts"
import { resolvePython, startWorker, type WorkerResult } from "../plugins/judge/math-verify/index.ts"

type Kind = "oracle" | "perturbed"
interface Item {
  readonly set: string
  readonly kind: Kind
  readonly variant: string
  readonly input: MathJudgeInput
}

const args = process.argv.slice(2)
const flag = (name: string, fallback: number): number => {
  const i = args.indexOf(name)
  return i >= 0 ? Number(args[i + 1]) : fallback
}
const limit = flag("--limit", Infinity)
const examples = flag("--examples", 3)
const misses = flag("--misses", 0)
const dataDir = path.resolve(args.find((a, i) => !a.startsWith("--") && !args[i - 1]?.startsWith("--")) ?? path.join(import.meta.dirname, "../../shared/data"))

const jsonl = (file: string): ReadonlyArray<Record<string, unknown>> =>
  fs.readFileSync(path.join(dataDir, file), "utf8").trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>).slice(0, limit)

/** A wrong answer near the reference: an integer plus one, a decimal one unit up in its last place, else null. */
const nudged = (ref: string): string | null => {
  const s = ref.trim().replace(/^\$|\$$/g, "")
  if (/^-?\d+$/.test(s)) return (BigInt(s) + 1n).toString()
  const m = /^(-?\d*)\.(\d+)$/.exec(s)
  if (m === null) return null
  const places = m[2]!.length
  const n = BigInt(`${m[1]}${m[2]}`) + 1n
  const digits = (n < 0n ? -n : n).toString().padStart(places + 1, "0")
  return `${n < 0n ? "-" : ""}${digits.slice(0, -places)}.${digits.slice(-places)}`
}

const withSeparators = (s: string): string | null => /^\d{4,}$/.test(s) ? Number(s).toLocaleString("en-US") : null

/** Oracle rewrites of a bare reference: boxed, a Minerva sentence, "the answer is", a one-line short answer. */
const oracleForms = (ref: string): ReadonlyArray<readonly [string, string]> => {
  const bare = ref.replace(/^\$|\$$/g, "")
  const forms: Array<readonly [string, string]> = [
    ["boxed", `Therefore the result is $\\boxed{${bare}}$.`],
    ["minerva", `Final Answer: The final answer is $${bare}$. I hope it is correct.`],
    ["answer-is", `So the answer is $${bare}$.`]
  ]
  const sep = withSeparators(bare)
  if (sep !== null) forms.push(["separators", `The answer is ${sep}.`])
  if (/^-?\d+(?:\.\d+)?$/.test(bare)) forms.push(["short", `#### ${bare}`], ["equation", `3*2=6, so ${bare}`])
  return forms
}

/** Items for one set from (ref, own worked solution, extra input fields) triples; wrong answers use a nudge or the next row's answer. */
interface Row {
  readonly ref: string
  /** The row's own worked solution, graded against the reference. */
  readonly solution?: string | undefined
  /** Whether the solution states its answer (a box, `####`), so that it can serve as the reference itself. */
  readonly solutionAsRef?: boolean
  readonly extra?: Partial<MathJudgeInput>
}

/** Items for one set; wrong answers use a nudge of the reference or the next row's answer. */
const build = (set: string, rows: ReadonlyArray<Row>): ReadonlyArray<Item> =>
  rows.flatMap((row, i) => {
    const item = (kind: Kind, variant: string, pred: string, ref = row.ref): Item => ({ set, kind, variant, input: { pred, ref, ...row.extra } })
    const items: Array<Item> = oracleForms(row.ref).map(([variant, pred]) => item("oracle", variant, pred))
    if (row.solution !== undefined) items.push(item("oracle", "solution", row.solution))
    const asRef = row.solutionAsRef === true && row.solution !== undefined ? row.solution : null
    if (asRef !== null) items.push(item("oracle", "solution-as-ref", `The answer is $\\boxed{${row.ref}}$.`, asRef))
    const other = rows[(i + 1) % rows.length]!.ref
    const wrong = nudged(row.ref) ?? (other.trim() !== row.ref.trim() ? other.replace(/^\$|\$$/g, "") : null)
    if (wrong !== null) {
      items.push(item("perturbed", "boxed", `So the answer is $\\boxed{${wrong}}$.`))
      items.push(item("perturbed", "answer-is", `The answer is ${wrong}.`))
      if (asRef !== null) items.push(item("perturbed", "solution-as-ref", `The answer is $\\boxed{${wrong}}$.`, asRef))
    }
    return items
  })

const exists = (file: string) => fs.existsSync(path.join(dataDir, file))

const loaders: ReadonlyArray<readonly [string, string, () => ReadonlyArray<Item>]> = [
  ["gsm8k", "gsm8k/test.jsonl", () => build("gsm8k", jsonl("gsm8k/test.jsonl").map((r) => {
    const answer = String(r.answer)
    return { ref: answer.split("####").pop()!.trim().replace(/,/g, ""), solution: answer, solutionAsRef: true }
  }))],
  ["math500", "math500/test.jsonl", () => build("math500", jsonl("math500/test.jsonl").map((r) => ({ ref: String(r.answer), solution: String(r.solution), solutionAsRef: true })))],
  ["minerva", "minerva_math/test.jsonl", () => build("minerva", jsonl("minerva_math/test.jsonl").map((r) => {
    const solution = String(r.solution)
    const box = /\\boxed\{((?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*)\}/g
    const last = [...solution.matchAll(box)].at(-1)
    return { ref: last?.[1] ?? solution, solution, solutionAsRef: true }
  }))],
  ["aime24", "aime24/test.jsonl", () => build("aime24", jsonl("aime24/test.jsonl").map((r) => ({ ref: String(r.answer) })))],
  ["amc23", "amc23/test.jsonl", () => build("amc23", jsonl("amc23/test.jsonl").map((r) => ({ ref: String(r.answer) })))],
  ["olympiadbench", "olympiadbench/test.jsonl", () => build("olympiadbench", jsonl("olympiadbench/test.jsonl").map((r) => ({
    ref: (r.final_answer as ReadonlyArray<string>).join(","), solution: (r.solution as ReadonlyArray<string> | undefined)?.[0]
  })))],
  ["mathvista", "mathvista/testmini.json", () => {
    const data = Object.values(JSON.parse(fs.readFileSync(path.join(dataDir, "mathvista/testmini.json"), "utf8")) as Record<string, Record<string, unknown>>).slice(0, limit)
    const letter = (i: number) => String.fromCharCode(65 + i)
    return data.flatMap((r): ReadonlyArray<Item> => {
      const ref = String(r.answer)
      if (r.question_type === "multi_choice") {
        const choices = (r.choices as ReadonlyArray<string>).map(String)
        const at = choices.indexOf(ref)
        return [
          { set: "mathvista", kind: "oracle", variant: "letter", input: { pred: `Answer: ${letter(at)}`, ref, choices } },
          { set: "mathvista", kind: "oracle", variant: "letter-paren", input: { pred: `The correct option is (${letter(at)}).`, ref, choices } },
          { set: "mathvista", kind: "oracle", variant: "text", input: { pred: `\\boxed{${ref}}`, ref, choices } },
          { set: "mathvista", kind: "perturbed", variant: "letter", input: { pred: `Answer: ${letter((at + 1) % choices.length)}`, ref, choices } }
        ]
      }
      const precision = typeof r.precision === "number" ? r.precision : undefined
      return build("mathvista", [{ ref, ...(precision === undefined ? {} : { extra: { precision } }) }])
    })
  }],
  ["chartqa", "chartqa/test_human.first134.jsonl", () => jsonl("chartqa/test_human.first134.jsonl").flatMap((r, i, rows): ReadonlyArray<Item> => {
    const ref = String(r.label)
    const other = String(rows[(i + 1) % rows.length]!.label)
    const n = Number(ref)
    const wrong = Number.isFinite(n) && ref.trim() !== "" ? String(n === 0 ? 1 : Number((n * 1.2).toPrecision(6))) : other !== ref ? other : null
    const extra = { answerKind: "relaxed-number" as const }
    return [
      { set: "chartqa", kind: "oracle", variant: "tag", input: { pred: `<answer>${ref}</answer>`, ref, ...extra } },
      ...(wrong === null ? [] : [{ set: "chartqa", kind: "perturbed" as const, variant: "tag", input: { pred: `<answer>${wrong}</answer>`, ref, ...extra } }])
    ]
  })]
]

if (!fs.existsSync(dataDir)) {
  console.log(`no benchmark data at ${dataDir}: nothing to measure (pass a folder as the first argument)`)
  process.exit(0)
}
const items = loaders.filter(([, file]) => exists(file)).flatMap(([, , load]) => load())
console.log(`${items.length} answers from ${dataDir} (${items.filter((i) => i.kind === "oracle").length} oracle, ${items.filter((i) => i.kind === "perturbed").length} perturbed)`)

type Verdict = "correct" | "incorrect" | "unparseable" | "error"
const mathVerdicts: Array<Verdict> = []
let t0 = performance.now()
for (const item of items) {
  const v = gradeMath(item.input)
  mathVerdicts.push(v instanceof JudgeError ? "error" : v.verdict)
}
const mathSeconds = (performance.now() - t0) / 1000

let mvVerdicts: Array<Verdict> | null = null
let mvSeconds = 0
let mvNote = ""
try {
  const python = resolvePython((name) => process.env[name])
  const worker = await startWorker({ python, batchSize: 64, timeoutSeconds: 5, floatRounding: 6 })
  mvNote = `Math-Verify ${worker.mathVerifyVersion} under ${worker.python}`
  t0 = performance.now()
  const results: Array<WorkerResult> = await Promise.all(items.map((i) => worker.grade(i.input)))
  mvSeconds = (performance.now() - t0) / 1000
  mvVerdicts = results.map((r) => r.status === "bad-reference" ? "error" : r.status === "error" ? "incorrect" : r.status)
  mvNote += ` (${worker.stats().requests} requests)`
  await worker.close()
} catch (e) {
  mvNote = `math-verify not measured: ${(e as Error).message}`
}

const pct = (n: number, d: number) => d === 0 ? "   -  " : `${(100 * n / d).toFixed(1).padStart(5)}%`
const sets = [...new Set(items.map((i) => i.set)), "all"]
console.log(`\n${mvNote}\n`)
console.log("set            oracle  perturbed | math: accept oracle  accept perturbed | math-verify: accept oracle  accept perturbed | agreement")
for (const set of sets) {
  const idx = items.flatMap((item, i) => set === "all" || item.set === set ? [i] : [])
  const oracle = idx.filter((i) => items[i]!.kind === "oracle")
  const perturbed = idx.filter((i) => items[i]!.kind === "perturbed")
  const accepted = (vs: ReadonlyArray<Verdict> | null, is: ReadonlyArray<number>) => vs === null ? null : is.filter((i) => vs[i] === "correct").length
  const show = (n: number | null, d: number) => n === null ? "   -  " : pct(n, d)
  const agree = mvVerdicts === null ? null : idx.filter((i) => (mathVerdicts[i] === "correct") === (mvVerdicts![i] === "correct")).length
  console.log(`${set.padEnd(14)} ${String(oracle.length).padStart(6)} ${String(perturbed.length).padStart(10)} |        ${show(accepted(mathVerdicts, oracle), oracle.length)}            ${show(accepted(mathVerdicts, perturbed), perturbed.length)} |               ${show(accepted(mvVerdicts, oracle), oracle.length)}            ${show(accepted(mvVerdicts, perturbed), perturbed.length)} |    ${show(agree, idx.length)}`)
}
console.log(`\nspeed: math ${(items.length / mathSeconds).toFixed(0)} answers/s (${mathSeconds.toFixed(1)} s)` +
  (mvVerdicts === null ? "" : `, math-verify ${(items.length / mvSeconds).toFixed(0)} answers/s (${mvSeconds.toFixed(1)} s, worker start excluded)`))

if (mvVerdicts !== null && examples > 0) {
  console.log(`\ndisagreements (first ${examples} per set and kind):`)
  for (const set of sets.slice(0, -1)) {
    for (const kind of ["oracle", "perturbed"] as const) {
      const diff = items.flatMap((item, i) => item.set === set && item.kind === kind && (mathVerdicts[i] === "correct") !== (mvVerdicts![i] === "correct") ? [i] : [])
      for (const i of diff.slice(0, examples)) {
        const { input, variant } = items[i]!
        console.log(`  ${set} ${kind} ${variant}: math=${mathVerdicts[i]} math-verify=${mvVerdicts[i]} ref=${JSON.stringify(input.ref.slice(0, 80))} pred=${JSON.stringify(input.pred.slice(-100))}`)
      }
    }
  }
}

if (misses > 0) {
  console.log(`\nmath judge misses (first ${misses} per set and kind):`)
  for (const set of sets.slice(0, -1)) {
    for (const kind of ["oracle", "perturbed"] as const) {
      const wrong = items.flatMap((item, i) => item.set === set && item.kind === kind && (mathVerdicts[i] === "correct") !== (kind === "oracle") ? [i] : [])
      for (const i of wrong.slice(0, misses)) {
        const { input, variant } = items[i]!
        console.log(`  ${set} ${kind} ${variant}: math=${mathVerdicts[i]} ref=${JSON.stringify(input.ref.slice(0, 80))} pred=${JSON.stringify(input.pred.slice(-100))}`)
      }
    }
  }
}
