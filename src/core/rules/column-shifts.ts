/**
 * A column whose figures slid a row: 西安 国资委 2022's 表6 prints each row's 合计 one row up (F16 holds
 * 30201 办公费's 940,000.00, F17 印刷费's 50,000 …), so row after row fails its 合计 = 人员 + 公用 + 项目.
 * Each failure is reported with its own right value; this names the one slip behind them all, so the
 * person moves the column back instead of typing twenty figures.
 *
 * A failed row identity (a sum within one row) is explained by a slide when taking the same column's
 * figure from the row above (or below) makes it hold. A run of such rows, one column, one direction,
 * is a slide; a few rows alike are not chance.
 */
import type { CellRef } from '../model.js';
import { termKey, terms, type Identity, type Term } from './identity.js';
import type { Culprit, Judge } from './locate.js';

/** Explained rows a run needs before it is called a slide: three could be chance in a table of zeros and round figures. */
const MIN_RUN = 4;
/** Rows a run may skip between two it explains (a row failing for a reason of its own, like 表6's 印刷费). */
const MAX_GAP = 2;

export interface ColumnShift {
  sheet: string;
  col: number;
  /** Where each row's right figure stands: the row above (−1) or below (+1). */
  by: -1 | 1;
  /** The cells explained, in row order, each with the neighbouring cell holding its figure. */
  cells: { term: Term; neighbour: CellRef }[];
  /** The failed identities the slide explains. */
  explains: Identity[];
}

/** A sum within one row of one sheet: its cells side by side (合计 = 基本 + 项目). */
function rowIdentity(id: Identity): { sheet: string; row: number } | undefined {
  const all = terms(id);
  const [first] = all;
  if (!first || all.length < 3) return undefined;
  return all.every((t) => !t.inText && t.ref.sheet === first.ref.sheet && t.ref.row === first.ref.row) ? { sheet: first.ref.sheet, row: first.ref.row } : undefined;
}

/**
 * The slides among the failed identities. `neighbour` gives the cell of the same column in the row
 * above or below (undefined where there is none, or no amount); `fails` judges an identity with a
 * cell's figure replaced, by its own rule.
 */
export async function columnShifts(failed: readonly Identity[], neighbour: (ref: CellRef, by: -1 | 1) => CellRef | undefined, fails: Judge): Promise<ColumnShift[]> {
  interface Explained {
    row: number;
    id: Identity;
    term: Term;
    neighbour: CellRef;
  }
  const byColumn = new Map<string, Explained[]>();
  const failedRows = new Map<string, number[]>();
  for (const id of failed) {
    const at = rowIdentity(id);
    if (!at) continue;
    (failedRows.get(at.sheet) ?? failedRows.set(at.sheet, []).get(at.sheet)!).push(at.row);
    for (const term of terms(id)) {
      if (term.ref.uncalculated) continue;
      for (const by of [-1, 1] as const) {
        const n = neighbour(term.ref, by);
        if (!n || n.amount === null || n.amount === term.ref.amount) continue;
        if (await fails(id, new Map([[termKey(term), n.amount]]))) continue;
        const key = `${at.sheet}\u0000${term.ref.col}\u0000${by}`;
        (byColumn.get(key) ?? byColumn.set(key, []).get(key)!).push({ row: at.row, id, term, neighbour: n });
      }
    }
  }
  const shifts: ColumnShift[] = [];
  for (const [key, list] of byColumn) {
    const [sheet, col, by] = key.split('\u0000');
    list.sort((a, b) => a.row - b.row);
    for (const run of runsOf(list)) {
      if (new Set(run.map((e) => e.row)).size < MIN_RUN) continue;
      // Most failures of the rows it spans must be the slide's: else it is chance among many faults.
      const spanned = failedRows.get(sheet!)!.filter((r) => r >= run[0]!.row && r <= run[run.length - 1]!.row).length;
      if (run.length * 4 < spanned * 3) continue;
      shifts.push({ sheet: sheet!, col: Number(col), by: Number(by) as -1 | 1, cells: run.map((e) => ({ term: e.term, neighbour: e.neighbour })), explains: run.map((e) => e.id) });
    }
  }
  // One slide per column: where a run reads both ways (a column of equal figures), the longer stands.
  return shifts.filter((s) => !shifts.some((o) => o !== s && o.sheet === s.sheet && o.col === s.col && overlaps(o, s) && (o.cells.length > s.cells.length || (o.cells.length === s.cells.length && o.by < s.by))));
}

function runsOf<T extends { row: number }>(list: readonly T[]): T[][] {
  const runs: T[][] = [];
  for (const e of list) {
    const run = runs[runs.length - 1];
    if (run && e.row - run[run.length - 1]!.row <= MAX_GAP) run.push(e);
    else runs.push([e]);
  }
  return runs;
}

function overlaps(a: ColumnShift, b: ColumnShift): boolean {
  const span = (s: ColumnShift) => [s.cells[0]!.term.ref.row, s.cells[s.cells.length - 1]!.term.ref.row] as const;
  const [a1, a2] = span(a);
  const [b1, b2] = span(b);
  return a1 <= b2 && b1 <= a2;
}

/**
 * An ambiguous cell of a slid column, one of whose choices is the slide's own figure (the cell's
 * neighbour's): the slide, a run of rows alike, is the evidence the row alone lacked. 西安 国资委 2022's
 * 表6 F19 邮电费 named 合计 (30,000.00, the figure printed a row up), 人员经费 or 项目支出; its ledger, and
 * the slide, say 合计. Offered as a best guess (unsafe), never safe: the slide itself may be misread.
 */
export function settledByShift(c: Culprit, shifts: readonly ColumnShift[]): Culprit {
  if (c.safety !== 'ambiguous' || c.resolves.length !== 1) return c;
  const [only] = c.resolves;
  for (const shift of shifts) {
    if (!shift.explains.includes(only!)) continue;
    for (const { term, neighbour } of shift.cells) {
      const pick = c.candidates.find((k) => termKey(k.term) === termKey(term) && neighbour.amount !== null && Math.abs(k.value - neighbour.amount) < 1e-6);
      if (pick) return { ...pick, with: [], resolves: c.resolves, safety: 'unsafe', candidates: [] };
    }
  }
  return c;
}
