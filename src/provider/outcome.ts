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

/** The provider refused the API key: no further calls go out on the key, in this node or any other. */
export interface CallAuth {
  readonly _tag: "auth"
  readonly message: string
  readonly attempts: number
}

/** What `callWithPolicy` returns; it never fails. */
export type CallOutcome = CallOk | CallDead | CallQuota | CallBudget | CallAuth

/** Why a node must stop for a call outcome other than a completion or a dead letter (a user must act). */
export const stopMessage = (outcome: CallQuota | CallBudget | CallAuth): string =>
  outcome._tag === "quota"
    ? `provider quota exhausted (${outcome.message}); the node is paused: add credit or raise the quota, then run again`
    : outcome._tag === "auth"
    ? `${outcome.message}; no further requests were sent with this key: fix the key, then run again`
    : `${outcome.message}; raise budget.usd to continue`
