/**
 * Amounts stated in the 说明 narrative ("“三公”经费预算安排6.3万元", "机关运行经费共计安排135.69万元")
 * against the tables. Patterns are regular expressions in the rule file: the first group is the
 * number, an optional second group the unit.
 */
import type { z } from 'zod';
import type { NarrativeParams, SharesParams } from '../params/narrative.js';
import { fromA1, parseRange, toA1, type RangeBounds } from '../../address.js';
import { isEconomicCode } from '../../codes.js';
import type { GridCell, GridSheet } from '../../grid.js';
import { addTo } from '../../multimap.js';
import { mostCommon } from '../../counts.js';
import type { CellRef, RecognizedTable, TableRow, Unit } from '../../model.js';
import type { TableId } from '../../vocabulary.js';
import { fold, globalMatches, parseAmount } from '../../text.js';
import { identityItem, type Item, type RuleContext } from '../context.js';
import { evaluate, halfWidth, UNIT_FACTOR, type Identity, type Term } from '../identity.js';
import { IDENTITY_FACTS, type IteratorDef, type Reference, num, text, both } from '../registry-types.js';
import { sumLabel } from '../sum-label.js';

/** A text with a digit: the only kind that can state an amount. */
export const HAS_DIGIT = /\d/;

/** Text long enough to be a sentence: table cells are never narrative. */
const MIN_TEXT_LENGTH = 12;

export interface NarrativeCell {
  sheet: string;
  row: number;
  col: number;
  text: string;
  folded: string;
}

/**
 * A figure written in a narrative cell, as a term: the cell, the figure in its unit, and where in
 * the text it stands (so a fix rewrites that number only), named by what the sentence calls it.
 */
export function statedFigure(
  at: { sheet: string; row: number; col: number; text: string },
  figure: { value: number; decimals: number },
  unit: Unit,
  start: number,
  length: number,
  name: { 'zh-CN': string; en: string },
): Term {
  const ref: CellRef = { sheet: at.sheet, cell: toA1(at.row, at.col), row: at.row, col: at.col, text: at.text, amount: figure.value, decimals: figure.decimals };
  // Written to fewer than the cent (上海 2026's “财政拨款收入2,605万元” for 2,605.47): the sentence shows
  // the amount rounded, as a “#,##0” format does, and is read to its last written digit.
  if (figure.decimals < 2) ref.rounded = true;
  return {
    ref,
    factor: UNIT_FACTOR[unit] ?? 10000,
    unit,
    sign: 1,
    label: { 'zh-CN': `${at.sheet}!${ref.cell} 说明中的“${name['zh-CN']}”`, en: `${at.sheet}!${ref.cell} narrative “${name.en}”` },
    inText: { start, end: start + length },
  };
}

/**
 * A figure a sentence states, held to the table's cells (or their sum): the identity the narrative
 * rules judge, keyed by where the figure stands and named as the sentence names it.
 */
export function statedIdentity(
  ruleId: string,
  stated: Term,
  counterparts: Term[],
  statement: string,
  name: { 'zh-CN': string; en: string },
  relation: 'eq' | 'le' = 'eq',
  note?: { 'zh-CN': string; en: string },
): Identity {
  return {
    key: `${ruleId}:${stated.ref.sheet}!${stated.ref.cell}#${stated.inText!.start}`,
    ruleId,
    relation,
    lhs: [stated],
    rhs: counterparts,
    context: { statement },
    describe: (lang) =>
      ({
        'zh-CN': { name: name['zh-CN'], right: sumLabel(counterparts, 'zh-CN'), relation: relation === 'eq' ? '应等于' : '不应超过', note: note?.['zh-CN'] ?? '' },
        en: { name: name.en, right: sumLabel(counterparts, 'en'), relation: relation === 'eq' ? 'should equal' : 'should not exceed', note: note?.en ?? '' },
      })[lang],
  };
}

/**
 * The budget year: the year most table titles name ("2026年部门收支预算总表"); where no title names
 * one (江苏 2018: "公开01表：收支预算总表"), the year the narrative's heading gives its budget
 * ("第三部分 2018年度部门预算情况说明"); where it has no such heading either (烟台 2026), the year its
 * sentences give the budget most often ("2026年收入预算3,558.35万元").
 */
