// The anthropic teacher: Claude through the Messages API, with images and extended thinking kept as thoughts.
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { defineTeacher, PluginHost, Teacher, type TeacherRequest, TeacherError } from "../../../src/plugins/index.ts"
import { loadImages, makeRateKey, priceFor, readApiKey } from "../../../src/provider/index.ts"
import schema from "./config.schema.json" with { type: "json" }
import type { AnthropicConfig } from "./config.ts"
import { messagesBody } from "./request.ts"
import { toCompletion } from "./response.ts"

export default defineTeacher<AnthropicConfig>({
  name: "anthropic",
  version: "1.0.0",
  description: "Claude models through the Anthropic Messages API (images, extended thinking as thoughts).",
  configSchema: schema,
  capabilities: { deterministic: false, network: true, gpu: false },
  layer: (config) =>
    Layer.effect(
      Teacher,
      Effect.gen(function*() {
        const host = yield* PluginHost
        const apiKey = yield* readApiKey(host, config.api_key_env)
        // the SDK loads when the teacher is built, not when a spec naming it is validated or planned
        const [{ default: Anthropic }, { anthropicError }] = yield* Effect.promise(() => Promise.all([import("@anthropic-ai/sdk"), import("./errors.ts")]))
        const client = new Anthropic({
          apiKey,
          authToken: null,
          baseURL: config.base_url,
          timeout: config.timeout_ms,
          maxRetries: 0
        })
        const generate = (request: TeacherRequest) =>
          Effect.gen(function*() {
            const images = yield* loadImages(request.images, host.specDir)
            const body = messagesBody(config, request, images)
            const message = yield* Effect.tryPromise({
              try: (signal) => client.messages.create(body, { signal }),
              catch: (cause) => anthropicError(cause, apiKey)
            })
            const completion = toCompletion(message)
            return completion instanceof TeacherError ? yield* completion : completion
          })
        const price = priceFor("anthropic", config.model)
        return Teacher.of({
          provider: "anthropic",
          model: config.model,
          rateKey: makeRateKey("anthropic", config.base_url, apiKey),
          ...(price !== undefined ? { price } : {}),
          generate
        })
      })
    )
})
