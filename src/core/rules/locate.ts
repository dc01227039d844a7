/**
 * Which cell is wrong. A failed identity involves several cells; the suspect is a cell whose
 * correction satisfies every failed identity it sits in and breaks none of the satisfied ones
 * (DESIGN.md §1). Cells that explain more failures win; a failure no single cell explains is left
 * for a person, on its own left-hand cell (a parent, a total).
 *
 * A fix must never make things worse: no negative amount where the cell held none, no value typed
 * into a blank cell on the word of a single identity, and when two cells explain the same failures
 * equally well the person chooses between them (no one-click fix). A row typed wrong consistently
 * (its 合计 and 基本支出 both off by the same amount, so the row still adds up) is found as one change
 * to several cells of that row.
 */
import { evaluate, type Identity, type Overrides, solveFor, termKey, terms, type Term } from './identity.js';
import { clearSlip, slipUndone } from './slips.js';
import { addTo } from '../multimap.js';

export interface CellChange {
  term: Term;
  /** The value that restores every identity the cell sits in, in the cell's own unit. */
  value: number;
}

export interface Culprit extends CellChange {
  /** Further cells of the same row that change with it (a row typed wrong consistently). */
  with: CellChange[];
  /** The failed identities it resolves. */
  resolves: Identity[];
  /**
   * safe: corroborated by two or more identities and no rival explains them as well;
   * unsafe: a best guess; ambiguous: `candidates` explain the same failures equally well;
   * display-only: two other tables agree on the value, but it breaks sums that now hold — or, with
   * `emptiedOnOneSum`, one failure alone would make a filled amount 0.
   */
  safety: 'safe' | 'unsafe' | 'ambiguous' | 'display-only';
  /** Display-only because one failure alone would empty a filled amount: the other side may have left it out. */
  emptiedOnOneSum?: true;
  /** For an ambiguous culprit: every cell that could be the one, itself included. */
  candidates: CellChange[];
}

/**
 * Whether an identity fails, with some cells changed: the conditions of the rule that made it (the
 * locator never judges by a tolerance of its own, so a maintainer's looser condition is obeyed).
 */
export type Judge = (id: Identity, overrides?: Overrides) => Promise<boolean>;

export interface Location {
  culprits: Culprit[];
  /** Failed identities no single cell (or row) explains. */
  unplaced: Identity[];
  /**
   * Unplaced failures that any one of several of their part rows would explain, changed in every
   * column alike, while their own total row would not: the parts are at fault, which one no sum tells.
   */
  partsRivalled: Identity[];
}

interface Candidate {
  changes: CellChange[];
  resolves: Identity[];
  residual: number;
}

/** A claim that may be right where what it describes is incomplete says what to change in no cell, its own or the table's. */
export const suggests = (id: Identity) => !id.lhs.some((t) => t.unsuggested) && !id.rhs.some((t) => t.unsuggested);

const rowKey = (t: Term) => `${t.ref.sheet}!${t.ref.row}`;

/**
 * How likely the slip the change undoes (the accountants' checks, DESIGN.md §1): 0 a recognisable
 * slip (a decimal slipped ×10, digits transposed, a sign), 1 another wrong figure, 2 a blank left
 * unfilled, 3 a figure that should be nothing.
 */
function slipRank(c: CellChange): number {
  const actual = c.term.ref.amount;
  if (actual === null) return 2;
  if (emptiesAmount(c)) return 3;
  return clearSlip(actual, c.value, Math.max(2, c.term.ref.decimals)) ? 0 : 1;
}

/** Whether the changes are all to parts of the identity (its right-hand side), under a total filled in. */
function blankPartsOfFilledTotal(id: Identity, candidates: readonly Candidate[]): boolean {
  const parts = new Set(id.rhs.map(termKey));
  return id.lhs.every((t) => t.ref.amount !== null) && candidates.every((k) => parts.has(termKey(k.changes[0]!.term)));
}

