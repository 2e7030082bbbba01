// The command line of a served student's server: split like a shell would (quotes, no expansion), placeholders filled per student.

/** Placeholders a server command (and the requested model name) may use. */
export const SERVE_PLACEHOLDERS = ["model", "revision", "adapter", "base_model", "adapter_name", "port"] as const
export type ServePlaceholder = (typeof SERVE_PLACEHOLDERS)[number]

/** What one student fills in; null where the student has none (a base student's adapter). */
export type ServeValues = Readonly<Record<ServePlaceholder, string | null>>

/** The adapter name a LoRA student is served under. */
export const ADAPTER_NAME = "student"

/** A command split into words, or why it cannot be. */
export type SplitResult = { readonly ok: true; readonly words: ReadonlyArray<string> } | { readonly ok: false; readonly message: string }

/** Splits `text` into words on unquoted whitespace; '...' is literal, "..." and a backslash escape the next character. */
export const splitCommand = (text: string): SplitResult => {
  const words: string[] = []
  let word = ""
  let started = false
  let quote: "'" | "\"" | null = null
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quote === "'") {
      if (c === "'") quote = null
      else word += c
    } else if (c === "\\" && i + 1 < text.length && (quote === null || text[i + 1] === "\"" || text[i + 1] === "\\")) {
      word += text[++i]
      started = true
    } else if (quote === "\"") {
      if (c === "\"") quote = null
      else word += c
    } else if (c === "'" || c === "\"") {
      quote = c
      started = true
    } else if (/\s/.test(c)) {
      if (started) words.push(word)
      word = ""
      started = false
    } else {
      word += c
      started = true
    }
  }
  if (quote !== null) return { ok: false, message: `unclosed ${quote === "'" ? "single" : "double"} quote` }
  if (started) words.push(word)
  return words.length === 0 ? { ok: false, message: "the command is empty" } : { ok: true, words }
}

/** The `{name}` placeholders of a template, in order of appearance (known or not). */
export const placeholdersOf = (template: string): ReadonlyArray<string> => [...template.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]!)

/** The template with every placeholder filled; throws naming the placeholder the student has no value for. */
export const fillTemplate = (template: string, values: ServeValues): string =>
  template.replace(/\{([^{}]*)\}/g, (whole, name: string) => {
    if (!(SERVE_PLACEHOLDERS as ReadonlyArray<string>).includes(name)) return whole
    const v = values[name as ServePlaceholder]
    if (v === null) throw new Error(`{${name}} has no value for this student (${name === "adapter" || name === "adapter_name" ? "it is not a LoRA student" : "unknown"})`)
    return v
  })

/** The model name to request when the spec gives none: the adapter's name when the command serves the adapter, else {model}. */
export const defaultModelTemplate = (command: string): string =>
  placeholdersOf(command).includes("adapter") ? "{adapter_name}" : "{model}"
