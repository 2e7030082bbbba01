// train step: write the job file, run the trainer through the backend, follow its events, keep its outputs.
import * as fs from "node:fs"
import * as path from "node:path"
import * as Effect from "effect/Effect"
import type { TrainEvent, TrainJob } from "../plugins/trainer.ts"
import { declaredResources } from "../plugins/declared-resources.ts"
import { writeJsonAtomic } from "../store/atomic.ts"
import { Budget, budgetMessage } from "../provider/budget.ts"
import { JUDGE_CALLS, spentInNode, summarizeCalls } from "../provider/judge-calls.ts"
import type { CallRecord } from "../provider/policed-teacher.ts"
import { readSampleLog } from "../store/sample-log.ts"
import { MIX_TRAIN_FILE } from "./mix.ts"
import { buildPairs, judgeCommand, PAIRS, PROMPTS, writePairs, writePrompts } from "./stage-inputs.ts"
import { rewardJudgeEnv } from "./reward-judge.ts"
import { eventTail } from "./job-events.ts"
import { StepFailed, type Step } from "./step.ts"
import { serviceAt, type StepEnv } from "./env.ts"

const STOPPED = /spend budget of \$[\d.]+ reached|provider quota exhausted/

/** The trainer's output directory inside a train node. */
export const TRAIN_OUT = "out"

const listOutputs = (dir: string, rel = TRAIN_OUT): string[] =>
  fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const p = path.join(rel, e.name)
    if (e.isDirectory()) return e.name === "checkpoint" ? [] : listOutputs(dir, p)
    return e.name.startsWith(".") ? [] : [p]
  })

/**
 * Trains one student; a re-run after a crash resumes from the trainer's checkpoint in the same directory. A GRPO
 * stage's reward judge spends from the run's budget and logs its model calls in the node (judge-calls.jsonl).
 */
