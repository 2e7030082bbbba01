// Checks of train.stages: unique names that are not methods, and parents that are a first-stage method or an earlier stage.
import type { Issue } from "./diagnostic.ts"
import { childPointer } from "./pointer.ts"
import type { Experiment } from "./types.gen.ts"

/** The problems of `train.stages`, each at the field it is about. */
export const stageIssues = (spec: Experiment): ReadonlyArray<Issue> => {
  const issues: Array<Issue> = []
  const methods = Array.isArray(spec.train.method) ? spec.train.method : [spec.train.method]
  const known: string[] = [...methods]
  ;(spec.train.stages ?? []).forEach((stage, i) => {
    const at = (field: string) => childPointer(childPointer("/train/stages", String(i)), field)
    if (known.includes(stage.name)) {
      issues.push({ pointer: at("name"), message: `stage name '${stage.name}' is already used by ${methods.includes(stage.name as never) ? "a first-stage method" : "an earlier stage"}; stage names label students, so they must be unique` })
    }
    if (!known.includes(stage.from)) {
      issues.push({ pointer: at("from"), expected: `one of: ${known.join(", ")}`, message: `stage '${stage.name}' starts from '${stage.from}', which is neither a method of train.method nor an earlier stage (known: ${known.join(", ")})` })
    }
    if (stage.method !== "dpo" && (stage.beta !== undefined || stage.loss !== undefined || stage.rejected !== undefined || stage.samples !== undefined)) {
      issues.push({ pointer: at("method"), message: `stage '${stage.name}' sets DPO options (beta, loss, rejected, samples) but its method is ${stage.method}` })
    }
    if (stage.method !== "grpo" && (stage.group_size !== undefined || stage.kl_beta !== undefined || stage.rewards !== undefined || stage.max_completion_tokens !== undefined)) {
      issues.push({ pointer: at("method"), message: `stage '${stage.name}' sets GRPO options (group_size, kl_beta, rewards, max_completion_tokens) but its method is ${stage.method}` })
    }
    for (const [j, r] of (stage.rewards ?? []).entries()) {
      try { new RegExp(r.regex, "s") } catch (e) {
        issues.push({ pointer: childPointer(childPointer(at("rewards"), String(j)), "regex"), message: `not a regular expression: ${e instanceof Error ? e.message : String(e)}` })
      }
    }
    known.push(stage.name)
  })
  return issues
}
