// Test doubles for judge tests: a scripted teacher and a PluginHost that hands it out.
import { Effect, Layer } from "effect"
import { PluginHost, TeacherError, type PluginRef, type TeacherRequest, type TeacherService } from "../../../src/plugins/index.ts"

/** A teacher that answers from a function of the request and records every request. */
export const scriptedTeacher = (
  reply: (request: TeacherRequest) => string | TeacherError
): TeacherService & { readonly requests: Array<TeacherRequest> } => {
  const requests: Array<TeacherRequest> = []
  return {
    provider: "fake",
    model: "judge-1",
    rateKey: "fake",
    requests,
    generate: (request) => {
      requests.push(request)
      const out = reply(request)
      return out instanceof TeacherError
        ? Effect.fail(out)
        : Effect.succeed({ text: out, usage: { inputTokens: 1, outputTokens: 1 }, finishReason: "stop" })
    }
  }
}

/** A PluginHost whose `teacher` resolves only `use: known` (others fail) and records the refs asked for. */
export const fakeHost = (teacher: TeacherService, known = "fake"): { readonly layer: Layer.Layer<PluginHost>; readonly refs: Array<PluginRef> } => {
  const refs: Array<PluginRef> = []
  return {
    refs,
    layer: Layer.succeed(PluginHost, {
      cacheDir: "/tmp/cache",
      specDir: "/tmp/spec",
      env: () => undefined,
      teacher: (ref) => {
        refs.push(ref)
        return ref.use === known ? Effect.succeed(teacher) : Effect.fail(new Error(`no teacher '${ref.use}'`))
      }
    })
  }
}