export function budgetYear(ctx: RuleContext): number | null {
  return ctx.memo('budget-year', () => {
    const inTitles = mostCommon(ctx.recognition.tables.flatMap((t) => /(20\d{2})\s*年/.exec(t.title)?.[1] ?? []));
    if (inTitles !== undefined) return Number(inTitles);
    for (const c of narrativeCells(ctx)) {
      const m = NARRATIVE_HEADING.exec(c.folded.replace(/\s+/g, ''));
      if (m) return Number(m[1]);
    }
    return mostStatedYear(narrativeCells(ctx).flatMap((c) => [...globalMatches(BUDGET_OF_YEAR, c.folded)].map((m) => Number(m[1]))));
  });
}

/**
 * The year given most often; of years given equally often, the earliest, whatever order the sheets
 * come in: a later one is work planned for the next budget (西安 财政局 2026's target form: “完成2027年
 * 部门预算…布置”, once, beside “2026年度预算”, once).
 */
function mostStatedYear(years: readonly number[]): number | null {
  const counts = new Map<number, number>();
  for (const y of years) counts.set(y, (counts.get(y) ?? 0) + 1);
  let best: number | null = null;
  for (const [y, n] of counts) if (best === null || n > counts.get(best)! || (n === counts.get(best)! && y < best)) best = y;
  return best;
}

/** "2026年收入预算" / "2026年支出预算" / "2026年部门预算": the year a sentence gives the budget. */
const BUDGET_OF_YEAR = /(?<![比较与])(20\d{2})年(?:度)?(?:部门)?(?:收入|支出)?预算(?!执行)/gu;

/** A heading, not a sentence: at most a part's number before the year, nothing after 说明. */
const NARRATIVE_HEADING = /^[^，。,]{0,12}?(20\d{2})年度?(?:部门|单位)?预算(?:情况)?说明$/;

/** Every cell of text long enough to be a sentence, found once per check for all narrative rules. */
export function narrativeCells(ctx: RuleContext): NarrativeCell[] {
  return ctx.memo(`text-cells:${MIN_TEXT_LENGTH}`, () => [...textCells(ctx, MIN_TEXT_LENGTH)]);
}

/** The paragraph above cells[i]: the text cell before it in the same column of the same sheet, at most `maxGap` rows up. */
export function paragraphAbove<T extends NarrativeCell>(cells: readonly T[], i: number, maxGap: number): T | undefined {
  const [here, before] = [cells[i]!, cells[i - 1]];
  return before && before.sheet === here.sheet && before.col === here.col && here.row - before.row <= maxGap ? before : undefined;
}

/** Whether a cell lies in a recognised table: its rows and titles, not the narrative's paragraphs or headings. */
export function inRecognisedTable(ctx: RuleContext): (c: { sheet: string; row: number; col: number }) => boolean {
  const tablesOn = ctx.memo('tables-on-sheets', () => {
    const on = new Map<string, RangeBounds[]>();
    for (const t of ctx.recognition.tables) addTo(on, t.sheet, parseRange(t.range));
    return on;
  });
  return (c) => tablesOn.get(c.sheet)?.some((t) => c.row >= t.top && c.row <= t.bottom && c.col >= t.left && c.col <= t.right) ?? false;
}

/**
 * Whether a text cell stands in a row of figures: the 主要原因 column of a comparison table printed
 * in the 说明 (西安 科学技术局 2022's 经济科目对比表: “…西安市社会科学院日常公用经费65.56万元…”
 * beside 502's 2022 and 2021 amounts). What it says is said of its row — one class, one unit, last
 * year — not of the department's totals or projects, which the narrative's own paragraphs state.
 */
export function besideFigures(ctx: RuleContext): (c: { sheet: string; row: number }) => boolean {
  return ({ sheet, row }) => {
    let figures = 0;
    for (const cell of ctx.sheet(sheet)?.rows[row - 1] ?? []) if (isFigure(cell) && ++figures >= FIGURES_IN_A_TABLE_ROW) return true;
    return false;
  };
}

/** Figures beside a text that make its row a table's: two (this year's and last year's). */
const FIGURES_IN_A_TABLE_ROW = 2;

