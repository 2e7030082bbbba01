// Runs a planned spec: takes the store lock, records the run, executes the DAG and summarises the outcome.
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { Effect, Layer } from "effect"
import { stringify } from "yaml"
import type { Plan, PlanNode } from "../plan/node.ts"
import type { PlannableSpec } from "../plan/input.ts"
import { Budget } from "../provider/budget.ts"
import { RateLimits } from "../provider/rate-limits.ts"
import { buildService } from "./services.ts"
import { chooseBackend } from "./backend-choice.ts"
import { readLedger } from "./job-ledger.ts"
import { makeJobRunner } from "./jobs.ts"
import type { SiteConfig } from "./site.ts"
import { tryLock } from "../store/lock.ts"
import { openRunRecord } from "../store/run-record.ts"
import { closeRawCaches } from "../store/raw-cache.ts"
import { readSampleLog } from "../store/sample-log.ts"
import { entryDir } from "../store/store.ts"
import { GENERATIONS, type GenerationRecord } from "../steps/generate.ts"
import { REPORT_DIR } from "../steps/report.ts"
import { redact, secretValues } from "../spec/index.ts"
import { execute, type NodeOutcome } from "./executor.ts"
import { makeProgressBoard } from "./progress.ts"
import { stepsFor } from "./steps.ts"
import { heavyKinds } from "./declared-resources.ts"

/** Options of `distill run`. */
export interface RunOptions {
  readonly runsDir: string
  readonly specFile: string
  readonly wait: boolean
  readonly cpuJobs: number
  readonly only?: ReadonlySet<string>
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

const spentSoFar = (plan: Plan, storeRoot: string): number =>
  plan.nodes.filter((n) => n.kind === "generate").reduce((total, n) => {
    const file = path.join(entryDir(storeRoot, n.kind, n.key), GENERATIONS)
    return total + readSampleLog<GenerationRecord>(file).reduce((a, r) => a + (r.costUsd ?? 0), 0)
  }, 0)

const takeLock = (file: string, experiment: string, wait: boolean, log: (l: string) => void) =>
  Effect.gen(function*() {
    let announced = false
    while (true) {
      const got = tryLock(file, experiment)
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
    const storeRoot = path.join(options.runsDir, "store")
    const release = yield* takeLock(path.join(storeRoot, ".lock"), spec.name, options.wait, options.log)
    const env = process.env
    const secrets = secretValues(spec, env)
    const specText = redact(stringify({ ...spec, plugins: undefined, file: undefined, dir: undefined }), secrets)
    const record = openRunRecord(options.runsDir, spec.name, specText, plan)
    const board = makeProgressBoard()
    const cleanup = Effect.sync(() => {
      board.stop()
      closeRawCaches()
      record.close()
      release()
    })
    return yield* Effect.gen(function*() {
      record.event("run-start", { experiment: spec.name, nodes: plan.nodes.length })
      const run = { storeRoot, cacheDir: path.join(options.runsDir, "cache"), specDir: spec.dir, env }
      const specBackend = spec.plugins["/backend"]
      const site = options.site ?? { resources: {} }
      const choice = chooseBackend(options.backend, site, specBackend === undefined ? undefined : { use: specBackend.use, with: specBackend.config })
      const backend = yield* buildService("backend", choice.ref, run).pipe(Effect.mapError((e) => e.message))
      record.event("backend", { backend: backend.name, from: choice.from, ...(site.file === undefined ? {} : { site: site.file }) })
      const threadsPerJob = Math.max(1, Math.floor(os.availableParallelism() / options.cpuJobs))
      const event = (e: string, f?: Readonly<Record<string, unknown>>) => record.event(e, f === undefined ? undefined : JSON.parse(redact(JSON.stringify(f), secrets)))
      const jobs = makeJobRunner({ backend, runDir: record.dir, event, ledger: readLedger(options.runsDir, spec.name), overrides: site.resources, threadsPerJob })
      const stepEnv = { spec, backend, jobs, threadsPerJob, run }
      const layer = Layer.mergeAll(RateLimits.layer, Budget.layer({ limitUsd: spec.budget?.usd, spentUsd: spentSoFar(plan, storeRoot) }))
      const outcomes = yield* execute<RateLimits | Budget>(plan, {
        storeRoot, steps: stepsFor(stepEnv), board, permits: { cpu: options.cpuJobs, cluster: 10_000 }, event,
        ...(backend.detached ? { classOf: (n: PlanNode) => (heavyKinds.has(n.kind) ? "cluster" : n.resource) } : {}),
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
