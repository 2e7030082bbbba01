// `distill run` started without the command-line parser: for arguments run-argv.ts reads exactly as the parser would.
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Effect from "effect/Effect"
import { failureHandlers, storeDefect } from "./failures.ts"
import { type RunArgs, runExperiment } from "./run-experiment.ts"

/** Runs the experiment `args` name; exit codes and messages are those of `distill run` through the parser. */
export const runMain = (args: RunArgs): void =>
  runExperiment(args).pipe(
    Effect.catchTags(failureHandlers),
    Effect.catchDefect(storeDefect),
    NodeRuntime.runMain
  )
