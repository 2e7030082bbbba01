// A Hugging Face student decoded by a long-lived Python worker (transformers generate), with openStudent's shape.
import { type ChildProcess, spawn } from "node:child_process"
import { existsSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { createInterface } from "node:readline"
import * as Effect from "effect/Effect"
import { type GenerateOptions, optionsProblem } from "./generate.ts"
import type { Generation } from "./generation-row.ts"
import { findTorchPython } from "./python.ts"
import { HF_PYTHON_DIR, pythonPath } from "./python-packages.ts"

/** `student.json` of a trained Hugging Face student (format "hf"), or what the worker reports for a Hub model. */
export interface HfStudentManifest {
  readonly format: "hf"
  readonly family: string
  readonly size: string
  readonly method: string
  readonly params: number
  /** The Hub id or path the student started from, its revision and the resolved commit SHA (null for local dirs). */
  readonly model: string
  readonly revision: string | null
  readonly commit: string | null
  /** Weights directory relative to the student directory. */
  readonly weights: string
  readonly adapter: string | null
  /** Whether prompts go through the tokenizer's chat template (as the student was trained). */
  readonly chat_template: boolean
}

/** Decoding options of a Hugging Face student: the ONNX path's plus whether to apply the chat template. */
export interface HfGenerateOptions extends GenerateOptions {
  /** Default: the manifest's chat_template (true for a Hub model that has a template). */
  readonly chat?: boolean
}

/** An open Hugging Face student; `close` ends its worker. */
export interface HfStudent {
  readonly manifest: HfStudentManifest
  readonly generate: (prompts: ReadonlyArray<string>, options: HfGenerateOptions) => Promise<Generation[]>
  readonly close: () => void
}

/** Where to load from: a trained student directory (student.json format "hf"), or a model id/path at a revision. */
export type HfSource = { readonly dir: string } | { readonly model: string; readonly revision?: string; readonly family?: string; readonly size?: string }

/** Worker settings: interpreter environment (DISTILL_PYTHON), CPU threads, offline cache only. */
export interface HfLoadOptions {
  readonly threads?: number
  readonly env?: Readonly<Record<string, string | undefined>>
  readonly offline?: boolean
}

/** Reads `<dir>/student.json` when it describes a Hugging Face student, else null. */
export const readHfManifest = (dir: string): HfStudentManifest | null => {
  const file = join(dir, "student.json")
  if (!existsSync(file)) return null
  const m = JSON.parse(readFileSync(file, "utf8")) as Partial<HfStudentManifest>
  return m.format === "hf" && typeof m.weights === "string" ? m as HfStudentManifest : null
}

interface Pending {
  readonly resolve: (g: Generation[]) => void
  readonly reject: (e: Error) => void
  readonly onProgress?: (done: number, total: number) => void
}

/** Starts the worker for `source` and resolves once the model is loaded (rejects with the worker's reason otherwise). */
export const openHfStudent = async (source: HfSource, options: HfLoadOptions = {}): Promise<HfStudent> => {
  const saved = "dir" in source ? readHfManifest(source.dir) : null
  if ("dir" in source && saved === null) throw new Error(`${join(source.dir, "student.json")} is not a Hugging Face student manifest`)
  const model = saved !== null && "dir" in source ? join(source.dir, saved.weights) : (source as { model: string }).model
  const revision = "dir" in source ? undefined : source.revision
  const env = options.env ?? process.env
  const { python } = await Effect.runPromise(findTorchPython(env))
  const args = ["-m", "distill_hf", "worker", model, ...(revision ? ["--revision", revision] : []), ...(options.threads ? ["--threads", String(options.threads)] : [])]
  const child: ChildProcess = spawn(python, args, {
    stdio: ["pipe", "pipe", "pipe"],
    env: { ...process.env, ...env, PYTHONPATH: pythonPath(HF_PYTHON_DIR), PYTHONUNBUFFERED: "1", ...(options.offline === false ? {} : { HF_HUB_OFFLINE: "1" }) }
  })
  let stderr = ""
  child.stderr!.on("data", (d: Buffer) => { stderr = (stderr + d.toString("utf8")).slice(-4000) })
  const pending = new Map<number, Pending>()
  let failure: Error | null = null
  const fail = (e: Error) => {
    failure ??= e
    for (const p of pending.values()) p.reject(e)
    pending.clear()
  }
  const ready = new Promise<Record<string, unknown>>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! })
    lines.on("line", (line) => {
      if (!line.startsWith("{")) return
      const msg = JSON.parse(line) as Record<string, unknown>
      if (msg["ready"] === true) return resolve(msg)
      if (msg["id"] === undefined && typeof msg["error"] === "string") return reject(new Error(msg["error"]))
      const p = pending.get(msg["id"] as number)
      if (p === undefined) return
      if (Array.isArray(msg["progress"])) p.onProgress?.(msg["progress"][0] as number, msg["progress"][1] as number)
      else if (typeof msg["error"] === "string") { pending.delete(msg["id"] as number); p.reject(new Error(msg["error"])) }
      else if (Array.isArray(msg["results"])) { pending.delete(msg["id"] as number); p.resolve(msg["results"] as Generation[]) }
    })
    child.on("exit", (code, signal) => {
      const e = new Error(`the Hugging Face worker for ${model} exited (${signal ?? code})${stderr ? `: ${stderr.trim().split("\n").slice(-3).join(" | ")}` : ""}`)
      reject(e)
      fail(e)
    })
    child.on("error", (e) => { reject(e); fail(e) })
  })
  const info = await ready.catch((e: Error) => { child.kill("SIGKILL"); throw e })
  const manifest: HfStudentManifest = saved ?? {
    format: "hf", family: (source as { family?: string }).family ?? "hf", size: (source as { size?: string }).size ?? "base", method: "base",
    params: info["params"] as number, model, revision: revision ?? null, commit: (info["commit"] as string | null) ?? null,
    weights: model, adapter: null, chat_template: info["chat_template"] === true
  }
  let next = 0
  return {
    manifest,
    generate: (prompts, o) => {
      const problem = optionsProblem(o)
      if (problem !== null) return Promise.reject(new Error(problem))
      if (failure !== null) return Promise.reject(failure)
      const id = ++next
      return new Promise<Generation[]>((resolve, reject) => {
        pending.set(id, { resolve, reject, ...(o.onProgress === undefined ? {} : { onProgress: o.onProgress }) })
        const { onProgress: _, ...wire } = o
        child.stdin!.write(JSON.stringify({ id, prompts, options: { ...wire, chat: o.chat ?? manifest.chat_template } }) + "\n")
      })
    },
    close: () => {
      child.stdin!.end()
      setTimeout(() => child.kill("SIGKILL"), 5000).unref()
    }
  }
}
