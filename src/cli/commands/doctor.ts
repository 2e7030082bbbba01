// `distill doctor`: report what the framework needs and what is present or missing.
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Command from "effect/cli/Command"

/** The doctor command. */
export const doctorCommand = Command.make("doctor", {}, () =>
  Effect.gen(function*() {
    const { doctorLines } = yield* Effect.promise(() => import("../setup.ts"))
    yield* Console.log((yield* Effect.promise(() => doctorLines())).join("\n"))
  })).pipe(Command.withDescription("Check Node, Python, every locked Python package, BLAS, ONNX and API keys"))
