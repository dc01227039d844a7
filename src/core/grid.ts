/**
 * The grid: what every source (an .xlsx file, the open Excel workbook, a test snippet) is translated
 * into before any judgement happens. Plain data only, so it can cross worker threads and the
 * browser/Node boundary unchanged.
 */
import { parseRange, type RangeBounds } from './address.js';

export type CellValue = number | string | boolean | null;

export interface GridCell {
  /** The cell's value; for a formula cell, its cached result. */
  value: CellValue;
  /** The text Excel would display (number format applied where we can). */
  text: string;
  numFmt?: string;
  formula?: string;
  /** Leading indent level (Excel's alignment indent), when the source knows it. */
  indent?: number;
}

export interface GridSheet {
  name: string;
  /** rows[r-1][c-1]; missing entries are empty cells. */
  rows: (GridCell | undefined)[][];
  /** Merged ranges in A1 form, e.g. "A1:C1". The top-left cell is the master holding the value. */
  merges: string[];
  hidden?: boolean;
  /** Rows the workbook hides (1-based), when the source knows them. */
  hiddenRows?: number[];
}

export interface GridWorkbook {
  sheets: GridSheet[];
}

export function rowCount(sheet: GridSheet): number {
  return sheet.rows.length;
}

export function columnCount(sheet: GridSheet): number {
  let max = 0;
  for (const r of sheet.rows) if (r && r.length > max) max = r.length;
  return max;
}

/** Builds a lookup from every cell covered by a merge to its master cell. */
export class MergeIndex {
  private readonly masterOf = new Map<string, { row: number; col: number }>();
  readonly ranges: RangeBounds[];

  constructor(merges: readonly string[]) {
    this.ranges = merges.map(parseRange);
    for (const r of this.ranges) {
      for (let row = r.top; row <= r.bottom; row++) {
        for (let col = r.left; col <= r.right; col++) {
          if (row !== r.top || col !== r.left) this.masterOf.set(`${row},${col}`, { row: r.top, col: r.left });
        }
      }
    }
  }

  master(row: number, col: number): { row: number; col: number } | undefined {
    return this.masterOf.get(`${row},${col}`);
  }

  /** The merged range whose master is (row, col), if any. */
  rangeAt(row: number, col: number): RangeBounds | undefined {
    return this.ranges.find((r) => r.top === row && r.left === col);
  }
}

/** Convenience for tests and snippets: a sheet from an array of rows of plain values. */
export function sheetFromValues(name: string, values: CellValue[][], merges: string[] = []): GridSheet {
  return {
    name,
    merges,
    rows: values.map((row) =>
      row.map((v) => (v === null || v === '' ? undefined : { value: v, text: typeof v === 'number' ? String(v) : String(v) })),
    ),
  };
}
