// The `distill` command line: subcommands, and exit codes (0 ok, 1 a node failed, 2 a user's mistake, 3 expected cells failed).
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as NodeServices from "@effect/platform-node/NodeServices"
import * as Effect from "effect/Effect"
import * as CliError from "effect/cli/CliError"
import * as Command from "effect/cli/Command"
import { EXIT } from "./errors.ts"
import { failureHandlers, storeDefect } from "./failures.ts"
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
    ...failureHandlers,
    ShowHelp: (e) => Effect.sync(() => { process.exitCode = e.errors.length > 0 ? EXIT.userError : EXIT.ok })
  }),
  Effect.catchIf((e) => CliError.isCliError(e), () => Effect.sync(() => { process.exitCode = EXIT.userError })),
  Effect.catchDefect(storeDefect),
  Effect.provide(NodeServices.layer),
  NodeRuntime.runMain
)
