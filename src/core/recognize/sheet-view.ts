/** Read access to one grid sheet with merged cells resolved, normalised text cached. */
import { toA1 } from '../address.js';
import { BoundedCache } from '../bounded-cache.js';
import { columnCount, MergeIndex, type GridCell, type GridSheet } from '../grid.js';
import type { CellRef } from '../model.js';
import { decimalsOfFormat, formatRounds, normalizeLabel, parseAmount } from '../text.js';

/**
 * Text with something besides white space: exactly the text normalizeLabel leaves non-empty, since
 * every character NFKC turns into white space is white space already (a test holds this for the BMP).
 */
export const HAS_CONTENT = /[^\s\u3000\u00a0]/;

/** Empty cells a form's amount may stand past its label on a sheet with merges (SheetView.pastSpacer). */
const SPACER_CELLS = 2;

/** Rows whose entries a view keeps: more than a title, its header and the reach past a blank row. */
const ROWS_KEPT = 64;

export interface RowEntry {
  col: number;
  text: string;
  norm: string;
  cell: GridCell;
}

/**
 * A row whose every entry, two or more, is one text: a merge across the row that was unmerged and
 * filled (取消合并并填充: 福州 2026's “本部门无政府性基金预算拨款支出” in each cell of A:F). It reads as
 * its one entry, as the merged row did.
 */
function isUniform(list: readonly RowEntry[]): boolean {
  if (list.length < 2 || !WORDS.test(list[0]!.text)) return false;
  const first = list[0]!;
  return list.every((e) => typeof e.cell.value === 'string' && e.text === first.text);
}

/**
 * Entries with a run of one text in adjacent cells (a merge unmerged and filled) taken once, at its
 * first cell; `apart(col)` tells a cell from the one before it as two labels of one text.
 */
export function withoutFilledRepeats<T extends { col: number; text: string }>(entries: readonly T[], apart?: (col: number) => boolean): T[] {
  return entries.filter((e, i) => i === 0 || e.text !== entries[i - 1]!.text || e.col !== entries[i - 1]!.col + 1 || apart?.(e.col) === true);
}

/** Words, not marks: a 栏次 row of “** | ** | **” or a row of “-” placeholders is no merge filled. */
const WORDS = /\p{L}/u;

export class SheetView {
  readonly merges: MergeIndex;
  readonly rowCount: number;
  readonly colCount: number;
  /**
   * Recognition reads a row a few times, close together (a title, then its header and rows; a blank
   * row, then the rows just after it). Only recent rows are kept: all of them, a sixth of a large
   * sheet's memory, outlived the young generation and cost more to collect than to read again.
   */
  private readonly entriesCache = new BoundedCache<number, RowEntry[]>(ROWS_KEPT);

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

  /** The cell holding (row, col)'s value — the master for a merged one — without building a position. */
  cellAt(row: number, col: number): GridCell | undefined {
    const m = this.merges.master(row, col);
    return m ? this.sheet.rows[m.row - 1]?.[m.col - 1] : this.sheet.rows[row - 1]?.[col - 1];
  }

  text(row: number, col: number): string {
    return this.cellAt(row, col)?.text ?? '';
  }

  norm(row: number, col: number): string {
    return normalizeLabel(this.text(row, col));
  }

  /** Non-empty cells of a row that hold their own value (merge masters and plain cells). */
  entries(row: number): RowEntry[] {
    return this.entriesCache.get(row, this.readEntries);
  }

