// Holm-Bonferroni adjustment of a family of p-values (controls the family-wise error rate under any dependence).

/**
 * Holm's step-down adjusted p-values, in the input's order: sorted ascending, the i-th (from 0) of m becomes
 * max over j <= i of min(1, (m - j) p_j). A claim survives at level a when its adjusted p <= a. NaN counts as 1.
 */
export const holmAdjust = (ps: ReadonlyArray<number>): Array<number> => {
  const m = ps.length
  const order = ps.map((p, i) => ({ p: Number.isNaN(p) ? 1 : p, i })).sort((x, y) => x.p - y.p || x.i - y.i)
  const out = new Array<number>(m).fill(1)
  let running = 0
  order.forEach(({ p, i }, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p))
    out[i] = running
  })
  return out
}
