// A YAML value tree that remembers the file, line and column of every key and value.
import { splitPointer } from "./pointer.ts"

/** A 1-based position in a spec file. */
export interface Position {
  readonly file: string
  readonly line: number
  readonly col: number
}

/** A scalar (string, number, boolean or null). */
export interface ScalarNode {
  readonly kind: "scalar"
  readonly value: string | number | boolean | null
  readonly pos: Position
}

/** A list. */
export interface SeqNode {
  readonly kind: "seq"
  readonly items: ReadonlyArray<Node>
  readonly pos: Position
}

/** One `key: value` entry of a mapping. */
export interface Entry {
  readonly keyPos: Position
  readonly value: Node
}

/** A mapping with string keys, in source order. */
export interface MapNode {
  readonly kind: "map"
  readonly entries: ReadonlyMap<string, Entry>
  readonly pos: Position
}

/** Any located value. */
export type Node = ScalarNode | SeqNode | MapNode

/** The plain JSON-like value of a node. */
export const toPlain = (node: Node): unknown => {
  switch (node.kind) {
    case "scalar":
      return node.value
    case "seq":
      return node.items.map(toPlain)
    case "map":
      return Object.fromEntries([...node.entries].map(([k, e]) => [k, toPlain(e.value)]))
  }
}

/**
 * Where a pointer's value is written. Scalars point at their value; mappings and lists at their key
 * (`students:`), which is where a reader looks. `atKey` asks for the key even for scalars.
 * A pointer into content that is not in the files (defaults) resolves to its nearest written ancestor.
 */
export const locate = (root: Node, pointer: string, atKey = false): Position => {
  let node: Node = root
  let keyPos: Position | undefined
  const segments = splitPointer(pointer)
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!
    const last = i === segments.length - 1
    if (node.kind === "map") {
      const entry = node.entries.get(segment)
      if (entry === undefined) break
      node = entry.value
      keyPos = entry.keyPos
      if (last && atKey) return keyPos
    } else if (node.kind === "seq") {
      const item = /^\d+$/.test(segment) ? node.items[Number(segment)] : undefined
      if (item === undefined) break
      node = item
      keyPos = undefined
    } else {
      break
    }
  }
  return node.kind === "scalar" || keyPos === undefined ? node.pos : keyPos
}