export const trainStep = (env: StepEnv): Step<"train", Budget> => (ctx) =>
  Effect.gen(function*() {
    const fail = (message: string) => new StepFailed({ node: ctx.node.id, reason: "failed", message })
    const p = ctx.node.params
    const outputDir = path.join(ctx.dir, TRAIN_OUT)
    const parentDir = (ctx.upstream.base ?? ctx.upstream.parent)?.dir
    let stageSummary: Record<string, unknown> = {}
    let stageFiles: Partial<TrainJob> = {}
    let inheritEnv: ReadonlyArray<string> = []
    const callsLog = path.join(ctx.dir, JUDGE_CALLS)
    const spentBefore = spentInNode(ctx.dir)
    if (p.method === "dpo") {
      const { pairs, counts } = buildPairs(ctx.upstream, ctx.upstream.samples === undefined ? "teacher" : "student")
      if (pairs.length === 0) return yield* fail(`no preference pairs: none of ${counts.problems} problems has a judged-incorrect answer to reject`)
      stageFiles = { pairsFile: writePairs(ctx.dir, pairs) }
      stageSummary = { pairs: counts }
      ctx.event("dpo-pairs", { node: ctx.node.id, ...counts })
    } else if (p.method === "grpo") {
      const judge = env.spec.plugins["/judge"]!
      const prompts = writePrompts(ctx.dir, ctx.upstream)
      inheritEnv = yield* rewardJudgeEnv(judge, env.run).pipe(Effect.mapError((e) => fail(`reward judge: ${e.message}`)))
      const budget = yield* (yield* Budget).snapshot
      const spentUsd = budget.spentUsd + budget.reservedUsd
      if (budget.limitUsd !== undefined && spentUsd >= budget.limitUsd) {
        return yield* new StepFailed({ node: ctx.node.id, reason: "paused", message: `${budgetMessage(budget)}; raise budget.usd to continue` })
      }
      stageFiles = {
        promptsFile: prompts.file,
        judge: judgeCommand(judge, env.run.specDir, { storeRoot: env.run.storeRoot, budgetUsd: budget.limitUsd, spentUsd, callsLog, env: inheritEnv })
      }
      stageSummary = { prompts: prompts.count }
    }
    const job: TrainJob = {
      family: p.family, size: p.size, method: p.method,
      ...(p.sizeConfig === null ? {} : { sizeConfig: p.sizeConfig }),
      hyper: p.hyper, seed: p.seed,
      trainFile: path.join(ctx.upstream.mix!.dir, MIX_TRAIN_FILE),
      ...(parentDir === undefined ? {} : { baseDir: path.join(parentDir, TRAIN_OUT) }),
      outputDir,
      ...stageFiles
    }
    const jobFile = path.join(ctx.dir, "job.json")
    writeJsonAtomic(jobFile, job)
    const trainer = yield* serviceAt(env, "trainer", "/students/trainer", ctx.node.id)
    const cmd = yield* trainer.command(jobFile).pipe(Effect.mapError((e) => fail(e.message)))
    const stdoutFile = path.join(ctx.dir, "train.events.jsonl")
    const stderrFile = path.join(ctx.dir, "train.stderr.log")
    let tail = eventTail(stdoutFile)
    let last: TrainEvent | undefined
    let totalSet = false
    let seen = 0
    const follow = () => {
      for (const e of tail()) {
        last = e
        if (e.event === "start") {
          ctx.event("train-start", { node: ctx.node.id, resumed_from_step: e.resumed_from_step, params: e.params })
          if (!totalSet) { ctx.progress.total(e.total_steps); totalSet = true }
          ctx.progress.advance(e.resumed_from_step - seen)
          seen = e.resumed_from_step
        } else if (e.event === "checkpoint-rejected") {
          ctx.event("checkpoint-rejected", { node: ctx.node.id, path: e.path, reason: e.reason, fallback: e.fallback })
        } else if (e.event === "step") {
          ctx.progress.advance(e.step - seen)
          seen = e.step
          ctx.progress.note(`loss ${e.loss.toFixed(3)} ${Math.round(e.tokens_per_s)} tok/s`)
        }
      }
    }
    const declared = yield* declaredResources(ctx.node, env.spec, env.run.specDir)
    const end = yield* env.jobs.run({
      node: ctx.node, declared,
      job: { command: cmd.command, args: cmd.args, cwd: ctx.dir, ...(cmd.env === undefined ? {} : { env: cmd.env }),
        ...(inheritEnv.length === 0 ? {} : { inheritEnv }), stdoutFile, stderrFile },
      onStart: (offset) => { tail = eventTail(stdoutFile, offset) },
      onPoll: follow
    })
    const calls = fs.existsSync(callsLog) ? summarizeCalls(readSampleLog<CallRecord>(callsLog)) : undefined
    if (calls !== undefined && calls.costUsd > spentBefore) yield* (yield* Budget).settle(0, calls.costUsd - spentBefore)
    if (end.state.state !== "succeeded") {
      const stderr = fs.existsSync(stderrFile) ? fs.readFileSync(stderrFile, "utf8").trim().split("\n").slice(-5).join("\n") : ""
      const said = "message" in end.state && end.state.message !== undefined ? end.state.message : end.state.state
      const why = end.state.state === "failed" && last?.event === "error" ? last.message : said
      const message = `trainer ${why}${stderr === "" ? "" : `\n${stderr}`}`
      // a reward judge stopped by the budget or the provider's quota pauses the node: its checkpoint resumes it
      return yield* new StepFailed({ node: ctx.node.id, reason: STOPPED.test(why) ? "paused" : "failed", message })
    }
    if (last?.event !== "done") return yield* fail("trainer exited without a 'done' event")
    const stageOutputs = p.method === "dpo" ? [PAIRS] : p.method === "grpo" ? [PROMPTS, ...(calls === undefined ? [] : [JUDGE_CALLS])] : []
    return {
      summary: { metrics: last.metrics, onnx: last.onnx, stage: p.stage, ...stageSummary, ...(calls === undefined ? {} : { judgeCalls: calls }) },
      outputs: ["job.json", ...stageOutputs, ...listOutputs(ctx.dir)]
    }
  }).pipe(Effect.scoped)
