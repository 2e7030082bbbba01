// One run at a time per store: an exclusive lock file holding the owner's pid; stale locks are taken over.
import * as fs from "node:fs"
import * as path from "node:path"

/** Who holds a lock. */
export interface LockOwner {
  readonly pid: number
  readonly experiment: string
  readonly since: string
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM"
  }
}

/** Tries to take the lock; returns a release function, or the live owner when someone else holds it. */
export const tryLock = (
  file: string, experiment: string
): { readonly release: () => void } | { readonly owner: LockOwner } => {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const me: LockOwner = { pid: process.pid, experiment, since: new Date().toISOString() }
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(me), { flag: "wx" })
      return { release: () => fs.rmSync(file, { force: true }) }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e
      let owner: LockOwner | undefined
      try {
        owner = JSON.parse(fs.readFileSync(file, "utf8")) as LockOwner
      } catch {
        owner = undefined
      }
      if (owner !== undefined && alive(owner.pid)) return { owner }
      fs.rmSync(file, { force: true })
    }
  }
  throw new Error(`cannot take lock ${file}`)
}
