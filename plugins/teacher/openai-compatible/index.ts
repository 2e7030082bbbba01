// The openai-compatible teacher: chat completions on OpenAI, vLLM, Ollama or Together, reasoning kept as thoughts.
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type { ChatCompletion } from "openai/resources/chat/completions"
import { defineTeacher, PluginHost, Teacher, type TeacherRequest, TeacherError } from "../../../src/plugins/index.ts"
import { loadImages, makeRateKey, priceFor, readApiKey } from "../../../src/provider/index.ts"
import schema from "./config.schema.json" with { type: "json" }
import { type OpenAiCompatibleConfig, PLACEHOLDER_KEY } from "./config.ts"
import { openAiError } from "./errors.ts"
import { chatBody } from "./request.ts"
import { toCompletion } from "./response.ts"
import { makeTransport } from "./transport.ts"

/** The base URL from the config or from the variable it names. */
const baseUrlOf = (config: OpenAiCompatibleConfig, env: (name: string) => string | undefined) =>
  config.base_url !== undefined
    ? Effect.succeed(config.base_url)
    : Effect.fromNullishOr(config.base_url_env === undefined ? undefined : env(config.base_url_env)).pipe(
      Effect.mapError(() =>
        new TeacherError({ reason: "client", message: `base URL missing: set base_url or the variable ${config.base_url_env ?? "named by base_url_env"}` })
      )
    )

/** OpenAI's own endpoint gets the default price list; other servers have their own prices. */
const isOpenAi = (baseUrl: string): boolean => {
  try {
    return new URL(baseUrl).hostname === "api.openai.com"
  } catch {
    return false
  }
}

export default defineTeacher<OpenAiCompatibleConfig>({
  name: "openai-compatible",
  version: "1.0.0",
  description: "Chat completions on any OpenAI-compatible server (OpenAI, vLLM, Ollama, Together); reasoning_content as thoughts.",
  configSchema: schema,
  capabilities: { deterministic: false, network: true, gpu: false },
  layer: (config) =>
    Layer.effect(
      Teacher,
      Effect.gen(function*() {
        const host = yield* PluginHost
        const baseURL = yield* baseUrlOf(config, host.env)
        const apiKey = config.require_api_key || host.env(config.api_key_env) !== undefined
          ? yield* readApiKey(host, config.api_key_env)
          : PLACEHOLDER_KEY
        const transport = makeTransport(baseURL, apiKey, config.timeout_ms)
        yield* Effect.addFinalizer(() => Effect.sync(transport.close))
        const secret = apiKey === PLACEHOLDER_KEY ? undefined : apiKey
        const answered = (response: unknown) => {
          const completion = toCompletion(response as ChatCompletion, config.think_tags)
          return completion instanceof TeacherError ? Effect.fail(completion) : Effect.succeed(completion)
        }
        const post = (body: string, timeoutMs: number) =>
          Effect.flatMap(Effect.callback<unknown, TeacherError>((resume) => {
            const cancel = transport.send("chat/completions", body, timeoutMs, (error, value) =>
              resume(error === undefined ? Effect.succeed(value) : Effect.fail(openAiError(error, secret))))
            return Effect.sync(cancel)
          }), answered)
        /** One request ended within `timeoutMs` by the transport (no AbortController or promise per call). */
        const generateWithin = (request: TeacherRequest, timeoutMs: number) =>
          request.images === undefined || request.images.length === 0
            ? Effect.suspend(() => post(JSON.stringify(chatBody(config, request, [])), timeoutMs))
            : Effect.flatMap(loadImages(request.images, host.specDir), (images) => post(JSON.stringify(chatBody(config, request, images)), timeoutMs))
        const price = isOpenAi(baseURL) ? priceFor("openai", config.model) : undefined
        return Teacher.of({
          provider: "openai-compatible",
          model: config.model,
          rateKey: makeRateKey("openai-compatible", baseURL, apiKey),
          ...(price !== undefined ? { price } : {}),
          generate: (request) => generateWithin(request, config.timeout_ms),
          generateWithin
        })
      })
    )
})
