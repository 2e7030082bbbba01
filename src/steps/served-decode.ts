// decode through a served student: an existing server (url) or one the backend starts for the student; resumable per sample.
import { createHash } from "node:crypto"
import * as fs from "node:fs"
import * as net from "node:net"
import * as path from "node:path"
import * as Effect from "effect/Effect"
import type { Row } from "../plugins/dataset.ts"
import { makeServerPool, type ServedServer } from "../run/served-model.ts"
import { declareSecretEnv } from "../spec/secret-env.ts"
import { fillTemplate, splitCommand, type ServeValues } from "../students/serve-command.ts"
import { listServedModels, openServedStudent } from "../students/served-student.ts"
import { readJsonl } from "../store/jsonl.ts"
import { writeJsonAtomic } from "../store/atomic.ts"
import { openSampleLog, readSampleLog } from "../store/sample-log.ts"
import { ANSWERS, STUDENT_INFO, type AnswerRecord, type StudentInfo } from "./decode.ts"
import { ROWS } from "./dataset.ts"
import { renderPrompt } from "./generate.ts"
import { servedSource } from "./served-source.ts"
import { StepFailed, type Step } from "./step.ts"
import type { StepEnv } from "./env.ts"

const DEFAULT_READY_TIMEOUT_S = 900

/** A port nothing listens on now, as the local machine sees it. */
const freePort = (): Promise<number> => new Promise((resolve, reject) => {
  const s = net.createServer()
  s.once("error", reject)
  s.listen(0, "127.0.0.1", () => {
    const port = (s.address() as net.AddressInfo).port
    s.close(() => resolve(port))
  })
})

const safeName = (student: string) => student.replace(/[^A-Za-z0-9._-]+/g, "_")

