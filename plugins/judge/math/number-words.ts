// Reads numbers written in English words: "seven", "twenty-one", "one hundred and five".

const small: Readonly<Record<string, number>> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90
}
const scales: Readonly<Record<string, number>> = { thousand: 1e3, million: 1e6, billion: 1e9 }

/** "seven" -> 7, "twenty-one" -> 21, "one hundred and five" -> 105; null for anything else. */
export const parseNumberWords = (text: string): number | null => {
  const words = text.toLowerCase().trim().split(/[\s-]+/).filter((w) => w !== "and")
  if (words.length === 0 || words[0] === "") return null
  let total = 0
  let current = 0
  for (const w of words) {
    const n = small[w]
    if (n !== undefined) current += n
    else if (w === "hundred") current = (current === 0 ? 1 : current) * 100
    else if (scales[w] !== undefined) {
      total += (current === 0 ? 1 : current) * scales[w]!
      current = 0
    } else return null
  }
  return total + current
}
