// Which decode nodes go through a served student, and what of the served model enters their key.
import { defaultModelTemplate } from "../students/serve-command.ts"
import type { Serve } from "../spec/types.gen.ts"

/** How a decode node reaches its served student. */
export interface ServedDecode {
  /** The student's name in the spec (`base/<size>`, `<mix>/<size>/<method>/s<seed>`): one server per student. */
  readonly student: string
  readonly form: "url" | "command"
  /** The model name requested: the url form's mapped name, or the command form's template ({model}, {adapter_name}). */
  readonly model: string
  /** The revision the url form says the server loaded; null when not stated (the command form's student is keyed upstream). */
  readonly revision: string | null
  readonly chat: boolean
}

/** The served decode of `student`, or null when it is decoded in-process (no serve section, or a url form that does not name it). */
export const servedDecode = (serve: Serve | undefined, student: string): ServedDecode | null => {
  if (serve === undefined) return null
  const chat = serve.chat ?? true
  if (serve.command !== undefined) {
    return { student, form: "command", model: serve.model ?? defaultModelTemplate(serve.command), revision: null, chat }
  }
  const named = serve.models?.[student]
  if (named === undefined) return null
  return typeof named === "string"
    ? { student, form: "url", model: named, revision: null, chat }
    : { student, form: "url", model: named.name, revision: named.revision ?? null, chat }
}

/** What of a served decode is meaning: the model requested, its revision and the endpoint kind; never the URL, key or command. */
export const servedKey = (s: ServedDecode): Readonly<Record<string, unknown>> => ({ model: s.model, revision: s.revision, chat: s.chat })