/** A change that makes a filled amount nothing: the least likely slip, and as likely a part its sum left out. */
const emptiesAmount = (c: CellChange) => c.term.ref.amount !== null && c.value === 0;

/**
 * The sums above a row cannot tell it typed wrong from a sibling row left out: something else
 * must agree that this row is the one. Another table (a tie, the narrative) can; so can the row's
 * own parts, when the row is a subtotal whose parts fail it by what its parent is short (Guilin
 * 司法局 2015's 公务用车费 left 0 over 运行维护费 32.65, the 三公 合计 short by 32.65 too).
 */
function corroborated(c: Candidate): boolean {
  const sheet = c.changes[0]!.term.ref.sheet;
  if (c.resolves.some((id) => terms(id).some((t) => t.ref.sheet !== sheet))) return true;
  const sides = (side: 'lhs' | 'rhs', key: string) => c.resolves.some((id) => id[side].some((t) => termKey(t) === key));
  return c.changes.some(({ term }) => sides('lhs', termKey(term)) && sides('rhs', termKey(term)));
}

export async function locate(failed: readonly Identity[], all: readonly Identity[], fails: Judge): Promise<Location> {
  if (failed.length === 0) return { culprits: [], unplaced: [], partsRivalled: [] };
  // Only cells of failed identities are ever changed: index the identities touching those, no others.
  const byTerm = new Map<string, Identity[]>();
  for (const f of failed) for (const t of terms(f)) byTerm.set(termKey(t), []);
  for (const id of all) {
    for (const t of terms(id)) {
      const list = byTerm.get(termKey(t));
      if (list && list[list.length - 1] !== id) list.push(id);
    }
  }
  const failedSet = new Set(failed);
  /** Failures no culprit explains yet. */
  const open = new Set(failed);
  /** Values of the culprits placed with no rival: later candidates are proposed over them. */
  const decided = new Map<string, number>();

  /** The failed identities each cell is a total of (on their left: a 合计, a parent row, a sentence's figure). */
  const failuresOf = new Map<string, Identity[]>();
  for (const f of failed) for (const t of f.lhs) addTo(failuresOf, termKey(t), f);
  /**
   * A change only one failure asks for, worked out from totals that fail their own parts and no
   * culprit has settled, would copy their mistakes (西安 国资委 2022's 表6, its 合计 column printed a row
   * off: 302's 合计 solved from 30201…30299, each off too, came out 2,264,017.11 for 2,688,467.31).
   * It waits for those cells to be settled, and without them is left for a person, as is a choice
   * between such changes.
   */
  const restsOnSuspects = (c: Candidate): boolean => {
    const [only] = c.resolves;
    if (c.resolves.length !== 1) return false;
    const changed = new Set(c.changes.map((ch) => termKey(ch.term)));
    return terms(only!).some((t) => {
      const key = termKey(t);
      return !changed.has(key) && !decided.has(key) && (failuresOf.get(key) ?? []).some((f) => f !== only);
    });
  };

  const culprits: Culprit[] = [];
  /** Failures two or more part rows each explain (see partsRivalled). */
  const rivalledByParts = new Set<Identity>();
  // Candidates are proposed again each time a culprit decides a value. A failure may then be explained
  // where it could not be before: the same slip copied into two tables (普陀 司法局 2026's 行政运行 项目
  // 支出 in both 表3 and 表5), where a tie between them held each copy back while the other stood. And
  // a candidate that read the decided cell was solved against its wrong value (a sentence quoting a
  // slipped figure would be told to copy the slip): proposed again, it is solved with the right one.
  // Two tables agreeing on a cell come first: a failure they explain is not left for a lone sentence
  // or row to be blamed for (杭州 交通运输局 2026: the 说明's 82,529.89, right, against 表5's 82,479.29).
  culprits.push(...(await agreedDespiteBreaking()));
  let round = await propose();
  for (let i = 0; i < round.length; i++) {
    const c = round[i]!;
    if (c.resolves.some((id) => !open.has(id))) continue;
    const rivals = round.filter(
      (r) =>
        r !== c &&
        r.changes.length === c.changes.length &&
        r.resolves.length === c.resolves.length &&
        r.resolves.every((id) => c.resolves.includes(id)) &&
        slipRank(r.changes[0]!) === slipRank(c.changes[0]!),
    );
    // Every change that would explain it worked out from suspect totals: no value to offer, not even as a choice.
    if (restsOnSuspects(c) && rivals.every(restsOnSuspects)) continue;
    // Several blank parts, any one of which would take the difference, and no filled cell that would: the
    // failure stays on its total, which says how many parts are blank (西安 科学技术局 2022's 表1, its
    // 部门预算支出经济科目 column short of 一、部门预算 by a digit dropped from 2、专项业务经费支出 and all its
    // parts: offered instead were 3、4、5、 blank, each “or should be 800,559,000”).
    if (rivals.length > 0 && c.changes.length === 1 && slipRank(c.changes[0]!) === 2 && c.resolves.length === 1 && blankPartsOfFilledTotal(c.resolves[0]!, [c, ...rivals])) continue;
    const [head, ...rest] = c.changes;
    // A filled amount made nothing on the word of one sum alone is offered for reference only: the sum
    // may as well have left that part out (西安 宣传部 2021's 表13, its 合计 short of the 会议费 a unit's
    // row printed, would have had the 会议费 set to 0 before the 会议费 column's own sum forbade it).
    const lone = c.resolves.length < 2;
    const emptiedOnOneSum = rivals.length === 0 && lone && emptiesAmount(head!);
    culprits.push({
      ...head!,
      with: rest,
      resolves: c.resolves,
      safety: rivals.length > 0 ? 'ambiguous' : !lone ? 'safe' : emptiedOnOneSum ? 'display-only' : 'unsafe',
      ...(emptiedOnOneSum && { emptiedOnOneSum: true as const }),
      candidates: rivals.length > 0 ? [head!, ...rivals.map((r) => r.changes[0]!)] : [],
    });
    for (const id of c.resolves) open.delete(id);
    if (rivals.length > 0 || open.size === 0) continue;
    for (const change of c.changes) decided.set(termKey(change.term), change.value);
    round = await propose();
    i = -1;
  }
  const unplaced = failed.filter((f) => open.has(f));
  return { culprits, unplaced, partsRivalled: unplaced.filter((f) => rivalledByParts.has(f)) };

  /**
   * Failures no change restores without breaking a sum that holds, where two of them tie one cell to
   * two other sources (tables, or a table and the narrative) that agree on its value (湖州 交通运输局
   * 2026's 表04 一般公共预算 35,673.03 against 52,244.36 in both 表01 and 表05, its 一、财政拨款 and 收入
   * 合计 adding up to its wrong figures): the cell is named with that value for reference only, since
   * the sums it breaks may be wrong as well. Left on each failure's own first cell, the tie with 表01
   * would have suggested copying the error.
   */
  async function agreedDespiteBreaking(): Promise<Culprit[]> {
    const agreements = new Map<string, { change: CellChange; ids: Identity[] }>();
    for (const f of open) {
      if (f.relation !== 'eq' || !suggests(f)) continue;
      for (const t of terms(f)) {
        if (decided.has(termKey(t)) || t.inText) continue;
        const change = { term: t, value: solveFor(f, t, decided) };
        const key = `${termKey(t)}=${Math.round(change.value * 100)}`;
        const agreement = agreements.get(key) ?? { change, ids: [] };
        agreement.ids.push(f);
        agreements.set(key, agreement);
      }
    }
    const found: { change: CellChange; ids: Identity[] }[] = [];
    for (const a of agreements.values()) {
      const sheet = a.change.term.ref.sheet;
      const others = new Set(a.ids.flatMap((id) => terms(id).filter((t) => t.ref.sheet !== sheet).map((t) => t.ref.sheet)));
      if (a.ids.length < 2 || others.size < 2 || !plausible(a.change)) continue;
      // A change that breaks nothing is an ordinary candidate, placed (and trusted) by the rounds.
      if (await tryChanges([a.change])) continue;
      const key = termKey(a.change.term);
      const overrides = new Map([...decided, [key, a.change.value] as const]);
      let restores = true;
      for (const id of a.ids) if (await fails(id, overrides)) restores = false;
      if (!restores) continue;
      // The other failures on the cell it restores too (its row's sum, off by a cent of rounding).
      for (const id of open) {
        if (!a.ids.includes(id) && id.relation === 'eq' && suggests(id) && terms(id).some((t) => termKey(t) === key) && !(await fails(id, overrides))) a.ids.push(id);
      }
      found.push(a);
    }
    // A failure two such cells could each explain names neither.
    const claims = new Map<Identity, number>();
    for (const a of found) for (const id of a.ids) claims.set(id, (claims.get(id) ?? 0) + 1);
    return found
      .filter((a) => a.ids.every((id) => claims.get(id) === 1))
      .map((a) => {
        for (const id of a.ids) open.delete(id);
        return { ...a.change, with: [], resolves: a.ids, safety: 'display-only' as const, candidates: [] };
      });
  }

  /** Applies the changes together (over the decided values); a candidate only if no holding identity breaks. */
  async function tryChanges(changes: CellChange[]): Promise<Candidate | undefined> {
    const overrides = new Map([...decided, ...changes.map((c) => [termKey(c.term), c.value] as const)]);
    const touched = [...new Set(changes.flatMap((c) => byTerm.get(termKey(c.term)) ?? []))];
    // A satisfied identity the change breaks rules it out. A failed one it leaves failing does not: a
    // cell can be wrong where another, independent slip sits beside it (the narrative's own typo of
    // the same figure), and that one is placed on its own. Satisfied as published, not over the
    // decided values: a guess decided earlier must not rule out the change that contradicts it.
    const holding: Identity[] = [];
    for (const id of touched) {
      if (!(await fails(id, overrides))) holding.push(id);
      else if (!failedSet.has(id)) return undefined;
    }
    const after = holding.map((id) => evaluate(id, overrides));
    // What rounding still hides after the change: the smaller, the more exactly it restores the sums.
    // Only a breach counts, rounded to a millionth of a 元 as the judgement is: float noise left by an
    // exact restoring (1e-11) once outranked the likelier slip, and a bound's slack is no imprecision
    // (三公 接待费 well above the basic table's 30217 is as it should be).
    const residual = after.reduce((sum, e) => sum + Math.max(0, e.breach) / Math.max(e.tolerance, 1e-9), 0);
    return { changes, resolves: holding.filter((id) => open.has(id)), residual };
  }

  /** A proposal that could make things worse is no proposal. */
  function plausible(change: CellChange): boolean {
    const current = change.term.ref.amount;
    if (change.value === (current ?? 0)) return false;
    // Amounts in these tables are not negative; a negative result says the error is elsewhere.
    return !(change.value < 0 && (current === null || current >= 0));
  }

  /** Every change that explains open failures over the decided values, best first. */
  async function propose(): Promise<Candidate[]> {
    const equations = [...open].filter((f) => f.relation === 'eq' && suggests(f));
    const undecided = (t: Term) => !decided.has(termKey(t));
    const singles: Candidate[] = [];
    const seen = new Set<string>();
    // An equation names the value that restores it; a bound (at most, at least) names only its limit,
    // which is no figure anyone wrote. A cell is proposed only at what an equation says, and a bound
    // broken with none to say so stays on the rule's own cell, with nothing to type.
    for (const f of equations) {
      for (const t of terms(f).filter(undecided)) {
        // Each failed equation a cell sits in may say another value for it (the narrative repeats a
        // figure the table has wrong): every one is tried, not only the first equation's.
        const change = { term: t, value: solveFor(f, t, decided) };
        const key = `${termKey(t)}=${change.value}`;
        if (seen.has(key)) continue;
        seen.add(key);
        if (!plausible(change)) continue;
        const c = await tryChanges([change]);
        if (!c || c.resolves.length === 0) continue;
        // The slip undone exactly, where it restores the same sums within their rounding: 1236.1 is
        // 123.61 typed with its decimal slipped, not the 123.60 that rounded parts add up to (杭州 2026).
        const undone = slipUndone(t.ref.amount, change.value, Math.max(2, t.ref.decimals));
        const undoneKey = `${termKey(t)}=${undone}`;
        const u = undone === undefined || seen.has(undoneKey) ? undefined : await tryChanges([{ term: t, value: undone }]);
        const exact = u && u.resolves.length === c.resolves.length ? u : undefined;
        if (exact) seen.add(undoneKey);
        singles.push(exact ?? c);
      }
    }

    // One row changed in several columns at once: a row typed wrong consistently still adds up
    // across, so only the sums above it and another table can tell it from its parent.
    const rows = new Map<string, Map<string, CellChange>>();
    for (const f of equations) {
      for (const t of terms(f).filter(undecided)) {
        const row = rows.get(rowKey(t)) ?? new Map<string, CellChange>();
        if (!row.has(termKey(t))) row.set(termKey(t), { term: t, value: solveFor(f, t, decided) });
        rows.set(rowKey(t), row);
      }
    }
    const compound: Candidate[] = [];
    /** Rows that would restore the sums but nothing else corroborates: still evidence of where to look. */
    const uncorroborated: Candidate[] = [];
    for (const row of rows.values()) {
      if (row.size < 2) continue;
      const changes = [...row.values()];
      if (!changes.every(plausible)) continue;
      const c = await tryChanges(changes);
      if (c && c.resolves.length >= 2) (corroborated(c) ? compound : uncorroborated).push(c);
    }
    // Several rows that could each absorb the difference (a deleted row can be "typed into" any
    // sibling) explain nothing: only a row no other row rivals is the one typed wrong.
    const unrivalled = compound.filter((c) => !compound.some((o) => o !== c && o.resolves.length === c.resolves.length && o.resolves.every((id) => c.resolves.includes(id))));
    // A failure that several of its part rows would each restore, and no change to its own row, says
    // where to look though not which (长春 2026's 301 over nine 款, off by 9.75 in 合计, 当年预算小计 and
    // 人员经费 alike): its parts, not its own total.
    const rowChanges = [...compound, ...uncorroborated];
    for (const id of open) {
      const ownRow = id.lhs.map(rowKey);
      const onOwnRow = (k: Candidate) => k.changes.some((ch) => ownRow.includes(rowKey(ch.term)));
      const amongParts = (k: Candidate) => k.changes.some((ch) => id.rhs.some((t) => termKey(t) === termKey(ch.term)));
      const explaining = rowChanges.filter((k) => k.resolves.includes(id));
      if (explaining.length >= 2 && explaining.every((k) => amongParts(k) && !onOwnRow(k))) rivalledByParts.add(id);
    }

    // More failures explained first; then fewer cells changed; then the likelier slip (a recognisable
    // one — a decimal, two digits, a sign — then another typo in a filled cell, then a blank left
    // unfilled, then — least likely — a filled amount that should be nothing); then the change that
    // leaves the touched sums most exact (what rounding leaves is weaker evidence than a slip undone:
    // Shanghai 普陀 司法局 2026's 0.73 万元 of 接待费 sits within rounding of the basic table's 30217 in
    // 元); then the cell the rule checks (a total, the first table of a tie): with nothing else to tell
    // them apart, that is where a reviewer looks first.
    return [...singles, ...unrivalled].sort(
      (a, b) =>
        b.resolves.length - a.resolves.length ||
        a.changes.length - b.changes.length ||
        slipRank(a.changes[0]!) - slipRank(b.changes[0]!) ||
        a.residual - b.residual ||
        Number(b.resolves[0]!.lhs.includes(b.changes[0]!.term)) - Number(a.resolves[0]!.lhs.includes(a.changes[0]!.term)),
    );
  }
}
