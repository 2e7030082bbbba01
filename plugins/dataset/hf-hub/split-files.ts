// Chooses the data files of one config/split from a Hub repository listing (pure).
import { formatFromPath } from "../local/read-records.ts"

const segments = (p: string): ReadonlyArray<string> => p.split("/")

const baseName = (p: string): string => {
  const last = segments(p)[segments(p).length - 1] ?? p
  return last.replace(/\.[^.]+$/u, "")
}

/** True when a path names a file of `split`: `test.jsonl`, `data/test-00000-of-00001.parquet`, `test/0000.parquet`. */
export const isSplitFile = (p: string, split: string): boolean => {
  const base = baseName(p)
  if (base === split || base.startsWith(`${split}-`) || base.startsWith(`${split}_`) || base.startsWith(`${split}.`)) return true
  return segments(p).slice(0, -1).includes(split)
}

/** True when a path lies under a folder named `config` (the Hub's layout for named configs). */
export const isConfigFile = (p: string, config: string): boolean => segments(p).slice(0, -1).includes(config)

const FORMAT_PREFERENCE = ["parquet", "jsonl", "json"] as const

/**
 * The files holding `split` (of `config`, when given), sorted. When a split exists in several formats only the
 * preferred one is kept (parquet, then jsonl, then json) so rows are not read twice.
 */
export const selectSplitFiles = (paths: ReadonlyArray<string>, split: string, config?: string): ReadonlyArray<string> => {
  const matching = paths.filter((p) =>
    formatFromPath(p) !== null && isSplitFile(p, split) && (config === undefined || isConfigFile(p, config)))
  for (const format of FORMAT_PREFERENCE) {
    const ofFormat = matching.filter((p) => formatFromPath(p) === format)
    if (ofFormat.length > 0) return [...ofFormat].sort()
  }
  return []
}
