// Content identity of hf students: the commit each size's revision resolves to in the local cache, or a local model's file digest.
import { createHash } from "node:crypto"
import { existsSync, readdirSync, statSync } from "node:fs"
import { isAbsolute, join, resolve } from "node:path"
import { digestFile } from "../../../src/store/file-digest.ts"
import type { IdentityHost } from "../../../src/plugins/index.ts"
import { cachedCommit, studentSource, type StudentSource } from "./families.ts"

/** What one size's weights are, as a key sees them. */
export type StudentIdentity =
  | { readonly model: string; readonly commit: string }
  | { readonly digest: string }
  | { readonly model: string; readonly revision: string; readonly commit: null }

/** The identity of every size, by size name; the planner keys each size's train and base nodes on its entry. */
export interface StudentsIdentity {
  readonly students: Readonly<Record<string, StudentIdentity>>
}

/** Files of a model directory that decide what it computes: weights, configs, tokenizer and chat template. */
const MODEL_FILE = /(\.safetensors|\.bin|\.pt|\.gguf|\.json|\.model|\.tiktoken|\.txt|\.jinja)$/u

/** The model directory a source names, when it is a local one (relative paths from the spec's folder). */
export const localModelDir = (model: string, specDir: string): string | null => {
  const dir = model.startsWith("./") || model.startsWith("../") ? resolve(specDir, model) : isAbsolute(model) ? model : null
  return dir !== null && existsSync(dir) && statSync(dir).isDirectory() ? dir : null
}

/** sha256 over the names and contents of a model directory's weight, config and tokenizer files (stat-cached). */
export const modelDirDigest = (dir: string, cacheDir: string): string => {
  const files = readdirSync(dir).filter((f) => MODEL_FILE.test(f) && statSync(join(dir, f)).isFile()).sort()
  if (files.length === 0) throw new Error(`${dir} holds no model files (weights, config, tokenizer)`)
  const h = createHash("sha256")
  for (const f of files) h.update(`${f}\0${digestFile(join(dir, f), cacheDir)}\n`)
  return h.digest("hex")
}

const hubIdentity = (source: StudentSource, host: IdentityHost): StudentIdentity => {
  const env = { HF_HUB_CACHE: host.env("HF_HUB_CACHE"), HF_HOME: host.env("HF_HOME") }
  const revision = source.revision ?? "main"
  const commit = cachedCommit(source, env)
  if (commit === null) {
    host.warn(`${source.model}@${revision} is not in the local Hugging Face cache, so its train key names the revision; ` +
      `it changes to the commit once fetched (\`hf download ${source.model} --revision ${revision}\`)`)
    return { model: source.model, revision, commit: null }
  }
  if (commit !== revision) {
    host.warn(`${source.model}@${revision}: keyed by ${commit.slice(0, 12)}, the commit the local Hugging Face cache last fetched for it`)
  }
  return { model: source.model, commit }
}

/**
 * The identity of each size of the spec's students: a Hub model by the commit its revision resolves to in the local
 * cache (a pinned SHA is itself; a branch moves when the cache's ref moves), a local directory by a digest of its files.
 */
export const studentsIdentity = (revisions: Readonly<Record<string, string>> | undefined, host: IdentityHost): StudentsIdentity => {
  const students = host.students
  if (students === undefined) throw new Error("the hf identity needs the spec's students section")
  const out: Record<string, StudentIdentity> = {}
  for (const size of students.sizes) {
    const source = studentSource(students.family, size, students.size_config?.[size], revisions)
    if (source === null) continue
    const dir = localModelDir(source.model, host.specDir)
    out[size] = dir === null ? hubIdentity(source, host) : { digest: modelDirDigest(dir, host.cacheDir) }
  }
  return { students: out }
}