  private readonly readEntries = (row: number): RowEntry[] => {
    const list: RowEntry[] = [];
    const cells = this.sheet.rows[row - 1] ?? [];
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i];
      if (!cell) continue;
      // A number's display text is digits and separators already: nothing to normalise.
      const norm = typeof cell.value === 'number' ? cell.text : normalizeLabel(cell.text);
      if (norm === '' || this.merges.master(row, i + 1)) continue;
      list.push({ col: i + 1, text: cell.text, norm, cell });
    }
    return isUniform(list) ? [list[0]!] : list;
  };

  /**
   * How many entries the row has, counted no further than one past `atMost`: most rows need no more
   * than that (a table's data row is neither blank, nor a title, nor a note), and counting makes no
   * entry. A cell counts as entries() counts it: its own value, and text that is not all white space.
   */
  entryCount(row: number, atMost: number): number {
    const cells = this.sheet.rows[row - 1];
    if (!cells) return 0;
    let n = 0;
    // Counted on past atMost while every entry so far is one text (a merge unmerged and filled).
    let same: string | undefined;
    let uniform = true;
    for (let i = 0; i < cells.length && (n <= atMost || uniform); i++) {
      const cell = cells[i];
      if (!cell || !(typeof cell.value === 'number' ? cell.text !== '' : HAS_CONTENT.test(cell.text)) || this.merges.master(row, i + 1)) continue;
      if (typeof cell.value !== 'string' || (same !== undefined ? cell.text !== same : !WORDS.test(cell.text))) uniform = false;
      same ??= cell.text;
      n++;
    }
    return uniform && n > 1 ? 1 : Math.min(n, atMost + 1);
  }

  /** The one text every filled cell of the row holds, two cells at least: a merge across it, unmerged and filled. */
  filledAcross(row: number): string | undefined {
    const [only, ...others] = this.entries(row);
    if (!only || others.length > 0) return undefined;
    // One entry made of several cells (isUniform), not a row with one cell filled.
    return this.sheet.rows[row - 1]!.some((c, i) => i + 1 !== only.col && c?.text === only.text) ? only.text : undefined;
  }

  /**
   * The run of cells a label fills across (a merge unmerged and filled: 江苏's 当年支出小计 in C27, D27
   * and E27) when (row, col) is one of them past its first: where the run starts and ends. Undefined
   * for a cell of its own, a merged one, or a text of no words (a row of “—” placeholders).
   */
  filledLabelRun(row: number, col: number): { start: number; end: number } | undefined {
    const cells = this.sheet.rows[row - 1];
    const here = cells?.[col - 1];
    // Asked of every amount cell of every row, nearly all numbers: settled before anything is made.
    if (col < 2 || typeof here?.value !== 'string' || typeof cells![col - 2]?.value !== 'string') return undefined;
    const same = (c: number) => {
      const cell = cells![c - 1];
      return typeof cell?.value === 'string' && cell.text === here.text && this.merges.master(row, c) === undefined;
    };
    if (!WORDS.test(here.text) || !same(col) || !same(col - 1)) return undefined;
    let start = col - 1;
    while (start > 1 && same(start - 1)) start--;
    let end = col;
    while (end < cells!.length && same(end + 1)) end++;
    return { start, end };
  }

  /**
   * Whether a text cell of the row, normalised, passes the test — as entries() would find it, but
   * without making the row's entries (its numbers need none): asked of every row of every sheet.
   * `mayPass`, asked of the text as written, passes by a cell that cannot pass before it is normalised.
   */
  someText(row: number, test: (norm: string) => boolean, mayPass?: (text: string) => boolean): boolean {
    const cells = this.sheet.rows[row - 1];
    if (!cells) return false;
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i];
      if (!cell || typeof cell.value !== 'string' || (mayPass && !mayPass(cell.text))) continue;
      const norm = normalizeLabel(cell.text);
      if (norm !== '' && !this.merges.master(row, i + 1) && test(norm)) return true;
    }
    return false;
  }

  isBlankRow(row: number): boolean {
    return this.entries(row).length === 0;
  }

  /**
   * The column of the amount a form's label at (row, col) introduces: the one after the label's merge.
   * On a sheet with no merges at all (a copy that lost them: 福州 2026's 资金总额 over B:C, its amount
   * over D:E), the first filled cell after the label when that holds a number. `apart(col)` tells a
   * cell holding the label's text from the one before it as a label of its own, not the label filled.
   */
  amountColumnAfter(row: number, col: number, apart?: (col: number) => boolean): number {
    let next = this.rightEdge(row, col) + 1;
    const cells = this.sheet.rows[row - 1] ?? [];
    if (this.merges.ranges.length > 0) return this.pastSpacer(row, next, cells);
    const label = cells[col - 1]?.text;
    for (let c = next; c <= cells.length; c++) {
      const cell = cells[c - 1];
      if (!cell || cell.text.trim() === '') continue;
      // The label again, its merge filled (福州 2026's 资金总额 in B4 and C4, 800.00 in D4 and E4).
      if (typeof cell.value === 'string' && cell.text === label && c === next && apart?.(c) !== true) {
        next++;
        continue;
      }
      return typeof cell.value === 'number' ? c : next;
    }
    return next;
  }

  /**
   * On a sheet with merges, the column after a label: itself, unless it is an empty cell no merge
   * touches and a number stands in the next one or two (a spacer column inserted, or one label's merge
   * lost: 预算数 | | 81.00). A blank value merged over its cells stays the value.
   */
  private pastSpacer(row: number, next: number, cells: readonly (GridCell | undefined)[]): number {
    const empty = (c: number) => (cells[c - 1]?.text.trim() ?? '') === '' && this.merges.rangeAt(row, c) === undefined && this.merges.master(row, c) === undefined;
    if (!empty(next)) return next;
    for (let c = next + 1; c <= next + SPACER_CELLS; c++) {
      if (empty(c)) continue;
      return typeof cells[c - 1]?.value === 'number' && this.merges.master(row, c) === undefined ? c : next;
    }
    return next;
  }

  /** The last column a cell starting at (row, col) covers: its merge's right edge, or itself. */
  rightEdge(row: number, col: number): number {
    return this.merges.rangeAt(row, col)?.right ?? col;
  }

  /** A reference the rules can use: address of the cell holding the value (the master for merges). */
  ref(row: number, col: number): CellRef {
    const m = this.merges.master(row, col);
    const r = m ? m.row : row;
    const c = m ? m.col : col;
    const cell = this.sheet.rows[r - 1]?.[c - 1];
    const ref = new GridRef(this.sheet.name, r, c, cell?.text ?? '');
    if (!cell) return ref;
    const value = cell.value;
    if (typeof value === 'number' && Number.isFinite(value)) {
      ref.amount = value;
      ref.decimals = decimalsOfFormat(cell.numFmt, value);
      if (formatRounds(cell.numFmt, ref.decimals, value)) ref.rounded = true;
    } else {
      const parsed = parseAmount(value, cell.numFmt);
      if (parsed.kind === 'number') {
        ref.amount = parsed.value;
        ref.decimals = parsed.decimals;
      } else if (parsed.kind === 'invalid') ref.invalid = true;
    }
    if (cell.formula !== undefined && value === null) ref.uncalculated = true;
    return ref;
  }
}

/** A reference that reads as the text given, not as the cell holds: a blank category, a name a title gives. */
export function textRef(sheet: string, row: number, col: number, text: string): CellRef {
  return new GridRef(sheet, row, col, text);
}

/**
 * A recognised cell. One per cell of every table (half a million on a county consolidation), so it is
 * lean: its A1 address is spelled only when read (a finding, a message), and every flag is present,
 * undefined unless it holds, so the rules read one hidden class.
 */
class GridRef implements CellRef {
  amount: number | null = null;
  decimals = 0;
  rounded: boolean | undefined = undefined;
  invalid: boolean | undefined = undefined;
  uncalculated: boolean | undefined = undefined;

  constructor(
    readonly sheet: string,
    readonly row: number,
    readonly col: number,
    public text: string,
  ) {}

  get cell(): string {
    return toA1(this.row, this.col);
  }
}
