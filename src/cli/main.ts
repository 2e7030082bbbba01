// The `distill` command line: subcommands, and exit codes (2 for a user's mistake, 1 for a failed run).
import { NodeRuntime, NodeServices } from "@effect/platform-node"
import { Console, Effect } from "effect"
import { Command } from "effect/cli"
import { validateCommand } from "./commands/validate.ts"
import { planCommand } from "./commands/plan.ts"
import { runCommand } from "./commands/run.ts"
import { statusCommand } from "./commands/status.ts"
import { explainCommand } from "./commands/explain.ts"
import { pluginsCommand } from "./commands/plugins.ts"
import { reportCommand } from "./commands/report.ts"
import { judgeCommand } from "./commands/judge.ts"
import { setupCommand } from "./commands/setup.ts"
import { doctorCommand } from "./commands/doctor.ts"
import { cancelCommand } from "./commands/cancel.ts"

const distill = Command.make("distill").pipe(
  Command.withDescription("Chain-of-thought distillation experiments from declarative YAML specs"),
  Command.withSubcommands([
    validateCommand, planCommand, runCommand, statusCommand, explainCommand,
    reportCommand, judgeCommand, pluginsCommand, setupCommand, doctorCommand, cancelCommand
  ])
)

distill.pipe(
  Command.run({ version: "0.1.0" }),
  Effect.catchTags({
    UserError: (e) => Console.error(e.message).pipe(Effect.andThen(Effect.sync(() => { process.exitCode = 2 }))),
    RunFailed: (e) => Console.error(e.message).pipe(Effect.andThen(Effect.sync(() => { process.exitCode = 1 })))
  }),
  Effect.provide(NodeServices.layer),
  NodeRuntime.runMain
)
