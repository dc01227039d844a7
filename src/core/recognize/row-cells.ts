/**
 * Any recognised column's cell of a table row — its name, code or 序号 as well as its amounts —
 * resolved through merges as recognition resolves them. Recognition keeps only the amount cells on
 * each row: the others are asked for by a handful of rows (a finding's name cell, a training
 * mistake that clears a row), and making them for every row was a sixth of a large check.
 */
import type { GridWorkbook } from '../grid.js';
import type { CellRef, RecognizedTable, TableRow } from '../model.js';
import { SheetView } from './sheet-view.js';

export class RowCells {
  private readonly views = new Map<string, SheetView | undefined>();

  constructor(private readonly grid: GridWorkbook) {}

  /** The row's cell in the column of that role, or undefined when the table has no such column. */
  cell(t: RecognizedTable, row: TableRow, role: string): CellRef | undefined {
    const amount = row.cells[role];
    if (amount) return amount;
    // A loop, not find(): asked for every row of a large table by several rules.
    for (const c of t.columns) if (c.role === role) return this.view(t.sheet)?.ref(row.row, c.col);
    return undefined;
  }

  /** The row's cells in every recognised column, in column order. */
  all(t: RecognizedTable, row: TableRow): CellRef[] {
    return t.columns.flatMap((c) => this.cell(t, row, c.role) ?? []);
  }

  /** The sheet as recognition read it (its merges among others), made once per check. */
  view(sheet: string): SheetView | undefined {
    if (!this.views.has(sheet)) {
      const found = this.grid.sheets.find((s) => s.name === sheet);
      this.views.set(sheet, found && new SheetView(found));
    }
    return this.views.get(sheet);
  }
}
