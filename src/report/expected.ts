// Checks measured accuracies against expected cells (e.g. a paper's table) within tolerances.
import type { CellTable } from "./cells.ts"
import type { GapRow } from "./gaps.ts"
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

/**
 * Compares every expected cell with the measured cell of the same size (and family when given), mix and eval set; a
 * gap cell with the gap row of that name, size and eval set (its estimate in points, n its paired items).
 */
export const checkExpected = (table: CellTable, expected: ReadonlyArray<ExpectedCell>, gaps: ReadonlyArray<GapRow> = []): Array<ExpectedCheck> =>
  expected.map((e) => {
    if (e.gap !== undefined) {
      const rows = gaps.filter((g) => g.name === e.gap && g.size === e.size && g.evalSet === e.evalSet && (e.family === undefined || g.family === e.family))
      const row = rows[0]
      if (!row) return { ...e, measured: null, n: 0, status: "missing" as const }
      if (rows.length > 1) return { ...e, measured: null, n: 0, status: "ambiguous" as const }
      const pass = Math.abs(row.estimate - e.value) <= e.tolerance + 1e-9
      return { ...e, measured: row.estimate, n: row.n, status: pass ? ("pass" as const) : ("fail" as const) }
    }
    const matches = table.cells.filter((c) =>
      c.size === e.size && c.mix === e.mix && c.evalSet === e.evalSet && (e.family === undefined || c.family === e.family))
    const cell = matches[0]
    if (!cell) return { ...e, measured: null, n: 0, status: "missing" as const }
    if (matches.length > 1) return { ...e, measured: null, n: 0, status: "ambiguous" as const }
    const pass = Math.abs(cell.accuracy - e.value) <= e.tolerance + 1e-9
    return { ...e, measured: cell.accuracy, n: cell.n, status: pass ? ("pass" as const) : ("fail" as const) }
  })
