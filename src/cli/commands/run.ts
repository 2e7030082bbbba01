// `distill run <spec>`: execute the plan, reusing everything already in the store.
import { Console, Effect, Option } from "effect"
import { Argument, Command, Flag } from "effect/cli"
import { RunFailed, UserError } from "../errors.ts"

const spec = Argument.String("spec").pipe(Argument.withDescription("Experiment spec file"))
const wait = Flag.Boolean("wait").pipe(Flag.withDescription("Wait for another run holding the store instead of refusing"), Flag.withDefault(false))
const jobs = Flag.Int("jobs").pipe(Flag.withAlias("j"), Flag.withDescription("Heavy (CPU) nodes run at once; each gets cores/jobs threads"), Flag.withDefault(1))
const backend = Flag.String("backend").pipe(Flag.withDescription("Backend plugin for heavy nodes (local, slurm, ...); overrides the site file and the spec"), Flag.optional)
const site = Flag.String("site").pipe(Flag.withDescription("Site file (backend, resources); default $DISTILL_SITE or ~/.config/distill/site.yaml"), Flag.optional)
const only = Flag.String("only").pipe(Flag.withDescription("Run only this node (and what it needs); repeatable"), Flag.atMost(1000))

/** The run command. */
export const runCommand = Command.make("run", { spec, wait, jobs, only, backend, site }, ({ spec, wait, jobs, only, backend, site }) =>
  Effect.gen(function*() {
    const { loadAndPlan } = yield* Effect.promise(() => import("../load.ts"))
    const { runSpec } = yield* Effect.promise(() => import("../../run/run-spec.ts"))
    const { renderRunSummary } = yield* Effect.promise(() => import("../run-summary.ts"))
    const { runsDir } = yield* Effect.promise(() => import("../paths.ts"))
    const { loadSiteOrExplain } = yield* Effect.promise(() => import("../site.ts"))
    const siteConfig = yield* loadSiteOrExplain(Option.getOrUndefined(site))
    const { spec: resolved, plan } = yield* loadAndPlan(spec)
    const unknown = only.filter((id) => !plan.nodes.some((n) => n.id === id))
    if (unknown.length > 0) return yield* new UserError({ message: `unknown node(s): ${unknown.join(", ")} (see: distill plan ${spec})` })
    const result = yield* runSpec(resolved, plan, {
      runsDir: runsDir(), specFile: spec, wait, cpuJobs: jobs, log: (l) => process.stderr.write(l + "\n"), site: siteConfig,
      ...(Option.isSome(backend) ? { backend: backend.value } : {}),
      ...(only.length === 0 ? {} : { only: new Set(only) })
    }).pipe(Effect.mapError((message) => new UserError({ message })))
    yield* Console.log(renderRunSummary(plan, result))
    if (result.failed.length > 0) return yield* new RunFailed({ message: `${result.failed.length} node(s) failed` })
  })).pipe(Command.withDescription("Run an experiment: every node not already in the store"))