/** Decodes one student on one eval set through its server; the server of a command is shared with the student's other decode nodes. */
export const servedDecodeStep = (env: StepEnv): Step<"decode"> => {
  const pool = makeServerPool(env.jobs, env.backend.detached)
  return (ctx) => Effect.gen(function*() {
    const p = ctx.node.params
    const served = p.served!
    const serve = env.spec.evaluate.serve!
    const fail = (message: string) => new StepFailed({ node: ctx.node.id, reason: "failed", message })
    const rows = readJsonl<Row>(path.join(ctx.upstream.dataset!.dir, ROWS))
    const file = path.join(ctx.dir, ANSWERS)
    const done = new Set(readSampleLog<AnswerRecord>(file).map((r) => r.sampleId))
    const todo = rows.filter((r) => !done.has(r.id))
    let apiKey: string | undefined
    if (serve.api_key_env !== undefined) {
      declareSecretEnv(serve.api_key_env)
      apiKey = env.run.env[serve.api_key_env]?.trim()
      if (!apiKey) return yield* fail(`API key missing: set the environment variable ${serve.api_key_env} (evaluate.serve.api_key_env)`)
    }
    const source = yield* servedSource(env, p, ctx.upstream.train?.dir, ctx.node.id)
    writeJsonAtomic(path.join(ctx.dir, STUDENT_INFO), { params: source.params, commit: source.commit } satisfies StudentInfo)
    ctx.progress.total(rows.length)
    ctx.progress.advance(done.size)
    if (todo.length > 0) {
      let server: ServedServer | null = null
      let baseUrl: string
      let model: string
      if (served.form === "url") {
        baseUrl = serve.url!
        model = served.model
      } else {
        const port = yield* Effect.promise(freePort)
        const values: ServeValues = { ...source.values, port: String(port) }
        const split = splitCommand(serve.command!)
        if (!split.ok) return yield* fail(`evaluate.serve.command: ${split.message}`)
        const filled = yield* Effect.try({
          try: () => ({ words: split.words.map((w) => fillTemplate(w, values)), model: fillTemplate(served.model, values) }),
          catch: (e) => fail(`evaluate.serve: ${e instanceof Error ? e.message : String(e)}`)
        })
        model = filled.model
        const dir = path.join(env.run.cacheDir, "serve")
        fs.mkdirSync(dir, { recursive: true })
        const key = createHash("sha256").update(JSON.stringify({ student: served.student, command: filled.words.filter((w) => w !== String(port)), train: ctx.upstream.train?.node.key ?? null })).digest("hex").slice(0, 16)
        const base = path.join(dir, `${safeName(served.student)}.${key}`)
        server = yield* pool.acquire({
          student: served.student, node: { id: `serve/${served.student}`, kind: "serve", key: `serve-${key}` },
          command: filled.words[0]!, args: filled.words.slice(1), cwd: env.run.specDir,
          env: { ...serve.env, ...(apiKey === undefined ? {} : { [serve.api_key_env!]: apiKey }) },
          stdoutFile: `${base}.stdout.log`, stderrFile: `${base}.stderr.log`,
          declared: { gpus: serve.gpus ?? 1 }, port, readyTimeoutMs: (serve.ready_timeout_s ?? DEFAULT_READY_TIMEOUT_S) * 1000,
          ...(apiKey === undefined ? {} : { apiKey }), event: ctx.event
        }).pipe(Effect.mapError(fail))
        baseUrl = server.url
      }
      const models = server?.models ?? (yield* Effect.tryPromise({
        try: () => listServedModels(baseUrl, apiKey, AbortSignal.timeout(30_000)),
        catch: (e) => fail(`the server at ${baseUrl} does not answer GET /models: ${e instanceof Error ? e.message : String(e)}`)
      }))
      if (!models.includes(model)) {
        return yield* fail(`the server at ${baseUrl} serves ${models.length === 0 ? "no model" : models.map((m) => `'${m}'`).join(", ")}, not '${model}'${served.form === "url" ? " (evaluate.serve.models)" : " (set evaluate.serve.model to the name the command serves the student under)"}`)
      }
      const student = openServedStudent({ baseUrl, model, chat: served.chat, concurrency: serve.concurrency ?? 8, ...(apiKey === undefined ? {} : { apiKey }) })
      const log = openSampleLog<AnswerRecord>(file)
      let open = true
      const chunk = Math.max(p.decode.batch_size, serve.concurrency ?? 8)
      yield* Effect.gen(function*() {
        for (let i = 0; i < todo.length; i += chunk) {
          const batch = todo.slice(i, i + chunk)
          const request = Effect.tryPromise({
            try: () => student.generate(batch.map((r) => renderPrompt(p.prompt, r)), {
              maxNewTokens: p.decode.max_new_tokens, temperature: p.decode.temperature, seed: p.seed, sampleIds: batch.map((r) => `${r.id}#0`),
              stop: [...p.decode.stop], batchSize: chunk
            }, (j, out) => {
              if (!open) return
              log.append({ sampleId: batch[j]!.id, text: out.text, outputTokens: out.tokens, stopReason: out.stopReason })
              ctx.progress.advance(1)
            }),
            catch: (e) => e instanceof Error ? e.message : String(e)
          })
          const guarded = server === null ? request : Effect.raceFirst(request, server.ended.pipe(Effect.mapError((m) => `the server stopped: ${m}`)))
          yield* guarded.pipe(Effect.catch((message) => Effect.gen(function*() {
            const ended = server === null || message.startsWith("the server stopped") ? undefined : yield* server.endedWithin(3000)
            return yield* fail(`decoding ${served.student} through ${baseUrl} failed: ${message}${ended === undefined ? "" : `; the server stopped: ${ended}`}`)
          })))
        }
      }).pipe(Effect.ensuring(Effect.sync(() => { open = false; log.close(); student.close() })))
    }
    const all = readSampleLog<AnswerRecord>(file)
    return {
      summary: { samples: all.length, loops: all.filter((r) => r.stopReason === "loop").length,
        truncated: all.filter((r) => r.stopReason === "max_tokens").length, served: { form: served.form, model: served.model } },
      outputs: [ANSWERS, STUDENT_INFO]
    }
  }).pipe(Effect.scoped)
}
