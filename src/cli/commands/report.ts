// `distill report <spec>`: rebuild the report from the store, running nothing.
import * as path from "node:path"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as NodeServices from "@effect/platform-node/NodeServices"
import * as Argument from "effect/cli/Argument"
import * as Command from "effect/cli/Command"
import { UserError } from "../errors.ts"

const spec = Argument.String("spec").pipe(Argument.withDescription("Experiment spec file"))

/** The report command. */
export const reportCommand = Command.make("report", { spec }, ({ spec }) =>
  Effect.gen(function*() {
    const { loadAndPlan } = yield* Effect.promise(() => import("../load.ts"))
    const { lookup, entryDir } = yield* Effect.promise(() => import("../../store/store.ts"))
    const { reportInput, REPORT_DIR } = yield* Effect.promise(() => import("../../steps/report.ts"))
    const { buildReport } = yield* Effect.promise(() => import("../../report/build.ts"))
    const { latestRun, recordName } = yield* Effect.promise(() => import("../../store/run-record.ts"))
    const { runsDir, storeRoot } = yield* Effect.promise(() => import("../paths.ts"))
    const { spec: resolved, plan } = yield* loadAndPlan(spec)
    const reportNode = plan.nodes.find((n) => n.kind === "report")!
    const upstream: Record<string, import("../../steps/step.ts").UpstreamEntry> = {}
    const missing: string[] = []
    for (const id of Object.values(reportNode.deps)) {
      const node = plan.nodes.find((n) => n.id === id)!
      const state = lookup(storeRoot(), node.kind, node.key)
      if (state.state === "complete") upstream[id] = { node, dir: entryDir(storeRoot(), node.kind, node.key), manifest: state.manifest }
      else missing.push(id)
    }
    if (!Object.values(upstream).some((u) => u.node.kind === "grade")) {
      return yield* new UserError({ message: `nothing to report: no evaluation of ${plan.experiment} is in the store yet (run: distill run ${spec})` })
    }
    if (missing.length > 0) yield* Console.error(`note: ${missing.length} node(s) not in the store are left out of the report (e.g. ${missing.slice(0, 3).join(", ")})`)
    const runDir = latestRun(runsDir(), recordName(resolved)) ?? path.join(runsDir(), recordName(resolved), "report-only")
    const outDir = path.join(runDir, REPORT_DIR)
    const stepEnv = { spec: resolved, backend: undefined as never, jobs: undefined as never, run: undefined as never, threadsPerJob: 1 }
    const paths = yield* buildReport(reportInput(stepEnv, upstream, path.basename(runDir)), outDir).pipe(
      Effect.provide(NodeServices.layer), Effect.mapError((e) => new UserError({ message: e.message })))
    yield* Console.log(`report: ${path.relative(process.cwd(), paths.report)}\ncharts: ${path.relative(process.cwd(), path.dirname(paths.gapPng))}`)
  })).pipe(Command.withDescription("Rebuild the report from the store without running anything"))
