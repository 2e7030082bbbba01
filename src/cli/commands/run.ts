// `distill run <spec>`: execute the plan, reusing everything already in the store.
import * as Argument from "effect/cli/Argument"
import * as Command from "effect/cli/Command"
import * as Flag from "effect/cli/Flag"
import { runExperiment } from "../run-experiment.ts"

const spec = Argument.String("spec").pipe(Argument.withDescription("Experiment spec file"))
const wait = Flag.Boolean("wait").pipe(Flag.withDescription("Wait for another run holding the store instead of refusing"), Flag.withDefault(false))
const jobs = Flag.Int("jobs").pipe(Flag.withAlias("j"), Flag.withDescription("Heavy (CPU) nodes run at once; each gets cores/jobs threads"), Flag.withDefault(1))
const retryDead = Flag.Boolean("retry-dead").pipe(Flag.withDescription("Retry dead-lettered teacher samples under the spec's current limits"), Flag.withDefault(false))
const overBudget = Flag.Boolean("over-budget").pipe(
  Flag.withDescription("Start even when the plan's estimate exceeds budget.usd (the budget still stops calls once spent)"), Flag.withDefault(false))
const backend = Flag.String("backend").pipe(Flag.withDescription("Backend plugin for heavy nodes (local, slurm, ...); overrides the site file and the spec"), Flag.optional)
const site = Flag.String("site").pipe(Flag.withDescription("Site file (backend, resources); default $DISTILL_SITE or ~/.config/distill/site.yaml"), Flag.optional)
const only = Flag.String("only").pipe(Flag.withDescription("Run only this node (and what it needs); repeatable"), Flag.atMost(1000))

/** The run command's argument and flags (src/cli/run-argv.ts reads their plain forms without the parser). */
export const runParams = { spec, wait, jobs, only, retryDead, overBudget, backend, site }

/** The run command. */
export const runCommand = Command.make("run", runParams, runExperiment)
  .pipe(Command.withDescription("Run an experiment: every node not already in the store"))
