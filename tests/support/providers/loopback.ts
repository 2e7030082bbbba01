// A node:http server speaking one provider's wire format, with scripted faults, latency and request counters.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { performance } from "node:perf_hooks"
import type { FaultScript, Received, WireAnswer, WireDialect } from "./faults.ts"

/** A running loopback server and what it saw. */
export interface Loopback {
  /** `http://127.0.0.1:<port>` */
  readonly url: string
  readonly requests: Array<Received>
  /** Requests per prompt. */
  readonly attempts: Map<string, number>
  /** Answers sent, by kind of fault (`ok` included). */
  readonly answered: Map<string, number>
  /** Highest number of requests in flight at once. */
  readonly maxInFlight: () => number
  /** Replaces the fault script. */
  script: FaultScript
  /** Delay before each answer, in ms. */
  latencyMs: number
  readonly close: () => Promise<void>
}

/** Options of a loopback server. */
export interface LoopbackOptions {
  readonly script?: FaultScript
  readonly latencyMs?: number
}

/** The whole body of a request, as UTF-8 text. */
export const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Array<Buffer> = []
    req.on("data", (c: Buffer) => chunks.push(c))
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")))
    req.on("error", reject)
  })

const send = (res: ServerResponse, answer: WireAnswer): void => {
  const raw = typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body)
  res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers })
  res.end(raw)
}

/** Starts a loopback server for `dialect` on a free port of 127.0.0.1. */
export const startLoopback = async (dialect: WireDialect, options: LoopbackOptions = {}): Promise<Loopback> => {
  let inFlight = 0
  let maxInFlight = 0
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const at = performance.now()
    const path = new URL(req.url ?? "/", "http://x").pathname
    const model = dialect.route(req.method ?? "GET", path)
    if (model === undefined) return send(res, { status: 404, body: { error: { message: `no route ${path}` } } })
    const body = JSON.parse(await readBody(req)) as Record<string, unknown>
    const received: Received = { ...dialect.parse(model, body), body, headers: req.headers, at }
    loopback.requests.push(received)
    inFlight += 1
    maxInFlight = Math.max(maxInFlight, inFlight)
    res.once("close", () => { inFlight -= 1 })
    const attempt = (loopback.attempts.get(received.prompt) ?? 0) + 1
    loopback.attempts.set(received.prompt, attempt)
    const fault = loopback.script(received, attempt)
    loopback.answered.set(fault.kind, (loopback.answered.get(fault.kind) ?? 0) + 1)
    if (fault.kind === "hang") return
    if (loopback.latencyMs > 0) await new Promise((r) => setTimeout(r, loopback.latencyMs))
    if (fault.kind === "ok") return send(res, dialect.success(received))
    if (fault.kind === "malformed") return send(res, { status: 200, body: "{\"id\": \"x\", \"choices\": [{\"mess" })
    return send(res, dialect.fault(fault, received))
  }
  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => send(res, { status: 400, body: { error: { message: String(e) } } }))
  })
  server.keepAliveTimeout = 60_000
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  const loopback: Loopback = {
    url: `http://127.0.0.1:${port}`,
    requests: [],
    attempts: new Map(),
    answered: new Map(),
    maxInFlight: () => maxInFlight,
    script: options.script ?? (() => ({ kind: "ok" })),
    latencyMs: options.latencyMs ?? 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
  return loopback
}

/** The largest number of requests that arrived within any span of `windowMs`. */
export const maxInWindow = (arrivals: ReadonlyArray<number>, windowMs: number): number => {
  const sorted = [...arrivals].sort((a, b) => a - b)
  let best = 0
  let lo = 0
  for (let hi = 0; hi < sorted.length; hi++) {
    while (sorted[hi]! - sorted[lo]! >= windowMs) lo += 1
    best = Math.max(best, hi - lo + 1)
  }
  return best
}
