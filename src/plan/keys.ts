// Cache keys: a versioned hash of what a node means (kind, plugin identity, parameters, upstream keys).
import { hash } from "node:crypto"

/** Bump when the key format or the meaning of any step's outputs changes. */
export const KEY_FORMAT_VERSION = 2

/** JSON with object keys sorted, so equal values always serialise the same way. */
export const canonicalJson = (value: unknown): string => {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null)
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`
}

/** Hex sha256 of a string (the one-shot `hash`: about twice as fast as a Hash object for the short texts keyed here). */
export const sha256 = (text: string): string => hash("sha256", text, "hex")

/** The parts a node key is made of; `explain` diffs them. */
export interface KeyParts {
  readonly version: number
  readonly kind: string
  readonly plugin?: { readonly name: string; readonly version: string }
  readonly params: unknown
  readonly upstream: Readonly<Record<string, string>>
}

/** A node key: 32 hex characters of sha256 over the canonical key parts. */
export const nodeKey = (parts: KeyParts): string => sha256(canonicalJson(parts)).slice(0, 32)
