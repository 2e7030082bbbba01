// Tests for secret redaction: every encoding of a key, credential headers, short keys, and structure-preserving redaction.
import { describe, expect, it } from "vitest"
import { redact, redactSecrets, redactValue, secretForms, secretValues } from "../../src/spec/index.ts"

const KEY = "sk-tEst/Key+with=chars&1234567890"

describe("redactSecrets", () => {
  it("replaces the key as written, URL-encoded (either case, twice) and form-encoded", () => {
    const url = encodeURIComponent(KEY)
    const lower = url.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())
    const text = `raw ${KEY} url ${url} lower ${lower} twice ${encodeURIComponent(url)} query ?k=${encodeURIComponent("a b " + KEY).replace(/%20/g, "+")}`
    const out = redactSecrets(text, [KEY])
    for (const form of [KEY, url, lower, encodeURIComponent(url)]) expect(out).not.toContain(form)
    expect(out).not.toContain("sk-tEst")
    expect(out.match(/\*\*\*/g)?.length).toBe(5)
  })

  it("replaces the key JSON-escaped, once and twice", () => {
    const key = 'k3y"with\\back\\slash-and-quote'
    const once = JSON.stringify({ message: `bad key ${key}` })
    const twice = JSON.stringify({ body: once })
    expect(redactSecrets(once, [key])).toBe(JSON.stringify({ message: "bad key ***" }))
    expect(redactSecrets(twice, [key])).not.toContain("k3y")
  })

  it("replaces the key inside base64 and base64url at every byte alignment", () => {
    for (const prefix of ["", "a", "ab", "user:"]) {
      const bytes = Buffer.from(`${prefix}${KEY}!tail`)
      for (const encoding of ["base64", "base64url"] as const) {
        const blob = bytes.toString(encoding)
        const out = redactSecrets(`token=${blob}`.replace("token=", "blob "), [KEY])
        const shift = prefix.length
        const keyOnly = blob.slice(4 * Math.ceil(shift / 3), 4 * Math.floor((shift + KEY.length) / 3))
        expect(keyOnly.length).toBeGreaterThan(30)
        expect(out).not.toContain(keyOnly.slice(0, 12))
        expect(out).toContain("***")
      }
    }
  })

  it("replaces the key in hex", () => {
    const hex = Buffer.from(KEY).toString("hex")
    expect(redactSecrets(`dump ${hex} ${hex.toUpperCase()}`, [KEY])).toBe("dump *** ***")
  })

  it("masks credentials after Authorization and api-key headers, and key= parameters, even for unknown secrets", () => {
    const text = [
      "Authorization: Bearer abc.def-ghi", '{"authorization":"Basic dXNlcjpwYXNz"}', "x-api-key: sk-ant-zzz",
      "x-goog-api-key=AIzaSyXX", "GET /v1/models?key=AIzaQQ&alt=json"
    ].join("\n")
    const out = redactSecrets(text, [])
    expect(out).toBe([
      "Authorization: Bearer ***", '{"authorization":"Basic ***"}', "x-api-key: ***", "x-goog-api-key=***", "GET /v1/models?key=***&alt=json"
    ].join("\n"))
    expect(redactSecrets("api_key: ${env:MY_KEY}", [])).toBe("api_key: ${env:MY_KEY}")
  })

  it("redacts keys shorter than 8 characters where they stand alone", () => {
    expect(redactSecrets("invalid key k9Zq2 (k9Zq2), url key%3Dk9Zq2, json \\nk9Zq2", ["k9Zq2"])).toBe("invalid key *** (***), url key%3D***, json \\n***")
    expect(redactSecrets("the word k9Zq2x stays", ["k9Zq2"])).toBe("the word k9Zq2x stays")
    expect(redactSecrets("a=1 b=x", ["x"])).toBe("a=1 b=***")
    expect(redact("nothing here", [""])).toBe("nothing here")
  })

  it("lists each form once, longest first", () => {
    const forms = secretForms(KEY)
    expect(new Set(forms).size).toBe(forms.length)
    expect(forms[forms.length - 1]!.length).toBeLessThanOrEqual(forms[0]!.length)
    expect(forms).toContain(KEY)
  })
})

describe("redactValue", () => {
  it("redacts strings and keys but leaves numbers and structure alone, even for a secret like '1'", () => {
    const event = { node: "gen/a", done: 1, error: `HTTP 401 key=${encodeURIComponent(KEY)}`, nested: [{ [KEY]: true }] }
    expect(redactValue(event, [KEY, "1"])).toEqual({ node: "gen/a", done: 1, error: "HTTP 401 key=***", nested: [{ "***": true }] })
  })
})

describe("secretValues", () => {
  it("includes placeholder values, api_key_env targets of any length and long values of credential-named variables", () => {
    const spec = { teachers: { a: { with: { api_key: "${env:FAKE}" } } }, plugins: { "/teachers/b": { config: { api_key_env: "MY_LLM" } } } }
    const env = { FAKE: "abc", MY_LLM: "short", HF_TOKEN: "hf_abcdefghijkl", TINY_TOKEN: "1", HOME: "/root" }
    expect([...secretValues(spec, env)].sort()).toEqual(["abc", "hf_abcdefghijkl", "short"])
  })
})
