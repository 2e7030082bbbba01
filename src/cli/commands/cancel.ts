// `distill cancel <spec>`: cancels the experiment's queued and running jobs (a cluster's, or a live run's children).
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Argument from "effect/cli/Argument"
import * as Command from "effect/cli/Command"
import * as Flag from "effect/cli/Flag"
import { UserError } from "../errors.ts"

const spec = Argument.String("spec").pipe(Argument.withDescription("Experiment spec file"))
const backend = Flag.String("backend").pipe(Flag.withDescription("Backend the jobs were submitted to (default: as `distill run` chooses)"), Flag.optional)
const site = Flag.String("site").pipe(Flag.withDescription("Site file; default $DISTILL_SITE or ~/.config/distill/site.yaml"), Flag.optional)

/** The cancel command. */
export const cancelCommand = Command.make("cancel", { spec, backend, site }, ({ spec, backend, site }) =>
  Effect.gen(function*() {
    const { loadSpecOrExplain } = yield* Effect.promise(() => import("../load.ts"))
    const { loadSiteOrExplain } = yield* Effect.promise(() => import("../site.ts"))
    const { cancelJobs } = yield* Effect.promise(() => import("../../run/cancel-jobs.ts"))
    const { runsDir } = yield* Effect.promise(() => import("../paths.ts"))
    const siteConfig = yield* loadSiteOrExplain(Option.getOrUndefined(site))
    const resolved = yield* loadSpecOrExplain(spec)
    const r = yield* cancelJobs(resolved, runsDir(), Option.getOrUndefined(backend), siteConfig).pipe(
      Effect.scoped, Effect.mapError((message) => new UserError({ message })))
    const lines = r.interrupted !== undefined
      ? [`asked the run of ${resolved.name} (pid ${r.interrupted}) to stop: it cancels its ${r.backend} jobs`]
      : [`cancelled ${r.cancelled.length} ${r.backend} job(s) of ${resolved.name}`, ...r.cancelled.map((e) => `  ${e.node}: job ${e.job}`)]
    if (r.interrupted === undefined && r.cancelled.length === 0 && r.untouched.length === 0) lines.push("  (no queued or running job in its run records)")
    for (const u of r.untouched) lines.push(`  left ${u.entry.node} (job ${u.entry.job}): ${u.why}`)
    yield* Console.log(lines.join("\n"))
  })).pipe(Command.withDescription("Cancel the experiment's queued and running jobs"))