/** A number, or a text that is one (a figure stored as text, as copies of budgets often hold them). */
const isFigure = (cell: GridCell | undefined) => typeof cell?.value === 'number' || (typeof cell?.value === 'string' && parseAmount(cell.value).kind === 'number');

/**
 * Every text cell at least `minLength` long (indicator names and table words too, when short), in
 * the workbook's order, but for those `skip` passes over by their text (read before and found clean).
 * Not kept: four characters take in nearly every label of a sheet, which held 180,000 cells through
 * the rest of a large check.
 */
export function textCells(ctx: RuleContext, minLength: number, skip?: (text: string) => boolean): Generator<NarrativeCell, void, undefined> {
  const index = textIndex(ctx);
  return index.cellsWhere((i) => index.texts[i]!.length >= minLength && !skip?.(index.texts[i]!));
}

/**
 * The workbook's text cells by their distinct texts, found once per check. A large sheet's 180,000
 * text cells hold 56,000 texts (its labels repeat table after table): a rule reading texts reads each
 * once (`texts`, `folded`), and visits the cells of those it has something to say of (`textOf`, `cell`).
 */
export interface TextIndex {
  /** The distinct texts, in the order they first appear. */
  readonly texts: readonly string[];
  /** Each text cell's distinct text (an index into `texts`), in the workbook's order. */
  readonly textOf: Int32Array;
  /** Each distinct text, folded (text.ts). */
  folded(i: number): string;
  /** The text cell at position k of `textOf`. */
  cell(k: number): NarrativeCell;
  /** The text cells whose distinct text passes the test (asked once per distinct text), in the workbook's order, as they are reached. */
  cellsWhere(test: (i: number) => boolean): Generator<NarrativeCell, void, undefined>;
}

export function textIndex(ctx: RuleContext): TextIndex {
  return ctx.memo('text-index', () => {
    const sheets = ctx.grid.sheets;
    const inTable = inRecognisedTable(ctx);
    // A label filled down a table's rows (江苏 政协 2017's 财政转专户管理资金 over A10:A12, unmerged and
    // filled, on a sheet left with no merges) is that label once. Not in the narrative: a paragraph
    // printed twice is a slip of its own (narrative-paragraph-repeated).
    const filledDown = (s: number, r: number, c: number) => sheets[s]!.merges.length === 0 && inTable({ sheet: sheets[s]!.name, row: r + 1, col: c + 1 });
    // Counted first, so the positions fill arrays of their final size (a large sheet has 180,000).
    let count = 0;
    eachTextCell(sheets, filledDown, () => count++);
    const ids = new Map<string, number>();
    const texts: string[] = [];
    const of = new Int32Array(count);
    // Where each text cell is: its sheet's position in the workbook, 0-based row and column.
    const where = new Int32Array(3 * count);
    let k = 0;
    eachTextCell(sheets, filledDown, (s, r, c, text) => {
      let id = ids.get(text);
      if (id === undefined) {
        id = texts.length;
        ids.set(text, id);
        texts.push(text);
      }
      of[k] = id;
      where[3 * k] = s;
      where[3 * k + 1] = r;
      where[3 * k++ + 2] = c;
    });
    const folds: (string | undefined)[] = new Array(texts.length);
    // White space a cell ends with (a text pasted from a document, “…。 ”) is no part of what it says:
    // a pattern anchored at its end must still find it. Trimmed at the end only, so offsets stay true.
    const folded = (i: number) => (folds[i] ??= fold(texts[i]!).trimEnd());
    const cell = (k: number): NarrativeCell => {
      const i = of[k]!;
      return { sheet: sheets[where[3 * k]!]!.name, row: where[3 * k + 1]! + 1, col: where[3 * k + 2]! + 1, text: texts[i]!, folded: folded(i) };
    };
    function* cellsWhere(test: (i: number) => boolean): Generator<NarrativeCell, void, undefined> {
      // Labels repeat table after table (a large sheet's 180,000 text cells hold 56,000 texts): each
      // distinct text is tested once, however many cells hold it. 0 untested, 1 passes, -1 fails.
      const verdict = new Int8Array(texts.length);
      for (let k = 0; k < of.length; k++) {
        const i = of[k]!;
        if (verdict[i] === 0) verdict[i] = test(i) ? 1 : -1;
        if (verdict[i] === 1) yield cell(k);
      }
    }
    return { texts, textOf: of, folded, cell, cellsWhere };
  });
}

