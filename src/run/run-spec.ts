// Runs a planned spec: takes the store lock, records the run, executes the DAG and summarises the outcome.
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { stringify } from "yaml"
import type { Plan, PlanNode } from "../plan/node.ts"
import type { PlannableSpec } from "../plan/input.ts"
import { Budget } from "../provider/budget.ts"
import { spentInNode } from "../provider/judge-calls.ts"
import { GRADING_KINDS } from "../plan/estimate.ts"
import { RateLimits } from "../provider/rate-limits.ts"
import { limitsDir } from "../provider/window-file.ts"
import { buildService } from "../plugins/runtime.ts"
import { chooseBackend } from "./backend-choice.ts"
import { readLedger } from "./job-ledger.ts"
import { makeJobRunner } from "./jobs.ts"
import type { SiteConfig } from "./site.ts"
import { tryLock } from "../store/lock.ts"
import { StoreError } from "../store/errors.ts"
import { openRunRecord, recordName } from "../store/run-record.ts"
import { closeRawCaches } from "../store/raw-cache.ts"
import { iterateSampleLog } from "../store/sample-log.ts"
import { entryDir } from "../store/store.ts"
import { GENERATIONS, type GenerationRecord } from "../steps/generate.ts"
import { REPORT_DIR } from "../report/dir.ts"
import { redactValue, secretValues } from "../spec/index.ts"
import { execute, withAncestors, type NodeOutcome } from "./executor.ts"
import { reopenDeadLettered } from "./retry-dead.ts"
import { applyHeapPolicy } from "./heap-policy.ts"
import { makeProgressBoard } from "./progress.ts"
import { stepsFor } from "./steps.ts"
import { runsAsJob } from "../plugins/declared-resources.ts"

/** Options of `distill run`. */
export interface RunOptions {
  readonly runsDir: string
  readonly specFile: string
  readonly wait: boolean
  readonly cpuJobs: number
  readonly only?: ReadonlySet<string>
  /** Retry dead-lettered samples of finished nodes under the current limits. */
  readonly retryDead?: boolean
  readonly log: (line: string) => void
  /** `--backend`: overrides the site file's and the spec's choice. */
  readonly backend?: string
  /** The site configuration (backend, resources). */
  readonly site?: SiteConfig
}

/** What a run produced. */
export interface RunResult {
  readonly runDir: string
  readonly outcomes: ReadonlyMap<string, NodeOutcome>
  readonly executed: number
  readonly failed: ReadonlyArray<string>
  readonly reportDir?: string
}

/** USD the plan's nodes already spent in earlier runs: teacher generations and judge model calls. */
const spentSoFar = (plan: Plan, storeRoot: string): number =>
  plan.nodes.reduce((total, n) => {
    const dir = entryDir(storeRoot, n.kind, n.key)
    if (n.kind === "generate") {
      let spent = 0
      for (const r of iterateSampleLog<GenerationRecord>(path.join(dir, GENERATIONS))) spent += r.costUsd ?? 0
      return total + spent
    }
    return n.kind === "judge" || n.kind === "train" || GRADING_KINDS.has(n.kind) ? total + spentInNode(dir) : total
  }, 0)

const takeLock = (file: string, experiment: string, wait: boolean, log: (l: string) => void) =>
  Effect.gen(function*() {
    let announced = false
    while (true) {
      const got = yield* Effect.try({ try: () => tryLock(file, experiment), catch: (e) => e instanceof StoreError ? e.message : String(e) })
      if ("release" in got) return got.release
      const o = got.owner
      const who = `another run (pid ${o.pid}, experiment '${o.experiment}', since ${o.since}) is using the store ${path.dirname(file)}`
      if (!wait) return yield* Effect.fail(`${who}; re-run with --wait to queue behind it`)
      if (!announced) { log(`${who}; waiting for it to finish`); announced = true }
      yield* Effect.sleep("1 second")
    }
  })

