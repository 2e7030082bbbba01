// What each spec field is to a cache key: meaning (in keys), resource (never in keys) or location (its content is keyed instead).

/**
 * meaning: changes what a node computes, so it is part of the keys of the nodes that read it.
 * resource: how or where work runs, or what it may spend (threads, limits, timeouts, backend, prices); never in a key.
 * location: where an input lives (a path, an include); its content is keyed instead, never the path itself.
 */
export type FieldRole = "meaning" | "resource" | "location"

/**
 * The role of every field of `schemas/experiment.schema.json`, by JSON pointer (`*` is any map key, `[]` any array
 * item). Plugin `with:` blocks are classified by each plugin's own schema (`x-key` on every property). A test walks
 * the schema and fails on a field missing here, so a new field cannot slip into (or out of) keys by accident.
 */
export const SPEC_FIELD_ROLES: Readonly<Record<string, FieldRole>> = {
  "/$schema": "location",
  "/include": "location",
  "/name": "meaning",
  "/description": "meaning",
  "/seed": "meaning",
  "/data/train/use": "meaning",
  "/data/eval/*/use": "meaning",
  "/data/eval/*/prompt": "meaning",
  "/data/eval/*/stop": "meaning",
  "/teachers/*/use": "meaning",
  "/teachers/*/prompt": "meaning",
  "/teachers/*/system": "meaning",
  "/teachers/*/samples": "meaning",
  "/teachers/*/temperature": "meaning",
  "/teachers/*/max_tokens": "meaning",
  "/teachers/*/stop": "meaning",
  "/teachers/*/limits/requests_per_minute": "resource",
  "/teachers/*/limits/tokens_per_minute": "resource",
  "/teachers/*/limits/concurrency": "resource",
  "/teachers/*/limits/max_attempts": "resource",
  "/teachers/*/limits/timeout_ms": "resource",
  "/teachers/*/price/input_per_m": "resource",
  "/teachers/*/price/output_per_m": "resource",
  "/teachers/*/expected_output_tokens": "resource",
  "/judge/use": "meaning",
  "/filter/keep": "meaning",
  "/filter/keep/max_per_problem": "meaning",
  "/mixing/mode": "meaning",
  "/mixing/by": "meaning",
  "/mixing/problems": "meaning",
  "/mixing/template": "meaning",
  "/mixes/*/*": "meaning",
  "/students/family": "meaning",
  "/students/sizes": "meaning",
  "/students/trainer/use": "meaning",
  "/students/size_config/*/d_model": "meaning",
  "/students/size_config/*/n_layers": "meaning",
  "/students/size_config/*/n_heads": "meaning",
  "/students/size_config/*/d_ff": "meaning",
  "/students/size_config/*/max_len": "meaning",
  "/train/method": "meaning",
  "/train/epochs": "meaning",
  "/train/lr": "meaning",
  "/train/batch_size": "meaning",
  "/train/warmup": "meaning",
  "/train/weight_decay": "meaning",
  "/train/max_len": "meaning",
  "/train/max_steps": "meaning",
  "/train/checkpoint_every": "resource",
  "/train/lora_rank": "meaning",
  "/train/lora_alpha": "meaning",
  "/train/lora_dropout": "meaning",
  "/train/lora_targets": "meaning",
  "/train/packing": "meaning",
  "/train/micro_batch_size": "resource",
  "/train/keep_checkpoints": "resource",
  "/train/seeds": "meaning",
  "/train/base": "meaning",
  "/train/prompt": "meaning",
  "/train/overrides/*/batch_size": "meaning",
  "/train/overrides/*/max_len": "meaning",
  "/train/overrides/*/epochs": "meaning",
  "/train/overrides/*/lr": "meaning",
  "/train/overrides/*/packing": "meaning",
  "/train/overrides/*/micro_batch_size": "resource",
  "/train/stages/[]/name": "meaning",
  "/train/stages/[]/method": "meaning",
  "/train/stages/[]/from": "meaning",
  "/train/stages/[]/epochs": "meaning",
  "/train/stages/[]/lr": "meaning",
  "/train/stages/[]/batch_size": "meaning",
  "/train/stages/[]/max_steps": "meaning",
  "/train/stages/[]/beta": "meaning",
  "/train/stages/[]/loss": "meaning",
  "/train/stages/[]/rejected": "meaning",
  "/train/stages/[]/samples": "meaning",
  "/train/stages/[]/temperature": "meaning",
  "/train/stages/[]/group_size": "meaning",
  "/train/stages/[]/kl_beta": "meaning",
  "/train/stages/[]/max_completion_tokens": "meaning",
  "/train/stages/[]/rewards/[]/regex": "meaning",
  "/train/stages/[]/rewards/[]/weight": "meaning",
  "/evaluate/max_new_tokens": "meaning",
  "/evaluate/temperature": "meaning",
  "/evaluate/batch_size": "meaning",
  "/evaluate/stop": "meaning",
  "/evaluate/judge/use": "meaning",
  "/evaluate/base_students": "meaning",
  "/evaluate/serve/url": "location",
  "/evaluate/serve/models/*": "meaning",
  "/evaluate/serve/models/*/name": "meaning",
  "/evaluate/serve/models/*/revision": "meaning",
  "/evaluate/serve/command": "resource",
  "/evaluate/serve/model": "meaning",
  "/evaluate/serve/ready_timeout_s": "resource",
  "/evaluate/serve/gpus": "resource",
  "/evaluate/serve/env/*": "resource",
  "/evaluate/serve/api_key_env": "resource",
  "/evaluate/serve/chat": "meaning",
  "/evaluate/serve/concurrency": "resource",
  "/report/gaps/[]/name": "meaning",
  "/report/gaps/[]/minuend": "meaning",
  "/report/gaps/[]/subtrahend": "meaning",
  "/report/bootstrap": "meaning",
  "/backend/use": "resource",
  "/expected/[]/size": "meaning",
  "/expected/[]/mix": "meaning",
  "/expected/[]/gap": "meaning",
  "/expected/[]/eval": "meaning",
  "/expected/[]/value": "meaning",
  "/expected/[]/tolerance": "meaning",
  "/budget/usd": "resource",
  "/leakage/on_overlap": "meaning"
}

/** The role of a spec field by its concrete pointer (map keys and array indices matched by `*` and `[]`). */
export const specFieldRole = (pointer: string): FieldRole | undefined => {
  const parts = pointer.split("/").slice(1)
  for (const [pattern, role] of Object.entries(SPEC_FIELD_ROLES)) {
    const pp = pattern.split("/").slice(1)
    if (pp.length === parts.length && pp.every((p, i) => p === parts[i] || p === "*" || (p === "[]" && /^\d+$/.test(parts[i]!)))) return role
  }
  return undefined
}

/** `value` without the named fields. */
export const omitFields = <T extends Readonly<Record<string, unknown>>>(value: T, fields: ReadonlyArray<string>): Partial<T> =>
  Object.fromEntries(Object.entries(value).filter(([k]) => !fields.includes(k))) as Partial<T>

/** Top-level fields of `section` (e.g. "/train") whose role is resource. */
export const resourceFieldsOf = (section: string, value: Readonly<Record<string, unknown>>): ReadonlyArray<string> =>
  Object.keys(value).filter((k) => specFieldRole(`${section}/${k}`) === "resource")