/**
 * Calls `visit` with each text cell's sheet (its position), 0-based row and column, and text. A cell
 * holding the text of the cell just left of it is that cell's copy — a merge unmerged and filled
 * (取消合并并填充: 烟台 2026's 绩效目标 over C7:E7 in three cells) — and is passed over: the text is
 * read, and reported, once, on its first cell, as the merged cell was. So is a cell holding the text of
 * the cell above it where `filledDown` says a merge down may have been filled.
 */
function eachTextCell(sheets: readonly GridSheet[], filledDown: (sheet: number, row: number, col: number) => boolean, visit: (sheet: number, row: number, col: number, text: string) => void): void {
  for (let s = 0; s < sheets.length; s++) {
    const rows = sheets[s]!.rows;
    for (let r = 0; r < rows.length; r++) {
      const cells = rows[r];
      if (!cells) continue;
      for (let c = 0; c < cells.length; c++) {
        const cell = cells[c];
        if (typeof cell?.value !== 'string') continue;
        const left = c > 0 ? cells[c - 1] : undefined;
        if (typeof left?.value === 'string' && left.text === cell.text) continue;
        const above = r > 0 ? rows[r - 1]?.[c] : undefined;
        if (typeof above?.value === 'string' && above.text === cell.text && filledDown(s, r, c)) continue;
        visit(s, r, c, cell.text);
      }
    }
  }
}

export const narrativeAmounts: IteratorDef<z.infer<typeof NarrativeParams>> = {
  name: 'narrative-amounts',
  description: both('说明文字中写明的金额与表中对应单元格核对', 'amounts stated in the narrative against their table cells'),
  facts: { ...IDENTITY_FACTS, statement: text('说明中的原文', 'the sentence as written') },
  identities: true,
  texts: ['name', 'right', 'relation', 'left', 'note'],
  references: (p) =>
    p.statements.flatMap((s, i) => [
      ...cellReferences(s, ['statements', i]),
      ...(s.codes ?? []).map((code, j) => ({ path: ['statements', i, 'codes', j], table: s.table, code, coded: true })),
      ...(s.totalRowColumns ?? []).map((column, j) => ({ path: ['statements', i, 'totalRowColumns', j], table: s.table, column })),
      ...(s.instead ?? []).flatMap((o, j) => codedReferences(o, s.codes ?? [], ['statements', i, 'instead', j], ['statements', i, 'codes'])),
      ...(s.plus ?? []).flatMap((o, j) => codedReferences(o, s.codes ?? [], ['statements', i, 'plus', j], ['statements', i, 'codes'])),
      ...(s.orEquals ?? []).flatMap((o, j) =>
        'codes' in o ? codedReferences(o, o.codes, ['statements', i, 'orEquals', j], ['statements', i, 'orEquals', j, 'codes']) : cellReferences(o, ['statements', i, 'orEquals', j]),
      ),
    ]),
  run(ctx, params, ruleId) {
    const items: Item[] = [];
    // Where each statement's figure sits is the table's, not the sentence's: found once per check, and
    // a statement whose table or cell this workbook lacks is not looked for at all.
    const patterns = params.statements.flatMap((s) => {
      const stated = s.codes ? codedCounterparts(ctx, s, s.codes) : rowCounterparts(ctx, s);
      if (!stated) return [];
      const { table, counterparts } = stated;
      // The other cells (or sums of rows) the sentence may mean, where the workbook has them.
      const others = (s.orEquals ?? []).flatMap((o) => {
        if ('codes' in o) {
          const coded = codedCounterparts(ctx, o, o.codes);
          return coded ? [coded.counterparts] : [];
        }
        const ot = ctx.table(o.table);
        if (!ot) return [];
        const terms = ('rows' in o ? o.rows : [o.row]).flatMap((row) => {
          const oat = statedCell(ot, { column: o.column, row, totalRowColumns: undefined });
          const term = oat && ctx.term(ot, oat.row, oat.column, 1, row.side);
          return term ? [term] : [];
        });
        return terms.length > 0 ? [terms] : [];
      });
      return [{ s, table, counterparts, others, re: new RegExp(s.pattern, 'gu'), unlessBefore: s.unlessBefore === undefined ? undefined : new RegExp(s.unlessBefore, 'u') }];
    });
    const cells = narrativeCells(ctx);
    const inTableRow = besideFigures(ctx);
    const units = subordinateUnits(ctx);
    for (const { sheet, row: r, col: c, text, folded } of cells) {
      // An amount is digits (parseAmount reads nothing else): a sentence without one states none, and
      // most text cells (indicator names, purposes) have none — fifteen patterns each were the costliest
      // part of re-checking the sample.
      if (!HAS_DIGIT.test(folded) || inTableRow({ sheet, row: r })) continue;
      for (const { s, table, counterparts, others, re, unlessBefore } of patterns) {
        for (const m of globalMatches(re, folded)) {
          const numberText = m[1];
          if (numberText === undefined || m.index === undefined) continue;
          if (unlessBefore?.test(folded.slice(0, m.index))) continue;
          if (units.length > 0 && namesUnit(folded, m.index, units)) continue;
          const parsed = parseAmount(numberText);
          if (parsed.kind !== 'number') continue;
          const unit = ((m[2] as Unit | undefined) ?? '万元') as Unit;
          // NFKC keeps the length of these characters, so offsets in the folded text fit the original.
          const start = m.index + m[0].indexOf(numberText);
          const lhs = statedFigure({ sheet, row: r, col: c, text }, parsed, unit, start, numberText.length, s.name);
          if (!s.suggest) lhs.unsuggested = true;
          if (others.some((other) => agrees(lhs, other))) continue;
          items.push(identityItem(statedIdentity(ruleId, lhs, counterparts, m[0], s.name, s.relation, s.note), table));
        }
      }
    }
    return items;
  },
};

