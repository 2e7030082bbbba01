// train step: write the job file, run the trainer through the backend, follow its events, keep its outputs.
import * as fs from "node:fs"
import * as path from "node:path"
import { Effect, Exit } from "effect"
import type { TrainEvent, TrainJob } from "../plugins/trainer.ts"
import { buildService } from "../run/services.ts"
import { writeJsonAtomic } from "../store/atomic.ts"
import { MIX_TRAIN_FILE } from "./mix.ts"
import { eventTail } from "./job-events.ts"
import { StepFailed, type Step } from "./step.ts"
import { refAt, type StepEnv } from "./env.ts"

/** The trainer's output directory inside a train node. */
export const TRAIN_OUT = "out"

const listOutputs = (dir: string, rel = TRAIN_OUT): string[] =>
  fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const p = path.join(rel, e.name)
    if (e.isDirectory()) return e.name === "checkpoint" ? [] : listOutputs(dir, p)
    return e.name.startsWith(".") ? [] : [p]
  })

/** Trains one student; a re-run after a crash resumes from the trainer's checkpoint in the same directory. */
export const trainStep = (env: StepEnv): Step<any> => (ctx) =>
  Effect.gen(function*() {
    const fail = (message: string) => new StepFailed({ node: ctx.node.id, reason: "failed", message })
    const p = ctx.node.params
    const outputDir = path.join(ctx.dir, TRAIN_OUT)
    const job: TrainJob = {
      family: p.family as string, size: p.size as string, method: p.method as TrainJob["method"],
      ...(p.sizeConfig === null ? {} : { sizeConfig: p.sizeConfig as Record<string, unknown> }),
      hyper: p.hyper as Record<string, unknown>, seed: p.seed as number,
      trainFile: path.join(ctx.upstream.mix.dir, MIX_TRAIN_FILE),
      ...(ctx.upstream.base === undefined ? {} : { baseDir: path.join(ctx.upstream.base.dir, TRAIN_OUT) }),
      outputDir
    }
    const jobFile = path.join(ctx.dir, "job.json")
    writeJsonAtomic(jobFile, job)
    const trainer = yield* buildService("trainer", refAt(env, "/students/trainer"), env.run)
    const cmd = yield* trainer.command(jobFile).pipe(Effect.mapError((e) => fail(e.message)))
    const stdoutFile = path.join(ctx.dir, "train.events.jsonl")
    const tail = eventTail(stdoutFile)
    const id = yield* Effect.acquireRelease(
      env.backend.submit({
        name: ctx.node.id, command: cmd.command, args: cmd.args, cwd: ctx.dir, env: { DISTILL_THREADS: String(env.threadsPerJob), ...cmd.env },
        stdoutFile, stderrFile: path.join(ctx.dir, "train.stderr.log"), resources: { cpus: 2, gpus: 0 }
      }).pipe(Effect.mapError((e) => fail(e.message))),
      (jobId, exit) => Exit.isSuccess(exit) ? Effect.void : Effect.ignore(env.backend.cancel([jobId])))
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
        } else if (e.event === "step") {
          ctx.progress.advance(e.step - seen)
          seen = e.step
          ctx.progress.note(`loss ${e.loss.toFixed(3)} ${Math.round(e.tokens_per_s)} tok/s`)
        }
      }
    }
    while (true) {
      const state = (yield* env.backend.poll([id]).pipe(Effect.mapError((e) => fail(e.message)))).get(id)!
      follow()
      if (state.state === "succeeded") break
      if (state.state === "failed" || state.state === "cancelled") {
        const stderr = fs.existsSync(path.join(ctx.dir, "train.stderr.log"))
          ? fs.readFileSync(path.join(ctx.dir, "train.stderr.log"), "utf8").trim().split("\n").slice(-5).join("\n") : ""
        const why = last?.event === "error" ? last.message : state.state === "failed" ? state.message : "cancelled"
        return yield* fail(`trainer ${why}${stderr === "" ? "" : `\n${stderr}`}`)
      }
      yield* Effect.sleep("300 millis")
    }
    if (last?.event !== "done") return yield* fail("trainer exited without a 'done' event")
    return { summary: { metrics: last.metrics, onnx: last.onnx }, outputs: ["job.json", ...listOutputs(ctx.dir)] }
  }).pipe(Effect.scoped)
