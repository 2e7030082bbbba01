// "Did you mean ...?" suggestions for misspelled names (keys, plugins, teachers, mixes).
import { distance } from "fastest-levenshtein"

/** The closest candidate within a small edit distance, or undefined. */
export const closest = (name: string, candidates: Iterable<string>): string | undefined => {
  let best: string | undefined
  let bestDistance = Infinity
  for (const candidate of candidates) {
    const d = distance(name.toLowerCase(), candidate.toLowerCase())
    if (d < bestDistance) {
      best = candidate
      bestDistance = d
    }
  }
  const limit = Math.max(2, Math.floor(name.length / 3))
  return bestDistance <= limit ? best : undefined
}

/** " Did you mean 'x'?" or "", for appending to messages. */
export const didYouMean = (name: string, candidates: Iterable<string>): string => {
  const hit = closest(name, candidates)
  return hit === undefined ? "" : ` Did you mean '${hit}'?`
}
