// The served-student client against an in-process OpenAI-compatible loopback server: seeds by sample id, per-answer callbacks, errors without the key.
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { listServedModels, openServedStudent } from "../../src/students/served-student.ts"
import { sampleSeed } from "../../src/students/sampling.ts"

const KEY = "sk-loopback-secret-42"
const bodies: Array<Record<string, unknown>> = []
let server: Server
let base = ""

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = ""
    req.on("data", (d) => { raw += d })
    req.on("end", () => {
      const send = (code: number, body: unknown) => { res.writeHead(code, { "content-type": "application/json" }); res.end(JSON.stringify(body)) }
      if (req.headers.authorization !== `Bearer ${KEY}`) return send(401, { error: `bad key ${req.headers.authorization}` })
      if (req.url === "/v1/models") return send(200, { data: [{ id: "m" }, { id: "student" }] })
      const body = JSON.parse(raw) as Record<string, unknown>
      bodies.push(body)
      const prompt = String(body["prompt"])
      if (prompt === "fail") return send(500, { error: `echo ${KEY}` })
      send(200, { choices: [{ text: `seed ${body["seed"]}`, finish_reason: "stop", stop_reason: null }], usage: { completion_tokens: 3 } })
    })
  })
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`
})
afterAll(() => { server.close() })

const options = { maxNewTokens: 4, temperature: 1, seed: 9, stop: [], batchSize: 2 }

describe("served student", () => {
  it("lists models, seeds each prompt by its sample id, and reports each answer as it arrives", async () => {
    expect(await listServedModels(base, KEY)).toEqual(["m", "student"])
    const student = openServedStudent({ baseUrl: base, model: "m", apiKey: KEY, chat: false, concurrency: 2 })
    const seen: number[] = []
    const out = await student.generate(["a", "b", "c"], { ...options, sampleIds: ["p1#0", "p2#0", "p3#0"] }, (i) => seen.push(i))
    expect(out.map((g) => g.text)).toEqual(["p1#0", "p2#0", "p3#0"].map((id) => `seed ${sampleSeed(9, id)}`))
    expect(out.every((g) => g.tokens === 3 && g.stopReason === "eos")).toBe(true)
    expect(seen.sort()).toEqual([0, 1, 2])
    const alone = await student.generate(["c"], { ...options, sampleIds: ["p3#0"] })
    expect(alone[0]).toEqual(out[2])
  })

  it("names the URL and status of a failed request, never the key; a refused connection says so", async () => {
    const student = openServedStudent({ baseUrl: base, model: "m", apiKey: KEY, chat: false })
    const error = await student.generate(["fail"], options).catch((e: Error) => e.message)
    expect(error).toMatch(/\/v1\/completions answered HTTP 500/)
    expect(error).not.toContain(KEY)
    await expect(listServedModels(base, "wrong")).rejects.toThrow(/HTTP 401/)
    const closed = createServer()
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r))
    const port = (closed.address() as AddressInfo).port
    await new Promise<void>((r) => closed.close(() => r()))
    await expect(listServedModels(`http://127.0.0.1:${port}/v1`)).rejects.toThrow(/ECONNREFUSED/)
  })
})
