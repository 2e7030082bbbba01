// `plugins` output: every built-in plugin with its version, capabilities and config fields.
import type { AnyPlugin, PluginKind } from "../plugins/define.ts"

const kinds: ReadonlyArray<PluginKind> = ["dataset", "teacher", "judge", "trainer", "backend"]

const typeOf = (s: Record<string, unknown>): string => {
  if (Array.isArray(s.enum)) return s.enum.map((v) => JSON.stringify(v)).join("|")
  if (typeof s.type === "string") return s.type === "array" && s.items !== undefined ? `${typeOf(s.items as Record<string, unknown>)}[]` : s.type
  if (Array.isArray(s.type)) return s.type.join("|")
  if (Array.isArray(s.anyOf) || Array.isArray(s.oneOf)) return ((s.anyOf ?? s.oneOf) as Array<Record<string, unknown>>).map(typeOf).join("|")
  return "any"
}

/** One block per plugin: name@version, description, capabilities, config fields. */
export const renderPlugins = (plugins: ReadonlyArray<AnyPlugin>): string => {
  const lines: string[] = []
  for (const kind of kinds) {
    const ofKind = plugins.filter((p) => p.kind === kind)
    if (ofKind.length === 0) continue
    lines.push(`${kind} plugins:`)
    for (const p of ofKind) {
      const caps = [p.capabilities.deterministic ? "deterministic" : "", p.capabilities.network ? "network" : "", p.capabilities.gpu ? "gpu" : ""].filter(Boolean)
      lines.push(`  ${p.name}@${p.version}  ${p.description}${caps.length ? `  [${caps.join(", ")}]` : ""}`)
      const props = (p.configSchema.properties ?? {}) as Record<string, Record<string, unknown>>
      const required = new Set((p.configSchema.required ?? []) as string[])
      for (const [field, s] of Object.entries(props)) {
        const dflt = s.default === undefined ? "" : ` (default ${JSON.stringify(s.default)})`
        lines.push(`      ${field}${required.has(field) ? "*" : ""}: ${typeOf(s)}${dflt}  ${s.description ?? ""}`)
      }
    }
    lines.push("")
  }
  lines.push("* required. Third-party plugins: `use: ./path/to/plugin` or `use: npm-package-name` in a spec.")
  return lines.join("\n")
}
