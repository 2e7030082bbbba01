// What the planner reads from a resolved spec (a structural subset of ResolvedSpec).

/** A plugin reference after loading: identity plus its validated config. */
export interface ResolvedPlugin {
  readonly kind: string
  readonly use: string
  readonly name: string
  readonly version: string
  readonly config: Readonly<Record<string, unknown>>
  readonly capabilities?: { readonly deterministic: boolean; readonly network: boolean; readonly gpu: boolean }
}

/** A teacher entry of the spec with defaults applied. */
export interface TeacherEntry {
  readonly prompt?: string
  readonly system?: string
  readonly samples?: number
  readonly temperature?: number
  readonly max_tokens?: number
  readonly stop?: ReadonlyArray<string>
  readonly limits?: Readonly<Record<string, unknown>>
  readonly price?: { readonly input_per_m: number; readonly output_per_m: number }
  readonly expected_output_tokens?: number
}

/** The fields of a resolved spec the planner uses. */
export interface PlannableSpec {
  readonly name: string
  readonly seed?: number
  readonly data: { readonly train: unknown; readonly eval: Readonly<Record<string, unknown>> }
  readonly teachers: Readonly<Record<string, TeacherEntry>>
  readonly filter?: { readonly keep?: unknown }
  readonly mixing?: Readonly<Record<string, unknown>>
  readonly mixes: Readonly<Record<string, Readonly<Record<string, number>>>>
  readonly students: {
    readonly family: string
    readonly sizes: ReadonlyArray<string>
    readonly size_config?: Readonly<Record<string, unknown>>
  }
  readonly train: Readonly<Record<string, unknown>> & { readonly method: string | ReadonlyArray<string> }
  readonly evaluate?: Readonly<Record<string, unknown>>
  readonly report?: Readonly<Record<string, unknown>>
  readonly expected?: ReadonlyArray<unknown>
  readonly leakage?: Readonly<Record<string, unknown>>
  /** Loaded plugins keyed by the JSON pointer of their `{ use, with }` block (e.g. "/teachers/long"). */
  readonly plugins: Readonly<Record<string, ResolvedPlugin>>
}

/** Facts known before planning that sharpen estimates (from the store or earlier runs). */
export interface PlanFacts {
  /** Rows and mean question length (characters) per dataset pointer. */
  readonly datasets?: Readonly<Record<string, { readonly rows: number; readonly meanChars: number }>>
  /** Mean output tokens per teacher name, measured in earlier runs. */
  readonly outputTokens?: Readonly<Record<string, number>>
  /** Whether the student family has pretrained weights (asked of the trainer plugin). */
  readonly pretrained?: boolean
}

/** The paper's prompt: used when a teacher gives none. */
export const DEFAULT_PROMPT =
  "Solve the following math problem. Present the final answer in the format: Final Answer: \\boxed{your_answer}.\nProblem: {problem}\nAnswer:"
