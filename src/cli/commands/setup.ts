// `distill setup`: install what the embedded quickstart needs (PyTorch for the trainer), then check.
import { Console, Effect } from "effect"
import { Command } from "effect/cli"
import { UserError } from "../errors.ts"

/** The setup command. */
export const setupCommand = Command.make("setup", {}, () =>
  Effect.gen(function*() {
    const { installTrainerRuntime } = yield* Effect.promise(() => import("../setup.ts"))
    const result = yield* Effect.promise(() => installTrainerRuntime((l) => process.stderr.write(l + "\n")))
    yield* Console.log(result.message)
    if (!result.ok) return yield* new UserError({ message: "setup incomplete: see above" })
  })).pipe(Command.withDescription("Install the trainer's Python side (PyTorch) when missing"))
