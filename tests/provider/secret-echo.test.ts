// A server that echoes the API key back in an error, URL-encoded, base64, JSON-escaped and in headers: no form reaches the error.
import { createServer, type IncomingMessage, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import anthropic from "../../plugins/teacher/anthropic/index.ts"
import google from "../../plugins/teacher/google/index.ts"
import openaiCompatible from "../../plugins/teacher/openai-compatible/index.ts"
import { secretForms } from "../../src/spec/index.ts"
import { buildTeacher, generateOnce } from "../support/providers/harness.ts"

const LONG_KEY = "sk-live/ab+cd=ef_0123456789"
const SHORT_KEY = "k7!"

const keyOf = (req: IncomingMessage): string =>
  String(req.headers["x-api-key"] ?? req.headers["x-goog-api-key"] ?? String(req.headers["authorization"] ?? "").replace(/^Bearer /, ""))

/** Every way the server repeats the key it received. */
const echo = (key: string, auth: string): string =>
  `invalid key ${key}; url ?key=${encodeURIComponent(key)}; b64 ${Buffer.from(`user:${key}`).toString("base64")}; ` +
  `json ${JSON.stringify({ key }).slice(1, -1)}; header ${auth}`

let server: Server
let url = ""

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume()
    req.on("end", () => {
      const key = keyOf(req)
      const message = echo(key, `Authorization: Bearer ${key}`)
      const body = req.url?.includes("generateContent")
        ? { error: { code: 401, message, status: "UNAUTHENTICATED" } }
        : req.url?.includes("/messages")
        ? { type: "error", error: { type: "authentication_error", message } }
        : { error: { message, type: "invalid_request_error", code: "invalid_api_key" } }
      res.writeHead(401, { "content-type": "application/json" })
      res.end(JSON.stringify(body))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

const teachers = [
  { name: "openai-compatible", plugin: openaiCompatible, env: "OPENAI_API_KEY", config: () => ({ model: "m", base_url: `${url}/v1` }) },
  { name: "anthropic", plugin: anthropic, env: "ANTHROPIC_API_KEY", config: () => ({ model: "claude-x", base_url: url }) },
  { name: "google", plugin: google, env: "GEMINI_API_KEY", config: () => ({ model: "gemini-x", base_url: url }) }
] as const

const request = { prompt: "q", sampling: { temperature: 0, maxTokens: 10 }, sampleIndex: 0 }

describe("keys echoed by a provider", () => {
  for (const t of teachers) {
    for (const key of [LONG_KEY, SHORT_KEY]) {
      it(`${t.name}: no form of a ${key.length}-character key survives in the error`, async () => {
        const teacher = await buildTeacher(t.plugin, t.config(), { [t.env]: key })
        if (!("generate" in teacher)) throw teacher
        const out = await generateOnce(teacher, request)
        expect(out.ok).toBe(false)
        if (out.ok) return
        const message = out.error.message
        expect(message).toContain("401")
        expect(message).toContain("[redacted]")
        for (const form of secretForms(key)) {
          if (form.length >= 4) expect(message, form).not.toContain(form)
        }
        expect(message).not.toMatch(new RegExp(`(^|[^A-Za-z0-9])${key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}([^A-Za-z0-9]|$)`))
      })
    }
  }
})
