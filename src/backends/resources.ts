// Resources of heavy nodes: engine defaults per kind, what plugins declare, and site overrides, merged; never in a key.
import type { Resources } from "./backend.ts"

/** A resource override as written in a site file: memory as `16G` / `512M` / MB, time as `D-HH:MM:SS` / `HH:MM:SS` / minutes. */
export interface ResourceOverride {
  readonly cpus?: number
  readonly gpus?: number
  readonly gpu_type?: string
  readonly memory?: string | number
  readonly time?: string | number
  readonly partition?: string
  readonly account?: string
  readonly qos?: string
  readonly constraint?: string
}

/** What a heavy node kind gets when nothing else is said. */
export const defaultResources: Readonly<Record<string, Resources>> = {
  train: { cpus: 2, gpus: 0 },
  sample: { cpus: 1, gpus: 0 },
  decode: { cpus: 1, gpus: 0 }
}

/** Megabytes from `16G`, `512M`, `1T`, `2048K` or a plain number of MB; undefined when unreadable. */
export const parseMemoryMb = (v: string | number): number | undefined => {
  if (typeof v === "number") return Number.isFinite(v) && v > 0 ? Math.round(v) : undefined
  const m = /^\s*(\d+(?:\.\d+)?)\s*([KMGT]?)i?B?\s*$/i.exec(v)
  if (m === null) return undefined
  const factor = { K: 1 / 1024, M: 1, G: 1024, T: 1024 * 1024, "": 1 }[m[2]!.toUpperCase() as "K" | "M" | "G" | "T" | ""]
  const mb = Math.ceil(Number(m[1]) * factor)
  return mb > 0 ? mb : undefined
}

/** Minutes from Slurm's time forms (`MM`, `MM:SS`, `HH:MM:SS`, `D-HH`, `D-HH:MM`, `D-HH:MM:SS`) or a number of minutes. */
export const parseTimeMinutes = (v: string | number): number | undefined => {
  if (typeof v === "number") return Number.isFinite(v) && v > 0 ? Math.ceil(v) : undefined
  const s = v.trim()
  const dm = /^(\d+)-(\d+)(?::(\d+))?(?::(\d+))?$/.exec(s)
  let seconds: number
  if (dm !== null) {
    seconds = Number(dm[1]) * 86400 + Number(dm[2]) * 3600 + Number(dm[3] ?? 0) * 60 + Number(dm[4] ?? 0)
  } else if (/^\d+(:\d+){0,2}$/.test(s)) {
    const parts = s.split(":").map(Number)
    seconds = parts.length === 1 ? parts[0]! * 60 : parts.length === 2 ? parts[0]! * 60 + parts[1]! : parts[0]! * 3600 + parts[1]! * 60 + parts[2]!
  } else {
    return undefined
  }
  return seconds > 0 ? Math.ceil(seconds / 60) : undefined
}

/** Slurm's `D-HH:MM:SS` (or `HH:MM:SS` under a day) for a number of minutes. */
export const formatTime = (minutes: number): string => {
  const d = Math.floor(minutes / 1440)
  const h = Math.floor((minutes % 1440) / 60)
  const m = minutes % 60
  const hms = `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}:00`
  return d > 0 ? `${d}-${hms}` : hms
}

/** The override as resource fields; throws on an unreadable memory or time (site files are validated first). */
export const fromOverride = (o: ResourceOverride): Partial<Resources> => {
  const out: { -readonly [K in keyof Resources]?: Resources[K] } = {}
  if (o.cpus !== undefined) out.cpus = o.cpus
  if (o.gpus !== undefined) out.gpus = o.gpus
  if (o.gpu_type !== undefined) out.gpuType = o.gpu_type
  if (o.memory !== undefined) {
    const mb = parseMemoryMb(o.memory)
    if (mb === undefined) throw new Error(`unreadable memory '${o.memory}' (expected e.g. 16G, 512M)`)
    out.memoryMb = mb
  }
  if (o.time !== undefined) {
    const min = parseTimeMinutes(o.time)
    if (min === undefined) throw new Error(`unreadable time '${o.time}' (expected e.g. 90, 02:00:00, 1-12:00:00)`)
    out.timeLimitMinutes = min
  }
  for (const k of ["partition", "account", "qos", "constraint"] as const) if (o[k] !== undefined) out[k] = o[k]
  return out
}

/** Whether a site key names this node: its kind, its id, or a pattern with `*` (any characters) matching its id. */
export const overrideMatches = (pattern: string, node: { readonly id: string; readonly kind: string }): boolean => {
  if (pattern === node.kind || pattern === node.id) return true
  if (!pattern.includes("*")) return false
  const re = new RegExp(`^${pattern.split("*").map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`)
  return re.test(node.id)
}

/**
 * A node's resources: the kind's default, then what its plugin declares, then the site overrides (the kind's entry,
 * then patterns in file order, then the node's exact id).
 */
export const resolveResources = (
  node: { readonly id: string; readonly kind: string },
  declared: Partial<Resources> = {},
  overrides: Readonly<Record<string, ResourceOverride>> = {}
): Resources => {
  const keys = Object.keys(overrides)
  const ordered = [
    ...keys.filter((k) => k === node.kind),
    ...keys.filter((k) => k !== node.kind && k !== node.id && overrideMatches(k, node)),
    ...keys.filter((k) => k === node.id && k !== node.kind)
  ]
  let r: Resources = { ...(defaultResources[node.kind] ?? { cpus: 1, gpus: 0 }), ...declared }
  for (const k of ordered) r = { ...r, ...fromOverride(overrides[k]!) }
  return r
}

/** One line for plans and events: `2 cpus, 1 gpu (a100), 16G, 02:00:00, partition gpu`. */
export const formatResources = (r: Resources): string => {
  const mem = r.memoryMb === undefined ? undefined : r.memoryMb % 1024 === 0 ? `${r.memoryMb / 1024}G` : `${r.memoryMb}M`
  return [
    `${r.cpus} cpu${r.cpus === 1 ? "" : "s"}`,
    `${r.gpus} gpu${r.gpus === 1 ? "" : "s"}${r.gpuType === undefined ? "" : ` (${r.gpuType})`}`,
    mem === undefined ? undefined : `mem ${mem}`,
    r.timeLimitMinutes === undefined ? undefined : `time ${formatTime(r.timeLimitMinutes)}`,
    r.partition === undefined ? undefined : `partition ${r.partition}`,
    r.account === undefined ? undefined : `account ${r.account}`,
    r.qos === undefined ? undefined : `qos ${r.qos}`,
    r.constraint === undefined ? undefined : `constraint ${r.constraint}`
  ].filter((s) => s !== undefined).join(", ")
}
