// Ends a local job's worker when the coordinator that launched it is gone (killed with SIGKILL), so no orphan keeps appending.
/**
 * If `DISTILL_PARENT_PID` names the launcher, exits (137) as soon as this process's parent is another one. Jobs run
 * by a scheduler (no `DISTILL_PARENT_PID`) are not watched: they outlive the coordinator on purpose.
 */
export const watchParent = (intervalMs = 250, env: Readonly<Record<string, string | undefined>> = process.env): void => {
  const raw = env.DISTILL_PARENT_PID
  if (raw === undefined || raw === "") return
  const parent = Number(raw)
  const check = () => { if (process.ppid !== parent) process.exit(137) }
  check()
  setInterval(check, intervalMs).unref()
}