/** An organisation's name: what a department's units are called. */
const UNIT_NAME = /(?:局|委员会|委|办公室|办|中心|站|处|所|院|队|馆|会|(?:\(本级\)))$/u;

/**
 * The units a department of several lists in its 收入总表 (深圳 2026: “深圳市水务局（本级）”,
 * “深圳市社会保险基金管理局龙华分局”), the department's own row, its total, aside: a sentence about one
 * of them (“…龙华分局部门预算收入5,127.91万元”) states that unit's figure, not the department's.
 */
function subordinateUnits(ctx: RuleContext): string[] {
  return ctx.memo('subordinate-units', () => {
    const names = new Set<string>();
    for (const t of ctx.tables('income-summary')) {
      // Only where the department's own row is the total (深圳's 部门名称 over its units): a 合计 over
      // the department itself and its units (福州 2026's 收入总表) names the department among them.
      const total = fold(t.rows.find((r) => r.isTotal)?.labels.name ?? '').trim();
      if (!UNIT_NAME.test(total)) continue;
      for (const row of t.rows) {
        const name = fold(row.labels.name ?? '').trim();
        if (!row.isTotal && !row.code && name.length >= 4 && UNIT_NAME.test(name)) names.add(name);
      }
    }
    return [...names];
  });
}

/** Whether the clause up to a figure (from its sentence's start) names one of the units. */
function namesUnit(folded: string, at: number, units: readonly string[]): boolean {
  const clause = folded.slice(Math.max(folded.lastIndexOf('。', at), 0), at);
  return units.some((u) => clause.includes(u));
}

type Statement = z.infer<typeof NarrativeParams>['statements'][number];

/**
 * An empty table's nothing, as a term: its note (“无政府采购预算，空表列示”) or its title stands for it.
 * Nothing can be written there, and the narrative may be the one wrong, so no value is proposed.
 */
function emptyTableTerm(ctx: RuleContext, t: RecognizedTable): Term {
  const cell = t.note?.cell ?? t.titleCell ?? t.range.split(':')[0]!;
  const { row, col } = fromA1(cell);
  const unit = ctx.unit(t);
  return {
    ref: { sheet: t.sheet, cell, row, col, text: t.note?.text ?? t.title, amount: 0, decimals: 2 },
    factor: UNIT_FACTOR[unit] ?? 10000,
    unit,
    sign: 1,
    label: { 'zh-CN': `${ctx.tableName(t, 'zh-CN')}${cell}（空表）`, en: `${ctx.tableName(t, 'en')} ${cell} (an empty table)` },
    unsuggested: true,
  };
}

