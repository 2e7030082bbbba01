// What the planner reads from a resolved spec, and the facts that sharpen its estimates.
import type { GpuThroughput } from "../plugins/trainer.ts"
import type { ResolvedPlugin, ResolvedSpec } from "../spec/resolved.ts"

export type { ResolvedPlugin } from "../spec/resolved.ts"

/** A teacher entry of the spec with defaults applied. */
export type TeacherEntry = ResolvedSpec["teachers"][string]

/** The fields of a resolved spec the planner uses. */
export type PlannableSpec = Pick<ResolvedSpec,
  "name" | "description" | "seed" | "data" | "teachers" | "filter" | "mixing" | "mixes" | "students" | "train" | "evaluate" | "report" |
  "expected" | "leakage" | "budget" | "judge"> & {
  /** Loaded plugins keyed by the JSON pointer of their `{ use, with }` block (e.g. "/teachers/long"). */
  readonly plugins: Readonly<Record<string, ResolvedPlugin>>
}

/** A dataset's images: how many rows have one, and the sizes of a sample of them (for image tokens). */
export interface ImageFacts {
  readonly rows: number
  readonly sample: ReadonlyArray<{ readonly width: number; readonly height: number }>
}

/** Facts known before planning that sharpen estimates (from the store or earlier runs). */
export interface PlanFacts {
  /** Rows and mean question length (characters) per dataset pointer, and its images when it has any. */
  readonly datasets?: Readonly<Record<string, { readonly rows: number; readonly meanChars: number; readonly images?: ImageFacts }>>
  /** Mean output tokens per teacher name, measured in earlier runs. */
  readonly outputTokens?: Readonly<Record<string, number>>
  /** Content identity of what a plugin reads (file digests, a resolved commit SHA), by spec pointer. */
  readonly identities?: Readonly<Record<string, unknown>>
  /** Whether the student family has pretrained weights (asked of the trainer plugin). */
  readonly pretrained?: boolean
  /** Parameter counts of the family's sizes and the GPU throughput the trainer assumes (asked of the trainer plugin). */
  readonly students?: StudentFacts
}

/** What the trainer says about its students for compute estimates. */
export interface StudentFacts {
  readonly params: Readonly<Record<string, number>>
  readonly gpu?: GpuThroughput
}

/** The paper's prompt: used when a teacher gives none. */
export const DEFAULT_PROMPT =
  "Solve the following math problem. Present the final answer in the format: Final Answer: \\boxed{your_answer}.\nProblem: {problem}\nAnswer:"
