// `distill status <spec>`: what finished, failed or is stale, and where the outputs are.
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Argument from "effect/cli/Argument"
import * as Command from "effect/cli/Command"

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
