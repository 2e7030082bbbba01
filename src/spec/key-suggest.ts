// Suggests the allowed key a misspelled one was meant to be, by name or by the words of its description.
import { closest } from "../plugins/suggest.ts"

const words = (text: string): Array<string> => text.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w !== "")

/**
 * The closest allowed property for an unknown key: by edit distance on names first, then, for keys of two or more
 * words (`lerning_rate`), by the same number of consecutive words of a property's description ("learning rate" -> lr).
 */
export const suggestKey = (key: string, properties: Readonly<Record<string, unknown>>): string | undefined => {
  const names = Object.keys(properties)
  const byName = closest(key, names)
  if (byName !== undefined) return byName
  const keyWords = words(key)
  if (keyWords.length < 2) return undefined
  const phrase = keyWords.join(" ")
  const owners = new Map<string, string>()
  for (const name of names) {
    const prop = properties[name]
    const description = typeof prop === "object" && prop !== null ? (prop as { description?: unknown }).description : undefined
    if (typeof description !== "string") continue
    const ws = words(description)
    for (let i = 0; i + keyWords.length <= ws.length; i++) {
      const window = ws.slice(i, i + keyWords.length).join(" ")
      if (!owners.has(window)) owners.set(window, name)
    }
  }
  const hit = closest(phrase, owners.keys())
  return hit === undefined ? undefined : owners.get(hit)
}
