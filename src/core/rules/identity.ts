/**
 * Numeric identities: "this cell equals (or is at most) the sum of those". Every amount rule —
 * hierarchy sums, row identities, cross-table ties, bounds — yields identities, so one localiser can
 * find the cell to change across all of them.
 */
import type { CellAddress } from '../findings.js';
import type { Lang } from '../messages.js';
import type { CellRef, Unit } from '../model.js';

export type Localized = Record<Lang, string>;

/** eq left = right; le left ≤ right; ge left ≥ right. */
export type Relation = 'eq' | 'le' | 'ge';

export const UNIT_FACTOR: Record<Unit, number> = { 元: 1, 千元: 1000, 万元: 10000, 亿元: 100000000 };

export interface Term {
  ref: CellRef;
  /** Multiplier from the cell's own unit to 元. */
  factor: number;
  unit: Unit;
  sign: 1 | -1;
  /** How a reviewer names this cell: table, row code and name, column. */
  label: Localized;
  /** The label with other cells in place of this one's address (sum-label.ts names repeated rows together). */
  labelAt?(cells: string, lang: Lang): string;
  /** The label's two halves: the table's name, and the rest (cell, row, column), for naming several cells of one table once. */
  tableName?(lang: Lang): string;
  /** The label without its table's name; `cells` in place of this one's address where given. */
  labelInTable?(lang: Lang, cells?: string): string;
  /**
   * For an amount written inside text (the 说明 narrative): which characters hold it, so several
   * amounts in one paragraph stay apart and a fix can rewrite just that number.
   */
  inText?: { start: number; end: number };
  /**
   * A figure that may be right where what it describes is incomplete (a “全覆盖” claim over less than
   * the project spending): an identity holding one is named when it fails, with no cell to change.
   */
  unsuggested?: true;
  /** termKey's result, kept on first use: the localiser and the verdict cache ask for it often. */
  key?: string;
}

export interface Identity {
  /** Unique per identity, stable across runs (rule id + cells). */
  key: string;
  ruleId: string;
  relation: Relation;
  /** A tolerance the rule chose, in 元; otherwise what rounding the shown digits can explain. */
  tolerance?: number;
  lhs: Term[];
  rhs: Term[];
  /** Extra placeholders for the rule's message (parent code, row name, …). */
  context: Record<string, string | number>;
  /** Placeholders that differ by language; called only when a message is written. */
  describe?: (lang: Lang) => Record<string, string>;
}

export function cellKey(a: CellAddress): string {
  return `${a.sheet}!${a.cell}`;
}

/**
 * An identity named by the one cell it judges (a total, a parent row, a project's budget). Its key is
 * that cell's, spelled out only when asked: most identities hold and are never named, and there are
 * hundreds of thousands of them on a county consolidation.
 */
export class CellIdentity implements Identity {
  constructor(
    readonly ruleId: string,
    /** The cell the identity is named by (on either side). */
    private readonly named: Term,
    readonly relation: Relation,
    readonly lhs: Term[],
    readonly rhs: Term[],
    /** Its placeholders, or how to write them on first read: a row's name is wanted only by an identity that is read. */
    private placeholders: Record<string, string | number> | (() => Record<string, string | number>),
    readonly describe?: (lang: Lang) => Record<string, string>,
  ) {}

  get context(): Record<string, string | number> {
    if (typeof this.placeholders === 'function') this.placeholders = this.placeholders();
    return this.placeholders;
  }

  get key(): string {
    return `${this.ruleId}:${cellKey(this.named.ref)}`;
  }
}

/** The cell an identity is read from and reported on: its first left-hand term (a total), else its first right-hand one. */
export const anchorOf = (identity: Identity): Term => identity.lhs[0] ?? identity.rhs[0]!;

/**
 * Half the last shown digit: amounts are read to the cent at least (DESIGN.md §1, XBRL Calculations
 * 1.1), or to the digit their number format shows when it rounds them ("#,##0" hides the 角 and 分).
 */
export function halfWidth(t: Term): number {
  return halfWidthOf(t.ref, t.factor, t.inText !== undefined);
}

