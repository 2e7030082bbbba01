// The executor: walks the DAG, reuses complete store entries, runs the rest with bounded concurrency per resource.
import * as Cause from "effect/Cause"
import * as Clock from "effect/Clock"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Semaphore from "effect/Semaphore"
import type { Plan, PlanNode } from "../plan/node.ts"
import { commit, discard, entryDir, lookup, prepare } from "../store/store.ts"
import type { Manifest } from "../store/manifest.ts"
import { StoreError } from "../store/errors.ts"
import { runStep, StepFailed, type Steps, type UpstreamEntry } from "../steps/step.ts"
import { findByInputs, inputDigest, recordInputs, reuseEntry } from "../store/input-index.ts"
import type { ProgressBoard } from "./progress.ts"

/** How one node ended. */
export type NodeOutcome =
  | { readonly status: "cached"; readonly manifest: Manifest; readonly reusedFrom?: string }
  | { readonly status: "done"; readonly manifest: Manifest; readonly seconds: number }
  | { readonly status: "failed" | "paused"; readonly message: string }
  | { readonly status: "skipped"; readonly because: string }

/** Options of a run. */
export interface ExecuteOptions {
  readonly storeRoot: string
  readonly steps: Partial<Steps<any>>
  readonly board: ProgressBoard
  readonly event: (event: string, fields?: Readonly<Record<string, unknown>>) => void
  /** Permits per resource class; `api:*` resources share `api` unless named. Default: cpu 1, api 8, light 16. */
  readonly permits?: Readonly<Record<string, number>>
  /** Only run these nodes (and what they need); default all. */
  readonly only?: ReadonlySet<string>
  /** The permit class of a node (default: its resource); a cluster backend's jobs take `cluster` instead of `cpu`. */
  readonly classOf?: (node: PlanNode) => string
}

/** The given node ids plus everything they depend on. */
export const withAncestors = (plan: Plan, ids: Iterable<string>): Set<string> => {
  const byId = new Map(plan.nodes.map((n) => [n.id, n]))
  const out = new Set<string>()
  const visit = (id: string) => {
    if (out.has(id)) return
    out.add(id)
    const node = byId.get(id)
    for (const dep of [...Object.values(node?.deps ?? {}), ...(node?.after ?? [])]) visit(dep)
  }
  for (const id of ids) visit(id)
  return out
}

