// The job file of a decode or sample worker: which student, what to decode, where the per-sample log goes.
import * as fs from "node:fs"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as SchemaIssue from "effect/SchemaIssue"
import { writeJsonAtomic } from "../store/atomic.ts"
import { WorkerError } from "./errors.ts"

const Settings = Schema.Struct({
  maxNewTokens: Schema.Int,
  temperature: Schema.Number,
  seed: Schema.Int,
  stop: Schema.Array(Schema.String),
  batchSize: Schema.Int
})

/** The student a worker opens: a trained student's directory, or a Hugging Face model at a revision. */
const StudentSourceSchema = Schema.Union([
  Schema.Struct({ dir: Schema.String }),
  Schema.Struct({ model: Schema.String, revision: Schema.NullOr(Schema.String), family: Schema.String, size: Schema.String })
])

const DecodeJobSchema = Schema.Struct({
  format: Schema.Literal(1),
  kind: Schema.Literal("decode"),
  student: StudentSourceSchema,
  /** The answers log: one `AnswerRecord` per sample id, appended to. */
  answersFile: Schema.String,
  /** Where the student's parameter count and commit are written once it is open. */
  studentInfoFile: Schema.String,
  settings: Settings,
  items: Schema.Array(Schema.Struct({ sampleId: Schema.String, prompt: Schema.String }))
})

const SampleJobSchema = Schema.Struct({
  format: Schema.Literal(1),
  kind: Schema.Literal("sample"),
  student: StudentSourceSchema,
  /** The unjudged samples log: one `RawSample` per (problem, sample index), appended to. */
  samplesFile: Schema.String,
  settings: Settings,
  items: Schema.Array(Schema.Struct({ problemId: Schema.String, sampleIndex: Schema.Int, prompt: Schema.String }))
})

const WorkerJobSchema = Schema.Union([DecodeJobSchema, SampleJobSchema])

/** Where a worker's student comes from. */
export type StudentSource = typeof StudentSourceSchema.Type
/** Decoding settings shared by every item of a job. */
export type WorkerSettings = typeof Settings.Type
/** A decode node's work: answers to eval prompts, logged by sample id. */
export type DecodeJob = typeof DecodeJobSchema.Type
/** A sample node's work: the student's own samples on training prompts, logged unjudged. */
export type SampleJob = typeof SampleJobSchema.Type
/** Either job. */
export type WorkerJob = typeof WorkerJobSchema.Type

const describeIssues = (issue: SchemaIssue.Issue): string =>
  SchemaIssue.makeFormatterStandardSchemaV1()(issue).issues
    .map((i) => `${(i.path ?? []).map((k) => (typeof k === "object" && k !== null && "key" in k ? String(k.key) : String(k))).join(".") || "(top)"}: ${i.message}`)
    .join("; ")

/** Writes a job file atomically (a requeued job never reads half of one). */
export const writeWorkerJob = (file: string, job: WorkerJob): void => writeJsonAtomic(file, job)

/** Reads and checks a job file; the error names the file and the first field that is wrong. */
export const readWorkerJob = (file: string): Effect.Effect<WorkerJob, WorkerError> =>
  Effect.gen(function*() {
    const text = yield* Effect.try({
      try: () => fs.readFileSync(file, "utf8"),
      catch: (e) => new WorkerError({ reason: "job-file", message: `cannot read the job file ${file}: ${(e as Error).message}` })
    })
    const json = yield* Effect.try({
      try: () => JSON.parse(text) as unknown,
      catch: (e) => new WorkerError({ reason: "job-file", message: `the job file ${file} is not JSON: ${(e as Error).message}` })
    })
    const kind = (json as { kind?: unknown } | null)?.kind
    if (kind !== "decode" && kind !== "sample") {
      return yield* new WorkerError({ reason: "job-file", message: `the job file ${file} is not a decode or sample job: kind is ${JSON.stringify(kind) ?? "missing"}` })
    }
    return yield* Schema.decodeUnknownEffect(WorkerJobSchema)(json).pipe(
      Effect.mapError((e) => new WorkerError({ reason: "job-file", message: `the job file ${file} is not a decode or sample job: ${describeIssues(e.issue)}` })))
  })
