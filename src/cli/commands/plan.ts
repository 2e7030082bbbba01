// `distill plan <spec>`: print the DAG with each node cached / to run / stale, counts, estimates and heavy nodes' resources.
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Argument from "effect/cli/Argument"
import * as Command from "effect/cli/Command"
import * as Flag from "effect/cli/Flag"

const spec = Argument.String("spec").pipe(Argument.withDescription("Experiment spec file"))
const json = Flag.Boolean("json").pipe(Flag.withDescription("Print the plan as JSON"), Flag.withDefault(false))
const backend = Flag.String("backend").pipe(Flag.withDescription("Backend to show resources for (as `distill run --backend`)"), Flag.optional)
const site = Flag.String("site").pipe(Flag.withDescription("Site file; default $DISTILL_SITE or ~/.config/distill/site.yaml"), Flag.optional)

/** The plan command. */
export const planCommand = Command.make("plan", { spec, json, backend, site }, ({ spec, json, backend, site }) =>
  Effect.gen(function*() {
    // loaded at once, not one after another: the module graphs' file reads overlap
    const [{ loadAndPlan }, { nodeStates, previousPlan }, { renderPlan }, { heavyResources, renderResources }, { loadSiteOrExplain },
      { chooseBackend }, { runsDir, storeRoot }] = yield* Effect.promise(() => Promise.all([import("../load.ts"), import("../node-status.ts"),
        import("../plan-view.ts"), import("../resources-view.ts"), import("../site.ts"), import("../../run/backend-choice.ts"), import("../paths.ts")]))
    const siteConfig = yield* loadSiteOrExplain(Option.getOrUndefined(site))
    const { spec: resolved, plan, records } = yield* loadAndPlan(spec)
    const states = nodeStates(plan, storeRoot(), previousPlan(runsDir(), records))
    const specBackend = resolved.plugins["/backend"]
    const choice = chooseBackend(Option.getOrUndefined(backend), siteConfig,
      specBackend === undefined ? undefined : { use: specBackend.use, with: specBackend.config })
    const resources = yield* heavyResources(plan, resolved, resolved.dir, siteConfig)
    if (json) {
      yield* Console.log(JSON.stringify({
        ...plan, backend: choice.ref.use,
        nodes: plan.nodes.map((n) => ({ ...n, state: states.get(n.id), ...(resources.has(n.id) ? { resources: resources.get(n.id) } : {}) }))
      }, null, 2))
    } else {
      const { knownOverlaps, overlapLines } = yield* Effect.promise(() => import("../overlaps.ts"))
      yield* Console.log([renderPlan(plan, states, undefined, resolved.budget?.usd), renderResources(resources, choice, siteConfig),
        ...overlapLines(knownOverlaps(plan, storeRoot()))].join("\n"))
    }
  })).pipe(Command.withDescription("Show the plan: nodes, cache state, estimated calls, tokens and cost, heavy nodes' resources"))
