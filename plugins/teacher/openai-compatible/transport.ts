// POSTing a chat completion over keep-alive node:http(s) sockets: the OpenAI SDK's non-streaming request, without its per-call cost.
//
// Why not the openai SDK: in the throughput benchmark (bench/teacher-throughput.ts) the SDK over undici fetch cost
// 2-3x the CPU per request of a keep-alive node:http request, most of the request phase's client CPU. With
// `maxRetries: 0` (the call policy owns retries) the SDK's semantics that matter are small and reproduced here and in
// errors.ts: Bearer auth and JSON bodies, `timeout_ms` over the whole request (a `TimeoutError`, so `timeout`),
// abort on the caller's signal, an HTTP error's status, headers (retry-after) and `error.message` / `code` /
// `type` from its body, transport failures as `network`, an unparseable 2xx body as `malformed`.
import type * as Http from "node:http"
import type * as Https from "node:https"
import type * as Zlib from "node:zlib"
import type { HeaderReader } from "../../../src/provider/index.ts"

/** An answer with a status outside 2xx. */
export class HttpAnswerError extends Error {
  override readonly name = "HttpAnswerError"
  readonly status: number
  readonly body: string
  readonly headers: HeaderReader
  constructor(status: number, body: string, headers: HeaderReader) {
    super(`HTTP ${status}`)
    this.status = status
    this.body = body
    this.headers = headers
  }
}

/** The request did not finish within the configured timeout. */
class RequestTimeout extends Error {
  override readonly name = "TimeoutError"
}

/** A JSON POST client for one base URL. */
export interface Transport {
  /**
   * POSTs `body` (already JSON) to `<base>/<route>`, ended after `timeoutMs` (the transport's own timeout when longer
   * is not allowed: the shorter wins); `done` gets the failure or the parsed 2xx body, once. The returned function
   * cancels the request (then `done` is not called).
   */
  readonly send: (route: string, body: string, timeoutMs: number, done: (error: unknown, value?: unknown) => void) => () => void
  /** `send` with the transport's timeout, as a promise that also stops at `signal`. */
  readonly post: (route: string, body: string, signal: AbortSignal) => Promise<unknown>
  readonly close: () => void
}

// The CommonJS modules, not `import * as http`: an ES namespace of node:http reads each of its exports, and one of
// them (WebSocket) loads Node's bundled undici, about 30 ms of start-up for nothing here.
const http = process.getBuiltinModule("node:http") as typeof Http
const https = (): typeof Https => process.getBuiltinModule("node:https") as typeof Https
// loaded with the first compressed answer (about 3 ms of start-up otherwise)
const zlib = (): typeof Zlib => process.getBuiltinModule("node:zlib") as typeof Zlib

const headerReader = (headers: Http.IncomingHttpHeaders): HeaderReader => ({
  get: (name) => {
    const v = headers[name.toLowerCase()]
    return v === undefined ? null : Array.isArray(v) ? v.join(", ") : v
  }
})

/**
 * The first value of header `name` (lower case) among `raw` (name, value, name, value, ...): read from the raw list,
 * since `res.headers` builds an object of every header on first use.
 */
const rawHeader = (raw: ReadonlyArray<string>, name: string): string | undefined => {
  for (let i = 0; i + 1 < raw.length; i += 2) if (raw[i]!.length === name.length && raw[i]!.toLowerCase() === name) return raw[i + 1]
  return undefined
}

/** The decoded body stream of a response (gzip, deflate and br are asked for and undone). */
const decoded = (res: Http.IncomingMessage): NodeJS.ReadableStream => {
  const encoding = (rawHeader(res.rawHeaders, "content-encoding") ?? "").trim().toLowerCase()
  return encoding === "gzip" ? res.pipe(zlib().createGunzip())
    : encoding === "deflate" ? res.pipe(zlib().createInflate())
    : encoding === "br" ? res.pipe(zlib().createBrotliDecompress())
    : res
}

/** Reads a response whole: `finish` gets the parsed 2xx body, an HttpAnswerError, or the stream's failure. */
const readAnswer = (res: Http.IncomingMessage, finish: (error: unknown, value?: unknown) => void): void => {
  const chunks: Array<Buffer> = []
  const stream = decoded(res)
  stream.on("data", (c: Buffer) => chunks.push(c))
  stream.on("error", finish)
  stream.on("end", () => {
    const text = Buffer.concat(chunks).toString("utf8")
    const status = res.statusCode ?? 0
    if (status < 200 || status >= 300) return finish(new HttpAnswerError(status, text, headerReader(res.headers)))
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch (e) {
      return finish(e)
    }
    finish(undefined, parsed)
  })
}

/**
 * A keep-alive transport for `baseUrl` (http or https). Idle sockets are reused, so the sockets opened
 * match the calls in flight (the call policy's concurrency); no request is retried here.
 */
export const makeTransport = (baseUrl: string, apiKey: string, timeoutMs: number): Transport => {
  const base = new URL(baseUrl)
  const secure = base.protocol === "https:"
  const agent = secure ? new (https().Agent)({ keepAlive: true, scheduling: "lifo" }) : new http.Agent({ keepAlive: true, scheduling: "lifo" })
  const request = secure ? https().request : http.request
  const prefix = base.pathname.replace(/\/+$/u, "")
  // read once: URL's getters cost microseconds a call
  const { protocol, hostname, port, search } = base
  // Headers as a list are checked and written by Node as they are, without the header map it keeps for an object; a
  // list also means Node adds no Host header, so it is here.
  const host = port === "" ? hostname : `${hostname}:${port}`
  const fixed = ["host", host, "content-type", "application/json", "accept", "application/json", "accept-encoding", "gzip, deflate, br",
    "authorization", `Bearer ${apiKey}`]
  const send = (route: string, body: string, limitMs: number, done: (error: unknown, value?: unknown) => void): () => void => {
    const ms = Math.min(limitMs, timeoutMs)
    let settled = false
    let timer: ReturnType<typeof setTimeout> | undefined
    let req: Http.ClientRequest | undefined
    const finish = (error: unknown, value?: unknown) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      done(error, value)
    }
    try {
      const sent = request({
        protocol, hostname, port, path: `${prefix}/${route}${search}`,
        method: "POST", agent, headers: [...fixed, "content-length", String(Buffer.byteLength(body))]
      }, (res) => readAnswer(res, finish))
      req = sent
      timer = setTimeout(() => sent.destroy(new RequestTimeout(`no answer within ${ms} ms`)), ms)
      sent.on("error", finish)
      sent.end(body)
    } catch (e) {
      // an option Node refuses (a header it cannot send): reported like any other transport failure, later
      queueMicrotask(() => finish(e))
    }
    return () => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      req?.destroy()
    }
  }
  const post = (route: string, body: string, signal: AbortSignal): Promise<unknown> =>
    new Promise((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason)
      const onAbort = () => {
        cancel()
        reject(signal.reason instanceof Error ? signal.reason : new Error("aborted"))
      }
      const cancel = send(route, body, timeoutMs, (error, value) => {
        signal.removeEventListener("abort", onAbort)
        if (error === undefined) resolve(value)
        else reject(error)
      })
      signal.addEventListener("abort", onAbort, { once: true })
    })
  return { send, post, close: () => agent.destroy() }
}
