// Renders a plan as text: each node with its state, counts per kind, and the plugins' estimates.
import { budgetLine, DECODE_FLOPS_PER_PARAM, DPO_FLOPS_PER_PARAM, GRADING_KINDS, spendEstimate, TRAIN_FLOPS_PER_PARAM } from "../plan/estimate.ts"
import type { GpuThroughput } from "../plugins/trainer.ts"
import type { Estimate, Plan, PlanNode } from "../plan/node.ts"
import { stepKinds } from "../plan/node.ts"
import type { NodeState } from "./node-status.ts"

const fmtInt = (n: number) => Math.round(n).toLocaleString("en-US")
const fmtUsd = (n: number) => `$${n < 10 ? n.toFixed(4) : n.toFixed(2)}`

const fmtHours = (h: number) => (h < 10 ? h.toFixed(2) : Math.round(h).toLocaleString("en-US"))

/** GPU-hours of pending train, sample and decode nodes, per kind and in total, with the assumptions they rest on. */
export const gpuLines = (pending: ReadonlyArray<PlanNode>, gpu: GpuThroughput | undefined): string[] => {
  if (gpu === undefined) return []
  const kinds = pending.some((n) => n.kind === "sample") ? ["train", "sample", "decode"] as const : ["train", "decode"] as const
  const of = (kind: string) => pending.filter((n) => n.kind === kind)
  const hours = (ns: ReadonlyArray<PlanNode>) => ns.reduce((a, n) => a + (n.estimate.gpuHours ?? 0), 0)
  const parts = kinds.map((k) => {
    const ns = of(k).filter((n) => n.estimate.gpuHours !== undefined)
    return `${k} ~${fmtHours(hours(ns))} (${ns.length} node${ns.length === 1 ? "" : "s"})`
  })
  const missing = kinds.flatMap((k) => of(k)).filter((n) => n.estimate.gpuHours === undefined).length
  const pct = (x: number) => `${Math.round(x * 100)}%`
  return [
    `  GPU-hours, an estimate: ${parts.join(", ")}, total ~${fmtHours(hours(pending))}` +
      (missing === 0 ? "" : ` (not counted: ${missing} node(s) whose dataset is not loaded yet or whose parameter count is unknown)`),
    `    assumes ${TRAIN_FLOPS_PER_PARAM} x params x tokens FLOPs to train at ${pct(gpu.trainMfu)} MFU and ${DECODE_FLOPS_PER_PARAM} x params x tokens to decode ` +
      `at ${pct(gpu.decodeMfu)} MFU, of ${fmtInt(gpu.peakTflops)} TFLOP/s per GPU (bf16 dense peak; H100 SXM 989, A100 312);`,
    "    train tokens = problems x epochs (at most max_steps x batch_size) x (prompt + the mix's mean teacher output, cut at max_len);",
    "    decode tokens = eval problems x (prompt + max_new_tokens), an upper bound; wall time is GPU-hours / GPUs",
    ...(pending.some((n) => n.kind === "train" && (n.params.method === "dpo" || n.params.method === "grpo"))
      ? [`    dpo: at most one pair per sampled answer (every answer judged wrong), both answers through the policy and the reference (${DPO_FLOPS_PER_PARAM} x params);`,
        "    grpo: problems x epochs x group_size completions of prompt + max_completion_tokens, generated at the decode MFU, trained at 6 (+2 for the KL reference)"]
      : [])
  ]
}

const costText = (e: Estimate, offline: string) =>
  e.costUsd === undefined ? "cost unknown (no price)" : e.costUsd === 0 ? offline : `~${fmtUsd(e.costUsd)}`

/** Judge model calls of pending judge or grading nodes, summed. */
const judgeLines = (nodes: ReadonlyArray<PlanNode>, what: string): string[] => {
  const ns = nodes.filter((n) => (n.estimate.calls ?? 0) > 0)
  if (ns.length === 0) return []
  const sum = (f: (e: Estimate) => number | undefined) => ns.reduce((a, n) => a + (f(n.estimate) ?? 0), 0)
  const priced = ns.every((n) => n.estimate.costUsd !== undefined)
  const share = ns[0]!.estimate.llmShare
  return [`  judge model, ${what}: ${fmtInt(sum((e) => e.calls))} calls, ~${fmtInt(sum((e) => e.inputTokens))} in + ~${fmtInt(sum((e) => e.outputTokens))} out tokens, ` +
    `${priced ? `~${fmtUsd(sum((e) => e.costUsd))}` : "cost unknown (no price)"}` +
    (share === undefined ? "" : ` (chain judge: ~${Math.round(share * 100)}% of answers assumed to reach the LLM)`)]
}

