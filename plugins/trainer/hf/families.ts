// Student families of the hf trainer: Hub id, pinned revision and parameter count per size.
import { existsSync, readFileSync } from "node:fs"
import { homedir } from "node:os"
import { join } from "node:path"

/** One size of a family: where its weights live on the Hub and how many parameters it has. */
export interface HubSize {
  readonly model: string
  /** A commit SHA where one is pinned, else a branch name resolved to a SHA from the local cache at run time. */
  readonly revision: string
  readonly params: number
}

const qwen = (size: string, revision: string, params: number): HubSize =>
  ({ model: `Qwen/Qwen2.5-${size}-Instruct`, revision, params })

/** Families by name, sizes smallest first. Qwen2.5 revisions are the commits the published results were made with. */
export const HF_FAMILIES: Readonly<Record<string, Readonly<Record<string, HubSize>>>> = {
  "qwen2.5-instruct": {
    "0.5B": qwen("0.5B", "7ae557604adf67be50417f59c2c2f167def9a775", 494_032_768),
    "1.5B": qwen("1.5B", "989aa7980e4cf806f80c7fef2b1adb7bc71aa306", 1_543_714_304),
    "3B": qwen("3B", "aa8e72537993ba99e69dfaafa59ed015b17504d1", 3_085_938_688),
    "7B": qwen("7B", "a09a35458c702b33eeacc393d103063234e8bc28", 7_615_616_512)
  },
  "llama-3.2-instruct": {
    "1B": { model: "meta-llama/Llama-3.2-1B-Instruct", revision: "main", params: 1_235_814_400 },
    "3B": { model: "meta-llama/Llama-3.2-3B-Instruct", revision: "main", params: 3_212_749_824 }
  },
  "llama-3.1-instruct": {
    "8B": { model: "meta-llama/Llama-3.1-8B-Instruct", revision: "main", params: 8_030_261_248 }
  },
  "smollm2-instruct": {
    "135M": { model: "HuggingFaceTB/SmolLM2-135M-Instruct", revision: "main", params: 134_515_008 },
    "360M": { model: "HuggingFaceTB/SmolLM2-360M-Instruct", revision: "main", params: 361_821_120 },
    "1.7B": { model: "HuggingFaceTB/SmolLM2-1.7B-Instruct", revision: "main", params: 1_711_376_384 }
  }
}

/** The sizes of `family` with their parameter counts ([] for an unknown family). */
export const hfFamilySizes = (family: string): ReadonlyArray<{ readonly name: string; readonly params: number }> =>
  Object.entries(HF_FAMILIES[family] ?? {}).map(([name, s]) => ({ name, params: s.params }))

/** Where a student's weights come from: a Hub id (or local directory) and a revision. */
export interface StudentSource {
  readonly model: string
  readonly revision: string | null
}

/**
 * The source of `family`/`size`: `sizeConfig.model` (+ `revision`) when the spec gives one (a local path or any Hub
 * id), else the family table; `revisions` (the plugin config) re-pins a Hub id. Null when neither knows the size.
 */
export const studentSource = (
  family: string, size: string, sizeConfig?: Readonly<Record<string, unknown>>, revisions: Readonly<Record<string, string>> = {}
): StudentSource | null => {
  if (typeof sizeConfig?.["model"] === "string") {
    const model = sizeConfig["model"]
    const revision = typeof sizeConfig["revision"] === "string" ? sizeConfig["revision"] : revisions[model] ?? null
    return { model, revision }
  }
  const known = HF_FAMILIES[family]?.[size]
  return known === undefined ? null : { model: known.model, revision: revisions[known.model] ?? known.revision }
}

/** The Hugging Face hub cache directory (HF_HUB_CACHE, else HF_HOME/hub, else ~/.cache/huggingface/hub). */
export const hubCacheDir = (env: Readonly<Record<string, string | undefined>> = process.env): string =>
  env["HF_HUB_CACHE"] || join(env["HF_HOME"] || join(homedir(), ".cache", "huggingface"), "hub")

const SHA = /^[0-9a-f]{40}$/

/**
 * The commit SHA a source resolves to in the local cache, without network: a pinned SHA is itself; a branch or tag
 * reads `refs/<name>`. Null for local directories and for weights not fetched yet (the trainer then says how to fetch).
 */
export const cachedCommit = (source: StudentSource, env: Readonly<Record<string, string | undefined>> = process.env): string | null => {
  if (existsSync(source.model)) return null
  const revision = source.revision ?? "main"
  if (SHA.test(revision)) return revision
  const ref = join(hubCacheDir(env), `models--${source.model.replaceAll("/", "--")}`, "refs", revision)
  if (!existsSync(ref)) return null
  const sha = readFileSync(ref, "utf8").trim()
  return SHA.test(sha) ? sha : null
}

/** The command that puts a Hub source into the local cache. */
export const fetchCommand = (source: StudentSource): string =>
  `hf download ${source.model}${source.revision === null ? "" : ` --revision ${source.revision}`}`
