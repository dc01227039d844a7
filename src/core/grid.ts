/**
 * The grid: what every source (an .xlsx file, the open Excel workbook, a test snippet) is translated
 * into before any judgement happens. Plain data only, so it can cross worker threads and the
 * browser/Node boundary unchanged.
 */
import { fromA1, parseRange, toA1, type RangeBounds } from './address.js';
import { addTo } from './multimap.js';
import { displayText } from './text.js';

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

/**
 * Merged ranges, indexed by row: which merge covers a cell, and which merge starts at it. Ranges are
 * never expanded cell by cell (a merge over a whole sheet is 17 billion cells); a row lists the ranges
 * crossing it, and ranges taller than TALL rows are kept aside and scanned.
 */
const TALL = 256;
const key = (row: number, col: number) => row * 16_385 + col;

export class MergeIndex {
  readonly ranges: RangeBounds[];
  private readonly byRow = new Map<number, RangeBounds[]>();
  private readonly tall: RangeBounds[] = [];
  private readonly byMaster = new Map<number, RangeBounds>();

  constructor(merges: readonly string[]) {
    this.ranges = merges.map(parseRange);
    for (const r of this.ranges) {
      if (!this.byMaster.has(key(r.top, r.left))) this.byMaster.set(key(r.top, r.left), r);
      if (r.bottom - r.top >= TALL) {
        this.tall.push(r);
        continue;
      }
      for (let row = r.top; row <= r.bottom; row++) addTo(this.byRow, row, r);
    }
  }

  /** The master of the merge covering (row, col) when that cell is covered but is not the master. */
  master(row: number, col: number): { row: number; col: number } | undefined {
    const r = this.covering(row, col);
    return r && (r.top !== row || r.left !== col) ? { row: r.top, col: r.left } : undefined;
  }

  /** The merged range whose master is (row, col), if any. */
  rangeAt(row: number, col: number): RangeBounds | undefined {
    return this.byMaster.get(key(row, col));
  }

  private covering(row: number, col: number): RangeBounds | undefined {
    // Most rows of a budget table cross no merge: asked for every cell, this must cost nothing.
    if (this.ranges.length === 0) return undefined;
    const list = this.byRow.get(row);
    if (list) for (const r of list) if (r.left <= col && col <= r.right) return r;
    for (const r of this.tall) if (r.top <= row && row <= r.bottom && r.left <= col && col <= r.right) return r;
    return undefined;
  }
}

/** The cell at an A1 address of a sheet named so; undefined for an empty cell or a sheet the workbook lacks. */
export function cellAt(grid: GridWorkbook, sheet: string, a1: string): GridCell | undefined {
  const at = fromA1(a1);
  return grid.sheets.find((s) => s.name === sheet)?.rows[at.row - 1]?.[at.col - 1];
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

/**
 * A copy of the workbook with some cells set (null blanks one), each shown as its number format shows
 * it; sheets no change touches are shared, not copied. Mistakes are planted so, in the tests, in the
 * training generator (src/train/generate.ts) and in the corpus survey (scripts/corpus-survey.ts).
 */
export function withCellValues(grid: GridWorkbook, changes: readonly { sheet: string; cell: string; value: CellValue }[]): GridWorkbook {
  return {
    sheets: grid.sheets.map((s) => {
      const mine = changes.filter((c) => c.sheet === s.name);
      if (mine.length === 0) return s;
      const rows = s.rows.map((r) => r.slice());
      for (const c of mine) {
        const p = fromA1(c.cell);
        const row = (rows[p.row - 1] ??= []);
        const old = row[p.col - 1];
        row[p.col - 1] = c.value === null ? undefined : { ...old, value: c.value, text: displayText(c.value, old?.numFmt) };
      }
      return { ...s, rows };
    }),
  };
}

/**
 * The workbook as it reads after 取消合并并填充 (unmerge, then fill): every cell a merge covered holds
 * the master's value, and no merge is left. Real copies of budgets arrive so; the checker must judge
 * them as it judges the merged original (tests/recognition/layout-invariance.test.ts, scripts/corpus-sweep.ts).
 */
export function withMergesFilled(grid: GridWorkbook): GridWorkbook {
  return {
    sheets: grid.sheets.map((s) => {
      if (s.merges.length === 0) return s;
      const rows = s.rows.map((r) => (r ? [...r] : r));
      for (const m of s.merges) {
        const b = parseRange(m);
        const master = rows[b.top - 1]?.[b.left - 1];
        if (!master) continue;
        for (let r = b.top; r <= b.bottom; r++) for (let c = b.left; c <= b.right; c++) (rows[r - 1] ??= [])[c - 1] = { ...master };
      }
      return { ...s, rows, merges: [] };
    }),
  };
}

/** The workbook with an empty column inserted before column `at` of every sheet (a spacer, or a column emptied and kept). */
export function withColumnInserted(grid: GridWorkbook, at: number): GridWorkbook {
  const shift = (c: number) => (c >= at ? c + 1 : c);
  return {
    sheets: grid.sheets.map((s) => ({
      ...s,
      rows: s.rows.map((r) => (r && r.length >= at ? [...r.slice(0, at - 1), undefined, ...r.slice(at - 1)] : r)),
      merges: s.merges.map((m) => {
        const b = parseRange(m);
        return `${toA1(b.top, shift(b.left))}:${toA1(b.bottom, shift(b.right))}`;
      }),
    })),
  };
}

/** Where a cell of withColumnInserted(grid, at) stood before the column was inserted. */
export function cellBeforeColumnInserted(cell: string, at: number): string {
  const { row, col } = fromA1(cell);
  return col > at ? toA1(row, col - 1) : cell;
}
