/** Read access to one grid sheet with merged cells resolved, normalised text cached. */
import { toA1 } from '../address.js';
import { columnCount, MergeIndex, type GridCell, type GridSheet } from '../grid.js';
import type { CellRef } from '../model.js';
import { normalizeLabel, parseAmount } from '../text.js';

export interface RowEntry {
  col: number;
  text: string;
  norm: string;
  cell: GridCell;
}

export class SheetView {
  readonly merges: MergeIndex;
  readonly rowCount: number;
  readonly colCount: number;
  private readonly entriesCache = new Map<number, RowEntry[]>();

  constructor(readonly sheet: GridSheet) {
    this.merges = new MergeIndex(sheet.merges);
    this.rowCount = sheet.rows.length;
    this.colCount = columnCount(sheet);
  }

  get name(): string {
    return this.sheet.name;
  }

  /** The cell itself, or the master of the merge covering it. */
  resolved(row: number, col: number): { row: number; col: number; cell: GridCell | undefined } {
    const m = this.merges.master(row, col);
    const r = m ? m.row : row;
    const c = m ? m.col : col;
    return { row: r, col: c, cell: this.sheet.rows[r - 1]?.[c - 1] };
  }

  text(row: number, col: number): string {
    return this.resolved(row, col).cell?.text ?? '';
  }

  norm(row: number, col: number): string {
    return normalizeLabel(this.text(row, col));
  }

  /** Non-empty cells of a row that hold their own value (merge masters and plain cells). */
  entries(row: number): RowEntry[] {
    let list = this.entriesCache.get(row);
    if (!list) {
      list = [];
      const cells = this.sheet.rows[row - 1] ?? [];
      cells.forEach((cell, i) => {
        if (!cell) return;
        // A number's display text is digits and separators already: nothing to normalise.
        const norm = typeof cell.value === 'number' ? cell.text : normalizeLabel(cell.text);
        if (norm === '') return;
        if (this.merges.master(row, i + 1)) return;
        list!.push({ col: i + 1, text: cell.text, norm, cell });
      });
      this.entriesCache.set(row, list);
    }
    return list;
  }

  isBlankRow(row: number): boolean {
    return this.entries(row).length === 0;
  }

  /** The last column a cell starting at (row, col) covers: its merge's right edge, or itself. */
  rightEdge(row: number, col: number): number {
    return this.merges.rangeAt(row, col)?.right ?? col;
  }

  /** A reference the rules can use: address of the cell holding the value (the master for merges). */
  ref(row: number, col: number): CellRef {
    const r = this.resolved(row, col);
    const cell = r.cell;
    const parsed = parseAmount(cell?.value ?? null, cell?.numFmt);
    return {
      sheet: this.sheet.name,
      cell: toA1(r.row, r.col),
      row: r.row,
      col: r.col,
      text: cell?.text ?? '',
      amount: parsed.kind === 'number' ? parsed.value : null,
      decimals: parsed.kind === 'number' ? parsed.decimals : 0,
      ...(parsed.kind === 'number' && parsed.rounded && { rounded: true }),
      ...(parsed.kind === 'invalid' && { invalid: true }),
      ...(cell?.formula !== undefined && cell.value === null && { uncalculated: true }),
    };
  }
}
