// `distill setup`: build the project's Python venv from python/requirements.lock (idempotent), then check it; the vendor bundle too.
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Command from "effect/cli/Command"
import { UserError } from "../errors.ts"

/** The setup command. */
export const setupCommand = Command.make("setup", {}, () =>
  Effect.gen(function*() {
    const { installPythonEnv } = yield* Effect.promise(() => import("../setup.ts"))
    const result = yield* Effect.promise(() => installPythonEnv((l) => process.stderr.write(l + "\n")))
    yield* Console.log(result.message)
    if (!result.ok) return yield* new UserError({ message: "setup incomplete: see above" })
    const { venvDir, venvPython } = yield* Effect.promise(() => import("../../students/python.ts"))
    const { buildTinyModels } = yield* Effect.promise(() => import("../tiny-models.ts"))
    for (const line of yield* Effect.promise(() => buildTinyModels(venvPython(process.env), venvDir()))) yield* Console.log(line)
    const { readVendorIndex } = yield* Effect.promise(() => import("../../vendor/use.ts"))
    if (typeof readVendorIndex() === "string") {
      const { buildVendorBundle } = yield* Effect.promise(() => import("../../vendor/build.ts"))
      const built = yield* Effect.promise(() => buildVendorBundle().then((b) => `vendor bundle: ${b.entries} entries`, (e: unknown) => `no vendor bundle (start-up is slower): ${String(e)}`))
      yield* Console.log(built)
    }
  })).pipe(Command.withDescription("Create .venv with the exact Python packages of python/requirements.lock (torch, transformers, peft, trl, ...)"))
