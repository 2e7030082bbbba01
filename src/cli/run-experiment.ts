// What `distill run <spec>` does once its arguments are parsed: plan the spec, check the budget, run, summarise.
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { ExpectationsFailed, RunFailed, UserError } from "./errors.ts"

/** The arguments of `distill run`, as the command line parser (or run-argv.ts) produces them. */
export interface RunArgs {
  readonly spec: string
  readonly wait: boolean
  readonly jobs: number
  readonly only: ReadonlyArray<string>
  readonly retryDead: boolean
  readonly overBudget: boolean
  readonly backend: Option.Option<string>
  readonly site: Option.Option<string>
}

/** Runs an experiment: every node of `spec` not already in the store (or the `only` ones and what they need). */
export const runExperiment = ({ spec, wait, jobs, only, retryDead, overBudget, backend, site }: RunArgs) =>
  Effect.gen(function*() {
    // loaded at once, not one after another: the module graphs' file reads overlap
    const [{ loadAndPlan }, { runSpec }, { expectedOutcome, renderRunSummary }, { runsDir, storeRoot },
      { budgetLine, exceedsBudget, selectedNodes, spendEstimate }, { nodeStates, previousPlan }, { loadSiteOrExplain }] =
      yield* Effect.promise(() => Promise.all([import("./load.ts"), import("../run/run-spec.ts"), import("./run-summary.ts"),
        import("./paths.ts"), import("../plan/estimate.ts"), import("./node-status.ts"), import("./site.ts")]))
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
  })