/**
 * A column and the codes summed in it, for lint, in a table that may be of another kind than the codes'
 * classification (a general budget table by economic subject): each code is checked as what it is.
 */
function codedReferences(o: { table: TableId; column: string }, codes: readonly string[], at: PropertyKey[], codesAt: PropertyKey[]): Reference[] {
  return [
    { path: [...at, 'column'], table: o.table, column: o.column },
    ...codes.map((code, k) => ({ path: [...codesAt, k], table: o.table, code, coded: true, economic: isEconomicCode(code) })),
  ];
}

/** The one cell a statement's figure is held against, in the first table of its kind; undefined where the workbook lacks it. */
function rowCounterparts(ctx: RuleContext, s: Statement): { table: TableId; counterparts: Term[] } | undefined {
  const t = ctx.table(s.table);
  if (!t || (s.unlessColumn !== undefined && t.columns.some((c) => c.role === s.unlessColumn))) return undefined;
  const counterparts = statedTerms(ctx, t, s);
  if (counterparts.length === 0 && s.emptyIsZero && t.rows.length === 0) counterparts.push(emptyTableTerm(ctx, t));
  return counterparts.length > 0 ? { table: s.table, counterparts } : undefined;
}

/**
 * The rows of a statement's codes (福建 2026's 基本支出表 has no 人员经费 column: 人员经费 is 301 + 303
 * there), in the first table of its kind that holds them — else of the kinds it may take `instead` (深圳's
 * template has no 基本支出表, its general budget table by economic subject a 基本支出 column).
 */
function codedCounterparts(
  ctx: RuleContext,
  s: { table: TableId; column: string; unlessColumn?: string; instead?: { table: TableId; column: string }[]; plus?: { table: TableId; column: string }[] },
  codes: readonly string[],
): { table: TableId; counterparts: Term[] } | undefined {
  const rowsOf = (t: RecognizedTable, column: string) => t.rows.flatMap((row) => (row.code && codes.includes(row.code.code) ? (ctx.term(t, row, column) ?? []) : []));
  // The tables whose rows are added (广州's 委托业务费 in the basic and the project table): all of them, or no check.
  const added = (s.plus ?? []).map((o) => ({ t: ctx.table(o.table), column: o.column }));
  if (added.some((a) => a.t === undefined)) return undefined;
  const more = added.flatMap((a) => rowsOf(a.t!, a.column));
  for (const { table, column } of [{ table: s.table, column: s.column }, ...(s.instead ?? [])]) {
    for (const t of ctx.tables(table)) {
      if (s.unlessColumn !== undefined && t.columns.some((c) => c.role === s.unlessColumn)) continue;
      const counterparts = rowsOf(t, column);
      if (counterparts.length > 0 || more.length > 0) return { table, counterparts: [...counterparts, ...more] };
    }
  }
  return undefined;
}

/**
 * The cell a statement's figure is held against, in table t — or the cells it is the sum of, where the
 * table splits the item by fund (深圳's 三公 table) — none where the table lacks it.
 */
function statedTerms(ctx: RuleContext, t: RecognizedTable, s: Statement): Term[] {
  const at = statedCell(t, s);
  if (at) {
    const term = ctx.cell(t, at.row, at.column) ? ctx.term(t, at.row, at.column, 1, s.row.side) : undefined;
    return term ? [term] : [];
  }
  // No row of the statement's keys, and none of its total-row columns printed whole: one split by fund.
  const row = s.row.total ? undefined : t.rows.find((x) => x.isTotal);
  const parts = row && s.totalRowColumns?.map((role) => ctx.columnsOf(t, role)).find((columns) => columns !== undefined);
  return row && parts ? parts.flatMap((column) => ctx.term(t, row, column, 1, s.row.side) ?? []) : [];
}

type StatedRow = Statement['row'];

/** The column and the row keys a stated cell (a statement's, or the cells it may mean instead) names, for lint. */
export function cellReferences(c: { table: Statement['table']; column: string } & ({ row: StatedRow } | { rows: StatedRow[] }), at: PropertyKey[]): Reference[] {
  const rows: [StatedRow, PropertyKey[]][] = 'rows' in c ? c.rows.map((row, j) => [row, [...at, 'rows', j]]) : [[c.row, [...at, 'row']]];
  return [
    { path: [...at, 'column'], table: c.table, column: c.column },
    ...rows.flatMap(([row, path]) =>
      (['key', 'orKey'] as const).flatMap((k) => {
        const rowKey = row[k];
        return rowKey ? [{ path: [...path, k], table: c.table, rowKey, side: row.side ?? '' }] : [];
      }),
    ),
  ];
}