/**
 * The plan as lines of text. `limit` caps the per-node listing (counts and totals are always complete);
 * `budgetUsd` (the spec's budget.usd) is set against the total estimate.
 */
export const renderPlan = (plan: Plan, states: ReadonlyMap<string, NodeState>, limit = 400, budgetUsd?: number): string => {
  const lines: string[] = [`plan ${plan.experiment}: ${plan.nodes.length} nodes`]
  const width = Math.min(60, Math.max(...plan.nodes.map((n) => n.id.length)))
  for (const n of plan.nodes.slice(0, limit)) {
    const e = n.estimate
    const est = [
      e.calls === undefined ? "" : `${fmtInt(e.calls)} calls`,
      e.outputTokens === undefined ? "" : `~${fmtInt((e.inputTokens ?? 0) + e.outputTokens)} tokens`,
      e.costUsd === undefined ? "" : `~${fmtUsd(e.costUsd)}`,
      e.gpuHours === undefined ? "" : `~${fmtHours(e.gpuHours)} GPU-h`
    ].filter((s) => s !== "").join(", ")
    lines.push(`  ${(`[${states.get(n.id) ?? "?"}]`).padEnd(12)} ${n.id.padEnd(width)}  ${n.key.slice(0, 10)}${est ? `  ${est}` : ""}`)
  }
  if (plan.nodes.length > limit) lines.push(`  ... ${plan.nodes.length - limit} more nodes`)
  lines.push("", "per kind:")
  for (const kind of stepKinds) {
    const ns = plan.nodes.filter((n) => n.kind === kind)
    if (ns.length === 0) continue
    const count = (s: NodeState) => ns.filter((n) => states.get(n.id) === s).length
    lines.push(`  ${kind.padEnd(9)} ${String(ns.length).padStart(5)}  cached ${count("cached")}, to run ${count("to run") + count("partial") + count("corrupted")}, stale ${count("stale")}`)
  }
  const pending = plan.nodes.filter((n) => states.get(n.id) !== "cached")
  const gens = pending.filter((n) => n.kind === "generate")
  lines.push("", "estimates for what will run:")
  if (gens.length === 0) lines.push("  teachers: nothing to call")
  for (const g of gens) {
    const e = g.estimate
    if (e.calls === undefined) { lines.push(`  ${g.id}: unknown size (dataset not loaded yet)`); continue }
    lines.push(`  ${g.id}: ${fmtInt(e.calls)} calls, ~${fmtInt(e.inputTokens ?? 0)} in + ~${fmtInt(e.outputTokens ?? 0)} out tokens, ${costText(e, "no cost (offline)")}`)
  }
  lines.push(...judgeLines(pending.filter((n) => n.kind === "judge"), "teacher traces"))
  lines.push(...judgeLines(pending.filter((n) => GRADING_KINDS.has(n.kind)), "grading student answers"))
  lines.push(`  ${budgetLine(spendEstimate(pending), budgetUsd)}`)
  const trains = pending.filter((n) => n.kind === "train")
  const evals = pending.filter((n) => n.kind === "decode")
  const sum = (ns: ReadonlyArray<PlanNode>) => ns.reduce((a, n) => a + (n.estimate.samples ?? 0), 0)
  const work = (ns: ReadonlyArray<PlanNode>, what: string) => (sum(ns) > 0 ? ` (~${fmtInt(sum(ns))} ${what})` : "")
  lines.push(`  training jobs: ${trains.length}${work(trains, "example passes at most: problems x epochs")}, evaluations: ${evals.length}${work(evals, "answers")}`)
  lines.push(...gpuLines(pending, plan.gpu))
  return lines.join("\n")
}
