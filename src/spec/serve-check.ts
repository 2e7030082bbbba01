// Checks of evaluate.serve: one form (url or command), known student names, a usable URL, a command with known placeholders.
import { closest } from "../plugins/suggest.ts"
import { placeholdersOf, SERVE_PLACEHOLDERS, splitCommand } from "../students/serve-command.ts"
import type { Issue } from "./diagnostic.ts"
import { childPointer } from "./pointer.ts"
import type { Experiment } from "./types.gen.ts"

const URL_ONLY = ["models"] as const
const COMMAND_ONLY = ["model", "ready_timeout_s", "gpus", "env"] as const

/** The student names a spec evaluates: `base/<size>` and `<mix>/<size>/<method or stage>/s<seed>`. */
export const studentNames = (spec: Experiment): ReadonlyArray<string> => {
  const methods = Array.isArray(spec.train.method) ? spec.train.method : [spec.train.method]
  const stages = (spec.train.stages ?? []).map((s) => s.name)
  const seeds = spec.train.seeds ?? [spec.seed ?? 0]
  const trained = Object.keys(spec.mixes).flatMap((mix) => spec.students.sizes.flatMap((size) =>
    [...methods, ...stages].flatMap((m) => seeds.map((s) => `${mix}/${size}/${m}/s${s}`))))
  return [...spec.students.sizes.map((s) => `base/${s}`), ...trained]
}

const templateIssues = (pointer: string, template: string): Issue[] =>
  placeholdersOf(template).filter((p) => !(SERVE_PLACEHOLDERS as ReadonlyArray<string>).includes(p)).map((p) => {
    const suggestion = closest(p, SERVE_PLACEHOLDERS)
    return {
      pointer, expected: `placeholders among ${SERVE_PLACEHOLDERS.map((x) => `{${x}}`).join(", ")}`,
      message: `unknown placeholder {${p}} (known: ${SERVE_PLACEHOLDERS.map((x) => `{${x}}`).join(", ")})`,
      ...(suggestion === undefined ? {} : { suggestion: `{${suggestion}}` })
    }
  })

const urlIssues = (spec: Experiment, url: string): Issue[] => {
  const issues: Issue[] = []
  const serve = spec.evaluate.serve!
  let parsed: URL | undefined
  try { parsed = new URL(url) } catch { parsed = undefined }
  if (parsed === undefined || (parsed.protocol !== "http:" && parsed.protocol !== "https:")) {
    issues.push({ pointer: "/evaluate/serve/url", expected: "an http(s) URL such as http://127.0.0.1:8000/v1", message: `'${url}' is not an http or https URL` })
  } else if (parsed.username !== "" || parsed.password !== "") {
    issues.push({ pointer: "/evaluate/serve/url", message: "the URL holds credentials; put the key in an environment variable and name it in api_key_env" })
  }
  if (serve.models === undefined) {
    issues.push({ pointer: "/evaluate/serve", message: "the url form needs models: the served model name per student (e.g. base/<size>: <name>); a fixed URL cannot serve a student trained in this run unless the spec names it" })
  }
  const known = studentNames(spec)
  for (const name of Object.keys(serve.models ?? {})) {
    if (!known.includes(name)) {
      const suggestion = closest(name, known)
      issues.push({ pointer: childPointer("/evaluate/serve/models", name), atKey: true, expected: "base/<size> or <mix>/<size>/<method or stage>/s<seed>",
        message: `unknown student '${name}' (this spec evaluates: ${known.slice(0, 12).join(", ")}${known.length > 12 ? ", ..." : ""})`,
        ...(suggestion === undefined ? {} : { suggestion }) })
    } else if (name.startsWith("base/") && spec.evaluate.base_students === false) {
      issues.push({ pointer: childPointer("/evaluate/serve/models", name), atKey: true, message: `evaluate.base_students is false, so '${name}' is never evaluated` })
    }
  }
  for (const field of COMMAND_ONLY) {
    if (serve[field] !== undefined) issues.push({ pointer: childPointer("/evaluate/serve", field), atKey: true, message: `${field} belongs to the command form; with url the server is already running` })
  }
  return issues
}

const commandIssues = (spec: Experiment, command: string): Issue[] => {
  const serve = spec.evaluate.serve!
  const issues: Issue[] = []
  const split = splitCommand(command)
  if (!split.ok) issues.push({ pointer: "/evaluate/serve/command", message: `cannot split the command into words: ${split.message}` })
  issues.push(...templateIssues("/evaluate/serve/command", command))
  const used = placeholdersOf(command)
  if (!used.includes("port")) {
    issues.push({ pointer: "/evaluate/serve/command", message: "the command must take the port the engine chooses: add --port {port} (or the server's own flag)" })
  }
  if (serve.model !== undefined) issues.push(...templateIssues("/evaluate/serve/model", serve.model))
  const adapterUsed = [...used, ...placeholdersOf(serve.model ?? "")].some((p) => p === "adapter" || p === "adapter_name")
  if (adapterUsed) {
    const methods = Array.isArray(spec.train.method) ? spec.train.method : [spec.train.method]
    if (methods.some((m) => m !== "lora") || (spec.train.stages ?? []).length > 0 || spec.evaluate.base_students !== false) {
      issues.push({ pointer: "/evaluate/serve/command", message: "{adapter} and {adapter_name} exist only for LoRA students: with them every evaluated student must be one (train.method lora, no stages, evaluate.base_students false); {model} is a LoRA student's merged weights and serves every student" })
    }
  }
  for (const field of URL_ONLY) {
    if (serve[field] !== undefined) issues.push({ pointer: childPointer("/evaluate/serve", field), atKey: true, message: `${field} belongs to the url form; with command the engine names the model it starts (see model)` })
  }
  return issues
}

/** The problems of `evaluate.serve`, each at the field it is about. */
export const serveIssues = (spec: Experiment): ReadonlyArray<Issue> => {
  const serve = spec.evaluate?.serve
  if (serve === undefined) return []
  if (serve.url !== undefined && serve.command !== undefined) {
    return [{ pointer: "/evaluate/serve/command", atKey: true, message: "give url (an existing server) or command (a server the backend starts), not both" }]
  }
  if (serve.url !== undefined) return urlIssues(spec, serve.url)
  if (serve.command !== undefined) return commandIssues(spec, serve.command)
  return [{ pointer: "/evaluate/serve", expected: "url or command", message: "evaluate.serve needs url (an existing OpenAI-compatible server) or command (a server the backend starts per student)" }]
}