/** Runs the plan; never fails: each node's outcome is returned. */
export const execute = <R>(plan: Plan, options: ExecuteOptions): Effect.Effect<Map<string, NodeOutcome>, never, R> =>
  Effect.gen(function*() {
    const outcomes = new Map<string, NodeOutcome>()
    const done = new Map<string, Deferred.Deferred<NodeOutcome>>()
    for (const n of plan.nodes) done.set(n.id, yield* Deferred.make<NodeOutcome>())
    const semaphores = new Map<string, Semaphore.Semaphore>()
    const semaphoreFor = (node: PlanNode) => Effect.gen(function*() {
      const cls = options.classOf?.(node) ?? node.resource
      let s = semaphores.get(cls)
      if (s === undefined) {
        const permits = options.permits?.[cls] ?? (cls === "cpu" ? options.permits?.cpu ?? 1
          : cls.startsWith("api:") ? options.permits?.api ?? 8 : options.permits?.light ?? 16)
        s = yield* Semaphore.make(permits)
        semaphores.set(cls, s)
      }
      return s
    })

    const runNode = (node: PlanNode): Effect.Effect<NodeOutcome, never, R> => Effect.gen(function*() {
      for (const gate of node.after) {
        const g = yield* Deferred.await(done.get(gate)!)
        if (g.status !== "cached" && g.status !== "done") return { status: "skipped", because: `${gate} ${g.status}` } as const
      }
      const upstream: Record<string, UpstreamEntry> = {}
      for (const [role, depId] of Object.entries(node.deps)) {
        const dep = yield* Deferred.await(done.get(depId)!)
        if (dep.status !== "cached" && dep.status !== "done") {
          return { status: "skipped", because: `${depId} ${dep.status}` } as const
        }
        const depNode = plan.nodes.find((n) => n.id === depId)!
        upstream[role] = { node: depNode, dir: entryDir(options.storeRoot, depNode.kind, depNode.key), manifest: dep.manifest }
      }
      const inputs = inputDigest(node.keyParts, Object.fromEntries(Object.entries(upstream).map(([role, u]) => [role, u.manifest])))
      const state = lookup(options.storeRoot, node.kind, node.key)
      if (state.state === "complete" && (state.manifest.inputs === undefined || state.manifest.inputs === inputs)) {
        return { status: "cached", manifest: state.manifest } as const
      }
      if (state.state === "complete") {
        options.event("stale-inputs", { node: node.id, key: node.key })
        discard(options.storeRoot, node.kind, node.key)
      }
      if (state.state === "corrupted") options.event("corrupted", { node: node.id, key: node.key, problem: state.problem })
      const same = findByInputs(options.storeRoot, node.kind, inputs, node.key)
      if (same !== undefined) {
        const manifest = reuseEntry(options.storeRoot, node.kind, same, { key: node.key, id: node.id })
        options.event("node-reused", { node: node.id, key: node.key, from: same.key })
        return { status: "cached", manifest, reusedFrom: same.key } as const
      }
      const sem = yield* semaphoreFor(node)
      return yield* sem.withPermit(Effect.gen(function*() {
        const started = yield* Clock.currentTimeMillis
        options.event("node-start", { node: node.id, key: node.key, resumed: state.state === "partial" })
        const progress = options.board.node(node.id)
        const exit = yield* Effect.exit(Effect.suspend(() => {
          const dir = prepare(options.storeRoot, node.kind, node.key)
          return runStep(options.steps, { node, dir, upstream, progress, event: options.event })
        }).pipe(
          Effect.flatMap((result) => Effect.map(Clock.currentTimeMillis, (now) => {
            const manifest = commit(options.storeRoot, { key: node.key, kind: node.kind, id: node.id, seconds: (now - started) / 1000, inputs, summary: result.summary }, result.outputs)
            recordInputs(options.storeRoot, node.kind, inputs, node.key)
            return manifest
          })),
          Effect.catchDefect((d) => d instanceof StoreError ? Effect.fail(d) : Effect.die(d))
        ))
        const seconds = ((yield* Clock.currentTimeMillis) - started) / 1000
        if (Exit.isSuccess(exit)) {
          const manifest = exit.value
          options.board.finish(node.id, "done")
          options.event("node-done", { node: node.id, key: node.key, seconds })
          return { status: "done", manifest, seconds } as const
        }
        const failure = Cause.findErrorOption(exit.cause)
        const err = failure._tag === "Some" ? failure.value : undefined
        const status = err instanceof StepFailed && err.reason === "paused" ? "paused" : "failed"
        const message = err instanceof StepFailed || err instanceof StoreError ? err.message : Cause.pretty(exit.cause).split("\n").slice(0, 6).join("\n")
        options.board.finish(node.id, status)
        options.event(`node-${status}`, { node: node.id, key: node.key, message, seconds })
        return { status, message } as const
      }))
    })

    const wanted = new Set(options.only === undefined ? plan.nodes.map((n) => n.id) : withAncestors(plan, options.only))
    yield* Effect.forEach(plan.nodes, (node) => Effect.gen(function*() {
      const outcome: NodeOutcome = wanted.has(node.id) ? yield* runNode(node) : { status: "skipped", because: "not selected" }
      outcomes.set(node.id, outcome)
      yield* Deferred.succeed(done.get(node.id)!, outcome)
    }), { concurrency: "unbounded", discard: true })
    return outcomes
  })
