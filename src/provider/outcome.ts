// The result of a teacher call under the policy: a completion, a dead letter, a quota stop or a budget stop.
import type { Completion, TeacherError } from "../plugins/index.ts"

/** The call produced a completion after `attempts` requests. */
export interface CallOk {
  readonly _tag: "ok"
  readonly completion: Completion
  readonly attempts: number
  /** USD cost, undefined when the model has no price. */
  readonly costUsd: number | undefined
}

/** The call failed for good (non-retryable error or attempts exhausted); the sample is set aside. */
export interface CallDead {
  readonly _tag: "dead"
  readonly reason: TeacherError["reason"]
  readonly message: string
  readonly attempts: number
  readonly status?: number
}

/** The provider account is out of quota or credit: the node should pause. No further calls go out on the key. */
export interface CallQuota {
  readonly _tag: "quota"
  readonly message: string
  readonly attempts: number
}

/** The spend budget is reached: the call was not made. */
export interface CallBudget {
  readonly _tag: "budget"
  readonly message: string
  readonly attempts: number
  readonly spentUsd: number
  readonly limitUsd: number
}

/** What `callWithPolicy` returns; it never fails. */
export type CallOutcome = CallOk | CallDead | CallQuota | CallBudget
