// The last outcome of each (problem, sample) in a generate node's log, kept in compact columns rather than a record each.
import { column } from "../store/column.ts"
import { keySlots } from "../store/key-slots.ts"
import { iterateSampleLog } from "../store/sample-log.ts"

/** What the tallies read of a record. */
interface TalliedRecord {
  readonly problemId: string
  readonly sampleIndex: number
  readonly status: "ok" | "dead"
  readonly usage?: { readonly inputTokens?: number; readonly outputTokens?: number }
  readonly costUsd?: number
  readonly fromCache?: boolean
  readonly error?: { readonly reason?: string }
}

/** Sums over the samples whose last outcome is ok, and the reasons of the dead ones. */
export interface GenerationTotals {
  readonly samples: number
  readonly ok: number
  readonly dead: number
  readonly fromCache: number
  readonly inputTokens: number
  readonly outputTokens: number
  readonly costUsd: number
  /** Each dead sample's reason once, in the order the samples first appear in the log. */
  readonly deadReasons: ReadonlyArray<string>
}

/** The samples a node need not request again. */
export interface DoneSamples {
  readonly has: (sampleId: string) => boolean
  readonly size: number
}

/** The tallies of one log. */
export interface GenerationTallies {
  /** Samples whose last outcome is ok, plus the dead-lettered ones unless `retryDead`. */
  readonly done: (retryDead: boolean) => DoneSamples
  readonly totals: () => GenerationTotals
}

/** The id of a (problem, sample) pair in the tallies. */
export const sampleId = (problemId: string, sampleIndex: number): string => `${problemId}#${sampleIndex}`

const OK = 1
const FROM_CACHE = 2

/** Streams `file` (a missing file has no samples); a later record of a pair supersedes its earlier ones. */
export const tallyGenerations = (file: string): GenerationTallies => {
  const ids = keySlots()
  const flags = column("u8")
  const inputTokens = column("f64")
  const outputTokens = column("f64")
  const cost = column("f64")
  const reasonOf = column("u32")
  const reasons: Array<string> = []
  const reasonIds = new Map<string, number>()
  for (const r of iterateSampleLog<TalliedRecord>(file)) {
    const slot = ids.add(sampleId(r.problemId, r.sampleIndex))
    flags.set(slot, (r.status === "ok" ? OK : 0) | (r.fromCache === true ? FROM_CACHE : 0))
    inputTokens.set(slot, r.usage?.inputTokens ?? 0)
    outputTokens.set(slot, r.usage?.outputTokens ?? 0)
    cost.set(slot, r.costUsd ?? 0)
    const reason = r.error?.reason ?? "?"
    let id = reasonIds.get(reason)
    if (id === undefined) {
      id = reasons.push(reason) - 1
      reasonIds.set(reason, id)
    }
    reasonOf.set(slot, id)
  }
  const okAt = (slot: number) => (flags.get(slot) & OK) !== 0
  return {
    done: (retryDead) => {
      let size = 0
      for (let s = 0; s < ids.size(); s++) if (!retryDead || okAt(s)) size += 1
      return {
        has: (id) => {
          const slot = ids.find(id)
          return slot >= 0 && (!retryDead || okAt(slot))
        },
        size
      }
    },
    totals: () => {
      let ok = 0
      let fromCache = 0
      let inTokens = 0
      let outTokens = 0
      let usd = 0
      const dead = new Set<string>()
      for (let s = 0; s < ids.size(); s++) {
        if (!okAt(s)) {
          dead.add(reasons[reasonOf.get(s)]!)
          continue
        }
        ok += 1
        if ((flags.get(s) & FROM_CACHE) !== 0) fromCache += 1
        inTokens += inputTokens.get(s)
        outTokens += outputTokens.get(s)
        usd += cost.get(s)
      }
      return {
        samples: ids.size(), ok, dead: ids.size() - ok, fromCache,
        inputTokens: inTokens, outputTokens: outTokens, costUsd: usd, deadReasons: [...dead]
      }
    }
  }
}
