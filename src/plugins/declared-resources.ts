// What a heavy node's plugin declares it needs: the trainer plugin for train nodes (loaded, never started).
import * as Effect from "effect/Effect"
import type { Resources } from "../backends/backend.ts"
import type { PlanNode } from "../plan/node.ts"
import type { PlannableSpec } from "../plan/input.ts"
import { loadPlugin } from "./registry.ts"
import type { TrainerPlugin } from "./trainer.ts"

/** Node kinds that run as backend jobs. */
export const heavyKinds: ReadonlySet<string> = new Set(["train"])

/** The plugin's declaration for a node (empty when the plugin declares nothing or cannot be loaded). */
export const declaredResources = (node: PlanNode, spec: PlannableSpec, specDir: string): Effect.Effect<Partial<Resources>> =>
  Effect.gen(function*() {
    if (node.kind !== "train") return {}
    const ref = spec.plugins["/students/trainer"]
    if (ref === undefined) return {}
    const plugin = yield* loadPlugin("trainer", ref.use, specDir).pipe(Effect.orElseSucceed(() => undefined))
    const declare = (plugin as TrainerPlugin | undefined)?.resources
    const p = node.params
    return declare === undefined ? {} : declare({ family: String(p.family), size: String(p.size), method: String(p.method) }, ref.config)
  })
