// The openai-compatible keep-alive transport: paths under the base URL, compressed answers, errors, aborts, socket reuse.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import * as zlib from "node:zlib"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { openAiError } from "../../../../plugins/teacher/openai-compatible/errors.ts"
import { HttpAnswerError, makeTransport } from "../../../../plugins/teacher/openai-compatible/transport.ts"

let url = ""
const seen: Array<{ path: string; auth: string | undefined; port: number | undefined; body: string; raw: ReadonlyArray<string> }> = []
const server = createServer((req: IncomingMessage, res: ServerResponse) => {
  const chunks: Array<Buffer> = []
  req.on("data", (c: Buffer) => chunks.push(c))
  req.on("end", () => {
    const body = Buffer.concat(chunks).toString("utf8")
    seen.push({ path: req.url ?? "", auth: req.headers.authorization, port: req.socket.remotePort, body, raw: req.rawHeaders })
    const mode = (JSON.parse(body) as { mode: string }).mode
    if (mode === "gzip") {
      res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" })
      return res.end(zlib.gzipSync(JSON.stringify({ ok: "gzip" })))
    }
    if (mode === "br") {
      res.writeHead(200, { "content-type": "application/json", "content-encoding": "br" })
      return res.end(zlib.brotliCompressSync(JSON.stringify({ ok: "br" })))
    }
    if (mode === "html-error") {
      res.writeHead(502, { "content-type": "text/html", "retry-after": "3" })
      return res.end("<html>bad gateway</html>")
    }
    if (mode === "slow") return setTimeout(() => res.end("{}"), 2_000)
    res.writeHead(200, { "content-type": "application/json" })
    res.end(JSON.stringify({ ok: "plain" }))
  })
})

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()) }))

const signal = () => new AbortController().signal

describe("openai-compatible transport", () => {
  it("posts under the base URL's path with the key, and reuses one socket for sequential calls", async () => {
    const t = makeTransport(`${url}/proxy/v1/?tenant=a`, "sk-test", 5_000)
    for (let i = 0; i < 3; i++) expect(await t.post("chat/completions", JSON.stringify({ mode: "plain" }), signal())).toEqual({ ok: "plain" })
    t.close()
    const last = seen.slice(-3)
    expect(last.map((s) => s.path)).toEqual(Array(3).fill("/proxy/v1/chat/completions?tenant=a"))
    expect(last.every((s) => s.auth === "Bearer sk-test")).toBe(true)
    expect(new Set(last.map((s) => s.port)).size).toBe(1)
  })

  it("sends each header once: Host with the port, the body's length in bytes, keep-alive", async () => {
    const t = makeTransport(`${url}/v1`, "sk-test", 5_000)
    const body = JSON.stringify({ mode: "plain", text: "Δx → 0" })
    expect(await t.post("chat/completions", body, signal())).toEqual({ ok: "plain" })
    t.close()
    const raw = seen.at(-1)!.raw
    const names = raw.filter((_, i) => i % 2 === 0).map((n) => n.toLowerCase())
    const value = (name: string) => raw[raw.findIndex((n, i) => i % 2 === 0 && n.toLowerCase() === name) + 1]
    expect([...names].sort()).toEqual(["accept", "accept-encoding", "authorization", "connection", "content-length", "content-type", "host"])
    expect(value("host")).toBe(new URL(url).host)
    expect(value("content-length")).toBe(String(Buffer.byteLength(body)))
    expect(value("connection")).toBe("keep-alive")
  })

  it("a key that cannot go in a header fails the call, and nothing is sent", async () => {
    const before = seen.length
    const t = makeTransport(`${url}/v1`, "sk-bad\r\nx-injected: 1", 5_000)
    await expect(t.post("chat/completions", JSON.stringify({ mode: "plain" }), signal())).rejects.toThrow(/header/i)
    t.close()
    expect(seen.length).toBe(before)
  })

  it("undoes gzip and br encodings", async () => {
    const t = makeTransport(`${url}/v1`, "k", 5_000)
    expect(await t.post("chat/completions", JSON.stringify({ mode: "gzip" }), signal())).toEqual({ ok: "gzip" })
    expect(await t.post("chat/completions", JSON.stringify({ mode: "br" }), signal())).toEqual({ ok: "br" })
    t.close()
  })

  it("an error answer that is not JSON keeps its status, text and retry-after", async () => {
    const t = makeTransport(`${url}/v1`, "k", 5_000)
    const e = await t.post("chat/completions", JSON.stringify({ mode: "html-error" }), signal()).catch((x: unknown) => x)
    t.close()
    expect(e).toBeInstanceOf(HttpAnswerError)
    const mapped = openAiError(e, "k")
    expect(mapped).toMatchObject({ reason: "server", status: 502, retryAfterMs: 3_000 })
    expect(mapped.message).toContain("<html>bad gateway</html>")
  })

  it("stops at the caller's abort and at its own timeout", async () => {
    const t = makeTransport(`${url}/v1`, "k", 150)
    const timedOut = await t.post("chat/completions", JSON.stringify({ mode: "slow" }), signal()).catch((x: unknown) => x)
    expect(openAiError(timedOut, "k").reason).toBe("timeout")
    const slow = makeTransport(`${url}/v1`, "k", 60_000)
    const controller = new AbortController()
    setTimeout(() => controller.abort(new Error("stop")), 50)
    const started = Date.now()
    await expect(slow.post("chat/completions", JSON.stringify({ mode: "slow" }), controller.signal)).rejects.toThrow("stop")
    expect(Date.now() - started).toBeLessThan(1_500)
    t.close()
    slow.close()
  })

  it("send: a per-call limit shorter than the transport's wins, and a cancelled call never reports", async () => {
    const t = makeTransport(`${url}/v1`, "k", 60_000)
    const started = Date.now()
    const timedOut = await new Promise<unknown>((resolve) => t.send("chat/completions", JSON.stringify({ mode: "slow" }), 150, (e) => resolve(e)))
    expect(Date.now() - started).toBeLessThan(1_500)
    expect(openAiError(timedOut, "k")).toMatchObject({ reason: "timeout" })
    expect(openAiError(timedOut, "k").message).toContain("no answer within 150 ms")
    let reported = 0
    const before = seen.length
    const cancel = t.send("chat/completions", JSON.stringify({ mode: "slow" }), 60_000, () => { reported += 1 })
    await new Promise((r) => setTimeout(r, 100))
    cancel()
    cancel()
    await new Promise((r) => setTimeout(r, 300))
    expect(reported).toBe(0)
    expect(await new Promise((resolve) => t.send("chat/completions", JSON.stringify({ mode: "plain" }), 5_000, (e, v) => resolve(e ?? v)))).toEqual({ ok: "plain" })
    expect(seen.length).toBeGreaterThan(before)
    t.close()
  })
})
