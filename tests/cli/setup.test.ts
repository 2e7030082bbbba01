// `distill setup`'s venv builder on a two-package lock: installs, is a no-op when unchanged, follows lock edits, explains offline failures.
import { spawnSync } from "node:child_process"
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { installedPackages, installPythonEnv } from "../../src/cli/setup.ts"
import { LOCK_FILE, stampFile } from "../../src/students/python-lock.ts"

const lockEntry = (name: string): string => {
  const text = readFileSync(LOCK_FILE, "utf8")
  const start = text.indexOf(`\n${name}==`)
  const end = text.indexOf("\n", text.indexOf("# via", start))
  return text.slice(start + 1, end + 1)
}
const base = spawnSync("python3", ["-c", "import sys, venv, ensurepip; print('%d.%d' % sys.version_info[:2])"], { encoding: "utf8" })
const hasBase = base.status === 0 && base.stdout.trim() === "3.11"

describe.skipIf(!hasBase)("installPythonEnv (needs python3 3.11 and the mpmath, mdurl wheels from the index)", () => {
  const dir = mkdtempSync(join(tmpdir(), "setup-"))
  const venv = join(dir, "venv")
  const lockFile = join(dir, "requirements.lock")
  const log: string[] = []

  it("creates the venv, then does nothing while the lock is unchanged, then follows an edit", async () => {
    writeFileSync(lockFile, lockEntry("mpmath") + lockEntry("mdurl"))
    const first = await installPythonEnv((l) => log.push(l), { lockFile, venv })
    expect(first.message).toContain("cannot import torch") // a two-package lock has no torch: the check after install says so
    expect(first.ok).toBe(false)
    const have = await installedPackages(join(venv, "bin", "python"))
    expect(have?.get("mpmath")).toBe("1.3.0")
    expect(have?.get("mdurl")).toBe("0.1.2")
    expect(existsSync(stampFile(venv))).toBe(true)

    const lines = log.length
    const again = await installPythonEnv((l) => log.push(l), { lockFile, venv })
    expect(again).toEqual({ ok: true, message: expect.stringContaining("matches") })
    expect(log.length).toBe(lines)

    writeFileSync(lockFile, lockEntry("mpmath"))
    await installPythonEnv((l) => log.push(l), { lockFile, venv })
    expect(log.some((l) => l.includes("removing packages the lock no longer pins: mdurl"))).toBe(true)
    expect((await installedPackages(join(venv, "bin", "python")))?.has("mdurl")).toBe(false)
  }, 300_000)

  it("names the fix when the packages cannot be downloaded", async () => {
    const empty = mkdtempSync(join(tmpdir(), "wheels-"))
    writeFileSync(lockFile, lockEntry("mdurl"))
    const saved = { ...process.env }
    Object.assign(process.env, { PIP_NO_INDEX: "1", PIP_FIND_LINKS: empty })
    try {
      const r = await installPythonEnv(() => undefined, { lockFile, venv: join(dir, "offline") })
      expect(r.ok).toBe(false)
      expect(r.message).toContain("could not download")
      expect(r.message).toContain("PIP_FIND_LINKS=/path/to/wheels ./distill setup")
      expect(existsSync(stampFile(join(dir, "offline")))).toBe(false)
    } finally {
      process.env = saved
    }
  }, 300_000)
})
