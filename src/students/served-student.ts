// A student served by any OpenAI-compatible server (vLLM, SGLang, llama.cpp) given by URL, with openStudent's shape.
import { type GenerateOptions, optionsProblem } from "./generate.ts"
import type { Generation, StopReason } from "./generation-row.ts"
import { DEFAULT_LOOP_OPTIONS, loopPeriod } from "./loop-detector.ts"
import { sampleSeed } from "./sampling.ts"

/** Where the student is served. */
export interface ServedSource {
  /** Base URL up to and including `/v1`, e.g. `http://127.0.0.1:8000/v1`. */
  readonly baseUrl: string
  /** The served model name (for vLLM with LoRA: the adapter's name). */
  readonly model: string
  /** Sent as a bearer token; never logged or put in errors. */
  readonly apiKey?: string
  /** true: /chat/completions (the server applies the chat template); false: /completions with the prompt as is. */
  readonly chat: boolean
  /** Requests in flight at once (default 8). */
  readonly concurrency?: number
}

/** An open served student. */
export interface ServedStudent {
  readonly manifest: { readonly format: "served"; readonly model: string; readonly baseUrl: string; readonly chat: boolean }
  /**
   * Results in prompt order; `onResult` sees each answer as soon as it arrives (for per-sample checkpoints). Each
   * prompt is seeded by its id in `sampleIds` (else its index), so an answer does not depend on what it is batched with.
   */
  readonly generate: (prompts: ReadonlyArray<string>, options: GenerateOptions, onResult?: (index: number, g: Generation) => void) => Promise<Generation[]>
  readonly close: () => void
}

/** `text` with the key replaced, for errors that quote a server's answer. */
const scrub = (text: string, key: string | undefined): string => (key ? text.split(key).join("***") : text)

/** The reason a request never got an answer: the socket error's code (ECONNREFUSED, ECONNRESET) when there is one. */
export const networkReason = (e: unknown): string => {
  const cause = (e as { cause?: { code?: unknown; message?: unknown } } | null)?.cause
  if (typeof cause?.code === "string") return `${cause.code}${typeof cause.message === "string" ? ` (${cause.message})` : ""}`
  return e instanceof Error ? e.message : String(e)
}

/** The model names a server lists at GET /models; rejects with the status or network error (never the key). */
export const listServedModels = async (baseUrl: string, apiKey?: string, signal?: AbortSignal): Promise<ReadonlyArray<string>> => {
  const url = `${baseUrl.replace(/\/+$/, "")}/models`
  const res = await fetch(url, { ...(signal === undefined ? {} : { signal }), headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {} })
    .catch((e: unknown) => { throw new Error(`${url}: ${networkReason(e)}`) })
  if (!res.ok) throw new Error(`${url} answered HTTP ${res.status}: ${scrub((await res.text()).slice(0, 300), apiKey)}`)
  const json = await res.json() as { data?: ReadonlyArray<{ id?: unknown }> }
  if (!Array.isArray(json.data)) throw new Error(`${url} answered without a model list`)
  return json.data.flatMap((m) => (typeof m.id === "string" ? [m.id] : []))
}

interface Choice {
  readonly text?: string
  readonly message?: { readonly content?: string | null }
  readonly finish_reason?: string | null
  readonly stop_reason?: string | number | null
}

/**
 * Why a served answer ended: vLLM's stop_reason names a matched stop string; any other "stop" is EOS; "length"
 * becomes "loop" when the text's tail is periodic (the loop detector run over characters, as tokens are not returned).
 */
export const servedStopReason = (choice: Choice, text: string, o: GenerateOptions): StopReason => {
  if (choice.finish_reason === "stop") return typeof choice.stop_reason === "string" ? "stop" : "eos"
  if (o.loop !== false && loopPeriod(Array.from(text, (c) => c.codePointAt(0)!), o.loop ?? DEFAULT_LOOP_OPTIONS) > 0) return "loop"
  return "max_tokens"
}

/** Opens a served student (no request is made until `generate`). */
export const openServedStudent = (source: ServedSource): ServedStudent => {
  const base = source.baseUrl.replace(/\/+$/, "")
  const controller = new AbortController()
  const one = async (prompt: string, index: number, o: GenerateOptions): Promise<Generation> => {
    const body = {
      model: source.model, max_tokens: o.maxNewTokens, temperature: o.temperature,
      seed: o.sampleIds === undefined ? o.seed + index : sampleSeed(o.seed, o.sampleIds[index]!),
      ...(o.topP === undefined ? {} : { top_p: o.topP }), ...(o.stop.length === 0 ? {} : { stop: [...o.stop] }),
      ...(source.chat ? { messages: [{ role: "user", content: prompt }] } : { prompt })
    }
    const url = `${base}${source.chat ? "/chat/completions" : "/completions"}`
    const res = await fetch(url, {
      method: "POST", signal: controller.signal,
      headers: { "content-type": "application/json", ...(source.apiKey ? { authorization: `Bearer ${source.apiKey}` } : {}) },
      body: JSON.stringify(body)
    }).catch((e: unknown) => { throw new Error(`${url}: ${networkReason(e)}`) })
    if (!res.ok) throw new Error(`${url} answered HTTP ${res.status}: ${scrub((await res.text()).slice(0, 300), source.apiKey)}`)
    const json = await res.json() as { choices?: ReadonlyArray<Choice>; usage?: { completion_tokens?: number } }
    const choice = json.choices?.[0]
    if (choice === undefined) throw new Error(`${url} answered without choices`)
    const text = (source.chat ? choice.message?.content : choice.text) ?? ""
    return { text, tokens: json.usage?.completion_tokens ?? 0, stopReason: servedStopReason(choice, text, o) }
  }
  return {
    manifest: { format: "served", model: source.model, baseUrl: base, chat: source.chat },
    generate: async (prompts, o, onResult) => {
      const problem = optionsProblem(o)
      if (problem !== null) throw new Error(problem)
      if (o.sampleIds !== undefined && o.sampleIds.length !== prompts.length) throw new Error(`sampleIds: ${o.sampleIds.length} ids for ${prompts.length} prompts`)
      const results: Generation[] = new Array(prompts.length)
      let nextIndex = 0
      let done = 0
      const lane = async () => {
        while (nextIndex < prompts.length) {
          const i = nextIndex++
          results[i] = await one(prompts[i]!, i, o)
          onResult?.(i, results[i]!)
          o.onProgress?.(++done, prompts.length)
        }
      }
      await Promise.all(Array.from({ length: Math.min(source.concurrency ?? 8, prompts.length) }, lane))
      return results
    },
    close: () => controller.abort()
  }
}