/**
 * A stated figure equal to a cell within their roundings, or to the sum of several. `asTotal`: the sum
 * as the total a table would print for them, where the sentence quotes a table's total, so each row's
 * rounding does not widen what agrees (国家信访局 2026's 18,728.91 is not the four classes' 18,728.94,
 * though four cents of rounding would cover it). `perCell`: each cell's own rounding, where the sentence
 * adds up what the rows hold unrounded (the money of the projects a table lists one by one).
 */
export function agrees(stated: Term, cells: Term[], rounding: 'asTotal' | 'perCell' = 'asTotal'): boolean {
  const tolerance = rounding === 'asTotal' && cells.length > 1 ? halfWidth(stated) + halfWidth(cells[0]!) : undefined;
  const { breach, tolerance: within } = evaluate({ key: '', ruleId: '', relation: 'eq', lhs: [stated], rhs: cells, context: {}, tolerance });
  return breach <= within;
}

/**
 * The table cell a statement speaks of: its row (by key, else by orKey, or the total row) in its
 * column; with no row of those keys, the total row in the first of `totalRowColumns` the table has (a
 * 三公 table laid out across, one column per expense; a vertical one whose 合计 is the 三公 total).
 */
export function statedCell(t: RecognizedTable, s: Pick<Statement, 'column' | 'row' | 'totalRowColumns'>): { row: TableRow; column: string } | undefined {
  const total = () => t.rows.find((x) => x.isTotal);
  const byKey = (key: string | undefined) => (key === undefined ? undefined : t.rows.find((x) => s.row.side && x.keys[s.row.side] === key));
  const keyed = s.row.total ? total() : (byKey(s.row.key) ?? byKey(s.row.orKey));
  if (keyed) return { row: keyed, column: s.column };
  const column = s.totalRowColumns?.find((role) => t.columns.some((c) => c.role === role));
  if (column === undefined) return undefined;
  const row = total();
  return row && { row, column };
}

/** A part's share of a whole in %, and how far the two figures' rounding (their half last digits) can move it, in points. */
export function shareOf(part: number, partHalf: number, whole: number, wholeHalf: number): { computed: number; slack: number } {
  return { computed: (part / whole) * 100, slack: (partHalf / whole + (part * wholeHalf) / (whole * whole)) * 100 };
}

/** A part the narrative states with its share (“X万元，占P%”), its amount in 万元. */
interface SharePart {
  text: string;
  amount: number;
  half: number;
  share: number;
  shareDecimals: number;
}

/** Shares that add up to 100% within their rounding: the paragraph has listed every part of its whole. */
function addsUpToWhole(parts: readonly SharePart[]): boolean {
  if (parts.length < 2) return false;
  const sum = parts.reduce((s, p) => s + p.share, 0);
  // Nothing is exactly 0% of the whole (江苏's “政府性基金预算收入0万元，占0%”): no rounding to allow for.
  const rounding = parts.reduce((s, p) => s + (p.share === 0 && p.amount === 0 ? 0 : 0.5 * 10 ** -p.shareDecimals), 0);
  return Math.abs(sum - 100) <= rounding + 1e-9;
}

/**
 * "因公出国（境）费支出222.5万元，占“三公”经费的8.75%；…公务接待费支出427.5万元，占…16.81%": each
 * part's share recomputed against the sum of the parts, when the paragraph states all of them (the
 * whole is then theirs, whatever else a table's 合计 column holds, such as 会议费 and 培训费).
 */
