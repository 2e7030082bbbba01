// Checks measured accuracies against expected cells (e.g. a paper's table) within tolerances.
import type { CellTable } from "./cells.ts"
import type { ExpectedCell } from "./types.ts"

/**
 * The verdict for one expected cell: pass when |measured - value| <= tolerance; missing when no such cell was
 * measured; ambiguous when several families have that size and the cell names no family.
 */
export interface ExpectedCheck extends ExpectedCell {
  readonly measured: number | null
  readonly n: number
  readonly status: "pass" | "fail" | "missing" | "ambiguous"
}

/** Compares every expected cell with the measured cell of the same size (and family when given), mix and eval set. */
export const checkExpected = (table: CellTable, expected: ReadonlyArray<ExpectedCell>): Array<ExpectedCheck> =>
  expected.map((e) => {
    const matches = table.cells.filter((c) =>
      c.size === e.size && c.mix === e.mix && c.evalSet === e.evalSet && (e.family === undefined || c.family === e.family))
    const cell = matches[0]
    if (!cell) return { ...e, measured: null, n: 0, status: "missing" as const }
    if (matches.length > 1) return { ...e, measured: null, n: 0, status: "ambiguous" as const }
    const pass = Math.abs(cell.accuracy - e.value) <= e.tolerance + 1e-9
    return { ...e, measured: cell.accuracy, n: cell.n, status: pass ? ("pass" as const) : ("fail" as const) }
  })
