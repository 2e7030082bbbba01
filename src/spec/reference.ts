// Renders the spec reference (a Markdown table per section) from schemas/experiment.schema.json.
type Schema = Record<string, unknown>

const resolveRef = (root: Schema, s: Schema): Schema => {
  const ref = s.$ref as string | undefined
  if (ref === undefined) return s
  const target = ref.replace("#/$defs/", "")
  return { ...(root.$defs as Record<string, Schema>)[target], ...Object.fromEntries(Object.entries(s).filter(([k]) => k !== "$ref")) }
}

/** Round large bounds as 1e6, others as written. */
const num = (v: unknown): string => {
  const e = typeof v === "number" && Math.abs(v) >= 1e6 ? v.toExponential() : ""
  return /^\d(\.\d)?e\+/.test(e) ? e.replace("e+", "e") : String(v)
}

/** ` in [1, 1024]`, ` in (0, 1]`, ` >= 0`: the bounds of a number, as an interval. */
const rangeText = (s: Schema): string => {
  const lo = s.exclusiveMinimum ?? s.minimum
  const hi = s.exclusiveMaximum ?? s.maximum
  const open = s.exclusiveMinimum !== undefined ? "(" : "["
  const close = s.exclusiveMaximum !== undefined ? ")" : "]"
  if (lo !== undefined && hi !== undefined) return ` in ${open}${num(lo)}, ${num(hi)}${close}`
  if (lo !== undefined) return ` ${open === "(" ? ">" : ">="} ${num(lo)}`
  if (hi !== undefined) return ` ${close === ")" ? "<" : "<="} ${num(hi)}`
  return ""
}

const typeText = (root: Schema, raw: Schema): string => {
  const s = resolveRef(root, raw)
  if (Array.isArray(s.enum)) return s.enum.map((v) => `\`${JSON.stringify(v)}\``).join(" \\| ")
  if (Array.isArray(s.anyOf)) return (s.anyOf as Schema[]).map((x) => typeText(root, x)).join(" \\| ")
  if (s.type === "array") return `${s.items === undefined ? "any" : typeText(root, s.items as Schema)}[]`
  if (s.type === "object" && s.additionalProperties !== undefined && typeof s.additionalProperties === "object" && s.properties === undefined) {
    return `map of ${typeText(root, s.additionalProperties as Schema)}`
  }
  if (s.type === "number" || s.type === "integer") return `${s.type}${rangeText(s)}`
  return typeof s.type === "string" ? s.type : "object"
}

const rows = (root: Schema, s: Schema, prefix: string, out: string[]): void => {
  const props = (s.properties ?? {}) as Record<string, Schema>
  const required = new Set((s.required ?? []) as string[])
  for (const [name, raw] of Object.entries(props)) {
    if (name === "$schema") continue
    const p = resolveRef(root, raw)
    const key = `${prefix}${name}`
    const dflt = p.default === undefined ? "" : `\`${JSON.stringify(p.default)}\``
    const desc = String(raw.description ?? p.description ?? "").replace(/\|/g, "\\|")
    out.push(`| \`${key}\`${required.has(name) ? " *" : ""} | ${typeText(root, raw)} | ${dflt} | ${desc} |`)
    if (p.type === "object" && p.properties !== undefined) rows(root, p, `${key}.`, out)
    const items = p.type === "array" && p.items !== undefined ? resolveRef(root, p.items as Schema) : undefined
    if (items?.properties !== undefined) rows(root, items, `${key}[].`, out)
    const values = typeof p.additionalProperties === "object" ? resolveRef(root, p.additionalProperties as Schema) : undefined
    if (values?.properties !== undefined) rows(root, values, `${key}.<name>.`, out)
  }
}

/** The reference as Markdown: one row per key path, `*` marks required keys. */
export const renderSpecReference = (schema: Schema): string => {
  const out = ["| key | type | default | meaning |", "|---|---|---|---|"]
  rows(schema, schema, "", out)
  return out.join("\n") + "\n"
}

const START = "<!-- spec-reference:start -->\n"
const END = "<!-- spec-reference:end -->"

/** `markdown` with the text between the spec-reference markers replaced by the reference for `schema`. */
export const withSpecReference = (markdown: string, schema: Schema): string => {
  const a = markdown.indexOf(START)
  const b = markdown.indexOf(END)
  if (a < 0 || b < a) throw new Error("the document lacks the spec-reference markers")
  return markdown.slice(0, a + START.length) + renderSpecReference(schema) + markdown.slice(b)
}