export const narrativeShares: IteratorDef<z.infer<typeof SharesParams>> = {
  name: 'narrative-shares',
  description: both(
    '说明一段中逐项写的“X万元，占……的P%”：写全各项时以各项之和为分母，按文中数字重算占比',
    'the parts a paragraph states as “X 万元, P% of the whole”: when it states them all, each share recomputed against their sum',
  ),
  facts: {
    statement: text('说明中的原文', 'the statement as written'),
    amount: num('该项金额（万元）', 'the part’s amount (万元)'),
    whole: num('各项之和（万元）', 'the sum of the parts (万元)'),
    statedShare: num('文中写的占比（%）', 'the share the text states (%)'),
    computedShare: num('按文中数字算出的占比（%）', 'the share recomputed from the figures (%)'),
    computedShareText: text('算出的占比，保留原文的小数位数（如 49.5）', 'the recomputed share to the decimals the text writes (49.5)'),
    shareExcess: num(
      '写的与算出的占比之差超出舍入的部分（>0 即不符；为凑满 100% 而多进或少舍的一位也算不符）',
      'stated minus recomputed share beyond rounding (>0 disagree; a last digit nudged to make the shares add up to 100% disagrees too)',
    ),
  },
  identities: false,
  texts: [],
  run(ctx, params) {
    const items: Item[] = [];
    const re = new RegExp(params.pattern, 'gu');
    const cells = narrativeCells(ctx);
    const partsOf = cells.map(({ text: original, folded }) =>
      !HAS_DIGIT.test(folded)
        ? []
        : [...globalMatches(re, folded)].flatMap((m) => {
            const amount = parseAmount(m[1] ?? '');
            const share = parseAmount(m[3] ?? '');
            if (amount.kind !== 'number' || share.kind !== 'number') return [];
            const factor = (UNIT_FACTOR[(m[2] || '万元') as Unit] ?? 10_000) / 10_000;
            // NFKC keeps the length of these characters: the statement is quoted as written.
            return [{ text: original.slice(m.index, m.index + m[0].length), amount: amount.value * factor, half: 0.5 * 10 ** -amount.decimals * factor, share: share.value, shareDecimals: share.decimals }];
          }),
    );
    // Shares spread over paragraphs are often rounded to make 100% (江苏 2018–2026's income sources, one
    // a paragraph): there a last digit one off is the author's rounding, as narrative-share-of-total allows.
    const judge = (group: readonly { at: number; parts: SharePart[] }[]) => {
      const nudge = group.length > 1 ? 1 : 0;
      const all = group.flatMap((g) => g.parts);
      const whole = all.reduce((s, p) => s + p.amount, 0);
      const wholeHalf = all.reduce((s, p) => s + p.half, 0);
      if (whole <= 0) return;
      for (const { at, parts } of group) {
        const { sheet, row, col } = cells[at]!;
        for (const p of parts) {
          const { computed, slack } = shareOf(p.amount, p.half, whole, wholeHalf);
          const unit = 10 ** -p.shareDecimals;
          items.push({
            facts: {
              statement: p.text,
              amount: p.amount,
              whole: Math.round(whole * 100) / 100,
              statedShare: p.share,
              computedShare: Math.round(computed * 100) / 100,
              computedShareText: computed.toFixed(p.shareDecimals),
              shareExcess: Math.abs(p.share - computed) - ((0.5 + nudge) * unit + slack),
            },
            cell: { sheet, cell: toA1(row, col) },
          });
        }
      }
    };
    for (let i = 0; i < cells.length; i++) {
      const parts = partsOf[i]!;
      if (parts.length === 0) continue;
      if (params.parts !== undefined) {
        if (parts.length === params.parts) judge([{ at: i, parts }]);
        continue;
      }
      if (addsUpToWhole(parts)) {
        judge([{ at: i, parts }]);
        continue;
      }
      // The parts in paragraphs one after another (北京's “（一）基本支出…占本年支出预算66.54%。” then
      // “（二）项目支出…占33.46%。”): together they are the whole once their shares reach 100%.
      const run = [{ at: i, parts }];
      let complete = false;
      for (let j = i + 1; j < cells.length && !complete; j++) {
        const next = partsOf[j]!;
        if (next.length === 0 || paragraphAbove(cells, j, 1) !== cells[j - 1] || addsUpToWhole(next)) break;
        run.push({ at: j, parts: next });
        const all = run.flatMap((g) => g.parts);
        complete = addsUpToWhole(all);
        if (!complete && all.reduce((s, p) => s + p.share, 0) > 100) break;
      }
      if (complete) {
        judge(run);
        i += run.length - 1;
      }
    }
    return items;
  },
};
