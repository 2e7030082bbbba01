// The planner's node builder: turns node drafts into keyed, typed nodes in topological order.
import { KEY_FORMAT_VERSION, nodeKey, type KeyParts } from "./keys.ts"
import type { Estimate, NodeOf, PlanNode, Resource, StepKind } from "./node.ts"
import type { ParamsOf } from "./params.ts"
import type { ResolvedPlugin } from "./input.ts"
import { omitFields } from "./field-roles.ts"

/** A node before its key is computed. */
export interface NodeDraft<K extends StepKind> {
  readonly id: string
  readonly kind: K
  readonly plugin?: ResolvedPlugin
  /** What the key hashes besides kind, plugin identity and upstream keys. */
  readonly keyParams: unknown
  readonly params: ParamsOf[K]
  readonly deps: Readonly<Record<string, string>>
  readonly after?: ReadonlyArray<string>
  readonly resource: Resource
  readonly estimate?: Estimate
}

/**
 * A plugin as a key sees it: name, version and config without its resource fields. When the content identity of
 * what the plugin reads is known (file digests, a resolved commit), it replaces the location fields (paths,
 * revisions) that name that content; until then the location fields stay in.
 */
export const pluginIdentity = (p: ResolvedPlugin, content?: unknown) => ({
  name: p.name, version: p.version,
  config: omitFields(p.config, [...(p.resourceFields ?? []), ...(content === undefined ? [] : p.locationFields ?? [])]),
  ...(content === undefined ? {} : { content })
})

/** Collects nodes; each added node's key covers its draft and the keys of its dependencies. */
export const nodeCollector = () => {
  const nodes: PlanNode[] = []
  const byId = new Map<string, PlanNode>()
  const add = <K extends StepKind>(d: NodeDraft<K>): NodeOf<K> => {
    const upstream = Object.fromEntries(Object.entries(d.deps).map(([role, id]) => {
      const dep = byId.get(id)
      if (dep === undefined) throw new Error(`planner bug: ${d.id} depends on ${id}, which is not planned yet`)
      return [role, dep.key]
    }))
    const keyParts: KeyParts = {
      version: KEY_FORMAT_VERSION, kind: d.kind,
      ...(d.plugin === undefined ? {} : { plugin: { name: d.plugin.name, version: d.plugin.version } }),
      params: d.keyParams, upstream
    }
    const node: NodeOf<K> = {
      id: d.id, kind: d.kind, key: nodeKey(keyParts), keyParts, deps: d.deps, after: d.after ?? [],
      resource: d.resource, params: d.params, estimate: d.estimate ?? {}
    }
    nodes.push(node as unknown as PlanNode)
    byId.set(node.id, node as unknown as PlanNode)
    return node
  }
  return { nodes, has: (id: string) => byId.has(id), add }
}
