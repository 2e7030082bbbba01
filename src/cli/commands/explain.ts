// `distill explain <spec> <node>`: why a node will run (which part of its key changed).
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Argument from "effect/cli/Argument"
import * as Command from "effect/cli/Command"
import { UserError } from "../errors.ts"

const spec = Argument.String("spec").pipe(Argument.withDescription("Experiment spec file"))
const node = Argument.String("node").pipe(Argument.withDescription("Node id, as printed by 'distill plan'"))

/** The explain command. */
export const explainCommand = Command.make("explain", { spec, node }, ({ spec, node }) =>
  Effect.gen(function*() {
    const { loadAndPlan } = yield* Effect.promise(() => import("../load.ts"))
    const { nodeStates, previousPlan } = yield* Effect.promise(() => import("../node-status.ts"))
    const { explainNode } = yield* Effect.promise(() => import("../explain.ts"))
    const { closest } = yield* Effect.promise(() => import("../../plugins/suggest.ts"))
    const { runsDir, storeRoot } = yield* Effect.promise(() => import("../paths.ts"))
    const { plan, records } = yield* loadAndPlan(spec)
    if (!plan.nodes.some((n) => n.id === node)) {
      const hit = closest(node, plan.nodes.map((n) => n.id))
      return yield* new UserError({ message: `no node '${node}' in the plan.${hit === undefined ? "" : ` Did you mean '${hit}'?`} (see: distill plan ${spec})` })
    }
    const previous = previousPlan(runsDir(), records)
    yield* Console.log(explainNode(plan, previous, nodeStates(plan, storeRoot(), previous), node).join("\n"))
  })).pipe(Command.withDescription("Explain why a node will run: which part of its key changed"))
