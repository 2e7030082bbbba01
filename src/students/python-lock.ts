// The project's Python lock file (python/requirements.lock): its pins, its digest, and the venv's setup stamp.
import { createHash } from "node:crypto"
import { join } from "node:path"
import { PROJECT_ROOT } from "./python.ts"

/** The hashed lock `./distill setup` installs (regenerate it with python/README.md's command). */
export const LOCK_FILE = join(PROJECT_ROOT, "python", "requirements.lock")

/** The CPython minor version the lock was compiled for (its torch wheel is cp311). */
export const LOCK_PYTHON = "3.11"

/** Lower-cased, `_`/`.` folded to `-` (PEP 503), so `Math_Verify` and `math-verify` compare equal. */
export const normalizeName = (name: string): string => name.toLowerCase().replace(/[-_.]+/g, "-")

/** `name -> exact version` for every `name==version` line of a lock file's text. */
export const lockPins = (text: string): ReadonlyMap<string, string> => {
  const pins = new Map<string, string>()
  for (const line of text.split("\n")) {
    const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)/.exec(line)
    if (m) pins.set(normalizeName(m[1]!), m[2]!)
  }
  return pins
}

/** What the setup stamp records: the lock's digest and the interpreter the venv was built from. */
export const stampText = (lockText: string, basePython: string, baseVersion: string): string =>
  JSON.stringify({ lock_sha256: createHash("sha256").update(lockText).digest("hex"), base_python: basePython, base_version: baseVersion }) + "\n"

/** The stamp file inside a venv; present and equal to `stampText(...)` means nothing needs installing. */
export const stampFile = (venv: string): string => join(venv, ".distill-setup.json")

/** Names present in a venv that the lock does not pin (pip's own tooling excepted), to uninstall after a lock change. */
export const strayPackages = (installed: ReadonlyMap<string, string>, pins: ReadonlyMap<string, string>): ReadonlyArray<string> =>
  [...installed.keys()].filter((name) => !pins.has(name) && !["pip", "setuptools", "wheel"].includes(name)).sort()

/** Why a failed pip install failed, with the fix, from its output. */
export const pipFailureAdvice = (output: string): string => {
  if (/do not match the hashes|hash mismatch/i.test(output)) {
    return "a downloaded file does not match the hash in python/requirements.lock: a wheel index serves a different build " +
      "(on a GPU machine install CUDA torch after setup as README's Python environment section says), or the lock is stale: regenerate it with python/README.md's command"
  }
  if (/Failed to establish a new connection|Temporary failure in name resolution|Network is unreachable|Could not fetch URL|ConnectTimeout|ReadTimeout|No matching distribution found|Could not find a version/i.test(output)) {
    return "pip could not download the locked packages (offline, or the index lacks them). Connect to PyPI and re-run `./distill setup`; " +
      "offline, point pip at a directory holding the wheels: `PIP_NO_INDEX=1 PIP_FIND_LINKS=/path/to/wheels ./distill setup` " +
      "(fill it elsewhere with `pip download --require-hashes --no-deps -r python/requirements.lock -d wheels`). The CPU torch wheel comes from " +
      "https://download.pytorch.org/whl/cpu when it is not on disk: `PIP_EXTRA_INDEX_URL=https://download.pytorch.org/whl/cpu ./distill setup`"
  }
  return "pip failed (its output is above); fix the cause and re-run `./distill setup`, or set DISTILL_PYTHON to an interpreter you manage yourself"
}
