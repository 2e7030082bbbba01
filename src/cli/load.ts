// Loads a spec for a command and plans it; spec errors become a UserError with located messages.
import * as fs from "node:fs"
import * as path from "node:path"
import * as Effect from "effect/Effect"
import { loadSpec, formatDiagnostics, type ResolvedSpec } from "../spec/index.ts"
import { buildPlan } from "../plan/build.ts"
import type { Plan } from "../plan/node.ts"
import type { PlanFacts } from "../plan/input.ts"
import type { Row } from "../plugins/dataset.ts"
import { sampleImageDims } from "../provider/image-size.ts"
import { iterateJsonl } from "../store/jsonl.ts"
import { entryDir, lookup } from "../store/store.ts"
import { recordName } from "../store/run-record.ts"
import { ROWS } from "../steps/dataset.ts"
import { pluginIdentities } from "../plugins/identities.ts"
import { trainerHasPretrained, trainerStudentFacts } from "../spec/trainer-check.ts"
import { cacheDir, storeRoot } from "./paths.ts"
import { UserError } from "./errors.ts"

/** Loads and validates a spec file. */
export const loadSpecOrExplain = (file: string): Effect.Effect<ResolvedSpec, UserError> =>
  Effect.gen(function*() {
    if (!fs.existsSync(file)) return yield* new UserError({ message: `${file}: no such file` })
    return yield* loadSpec(path.resolve(file)).pipe(
      Effect.mapError((e) => new UserError({ message: formatDiagnostics(e.diagnostics, process.cwd()) })))
  })

/** Facts from the store that sharpen estimates: dataset sizes already loaded, and the sizes of their images. */
export const factsFromStore = (plan: Plan): PlanFacts => {
  const datasets: Record<string, { rows: number; meanChars: number }> = {}
  for (const n of plan.nodes) {
    if (n.kind !== "dataset") continue
    const s = lookup(storeRoot(), n.kind, n.key)
    if (s.state === "complete") {
      // entries from before the summary counted images are read to find out
      const images: Array<string> = []
      if (s.manifest.summary.images !== 0) {
        for (const r of iterateJsonl<Row>(path.join(entryDir(storeRoot(), n.kind, n.key), ROWS))) if (r.image !== undefined) images.push(r.image.path)
      }
      datasets[n.params.pointer] = { rows: s.manifest.summary.rows as number, meanChars: s.manifest.summary.meanChars as number,
        ...(images.length === 0 ? {} : { images: { rows: images.length, sample: sampleImageDims(images) } }) }
    }
  }
  return { datasets }
}

/**
 * Loads a spec and plans it, with estimates sharpened by what the store already holds; `records` names the folder of
 * this spec file's run records.
 */
export const loadAndPlan = (file: string, facts: PlanFacts = {}): Effect.Effect<{ spec: ResolvedSpec; plan: Plan; records: string }, UserError> =>
  Effect.gen(function*() {
    const spec = yield* loadSpecOrExplain(file)
    const identities = yield* pluginIdentities(spec, {
      cacheDir: cacheDir(), env: process.env, warn: (m) => process.stderr.write(`warning: ${m}\n`)
    })
    const trainer = spec.plugins["/students/trainer"]
    const pretrained = trainer === undefined ? false : yield* trainerHasPretrained(spec.students.family, trainer, spec.dir)
    const students = trainer === undefined ? undefined : yield* trainerStudentFacts(spec.students.family, trainer, spec.dir)
    const known = { ...facts, identities, pretrained, ...(students === undefined ? {} : { students }) }
    const first = buildPlan(spec, known)
    const plan = buildPlan(spec, { ...known, ...factsFromStore(first) })
    return { spec, plan, records: recordName(spec) }
  })
