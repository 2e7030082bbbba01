// The google teacher: Gemini through @google/genai generateContent, images inline, thought parts kept as thoughts.
import type { Fetch } from "@google/genai"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { defineTeacher, PluginHost, Teacher, type TeacherRequest, TeacherError } from "../../../src/plugins/index.ts"
import { loadImages, makeRateKey, priceFor, readApiKey } from "../../../src/provider/index.ts"
import schema from "./config.schema.json" with { type: "json" }
import type { GoogleConfig } from "./config.ts"
import { generateParams } from "./request.ts"
import { toCompletion } from "./response.ts"

export default defineTeacher<GoogleConfig>({
  name: "google",
  version: "1.0.0",
  description: "Gemini models through the Gemini API (images, thinking models' thought parts as thoughts).",
  configSchema: schema,
  capabilities: { deterministic: false, network: true, gpu: false },
  layer: (config) =>
    Layer.effect(
      Teacher,
      Effect.gen(function*() {
        const host = yield* PluginHost
        const apiKey = yield* readApiKey(host, config.api_key_env)
        // the SDK loads when the teacher is built, not when a spec naming it is validated or planned
        const [{ GoogleGenAI }, { googleError }] = yield* Effect.promise(() => Promise.all([import("@google/genai"), import("./errors.ts")]))
        const client = new GoogleGenAI({
          apiKey,
          vertexai: false,
          apiVersion: config.api_version,
          httpOptions: { baseUrl: config.base_url, timeout: config.timeout_ms }
        })
        const generate = (request: TeacherRequest) =>
          Effect.gen(function*() {
            const images = yield* loadImages(request.images, host.specDir)
            let headers: Headers | undefined
            // the SDK's errors carry no headers: keep this call's answer headers for retry-after
            const fetch: Fetch = (input, init) =>
              globalThis.fetch(input, init).then((response) => {
                headers = response.headers
                return response
              })
            const response = yield* Effect.tryPromise({
              try: (signal) =>
                client.models.generateContent(
                  generateParams(config, request, images, { abortSignal: signal, httpOptions: { fetch } })
                ),
              catch: (cause) => googleError(cause, apiKey, headers)
            })
            const completion = toCompletion(response)
            return completion instanceof TeacherError ? yield* completion : completion
          })
        const price = priceFor("google", config.model)
        return Teacher.of({
          provider: "google",
          model: config.model,
          rateKey: makeRateKey("google", config.base_url, apiKey),
          ...(price !== undefined ? { price } : {}),
          generate
        })
      })
    )
})
