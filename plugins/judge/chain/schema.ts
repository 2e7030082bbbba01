// The chain's effective config schema: its own schema with the math and llm schemas placed under their `with` keys.
import type { JsonSchemaObject } from "../../../src/plugins/index.ts"

type Obj = Record<string, unknown>

const asObj = (v: unknown): Obj => (typeof v === "object" && v !== null ? (v as Obj) : {})

/** A sub-plugin's schema as a nested `with` schema: its root keywords, the chain's description and default. */
const nested = (sub: JsonSchemaObject, own: unknown): Obj => {
  const { $schema: _s, title: _t, ...rest } = sub as Obj
  const o = asObj(own)
  return { ...rest, description: o.description, ...("default" in o ? { default: o.default } : {}) }
}

/**
 * Copies `chain` with `properties.rules.properties.with` replaced by the math schema and
 * `properties.llm.properties.with` by the llm schema, so one ajv pass validates and fills defaults.
 */
export const composeChainSchema = (chain: JsonSchemaObject, math: JsonSchemaObject, llm: JsonSchemaObject): JsonSchemaObject => {
  const root = structuredClone(chain) as Obj
  const props = asObj(root.properties)
  for (const [key, sub] of [["rules", math], ["llm", llm]] as const) {
    const inner = asObj(asObj(props[key]).properties)
    inner.with = nested(sub, inner.with)
  }
  return root
}
