// `distill run <spec>`: execute the plan, reusing everything already in the store.
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Argument from "effect/cli/Argument"
import * as Command from "effect/cli/Command"
import * as Flag from "effect/cli/Flag"
import { ExpectationsFailed, RunFailed, UserError } from "../errors.ts"

const spec = Argument.String("spec").pipe(Argument.withDescription("Experiment spec file"))
const wait = Flag.Boolean("wait").pipe(Flag.withDescription("Wait for another run holding the store instead of refusing"), Flag.withDefault(false))
const jobs = Flag.Int("jobs").pipe(Flag.withAlias("j"), Flag.withDescription("Heavy (CPU) nodes run at once; each gets cores/jobs threads"), Flag.withDefault(1))
const retryDead = Flag.Boolean("retry-dead").pipe(Flag.withDescription("Retry dead-lettered teacher samples under the spec's current limits"), Flag.withDefault(false))
const overBudget = Flag.Boolean("over-budget").pipe(
  Flag.withDescription("Start even when the plan's estimate exceeds budget.usd (the budget still stops calls once spent)"), Flag.withDefault(false))
const backend = Flag.String("backend").pipe(Flag.withDescription("Backend plugin for heavy nodes (local, slurm, ...); overrides the site file and the spec"), Flag.optional)
const site = Flag.String("site").pipe(Flag.withDescription("Site file (backend, resources); default $DISTILL_SITE or ~/.config/distill/site.yaml"), Flag.optional)
const only = Flag.String("only").pipe(Flag.withDescription("Run only this node (and what it needs); repeatable"), Flag.atMost(1000))

/** The run command. */
export const runCommand = Command.make("run", { spec, wait, jobs, only, retryDead, overBudget, backend, site },
  ({ spec, wait, jobs, only, retryDead, overBudget, backend, site }) =>
  Effect.gen(function*() {
    // loaded at once, not one after another: the module graphs' file reads overlap
    const [{ loadAndPlan }, { runSpec }, { expectedOutcome, renderRunSummary }, { runsDir, storeRoot },
      { budgetLine, exceedsBudget, selectedNodes, spendEstimate }, { nodeStates, previousPlan }, { loadSiteOrExplain }] =
      yield* Effect.promise(() => Promise.all([import("../load.ts"), import("../../run/run-spec.ts"), import("../run-summary.ts"),
        import("../paths.ts"), import("../../plan/estimate.ts"), import("../node-status.ts"), import("../site.ts")]))
    const siteConfig = yield* loadSiteOrExplain(Option.getOrUndefined(site))
    const { spec: resolved, plan, records } = yield* loadAndPlan(spec)
    const unknown = only.filter((id) => !plan.nodes.some((n) => n.id === id))
    if (unknown.length > 0) return yield* new UserError({ message: `unknown node(s): ${unknown.join(", ")} (see: distill plan ${spec})` })
    const states = nodeStates(plan, storeRoot(), previousPlan(runsDir(), records))
    const spend = spendEstimate(selectedNodes(plan, only.length === 0 ? undefined : new Set(only)).filter((n) => states.get(n.id) !== "cached"))
    if (!overBudget && exceedsBudget(spend, resolved.budget?.usd)) {
      return yield* new UserError({ message: `${spec}: not started: the plan's ${budgetLine(spend, resolved.budget?.usd)}. ` +
        `Raise budget.usd, or pass --over-budget to start anyway (calls stop once the budget is spent); see: distill plan ${spec}` })
    }
    const result = yield* runSpec(resolved, plan, {
      runsDir: runsDir(), specFile: spec, wait, cpuJobs: jobs, retryDead, log: (l) => process.stderr.write(l + "\n"), site: siteConfig,
      ...(Option.isSome(backend) ? { backend: backend.value } : {}),
      ...(only.length === 0 ? {} : { only: new Set(only) })
    }).pipe(Effect.mapError((message) => new UserError({ message })))
    yield* Console.log(renderRunSummary(plan, result))
    if (result.failed.length > 0) return yield* new RunFailed({ message: `${result.failed.length} node(s) failed` })
    const expected = expectedOutcome(plan, result.outcomes)
    if (expected !== undefined && expected.failed > 0) {
      return yield* new ExpectationsFailed({ message: `${expected.failed} of ${expected.total} expected cells failed (see the report's "Expected numbers")` })
    }
  })).pipe(Command.withDescription("Run an experiment: every node not already in the store"))
