// `distill validate <spec...>`: check specs against the schemas and plugins; exit 2 with located errors.
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Argument from "effect/cli/Argument"
import * as Command from "effect/cli/Command"
import { UserError } from "../errors.ts"

const specs = Argument.String("spec").pipe(Argument.withDescription("Experiment spec files"), Argument.variadic({ min: 1 }))

/** The validate command. */
export const validateCommand = Command.make("validate", { specs }, ({ specs }) =>
  Effect.gen(function*() {
    const { loadAndPlan } = yield* Effect.promise(() => import("../load.ts"))
    const problems: string[] = []
    for (const file of specs) {
      const result = yield* Effect.result(loadAndPlan(file))
      if (result._tag === "Success") yield* Console.log(`ok ${file} (${result.success.plan.nodes.length} nodes)`)
      else problems.push(result.failure.message)
    }
    if (problems.length > 0) return yield* new UserError({ message: problems.join("\n") })
  })).pipe(Command.withDescription("Validate experiment specs (schema, plugins, references)"))
