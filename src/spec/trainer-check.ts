// Checks a spec against its trainer before anything runs: the methods it implements and the family's sizes.
import * as os from "node:os"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { closest } from "../plugins/suggest.ts"
import { PluginHost } from "../plugins/host.ts"
import { loadPlugin } from "../plugins/registry.ts"
import { Trainer, type TrainerService } from "../plugins/trainer.ts"
import type { StudentFacts } from "../plan/input.ts"
import type { Issue } from "./diagnostic.ts"
import { childPointer } from "./pointer.ts"
import type { Experiment } from "./types.gen.ts"
import type { ResolvedPlugin } from "./resolved.ts"

const noTeachers = PluginHost.of({
  cacheDir: os.tmpdir(), specDir: os.tmpdir(), env: () => undefined,
  teacher: () => Effect.die("a trainer has no teachers")
})

/** `train` fields the engine reads itself; every other one is a hyper-parameter handed to the trainer. */
const ENGINE_TRAIN_FIELDS: ReadonlySet<string> = new Set(["method", "seeds", "base", "prompt", "overrides", "stages"])

/** Hyper-parameters the trainer does not honour, and global batches its micro-batch cannot reach by accumulation. */
const trainFieldIssues = (spec: Experiment, trainerName: string, service: TrainerService): ReadonlyArray<Issue> => {
  const issues: Array<Issue> = []
  const honoured = service.trainFields
  const refuse = (at: string, fields: Readonly<Record<string, unknown>>, skip: ReadonlySet<string>) => {
    for (const [field, value] of Object.entries(fields)) {
      if (value === undefined || skip.has(field) || honoured === undefined || honoured.includes(field)) continue
      issues.push({ pointer: childPointer(at, field), message: `trainer '${trainerName}' does not implement train.${field}; remove it or use a trainer that does (e.g. hf)` })
    }
  }
  refuse("/train", { ...spec.train }, ENGINE_TRAIN_FIELDS)
  for (const [mix, o] of Object.entries(spec.train.overrides ?? {})) refuse(childPointer("/train/overrides", mix), o, new Set())
  const micro = spec.train.micro_batch_size
  const batches: Array<[string, number | undefined, number | undefined]> = [["/train/batch_size", spec.train.batch_size, micro],
    ...Object.entries(spec.train.overrides ?? {}).map(([mix, o]): [string, number | undefined, number | undefined] =>
      [childPointer("/train/overrides", mix, o.batch_size === undefined ? "micro_batch_size" : "batch_size"), o.batch_size ?? spec.train.batch_size, o.micro_batch_size ?? micro]),
    ...(spec.train.stages ?? []).map((st, i): [string, number | undefined, number | undefined] => [childPointer("/train/stages", i, "batch_size"), st.batch_size, micro])]
  for (const [pointer, batch, micro] of batches) {
    if (batch === undefined || micro === undefined || batch % micro === 0) continue
    issues.push({ pointer, expected: `a multiple of the micro-batch (${micro})`,
      message: `global batch ${batch} is not reached by gradient accumulation of micro-batches of ${micro}` })
  }
  return issues
}

/** The problems a trainer finds in the spec's methods, family and sizes (pure once the service is built). */
export const trainerServiceIssues = (spec: Experiment, trainerName: string, service: TrainerService): ReadonlyArray<Issue> => {
  const issues: Array<Issue> = []
  const methods = Array.isArray(spec.train.method) ? spec.train.method : [spec.train.method]
  methods.forEach((m, i) => {
    if (service.methods.includes(m)) return
    issues.push({
      pointer: Array.isArray(spec.train.method) ? childPointer("/train/method", String(i)) : "/train/method",
      expected: `one of: ${service.methods.join(", ")}`,
      message: `trainer '${trainerName}' does not implement method '${m}' (it implements: ${service.methods.join(", ")})`
    })
  })
  ;(spec.train.stages ?? []).forEach((stage, i) => {
    if (service.methods.includes(stage.method)) return
    issues.push({
      pointer: childPointer(childPointer("/train/stages", String(i)), "method"), expected: `one of: ${service.methods.join(", ")}`,
      message: `trainer '${trainerName}' does not implement method '${stage.method}' (it implements: ${service.methods.join(", ")})`
    })
  })
  issues.push(...trainFieldIssues(spec, trainerName, service))
  const family = spec.students.family
  const known = service.sizes(family).map((s) => s.name)
  const configured = Object.keys(spec.students.size_config ?? {})
  if (known.length === 0 && configured.length < spec.students.sizes.length) {
    issues.push({ pointer: "/students/family", message: `trainer '${trainerName}' has no student family '${family}'` })
    return issues
  }
  spec.students.sizes.forEach((size, i) => {
    if (known.includes(size) || configured.includes(size)) return
    const suggestion = closest(size, known)
    issues.push({
      pointer: childPointer("/students/sizes", String(i)), expected: `one of: ${known.join(", ")}`,
      message: `unknown size '${size}' for family '${family}' (known: ${known.join(", ")}; a new size needs students.size_config.<size>: its dimensions for the torch trainer, 'model:' a Hub id or local path for hf)`,
      ...(suggestion === undefined ? {} : { suggestion })
    })
  })
  return issues
}

/** The spec's trainer service, built without starting any process (its layer needs no teachers). */
const buildTrainer = (trainer: ResolvedPlugin, specDir: string, allowedPaths?: ReadonlyArray<string>) =>
  Effect.gen(function*() {
    const plugin = yield* loadPlugin("trainer", trainer.use, specDir, allowedPaths)
    const layer = (plugin.layer(trainer.config) as Layer.Layer<Trainer, unknown, PluginHost>).pipe(Layer.provide(Layer.succeed(PluginHost, noTeachers)))
    return Context.get(yield* Layer.build(layer), Trainer)
  })

/** Whether the spec's trainer has pretrained weights for the spec's family (then base students are evaluated too). */
export const trainerHasPretrained = (family: string, trainer: ResolvedPlugin, specDir: string): Effect.Effect<boolean> =>
  Effect.scoped(Effect.map(buildTrainer(trainer, specDir), (service) => service.pretrained(family))).pipe(Effect.orElseSucceed(() => false))

/** The parameter count of each size of the family and the GPU throughput the trainer assumes, for compute estimates. */
export const trainerStudentFacts = (family: string, trainer: ResolvedPlugin, specDir: string): Effect.Effect<StudentFacts | undefined> =>
  Effect.scoped(Effect.map(buildTrainer(trainer, specDir), (service): StudentFacts => ({
    params: Object.fromEntries(service.sizes(family).map((s) => [s.name, s.params])),
    ...(service.gpuThroughput === undefined ? {} : { gpu: service.gpuThroughput })
  }))).pipe(Effect.orElseSucceed(() => undefined))

/** Builds the spec's trainer (no process is started) and returns what it finds wrong; none when it cannot be built. */
export const trainerIssues = (
  spec: Experiment, trainer: ResolvedPlugin, specDir: string, allowedPaths?: ReadonlyArray<string>
): Effect.Effect<ReadonlyArray<Issue>> =>
  Effect.scoped(Effect.map(buildTrainer(trainer, specDir, allowedPaths), (service) => trainerServiceIssues(spec, trainer.name, service)))
    .pipe(Effect.orElseSucceed(() => []))