/** Executes the plan. Never loses finished work: every node commits on its own. */
export const runSpec = (spec: PlannableSpec & { readonly file: string; readonly dir: string; readonly budget?: { readonly usd?: number } }, plan: Plan, options: RunOptions) =>
  Effect.gen(function*() {
    yield* Effect.sync(() => applyHeapPolicy())
    const storeRoot = path.join(options.runsDir, "store")
    const release = yield* takeLock(path.join(storeRoot, ".lock"), spec.name, options.wait, options.log)
    const env = process.env
    const secrets = secretValues(spec, env)
    const specText = () => stringify(redactValue({ ...spec, plugins: undefined, file: undefined, dir: undefined }, secrets))
    const record = openRunRecord(options.runsDir, recordName(spec), specText, plan)
    const board = makeProgressBoard()
    const cleanup = Effect.sync(() => {
      board.stop()
      closeRawCaches()
      record.close()
      release()
    })
    return yield* Effect.gen(function*() {
      record.event("run-start", { experiment: spec.name, nodes: plan.nodes.length })
      if (options.retryDead === true) {
        const selected = options.only === undefined ? new Set(plan.nodes.map((n) => n.id)) : withAncestors(plan, options.only)
        const reopened = reopenDeadLettered(plan, storeRoot, selected)
        if (reopened.length > 0) options.log(`retrying dead letters of ${reopened.join(", ")}`)
        record.event("retry-dead", { nodes: reopened })
      }
      const run = { storeRoot, cacheDir: path.join(options.runsDir, "cache"), specDir: spec.dir, env }
      const specBackend = spec.plugins["/backend"]
      const site = options.site ?? { resources: {} }
      const choice = chooseBackend(options.backend, site, specBackend === undefined ? undefined : { use: specBackend.use, with: specBackend.config })
      const backend = yield* buildService("backend", choice.ref, run).pipe(Effect.mapError((e) => e.message))
      record.event("backend", { backend: backend.name, from: choice.from, ...(site.file === undefined ? {} : { site: site.file }) })
      const threadsPerJob = Math.max(1, Math.floor(os.availableParallelism() / options.cpuJobs))
      const event = (e: string, f?: Readonly<Record<string, unknown>>) => record.event(e, f === undefined ? undefined : redactValue(f, secrets))
      const jobs = makeJobRunner({ backend, runDir: record.dir, event, ledger: readLedger(options.runsDir, recordName(spec)), overrides: site.resources, threadsPerJob })
      const stepEnv = { spec, backend, jobs, threadsPerJob, run, retryDead: options.retryDead === true }
      // what earlier runs spent only matters against a limit; without one the sample logs are not read
      const limitUsd = spec.budget?.usd
      const layer = Layer.mergeAll(RateLimits.shared(limitsDir(env)), Budget.layer({ limitUsd, spentUsd: limitUsd === undefined ? 0 : spentSoFar(plan, storeRoot) }))
      const outcomes = yield* execute<RateLimits | Budget>(plan, {
        storeRoot, steps: stepsFor(stepEnv), board, permits: { cpu: options.cpuJobs, cluster: 10_000 }, event,
        ...(backend.detached ? { classOf: (n: PlanNode) => (runsAsJob(n) ? "cluster" : n.resource) } : {}),
        ...(options.only === undefined ? {} : { only: options.only })
      }).pipe(Effect.provide(layer))
      const executed = [...outcomes.values()].filter((o) => o.status === "done").length
      const failed = [...outcomes.entries()].filter(([, o]) => o.status === "failed" || o.status === "paused").map(([id]) => id)
      const reportNode = plan.nodes.find((n) => n.kind === "report")
      let reportDir: string | undefined
      if (reportNode !== undefined && ["done", "cached"].includes(outcomes.get(reportNode.id)?.status ?? "")) {
        reportDir = path.join(record.dir, REPORT_DIR)
        fs.cpSync(path.join(entryDir(storeRoot, "report", reportNode.key), REPORT_DIR), reportDir, { recursive: true })
      }
      record.event("run-end", { executed, failed: failed.length })
      return { runDir: record.dir, outcomes, executed, failed, ...(reportDir === undefined ? {} : { reportDir }) } satisfies RunResult
    }).pipe(Effect.scoped, Effect.ensuring(cleanup))
  })
