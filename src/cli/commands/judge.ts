// `distill judge --use <judge> [--with key=value]`: grade JSON lines from stdin, one verdict line per input, model calls policed.
import * as path from "node:path"
import * as readline from "node:readline"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Result from "effect/Result"
import * as Stream from "effect/Stream"
import * as Command from "effect/cli/Command"
import * as Flag from "effect/cli/Flag"
import type { TeacherRef } from "../../plugins/host.ts"
import type { CallRecord } from "../../provider/policed-teacher.ts"
import { UserError } from "../errors.ts"

const use = Flag.String("use").pipe(Flag.withDescription("Judge plugin (name, path or npm package)"), Flag.withDefault("math"))
const withArgs = Flag.String("with").pipe(Flag.withDescription("Judge config as key=value (repeatable; dotted keys nest)"), Flag.atMost(100))
const configJson = Flag.String("config").pipe(Flag.withDescription("Judge config as one JSON object (a spec's judge `with:` block); --with entries override it"), Flag.optional)
const specDir = Flag.String("spec-dir").pipe(Flag.withDescription("Directory relative paths in the config resolve against (default: the working directory)"), Flag.optional)
const concurrency = Flag.Int("concurrency").pipe(Flag.withDescription("Lines judged at once (model judges)"), Flag.withDefault(1))
const store = Flag.String("store").pipe(Flag.withDescription("Store whose raw tier answers repeated model calls (default: $DISTILL_RUNS/store, else ./runs/store)"), Flag.optional)
const budgetUsd = Flag.Finite("budget-usd").pipe(Flag.withDescription("USD the judge's model calls may spend; once reached, no new call is sent (default: no limit)"), Flag.optional)
const spentUsd = Flag.Finite("spent-usd").pipe(Flag.withDescription("USD already spent from --budget-usd (by the run that starts this judge)"), Flag.withDefault(0))
const callsLog = Flag.String("calls-log").pipe(Flag.withDescription("JSONL file that records every model call (cached, answered or dead-lettered) with its cost"), Flag.optional)

/** The judge command. */
export const judgeCommand = Command.make("judge", { use, withArgs, configJson, specDir, concurrency, store, budgetUsd, spentUsd, callsLog },
  ({ use, withArgs, configJson, specDir, concurrency, store, budgetUsd, spentUsd, callsLog }) =>
  Effect.gen(function*() {
    const { parseWithArgs } = yield* Effect.promise(() => import("../../judge/with-args.ts"))
    const { gradeLines } = yield* Effect.promise(() => import("../../judge/grade-lines.ts"))
    const { buildService } = yield* Effect.promise(() => import("../../plugins/runtime.ts"))
    const { storeRoot, cacheDir } = yield* Effect.promise(() => import("../paths.ts"))
    const config = parseWithArgs(withArgs)
    if (Result.isFailure(config)) return yield* new UserError({ message: config.failure.message })
    let base: Record<string, unknown> = {}
    if (Option.isSome(configJson)) {
      const parsed = Result.try(() => JSON.parse(configJson.value) as unknown)
      if (Result.isFailure(parsed) || typeof parsed.success !== "object" || parsed.success === null || Array.isArray(parsed.success)) {
        return yield* new UserError({ message: "--config must be one JSON object, e.g. --config '{\"rel_tol\": 1e-9}'" })
      }
      base = parsed.success as Record<string, unknown>
    }
    const { policedTeacher, policyFromSpec, RateLimits, Budget } = yield* Effect.promise(() => import("../../provider/index.ts"))
    const { limitsDir } = yield* Effect.promise(() => import("../../provider/window-file.ts"))
    const { closeRawCaches } = yield* Effect.promise(() => import("../../store/raw-cache.ts"))
    const { openSampleLog } = yield* Effect.promise(() => import("../../store/sample-log.ts"))
    const root = Option.match(store, { onNone: storeRoot, onSome: (s) => path.resolve(s) })
    const limitUsd = Option.getOrUndefined(budgetUsd)
    const services = yield* Layer.build(Layer.mergeAll(RateLimits.shared(limitsDir(process.env)), Budget.layer({ limitUsd, spentUsd })))
    const log = Option.map(callsLog, (file) => openSampleLog<CallRecord>(path.resolve(file), 1))
    yield* Effect.addFinalizer(() => Effect.sync(() => {
      closeRawCaches()
      Option.map(log, (l) => l.close())
    }))
    const judge = yield* buildService("judge", { use, with: { ...base, ...config.success } }, {
      storeRoot: root, cacheDir: cacheDir(), specDir: Option.getOrElse(specDir, () => process.cwd()), env: process.env,
      wrapTeacher: (t, ref) => policedTeacher(t, {
        storeRoot: root, policy: policyFromSpec((ref as TeacherRef).limits, (ref as TeacherRef).price), services,
        record: (call) => { Option.map(log, (l) => l.append(call)) }, stop: () => undefined
      })
    }).pipe(Effect.mapError((e) => new UserError({ message: e.message })))
    const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity })
    yield* gradeLines(lines, judge, { concurrency }).pipe(
      Stream.runForEach((line) => Effect.sync(() => { process.stdout.write(line + "\n") })),
      Effect.mapError((e) => new UserError({ message: `reading stdin failed: ${(e as { message?: string }).message ?? String(e)}` })))
  }).pipe(Effect.scoped)).pipe(Command.withDescription("Grade JSON lines {pred, ref, question?, choices?} from stdin"))
