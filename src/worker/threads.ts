// The CPU threads a worker may use: DISTILL_THREADS, which the job runner sets (a local job's share of the cores, a cluster job's cpus).
/** A positive integer from `DISTILL_THREADS`, else undefined (the library's default: every core). */
export const threadsFrom = (env: Readonly<Record<string, string | undefined>>): number | undefined => {
  const n = Number(env.DISTILL_THREADS)
  return Number.isInteger(n) && n > 0 ? n : undefined
}
