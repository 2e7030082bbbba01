// The last outcome of each (problem, sample) of a generate node's log: compact per-sample columns and running sums.
import { column } from "../store/column.ts"
import { fingerprintTable } from "../store/fingerprints.ts"
import { keySlots } from "../store/key-slots.ts"
import { iterateSampleLog, type SampleLog } from "../store/sample-log.ts"

/** What the tallies read of a record. */
export interface TalliedRecord {
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

/** The tallies of one log, kept current by `add` as records are appended to it. */
export interface GenerationTallies {
  /** Counts a record just appended to the log. */
  readonly add: (record: TalliedRecord) => void
  /**
   * Of the samples the log held when the tallies were opened: those whose last outcome is ok, plus the dead-lettered
   * ones unless `retryDead` (outcomes as of each call of `has`; `size` as of this call). A sample first added
   * later is not in it: the caller requests each new sample once.
   */
  readonly done: (retryDead: boolean) => DoneSamples
  readonly totals: () => GenerationTotals
}

/** The id of a (problem, sample) pair in the tallies. */
export const sampleId = (problemId: string, sampleIndex: number): string => `${problemId}#${sampleIndex}`

const OK = 1
const FROM_CACHE = 2

/**
 * The samples the log holds when opened get a slot each: their key, outcome flags and reason. A sample first added
 * after that (a new request's outcome) is held only as a 64-bit fingerprint, to notice a second record of it; its
 * outcome goes straight into the sums, and its reason, when dead, into the list. Token and cost sums run as records
 * arrive. A dead letter contributes nothing to the sums, so a retry that supersedes one just adds. Should a record
 * supersede an ok one, or a new sample be added twice (or two share a fingerprint), the sums are recounted from the
 * file, which then must hold every record added (not written by this tree, bar a dataset with a repeated row id).
 */
const tallies = (file: string, perSample: boolean): GenerationTallies => {
  const ids = keySlots()
  const flags = column("u8")
  const reasonOf = column("u32")
  const reasons: Array<string> = []
  const reasonIds = new Map<string, number>()
  /** Per-sample values, kept only when recounting. */
  const values = perSample ? { input: column("f64"), output: column("f64"), cost: column("f64") } : undefined
  /** Samples first added after opening (none when recounting, where every sample gets a slot). */
  const fresh = fingerprintTable()
  const freshDeadReasons = new Set<string>()
  /** Whether a sample without a slot gets one: while the log is read at opening, and always when recounting. */
  let keyed = true
  let ok = 0
  let fromCache = 0
  let inputTokens = 0
  let outputTokens = 0
  let costUsd = 0
  let recount = false
  const okAt = (slot: number) => (flags.get(slot) & OK) !== 0
  const reasonId = (reason: string) => {
    let id = reasonIds.get(reason)
    if (id === undefined) {
      id = reasons.push(reason) - 1
      reasonIds.set(reason, id)
    }
    return id
  }
  const sum = (r: TalliedRecord) => {
    ok += 1
    if (r.fromCache === true) fromCache += 1
    inputTokens += r.usage?.inputTokens ?? 0
    outputTokens += r.usage?.outputTokens ?? 0
    costUsd += r.costUsd ?? 0
  }
  const addFresh = (id: string, r: TalliedRecord) => {
    if (fresh.find(id) >= 0) recount = true
    else fresh.add(id)
    if (r.status === "ok") sum(r)
    else freshDeadReasons.add(r.error?.reason ?? "?")
  }
  const add = (r: TalliedRecord) => {
    const id = sampleId(r.problemId, r.sampleIndex)
    let slot = ids.find(id)
    if (slot < 0 && !keyed) return addFresh(id, r)
    if (slot >= 0 && okAt(slot)) recount = true
    if (slot < 0) slot = ids.add(id)
    const isOk = r.status === "ok"
    flags.set(slot, (isOk ? OK : 0) | (r.fromCache === true ? FROM_CACHE : 0))
    reasonOf.set(slot, reasonId(r.error?.reason ?? "?"))
    values?.input.set(slot, r.usage?.inputTokens ?? 0)
    values?.output.set(slot, r.usage?.outputTokens ?? 0)
    values?.cost.set(slot, r.costUsd ?? 0)
    if (isOk) sum(r)
  }
  for (const r of iterateSampleLog<TalliedRecord>(file)) add(r)
  keyed = perSample
  const deadReasons = () => {
    const dead = new Set<string>()
    for (let s = 0; s < ids.size(); s++) if (!okAt(s)) dead.add(reasons[reasonOf.get(s)]!)
    for (const r of freshDeadReasons) dead.add(r)
    return [...dead]
  }
  /** Sums over each sample's last record, from the per-sample values. */
  const summed = (): GenerationTotals => {
    const t = { ok: 0, fromCache: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 }
    for (let s = 0; s < ids.size(); s++) {
      if (!okAt(s)) continue
      t.ok += 1
      if ((flags.get(s) & FROM_CACHE) !== 0) t.fromCache += 1
      t.inputTokens += values!.input.get(s)
      t.outputTokens += values!.output.get(s)
      t.costUsd += values!.cost.get(s)
    }
    return { samples: ids.size(), dead: ids.size() - t.ok, ...t, deadReasons: deadReasons() }
  }
  return {
    add,
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
      if (values !== undefined) return summed()
      if (recount) return tallies(file, true).totals()
      const samples = ids.size() + fresh.size()
      return { samples, ok, dead: samples - ok, fromCache, inputTokens, outputTokens, costUsd, deadReasons: deadReasons() }
    }
  }
}

/** Streams `file` (a missing file has no samples); a later record of a pair supersedes its earlier ones. */
export const tallyGenerations = (file: string): GenerationTallies => tallies(file, false)

/** `log`, with every record it appends also counted by `t` (once written; a pre-serialised line is parsed back). */
export const tallied = <T extends TalliedRecord>(log: SampleLog<T>, t: GenerationTallies): SampleLog<T> => ({
  ...log,
  append: (record) => {
    const at = log.append(record)
    t.add(record)
    return at
  },
  appendLine: (line) => {
    const at = log.appendLine(line)
    t.add(JSON.parse(line) as T)
    return at
  }
})
