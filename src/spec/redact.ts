// Redaction of secrets in every form they reach text in: raw, URL-encoded, JSON-escaped, base64, hex, and credential headers.

/** Below this length a secret is replaced only where it stands alone (not inside a longer word or number). */
const SHORT = 8

/** Encoded forms shorter than this are too common to replace (a base64 fragment of a 3-character key). */
const MIN_FORM = 4

const percentLower = (s: string): string => s.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())

const jsonInner = (s: string): string => JSON.stringify(s).slice(1, -1)

const unicodeEscaped = (s: string): string =>
  jsonInner(s).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)

/** The base64 characters that depend on the secret's bytes only, for each of the three byte alignments. */
const base64Cores = (bytes: Buffer): ReadonlyArray<string> =>
  [0, 1, 2].flatMap((shift) => {
    const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString("base64")
    const first = Math.ceil(shift / 3)
    const end = Math.floor((shift + bytes.length) / 3)
    const core = encoded.slice(4 * first, 4 * end)
    return [core, core.replace(/\+/g, "-").replace(/\//g, "_")]
  })

/**
 * Every form `secret` may take in a log, an error or a file: as written, URL-encoded (upper and lower case,
 * form-encoded, twice-encoded), JSON-escaped (once, twice, with \u escapes), base64 and base64url at any byte
 * alignment, and hex. Longest first.
 */
export const secretForms = (secret: string): ReadonlyArray<string> => {
  if (secret === "") return []
  const bytes = Buffer.from(secret, "utf8")
  const url = encodeURIComponent(secret)
  const derived = [
    url, percentLower(url), url.replace(/%20/g, "+"), encodeURIComponent(url),
    jsonInner(secret), jsonInner(jsonInner(secret)), unicodeEscaped(secret),
    ...base64Cores(bytes), bytes.toString("hex"), bytes.toString("hex").toUpperCase()
  ].filter((f) => f.length >= MIN_FORM)
  return [...new Set([secret, ...derived])].sort((a, b) => b.length - a.length)
}

/** Not inside a word: after a non-alphanumeric character, a %XX escape or a \n / \r / \t escape. */
const STANDS_ALONE_BEFORE = "(?:(?<![A-Za-z0-9])|(?<=%[0-9A-Fa-f]{2})|(?<=\\\\[nrt]))"

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")

/** Credentials written after a header or parameter name, whatever the secret list says. */
const CREDENTIAL_PATTERNS: ReadonlyArray<RegExp> = [
  /\b((?:proxy-)?authorization["']?\s*[:=]\s*["']?(?:(?:bearer|basic|token|apikey|key)\s+)?)(?!\$\{)([^\s"',;}]+)/gi,
  /\b((?:x-api-key|x-goog-api-key|api-key|api_key|apikey|access_token|x-auth-token)["']?\s*[:=]\s*["']?)(?!\$\{)([^\s"',;&}]+)/gi,
  /([?&](?:key|api_key|apikey|access_token|token)=)([^&\s"'#;]+)/gi
]

/** `text` with credential header and URL parameter values replaced by `mask`. */
export const redactCredentials = (text: string, mask: string): string =>
  CREDENTIAL_PATTERNS.reduce((acc, re) => acc.replace(re, (_whole, name: string) => `${name}${mask}`), text)

const replaceForm = (text: string, form: string, mask: string): string =>
  form.length >= SHORT
    ? text.split(form).join(mask)
    : text.replace(new RegExp(`${STANDS_ALONE_BEFORE}${escapeRegExp(form)}(?![A-Za-z0-9])`, "g"), mask)

/**
 * `text` with every form of every secret (see secretForms) replaced by `mask`, and credentials after
 * Authorization / api-key headers and `key=` URL parameters masked too. Secrets shorter than 8 characters are
 * replaced where they stand alone, so a 3-character key does not eat every word that contains it.
 */
export const redactSecrets = (text: string, secrets: ReadonlyArray<string | undefined>, mask = "***"): string => {
  const forms = [...new Set(secrets.flatMap((s) => (s === undefined ? [] : secretForms(s))))].sort((a, b) => b.length - a.length)
  const masked = forms.reduce((acc, form) => (acc.includes(form) ? replaceForm(acc, form, mask) : acc), text)
  return redactCredentials(masked, mask)
}

/** A copy of a JSON-like value whose strings (keys included) are redacted; numbers and structure are untouched. */
export const redactValue = <T>(value: T, secrets: ReadonlyArray<string | undefined>, mask = "***"): T => {
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") return redactSecrets(v, secrets, mask)
    if (Array.isArray(v)) return v.map(walk)
    if (typeof v === "object" && v !== null) {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [redactSecrets(k, secrets, mask), walk(x)]))
    }
    return v
  }
  return walk(value) as T
}
