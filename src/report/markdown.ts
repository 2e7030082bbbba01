// Markdown building blocks for the report: tables, number and interval formatting.
import type { Interval } from "./bootstrap.ts"

const escapeCell = (s: string): string => s.replace(/\|/g, "\\|").replace(/\n/g, " ")

/** A GitHub-flavoured markdown table; `align` holds "l" or "r" per column (default "l"). */
export const mdTable = (header: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>, align?: ReadonlyArray<"l" | "r">): string => {
  const sep = header.map((_, i) => ((align?.[i] ?? "l") === "r" ? "---:" : "---"))
  const line = (cells: ReadonlyArray<string>) => `| ${cells.map(escapeCell).join(" | ")} |`
  return [line(header), line(sep), ...rows.map(line)].join("\n")
}

/** A number with a fixed count of decimals; "-" for null or NaN. */
export const num = (x: number | null | undefined, digits = 1): string =>
  x === null || x === undefined || Number.isNaN(x) ? "-" : x.toFixed(digits)

/** A signed number ("+1.7", "-4.7"). */
export const signed = (x: number, digits = 1): string => (Number.isNaN(x) ? "-" : `${x > 0 ? "+" : ""}${x.toFixed(digits)}`)

/** An interval as "[low, high]". */
export const ci = (i: Interval | undefined, digits = 1): string => (i ? `[${num(i.low, digits)}, ${num(i.high, digits)}]` : "-")

/** Seconds as a short duration ("42s", "3m 05s", "2h 07m"). */
export const duration = (seconds: number): string => {
  const s = Math.round(seconds)
  if (s < 60) return `${s}s`
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, "0")}s`
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`
}

/** US dollars with cents, or four decimals under a cent. */
export const usd = (x: number): string => (x > 0 && x < 0.01 ? `$${x.toFixed(4)}` : `$${x.toFixed(2)}`)
