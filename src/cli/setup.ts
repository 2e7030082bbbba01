// Set-up and checks for the Python side: a project venv holding python/requirements.lock's exact versions.
import { spawn } from "node:child_process"
import * as fs from "node:fs"
import * as Effect from "effect/Effect"
import { LOCK_FILE, LOCK_PYTHON, lockPins, normalizeName, pipFailureAdvice, stampFile, stampText, strayPackages } from "../students/python-lock.ts"
import { clearPythonCache, doctor, findTorchPython, venvDir, venvPython } from "../students/python.ts"
import { readVendorIndex } from "../vendor/use.ts"

interface Ran {
  readonly code: number | null
  readonly output: string
}

/** Runs a command; `echo` streams its output to stderr as it comes (and it is still captured). */
const run = (command: string, args: ReadonlyArray<string>, echo = false): Promise<Ran> =>
  new Promise((resolve) => {
    const child = spawn(command, [...args], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, PIP_DISABLE_PIP_VERSION_CHECK: "1" } })
    let output = ""
    const take = (chunk: Buffer) => {
      output += chunk.toString("utf8")
      if (echo) process.stderr.write(chunk)
    }
    child.stdout.on("data", take)
    child.stderr.on("data", take)
    child.on("error", (e) => resolve({ code: null, output: String(e) }))
    child.on("close", (code) => resolve({ code, output }))
  })

const INSTALLED = "import importlib.metadata as m, json; print(json.dumps({d.metadata['Name']: d.version for d in m.distributions() if d.metadata['Name']}))"

/** `normalized name -> version` of what `python` has installed, or null when it cannot run. */
export const installedPackages = async (python: string): Promise<Map<string, string> | null> => {
  const r = await run(python, ["-c", INSTALLED])
  if (r.code !== 0) return null
  try {
    const raw = JSON.parse(r.output.trim().split("\n").pop() ?? "") as Record<string, string>
    return new Map(Object.entries(raw).map(([k, v]) => [normalizeName(k), v]))
  } catch {
    return null
  }
}

const BASE_PROBE = "import sys, venv, ensurepip; print(sys.executable); print('%d.%d.%d' % sys.version_info[:3])"

/** The lock without its torch entry, when the venv already holds a GPU build of the same torch release. */
const lockForInstall = (lockText: string, installedTorch: string | undefined, locked: string | undefined): { text: string; kept?: string } => {
  if (installedTorch === undefined || locked === undefined || !/\+(cu|rocm)/.test(installedTorch)) return { text: lockText }
  if (installedTorch.split("+")[0] !== locked.split("+")[0]) return { text: lockText }
  const lines = lockText.split("\n")
  const out: string[] = []
  let skipping = false
  for (const line of lines) {
    if (/^torch==/.test(line)) skipping = true
    else if (skipping && !/^\s/.test(line)) skipping = false
    if (!skipping) out.push(line)
  }
  return { text: out.join("\n"), kept: installedTorch }
}

const writeAtomic = (file: string, text: string) => {
  const tmp = `${file}.${process.pid}.tmp`
  fs.writeFileSync(tmp, text)
  fs.renameSync(tmp, file)
}

/**
 * Creates or updates the project venv from python/requirements.lock (hash-checked, no dependency resolution).
 * A stamp of the lock's digest makes a second run a no-op; a lock change installs the difference and removes strays.
 */