function halfWidthOf(ref: CellRef, factor: number, inText: boolean): number {
  const decimals = ref.rounded ? ref.decimals : Math.max(2, ref.decimals);
  // A figure in the narrative is often worked out from rounded ones (北京 审计局 2026's 项目支出 7633.51
  // = 32852.05 − 25218.54, for a table's 7633.516247): to the cent, it may be off by one in its last
  // digit. One written rounded coarser (上海 2026's 2,605 万元) is only rounded.
  return (inText && !ref.rounded ? 1 : 0.5) * (HALF_STEPS[decimals] ?? 10 ** -decimals) * factor;
}

/** 10^-d for the decimals amounts show: every term of every identity asks, and ** is slow. */
const HALF_STEPS = Array.from({ length: 16 }, (_, d) => 10 ** -d);

export type Overrides = ReadonlyMap<string, number>;

/** Identifies what a term reads: a cell, or one amount inside a cell's text. */
export function termKey(t: Term): string {
  return (t.key ??= t.inText ? `${cellKey(t.ref)}#${t.inText.start}` : cellKey(t.ref));
}

function valueOf(t: Term, overrides?: Overrides): number {
  const o = overrides?.get(termKey(t));
  return (o ?? t.ref.amount ?? 0) * t.factor * t.sign;
}

/** In 元: a cell's amount (blank is zero) at its unit's factor, counted once with a plus sign. */
const cellValue = (ref: CellRef, factor: number) => (ref.amount ?? 0) * factor * 1;

export interface Evaluation {
  /** Left and right sides in 元. */
  left: number;
  right: number;
  /** left − right, in 元. */
  difference: number;
  /** By how much the relation is broken, in 元: |difference| for eq, difference for le, −difference for ge. */
  breach: number;
  tolerance: number;
}

const toMicro = (yuan: number) => Math.round(yuan * 1e6) / 1e6;



export function evaluate(id: Identity, overrides?: Overrides): Evaluation {
  let left = 0;
  let right = 0;
  let tolerance = 0;
  for (const t of id.lhs) {
    left += valueOf(t, overrides);
    tolerance += halfWidth(t);
  }
  for (const t of id.rhs) {
    right += valueOf(t, overrides);
    tolerance += halfWidth(t);
  }
  return settle(id.relation, left, right, id.tolerance ?? tolerance);
}

/**
 * One cell against the sum of others, each counted once with a plus sign — a parent row and its
 * children, a row's total and its parts (one table's unit, factor), a cell and the one it ties to in
 * another table (rightFactor, and a tolerance the rule may fix) — evaluated as evaluate()
 * evaluates their cell terms, to the last bit, without making them: most identities hold, and their
 * terms were most of what a large check allocated. The iterator makes the identity only when its
 * rules could report it (conditions.ts, compileScreen).
 */
export function evaluateCells(relation: Relation, left: CellRef, right: readonly CellRef[], factor: number, rightFactor = factor, fixedTolerance?: number): Evaluation {
  // Summed from zero in evaluate()'s order, so even a −0 comes out as it does there.
  let l = 0;
  let r = 0;
  let tolerance = 0;
  l += cellValue(left, factor);
  tolerance += halfWidthOf(left, factor, false);
  for (const ref of right) {
    r += cellValue(ref, rightFactor);
    tolerance += halfWidthOf(ref, rightFactor, false);
  }
  return settle(relation, l, r, fixedTolerance ?? tolerance);
}

function settle(relation: Relation, left: number, right: number, tolerance: number): Evaluation {
  const difference = left - right;
  const breach = relation === 'eq' ? Math.abs(difference) : relation === 'le' ? difference : -difference;
  // Sums of decimals carry float noise: compared at a millionth of a 元, a breach equal to the
  // tolerance is equal, not a hair above it.
  return { left, right, difference, breach: toMicro(breach), tolerance: toMicro(tolerance) };
}

/** The value a term's cell must take (in its own unit) for the identity to hold exactly, other cells as `overrides` say. */
export function solveFor(id: Identity, term: Term, overrides?: Overrides): number {
  const { difference } = evaluate(id, overrides);
  const side = id.lhs.includes(term) ? 1 : -1;
  const current = (term.ref.amount ?? 0) * term.factor * term.sign * side;
  const wanted = current - difference;
  const raw = (wanted / (term.factor * term.sign * side));
  const decimals = Math.max(2, term.ref.decimals);
  return Math.round(raw * 10 ** decimals) / 10 ** decimals;
}

export function terms(id: Identity): Term[] {
  return [...id.lhs, ...id.rhs];
}
