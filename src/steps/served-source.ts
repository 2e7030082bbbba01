// What a served student is on disk or on the Hub: the values of the server command's placeholders and the facts a decode node records.
import * as fs from "node:fs"
import * as path from "node:path"
import * as Effect from "effect/Effect"
import type * as Scope from "effect/Scope"
import type { DecodeParams } from "../plan/params.ts"
import { readHfManifest } from "../students/hf-student.ts"
import { ADAPTER_NAME, type ServeValues } from "../students/serve-command.ts"
import { TRAIN_OUT } from "./train.ts"
import { StepFailed } from "./step.ts"
import { serviceAt, type StepEnv } from "./env.ts"

/** A served student: its placeholder values (the port is the server's) and what the report needs. */
export interface ServedSource {
  readonly values: Omit<ServeValues, "port">
  readonly params: number
  readonly commit: string | null
}

const SHA = /^[0-9a-f]{40}$/

/** Parameters counted from the safetensors headers of a local model directory (0 when there are none). */
export const safetensorsParams = (dir: string): number => {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) return 0
  let total = 0
  for (const name of fs.readdirSync(dir).filter((f) => f.endsWith(".safetensors"))) {
    const fd = fs.openSync(path.join(dir, name), "r")
    try {
      const head = Buffer.alloc(8)
      fs.readSync(fd, head, 0, 8, 0)
      const size = Number(head.readBigUInt64LE(0))
      if (size <= 0 || size > 100_000_000) continue
      const json = Buffer.alloc(size)
      fs.readSync(fd, json, 0, size, 8)
      const tensors = JSON.parse(json.toString("utf8")) as Record<string, { shape?: ReadonlyArray<number> }>
      for (const [k, t] of Object.entries(tensors)) if (k !== "__metadata__") total += (t.shape ?? []).reduce((a, b) => a * b, 1)
    } finally {
      fs.closeSync(fd)
    }
  }
  return total
}

const trainedSource = (trainDir: string, fail: (m: string) => StepFailed): Effect.Effect<ServedSource, StepFailed> => Effect.gen(function*() {
  const out = path.join(trainDir, TRAIN_OUT)
  const hf = readHfManifest(out)
  if (hf === null) {
    const file = path.join(out, "student.json")
    const params = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as { params?: number }).params ?? 0 : 0
    return { values: { model: out, revision: "main", adapter: null, base_model: out, adapter_name: null }, params, commit: null }
  }
  const model = path.join(out, hf.weights)
  const adapter = hf.adapter === null ? null : path.join(out, hf.adapter)
  let base = model
  if (adapter !== null) {
    const job = yield* Effect.try({
      try: () => JSON.parse(fs.readFileSync(path.join(trainDir, "job.json"), "utf8")) as { baseDir?: string },
      catch: (e) => fail(`cannot read the LoRA student's job.json in ${trainDir}: ${String(e)}`)
    })
    const parent = job.baseDir === undefined ? null : readHfManifest(job.baseDir)
    base = parent === null || job.baseDir === undefined ? hf.model : path.join(job.baseDir, parent.weights)
  }
  return { values: { model, revision: "main", adapter, base_model: base, adapter_name: adapter === null ? null : ADAPTER_NAME }, params: hf.params, commit: hf.commit }
})

/** The student a served decode node serves: the trained student of its train node, or the trainer's base student. */
export const servedSource = (env: StepEnv, p: DecodeParams, trainDir: string | undefined, nodeId: string): Effect.Effect<ServedSource, StepFailed, Scope.Scope> =>
  Effect.gen(function*() {
    const fail = (message: string) => new StepFailed({ node: nodeId, reason: "failed", message })
    if (trainDir !== undefined) return yield* trainedSource(trainDir, fail)
    const trainer = yield* serviceAt(env, "trainer", "/students/trainer", nodeId)
    const source = trainer.baseStudent?.(p.family, p.size, env.spec.students.size_config?.[p.size] ?? null) ?? null
    if (source === null) return yield* fail(`the trainer names no base student for ${p.family} ${p.size}`)
    const listed = trainer.sizes(p.family).find((s) => s.name === p.size)?.params
    const params = listed ?? safetensorsParams(source.model)
    const commit = source.revision !== null && SHA.test(source.revision) ? source.revision : null
    return { values: { model: source.model, revision: source.revision ?? "main", adapter: null, base_model: source.model, adapter_name: null }, params, commit }
  })