export const installPythonEnv = async (
  log: (line: string) => void, options: { readonly lockFile?: string; readonly venv?: string } = {}
): Promise<{ ok: boolean; message: string }> => {
  const venv = options.venv ?? venvDir()
  const python = venvPython({ DISTILL_VENV: venv })
  const lockFile = options.lockFile ?? LOCK_FILE
  if (!fs.existsSync(lockFile)) return { ok: false, message: `${lockFile} is missing: restore it from git` }
  const lockText = fs.readFileSync(lockFile, "utf8")
  const pins = lockPins(lockText)
  const base = process.env["DISTILL_BASE_PYTHON"] || "python3"
  const probe = await run(base, ["-c", BASE_PROBE])
  const [exe, version] = probe.output.trim().split("\n").slice(-2)
  if (probe.code !== 0 || exe === undefined || version === undefined) {
    return { ok: false, message: `cannot build a venv with '${base}': ${probe.output.trim().split("\n").pop() ?? "not found"}. ` +
      `Install CPython ${LOCK_PYTHON} with its venv module (Debian: apt-get install python3.11 python3.11-venv) or set DISTILL_BASE_PYTHON to one` }
  }
  if (!version.startsWith(`${LOCK_PYTHON}.`)) {
    return { ok: false, message: `python/requirements.lock is compiled for CPython ${LOCK_PYTHON} (its torch wheel is cp311) but ${base} is ${version}; ` +
      `set DISTILL_BASE_PYTHON to a Python ${LOCK_PYTHON} interpreter, or regenerate the lock for yours (python/README.md)` }
  }
  const stamp = stampText(lockText, exe, version)
  if (fs.existsSync(python) && fs.existsSync(stampFile(venv)) && fs.readFileSync(stampFile(venv), "utf8") === stamp) {
    return { ok: true, message: `ready: ${venv} matches python/requirements.lock (${pins.size} packages, Python ${version})` }
  }
  let installed = fs.existsSync(python) ? await installedPackages(python) : null
  if (installed === null) {
    log(`distill setup: creating ${venv} with ${exe} (Python ${version})`)
    fs.rmSync(venv, { recursive: true, force: true })
    const made = await run(exe, ["-m", "venv", venv], true)
    if (made.code !== 0) return { ok: false, message: `'${exe} -m venv ${venv}' failed; on Debian install python3.11-venv` }
    installed = new Map()
  }
  fs.rmSync(stampFile(venv), { force: true })
  const plan = lockForInstall(lockText, installed.get("torch"), pins.get("torch"))
  if (plan.kept !== undefined) log(`distill setup: keeping the installed GPU build torch ${plan.kept}`)
  const requirements = `${venv}/.distill-requirements.txt`
  fs.writeFileSync(requirements, plan.text)
  log(`distill setup: installing ${pins.size} locked packages into ${venv} (first time: about 1.5 GB, a minute or two)`)
  const pip = await run(python, ["-m", "pip", "install", "--require-hashes", "--no-deps", "-r", requirements], true)
  if (pip.code !== 0) return { ok: false, message: `installing python/requirements.lock failed: ${pipFailureAdvice(pip.output)}` }
  const after = await installedPackages(python)
  // a kept GPU torch brings its own CUDA runtime packages, which the CPU lock does not pin
  const strays = (after === null ? [] : strayPackages(after, pins)).filter((name) => plan.kept === undefined || !/^(nvidia-|triton|cuda-)/.test(name))
  if (strays.length > 0) {
    log(`distill setup: removing packages the lock no longer pins: ${strays.join(" ")}`)
    const removed = await run(python, ["-m", "pip", "uninstall", "-y", ...strays], true)
    if (removed.code !== 0) return { ok: false, message: `pip uninstall ${strays.join(" ")} failed; see above` }
  }
  writeAtomic(stampFile(venv), stamp)
  clearPythonCache()
  const found = await Effect.runPromise(Effect.result(findTorchPython({ ...process.env, DISTILL_PYTHON: python })))
  return found._tag === "Success"
    ? { ok: true, message: `installed: ${venv} (Python ${version}, torch ${found.success.torch}, ${pins.size} packages)` }
    : { ok: false, message: `installed the lock but ${python} cannot import torch: ${found.failure.message}` }
}

const present = (name: string) => (process.env[name] ? "set" : "not set")

/** The lock's packages as installed in `python`: one line each, flagging missing ones and versions that differ. */
const packageLines = async (python: string): Promise<{ lines: string[]; ok: boolean }> => {
  const pins = lockPins(fs.existsSync(LOCK_FILE) ? fs.readFileSync(LOCK_FILE, "utf8") : "")
  const installed = await installedPackages(python)
  if (installed === null) return { lines: [`MISSING python packages: cannot list those of ${python}`], ok: false }
  const lines = [`     python packages of ${python} (python/requirements.lock pins ${pins.size}):`]
  let ok = true
  for (const [name, locked] of [...pins].sort(([a], [b]) => a.localeCompare(b))) {
    const have = installed.get(name)
    const same = have === locked || (name === "torch" && have?.split("+")[0] === locked.split("+")[0])
    if (have === undefined) ok = false
    lines.push(`${have === undefined ? "MISSING" : same ? "ok  " : "DIFFERS"}   ${name} ${have ?? "-"}${same ? "" : ` (lock: ${locked})`}`)
  }
  return { lines, ok }
}

/** The doctor report: Node, the Python runtime and every locked package's version, onnxruntime-node, API key presence. */
export const doctorLines = async (): Promise<string[]> => {
  const lines = [`node ${process.versions.node} (${process.execPath})`]
  const report = await Effect.runPromise(doctor())
  for (const c of report.checks) lines.push(`${c.ok ? "ok  " : "MISSING"} ${c.name}: ${c.detail}`)
  let ok = report.ok
  if (report.python !== undefined) {
    const packages = await packageLines(report.python)
    lines.push(...packages.lines)
    ok &&= packages.ok
  }
  try {
    await import("onnxruntime-node")
    lines.push("ok   onnxruntime-node: loads (CPU)")
  } catch (e) {
    lines.push(`MISSING onnxruntime-node: ${String(e)}`)
  }
  const vendor = readVendorIndex()
  lines.push(typeof vendor === "string"
    ? `note vendor bundle: ${vendor} (start-up is slower; \`./distill setup\` builds it)`
    : `ok   vendor bundle: ${Object.keys(vendor.entries).length} entries of ${Object.entries(vendor.versions).map(([p, v]) => `${p} ${v}`).join(", ")}`)
  for (const key of ["ANTHROPIC_API_KEY", "GEMINI_API_KEY", "OPENAI_API_KEY", "HF_TOKEN"]) lines.push(`     ${key}: ${present(key)}`)
  if (!ok) lines.push("", "run `./distill setup` to install what is missing")
  return lines
}
