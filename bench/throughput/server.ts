// A lean loopback OpenAI-compatible server for benchmarks: fixed latency, counts and times what it answers.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { performance } from "node:perf_hooks"
import { readBody } from "../../tests/support/providers/loopback.ts"
import { openAiWire } from "../../tests/support/providers/openai-wire.ts"

/** What the server saw since the last `reset`. */
export interface ServerWindow {
  readonly requests: number
  /** `performance.now()` of the first arrival, NaN before it. */
  readonly firstAt: number
  /** `performance.now()` when the last answer was written, NaN before it. */
  readonly lastAt: number
}

/** A running benchmark server. */
export interface BenchServer {
  readonly url: string
  readonly window: () => ServerWindow
  readonly reset: () => void
  /** Called on the first arrival and after every answer (count so far), for sampling the client at those moments. */
  onEvent: (kind: "first" | "answered", count: number) => void
  readonly close: () => Promise<void>
}

const dialect = openAiWire()

/** Starts the server on a free port of 127.0.0.1; every request is answered after `latencyMs`. */
export const startBenchServer = async (latencyMs: number): Promise<BenchServer> => {
  let requests = 0
  let answered = 0
  let firstAt = Number.NaN
  let lastAt = Number.NaN
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = JSON.parse(await readBody(req)) as Record<string, unknown>
    if (requests++ === 0) {
      firstAt = performance.now()
      server.onEvent("first", 0)
    }
    const received = { ...dialect.parse("", body), body, headers: req.headers, at: performance.now() }
    await new Promise((r) => setTimeout(r, latencyMs))
    const answer = dialect.success(received)
    res.writeHead(answer.status, { "content-type": "application/json" })
    res.end(JSON.stringify(answer.body), () => {
      lastAt = performance.now()
      server.onEvent("answered", ++answered)
    })
  }
  const http = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      res.writeHead(400, { "content-type": "application/json" })
      res.end(JSON.stringify({ error: { message: String(e) } }))
    })
  })
  http.keepAliveTimeout = 60_000
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", 1024, resolve))
  const { port } = http.address() as AddressInfo
  const server: BenchServer = {
    url: `http://127.0.0.1:${port}`,
    window: () => ({ requests, firstAt, lastAt }),
    reset: () => {
      requests = 0
      answered = 0
      firstAt = Number.NaN
      lastAt = Number.NaN
    },
    onEvent: () => {},
    close: () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections()
        http.close(() => resolve())
      })
  }
  return server
}
