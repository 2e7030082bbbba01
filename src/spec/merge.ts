// Deep merge of located trees for `include:`: mappings merge key by key, everything else is replaced.
import type { Entry, Node } from "./tree.ts"

/**
 * Merges `over` onto `base`. Mappings merge recursively (keys of `base` first, in order, then new keys of `over`);
 * lists and scalars of `over` replace those of `base`. Every node keeps the position of the file it came from.
 */
export const mergeNodes = (base: Node, over: Node): Node => {
  if (base.kind !== "map" || over.kind !== "map") return over
  const entries = new Map<string, Entry>(base.entries)
  for (const [key, entry] of over.entries) {
    const prior = entries.get(key)
    entries.set(key, prior === undefined ? entry : { keyPos: entry.keyPos, value: mergeNodes(prior.value, entry.value) })
  }
  return { kind: "map", entries, pos: over.pos }
}
