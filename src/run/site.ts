// The site configuration: which backend runs heavy nodes here and with what resources (a YAML file outside the spec).
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { ajvIssues } from "../spec/ajv-issues.ts"
import { compiledValidator } from "../spec/compiled-schema.ts"
import { formatDiagnostics, locateIssue } from "../spec/diagnostic.ts"
import { parseSpecText } from "../spec/parse.ts"
import { toPlain } from "../spec/tree.ts"
import { fromOverride, type ResourceOverride } from "../backends/resources.ts"
import type { PluginRef } from "../plugins/host.ts"

/** A validated site file. */
export interface SiteConfig {
  /** The file it came from; undefined when there is none. */
  readonly file?: string
  readonly backend?: PluginRef
  /** Resource overrides by node kind (`train`), node id, or id pattern with `*`. */
  readonly resources: Readonly<Record<string, ResourceOverride>>
}

const resourceSchema = {
  type: "object", additionalProperties: false,
  properties: {
    cpus: { type: "integer", minimum: 1 }, gpus: { type: "integer", minimum: 0 }, gpu_type: { type: "string", minLength: 1 },
    memory: { type: ["string", "number"] }, time: { type: ["string", "number"] },
    partition: { type: "string", minLength: 1 }, account: { type: "string", minLength: 1 },
    qos: { type: "string", minLength: 1 }, constraint: { type: "string", minLength: 1 }
  }
}

/** JSON Schema of a site file. */
export const siteSchema = {
  type: "object", additionalProperties: false,
  properties: {
    backend: {
      type: "object", additionalProperties: false, required: ["use"],
      properties: { use: { type: "string", minLength: 1 }, with: { type: "object" } }
    },
    resources: { type: "object", additionalProperties: resourceSchema }
  }
}


/** Where the site file is looked for: `--site`, else `$DISTILL_SITE`, else `~/.config/distill/site.yaml` when it exists. */
export const siteFilePath = (flag: string | undefined, env: Readonly<Record<string, string | undefined>> = process.env): string | undefined => {
  if (flag !== undefined) return path.resolve(flag)
  if (env.DISTILL_SITE !== undefined && env.DISTILL_SITE !== "") return path.resolve(env.DISTILL_SITE)
  const base = env.XDG_CONFIG_HOME !== undefined && env.XDG_CONFIG_HOME !== "" ? env.XDG_CONFIG_HOME : path.join(os.homedir(), ".config")
  const file = path.join(base, "distill", "site.yaml")
  return fs.existsSync(file) ? file : undefined
}

/** Parses and validates site text; returns the config or located errors (`file:line:col: pointer: message`). */
export const parseSite = (file: string, text: string): { ok: true; site: SiteConfig } | { ok: false; message: string } => {
  if (text.trim() === "" || text.split("\n").every((l) => l.trim() === "" || l.trim().startsWith("#"))) return { ok: true, site: { file, resources: {} } }
  const parsed = parseSpecText(file, text)
  if (!parsed.ok) return { ok: false, message: formatDiagnostics(parsed.diagnostics) }
  const value = toPlain(parsed.root) as { backend?: PluginRef; resources?: Record<string, ResourceOverride> }
  const validate = compiledValidator(siteSchema, { allErrors: true, verbose: true, strict: false })
  if (!validate(value)) {
    return { ok: false, message: formatDiagnostics(ajvIssues(validate.errors ?? []).map((i) => locateIssue(parsed.root, i))) }
  }
  const bad: string[] = []
  for (const [name, o] of Object.entries(value.resources ?? {})) {
    try {
      fromOverride(o)
    } catch (e) {
      const pos = locateIssue(parsed.root, { pointer: `/resources/${name.replace(/~/g, "~0").replace(/\//g, "~1")}`, message: "" })
      bad.push(`${path.relative(process.cwd(), file) || file}:${pos.line}:${pos.col}: /resources/${name}: ${(e as Error).message}`)
    }
  }
  if (bad.length > 0) return { ok: false, message: bad.join("\n") }
  return { ok: true, site: { file, ...(value.backend === undefined ? {} : { backend: value.backend }), resources: value.resources ?? {} } }
}

/** Loads the site file the flag or environment names (none: an empty config). */
export const loadSite = (flag: string | undefined, env: Readonly<Record<string, string | undefined>> = process.env): { ok: true; site: SiteConfig } | { ok: false; message: string } => {
  const file = siteFilePath(flag, env)
  if (file === undefined) return { ok: true, site: { resources: {} } }
  if (!fs.existsSync(file)) return { ok: false, message: `${file}: no such site file${flag === undefined ? " (named by DISTILL_SITE)" : ""}` }
  return parseSite(file, fs.readFileSync(file, "utf8"))
}
