// Set-up and checks for the embedded pipeline: PyTorch for the trainer (apt as root on Debian, else a pip hint).
import { spawnSync } from "node:child_process"
import * as fs from "node:fs"
import { Effect } from "effect"
import { clearPythonCache, doctor, findTorchPython, INSTALL_HINT } from "../students/python.ts"

const APT_PACKAGES = ["python3-torch", "libopenblas0-pthread", "python3-onnx"]

const canApt = () => process.getuid?.() === 0 && fs.existsSync("/usr/bin/apt-get")

const aptMissing = (): string[] => APT_PACKAGES.filter((p) =>
  spawnSync("dpkg-query", ["-W", "-f=${Status}", p], { encoding: "utf8" }).stdout?.includes("install ok installed") !== true)

/** Installs the trainer runtime when missing; reports what it did. */
export const installTrainerRuntime = async (log: (line: string) => void): Promise<{ ok: boolean; message: string }> => {
  const found = await Effect.runPromise(Effect.result(findTorchPython()))
  const missing = canApt() ? aptMissing() : []
  if (found._tag === "Success" && missing.length === 0) {
    return { ok: true, message: `ready: PyTorch ${found.success.torch} at ${found.success.python}` }
  }
  if (!canApt()) {
    return found._tag === "Success"
      ? { ok: true, message: `ready: PyTorch ${found.success.torch} at ${found.success.python}` }
      : { ok: false, message: `PyTorch not found. To ${INSTALL_HINT}.` }
  }
  log(`distill setup: apt-get install ${missing.join(" ")}`)
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" }
  const update = spawnSync("apt-get", ["update", "-qq"], { stdio: ["ignore", "inherit", "inherit"], env })
  if (update.status !== 0) return { ok: false, message: "apt-get update failed; see above" }
  const install = spawnSync("apt-get", ["install", "-y", "-qq", ...missing], { stdio: ["ignore", "inherit", "inherit"], env })
  if (install.status !== 0) return { ok: false, message: `apt-get install ${missing.join(" ")} failed; see above` }
  clearPythonCache()
  const again = await Effect.runPromise(Effect.result(findTorchPython()))
  return again._tag === "Success"
    ? { ok: true, message: `installed: PyTorch ${again.success.torch} at ${again.success.python}` }
    : { ok: false, message: `installed ${missing.join(" ")} but no Python can import torch: ${again.failure.message}` }
}

const present = (name: string) => (process.env[name] ? "set" : "not set")

/** The doctor report: Node, the trainer runtime, onnxruntime-node, and which API key variables are set (never their values). */
export const doctorLines = async (): Promise<string[]> => {
  const lines = [`node ${process.versions.node} (${process.execPath})`]
  const report = await Effect.runPromise(doctor())
  for (const c of report.checks) lines.push(`${c.ok ? "ok  " : "MISSING"} ${c.name}: ${c.detail}`)
  try {
    await import("onnxruntime-node")
    lines.push("ok   onnxruntime-node: loads (CPU)")
  } catch (e) {
    lines.push(`MISSING onnxruntime-node: ${String(e)}`)
  }
  for (const key of ["ANTHROPIC_API_KEY", "GEMINI_API_KEY", "OPENAI_API_KEY", "HF_TOKEN"]) lines.push(`     ${key}: ${present(key)}`)
  if (!report.ok) lines.push("", "run `./distill setup` to install what is missing")
  return lines
}
