// `distill status <spec>`: what finished, failed or is stale, and where the outputs are.
import { Console, Effect } from "effect"
import { Argument, Command } from "effect/cli"

const spec = Argument.String("spec").pipe(Argument.withDescription("Experiment spec file"))

/** The status command. */
export const statusCommand = Command.make("status", { spec }, ({ spec }) =>
  Effect.gen(function*() {
    const { loadAndPlan } = yield* Effect.promise(() => import("../load.ts"))
    const { nodeStates, previousPlan } = yield* Effect.promise(() => import("../node-status.ts"))
    const { renderStatus } = yield* Effect.promise(() => import("../status-view.ts"))
    const { runsDir, storeRoot } = yield* Effect.promise(() => import("../paths.ts"))
    const { plan, records } = yield* loadAndPlan(spec)
    const states = nodeStates(plan, storeRoot(), previousPlan(runsDir(), records))
    yield* Console.log(renderStatus(plan, states, storeRoot(), runsDir(), records))
  })).pipe(Command.withDescription("Show what finished, failed or is stale, and where outputs are"))
