// Balanced assignment helpers for mixes: exact quotas by largest remainder, and greedy filling towards token shares.

/**
 * Splits `total` items into integer quotas proportional to `weights` (largest remainder method).
 * The quotas sum to `total`; ties in the remainders go to the earlier weight.
 */
export const apportion = (weights: ReadonlyArray<number>, total: number): Array<number> => {
  const sum = weights.reduce((a, b) => a + b, 0)
  if (sum <= 0 || total <= 0) return weights.map(() => 0)
  const raw = weights.map((w) => (w / sum) * total)
  const quotas = raw.map((r) => Math.floor(r + 1e-9))
  let left = total - quotas.reduce((a, b) => a + b, 0)
  const order = raw.map((r, i) => ({ i, frac: r - (quotas[i] as number) })).sort((a, b) => b.frac - a.frac || a.i - b.i)
  for (let k = 0; left > 0 && k < order.length; k++, left--) {
    const i = (order[k] as { i: number }).i
    quotas[i] = (quotas[i] as number) + 1
  }
  return quotas
}

const distance = (totals: ReadonlyArray<number>, targets: ReadonlyArray<number>): number => {
  const sum = totals.reduce((a, b) => a + b, 0)
  if (sum === 0) return 0
  let d = 0
  for (let i = 0; i < totals.length; i++) d += Math.abs((totals[i] as number) / sum - (targets[i] as number))
  return d
}

/**
 * Chooses a source for each item so that the token totals per source approach the target shares.
 * `costs[item][source]` is the item's token count from that source; each item goes to the source that
 * leaves the shares closest (L1) to `targets` (ties: the earlier source). Returns the chosen source per item.
 */
export const greedyTokenAssign = (
  costs: ReadonlyArray<ReadonlyArray<number>>,
  targets: ReadonlyArray<number>
): Array<number> => {
  const totals = targets.map(() => 0)
  return costs.map((row) => {
    let best = 0
    let bestD = Infinity
    for (let s = 0; s < targets.length; s++) {
      totals[s] = (totals[s] as number) + (row[s] as number)
      const d = distance(totals, targets)
      totals[s] = (totals[s] as number) - (row[s] as number)
      if (d < bestD - 1e-12) {
        bestD = d
        best = s
      }
    }
    totals[best] = (totals[best] as number) + (row[best] as number)
    return best
  })
}

/** First-fit: indices of items, taken in order, whose sizes fit within `budget` (an item that does not fit is skipped). */
export const fillBudget = (sizes: ReadonlyArray<number>, budget: number): Array<number> => {
  const out: Array<number> = []
  let used = 0
  sizes.forEach((s, i) => {
    if (used + s <= budget + 1e-9) {
      used += s
      out.push(i)
    }
  })
  return out
}
