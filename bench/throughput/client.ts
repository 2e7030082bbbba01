// Baseline clients for the throughput benchmark, run as child processes: a node:http keep-alive loop and a fetch loop.
import * as http from "node:http"

/** Which loop to run. */
export type LoopKind = "http" | "fetch"

const body = (i: number): string =>
  JSON.stringify({ model: "bench-model", messages: [{ role: "user", content: `What is ${i} + ${i}?` }], temperature: 0, max_tokens: 64 })

const checked = (text: string): boolean => {
  const parsed = JSON.parse(text) as { choices?: Array<{ message?: { content?: unknown } }> }
  return typeof parsed.choices?.[0]?.message?.content === "string"
}

/** One chat completion over a keep-alive node:http agent; resolves true when the answer has a text. */
const viaHttp = (agent: http.Agent, url: URL, payload: string): Promise<boolean> =>
  new Promise((resolve, reject) => {
    const req = http.request(url, {
      method: "POST",
      agent,
      headers: { "content-type": "application/json", authorization: "Bearer bench-key", "content-length": Buffer.byteLength(payload) }
    }, (res) => {
      const chunks: Array<Buffer> = []
      res.on("data", (c: Buffer) => chunks.push(c))
      res.on("end", () => resolve(res.statusCode === 200 && checked(Buffer.concat(chunks).toString("utf8"))))
      res.on("error", reject)
    })
    req.on("error", reject)
    req.end(payload)
  })

const viaFetch = async (url: URL, payload: string): Promise<boolean> => {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: "Bearer bench-key" },
    body: payload
  })
  return res.ok && checked(await res.text())
}

/** Sends `count` requests, `concurrency` at a time; returns how many were answered with a completion. */
export const runLoop = async (kind: LoopKind, base: string, count: number, concurrency: number): Promise<number> => {
  const url = new URL(`${base}/v1/chat/completions`)
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency })
  let next = 0
  let ok = 0
  const worker = async () => {
    while (next < count) {
      const payload = body(next++)
      if (await (kind === "http" ? viaHttp(agent, url, payload) : viaFetch(url, payload))) ok += 1
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  agent.destroy()
  return ok
}
