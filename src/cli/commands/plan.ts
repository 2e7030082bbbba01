// `distill plan <spec>`: print the DAG with each node cached / to run / stale, counts and estimates.
import { Console, Effect } from "effect"
import { Argument, Command, Flag } from "effect/cli"

const spec = Argument.String("spec").pipe(Argument.withDescription("Experiment spec file"))
const json = Flag.Boolean("json").pipe(Flag.withDescription("Print the plan as JSON"), Flag.withDefault(false))

/** The plan command. */
export const planCommand = Command.make("plan", { spec, json }, ({ spec, json }) =>
  Effect.gen(function*() {
    const { loadAndPlan } = yield* Effect.promise(() => import("../load.ts"))
    const { nodeStates, previousPlan } = yield* Effect.promise(() => import("../node-status.ts"))
    const { renderPlan } = yield* Effect.promise(() => import("../plan-view.ts"))
    const { runsDir, storeRoot } = yield* Effect.promise(() => import("../paths.ts"))
    const { spec: resolved, plan, records } = yield* loadAndPlan(spec)
    const states = nodeStates(plan, storeRoot(), previousPlan(runsDir(), records))
    if (json) {
      yield* Console.log(JSON.stringify({ ...plan, nodes: plan.nodes.map((n) => ({ ...n, state: states.get(n.id) })) }, null, 2))
    } else {
      const { knownOverlaps, overlapLines } = yield* Effect.promise(() => import("../overlaps.ts"))
      yield* Console.log([renderPlan(plan, states, undefined, resolved.budget?.usd), "", ...overlapLines(knownOverlaps(plan, storeRoot()))].join("\n"))
    }
  })).pipe(Command.withDescription("Show the plan: nodes, cache state, estimated calls, tokens and cost"))
