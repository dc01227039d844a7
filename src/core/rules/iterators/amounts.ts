/** Amount identities inside and across tables: the arithmetic a correct workbook satisfies. */
import type { z } from 'zod';
import type { HierarchyParams, RowIdentityParams, LabelledSumParams, ListTotalParams, EmptyListParams, YearChangeParams, OutlineTotalParams, GroupedParams, RowSelector, CellSelector, Addend, TieSide, TieParams, CorrespondenceParams, RowPresence, ClassesListedParams } from '../params/amounts.js';
import { levelOf, parentCode, splitCodeFromLabel } from '../../codes.js';
import { parseRange } from '../../address.js';
import { normalizeLabel, stripEnumeration } from '../../text.js';
import { amountText, formatTemplate, type Lang } from '../../messages.js';
import type { CellRef, RecognizedColumn, RecognizedTable, TableRow, YearBlock } from '../../model.js';
import type { TableId } from '../../vocabulary.js';
import { identityItem, indexRow, type CodedRows, type CodeTree, type Item, type RuleContext } from '../context.js';
import { CellIdentity, cellKey, evaluateCells, UNIT_FACTOR, type Identity, type Localized, type Relation, type Term } from '../identity.js';
import type { Screen } from '../conditions.js';
import { IDENTITY_FACTS, type IteratorDef, type Reference, flag, num, text, both } from '../registry-types.js';
import { addTo } from '../../multimap.js';
import { OrderedLookup } from '../ordered-lookup.js';
import { sumLabel } from '../sum-label.js';
import { leftOutAsEmpty } from '../../recognize/not-published.js';

const blank = (t: Term) => t.ref.amount == null;

function isBlank(ctx: RuleContext, t: RecognizedTable, row: TableRow, role: string): boolean {
  return ctx.cell(t, row, role)?.amount == null;
}

function localizedPair(ctx: RuleContext, t: RecognizedTable, role: string) {
  return {
    'zh-CN': { table: ctx.tableName(t, 'zh-CN'), column: ctx.columnName(t, role, 'zh-CN') },
    en: { table: ctx.tableName(t, 'en'), column: ctx.columnName(t, role, 'en') },
  };
}

/** The breach and tolerance facts, as an identity's facts give them (in its unit), one object rewritten for every identity. */
const early = { breach: 0, tolerance: 0 };

/**
 * Whether the rules walking an identity of one cell against the sum of others could report it,
 * judged from its breach and tolerance before its terms are made (identity.ts, evaluateCells).
 */
function couldReportCells(couldReport: Screen, relation: Relation, left: CellRef, right: readonly CellRef[], factor: number, rightFactor = factor, tolerance?: number): boolean {
  const e = evaluateCells(relation, left, right, factor, rightFactor, tolerance);
  early.breach = e.breach / factor;
  early.tolerance = e.tolerance / factor;
  return couldReport(early);
}

// ── hierarchy-sums ────────────────────────────────────────────────────────────────────────────

export const hierarchySums: IteratorDef<z.infer<typeof HierarchyParams>> = {
  name: 'hierarchy-sums',
  description: both('每个有下级的科目行（及合计行）在每个金额列上，与其直属下级之和', 'every parent subject row (and the 合计 row), in every amount column, against the sum of its direct children'),
  facts: {
    ...IDENTITY_FACTS,
    parentCode: text('上级科目编码（合计行为空）', 'parent code (empty for the 合计 row)'),
    parentName: text('上级科目名称', 'parent name'),
    rowName: text('上级行的编码和名称（合计行为“合计”）', 'the parent row’s code and name (合计 for the total row)'),
    childCount: num('直属下级行数', 'number of direct children'),
  },
  identities: true,
  texts: ['table', 'column', 'left'],
  references: (p) => p.tables.map((table, i) => ({ path: ['tables', i], table, coded: true })),
  *run(ctx, params, ruleId, couldReport) {
    for (const id of params.tables) {
      for (const t of ctx.tables(id)) {
        const factor = UNIT_FACTOR[ctx.unit(t)];
        const coded = t.rows.filter((r) => r.code);
        const total = t.rows.find((r) => r.isTotal);
        const tree = ctx.codeTree(t);
        const groups = parentGroups(t.rows, tree);
        if (total) {
          // The 合计 adds up the classes; in a table printing no class (北京 2026's 支出总表, its 项 only,
          // one row per 项 and economic subject), the rows no other row is parent of.
          const classes = coded.filter((r) => r.code!.level === 1);
          const tops = classes.length > 0 ? classes : t.rows.filter((r, i) => r.code && tree.parentOf[i] === undefined);
          if (tops.length > 0) groups.push({ parent: total, children: tops });
        }
        const twice = new Set(groups.filter((g) => new Set(g.children.map((c) => c.code?.code)).size < g.children.length).map((g) => g.parent));
        for (const role of ctx.amountRoles(t)) {
          // One description per column, shared by its identities (there is one per parent row).
          const describe = (lang: Lang) => localizedPair(ctx, t, role)[lang];
          for (const { parent, children } of groups) {
            if (isBlank(ctx, t, parent, role) && children.every((c) => isBlank(ctx, t, c, role))) continue;
            if (couldReport && !couldReportCells(couldReport, 'eq', ctx.cell(t, parent, role)!, children.map((c) => ctx.cell(t, c, role)!), factor)) continue;
            const lhs = ctx.term(t, parent, role)!;
            // A child printed twice (无锡 发改委 2025's 21999 其他支出 on two rows) may be the whole gap: no sum to suggest.
            if (twice.has(parent)) lhs.unsuggested = true;
            const rhs = children.map((c) => ctx.term(t, c, role)!);
            const context = () => ({
              parentCode: parent.code?.code ?? '',
              parentName: parent.code ? (parent.labels.name ?? '') : ctx.rowName(parent),
              rowName: ctx.rowName(parent),
              childCount: children.length,
            });
            const identity = new CellIdentity(ruleId, lhs, 'eq', [lhs], rhs, context, describe);
            yield identityItem(identity, t.id);
          }
        }
      }
    }
  },
};

/**
 * Each parent row with its direct children, in table order: one pass, not one scan per parent. A
 * parent code printed on several rows heads a block each (烟台 2026's basic table prints 301 once
 * under 政府经济分类 501 and again under 505): a child belongs to the nearest such row above it, not
 * to all of them pooled.
 */
function parentGroups(rows: readonly TableRow[], { entryOf, parentOf }: CodeTree): { parent: TableRow; children: TableRow[] }[] {
  const childrenOfCode = new Map<CodedRows, TableRow[]>();
  const childrenOfRow = new Map<TableRow, TableRow[]>();
  // The latest row so far of each code printed on several rows: its children below belong to it.
  const lastRowOf = new Map<CodedRows, TableRow>();
  for (let i = 0; i < rows.length; i++) {
    const own = entryOf[i];
    if (!own) continue;
    if (own.count > 1) lastRowOf.set(own, rows[i]!);
    const parent = parentOf[i];
    if (parent === undefined) continue;
    if (parent.count < 2) addTo(childrenOfCode, parent, rows[i]!);
    else {
      const above = lastRowOf.get(parent);
      if (above) addTo(childrenOfRow, above, rows[i]!);
    }
  }
  const groups: { parent: TableRow; children: TableRow[] }[] = [];
  for (let i = 0; i < rows.length; i++) {
    const own = entryOf[i];
    if (!own) continue;
    const children = own.count < 2 ? childrenOfCode.get(own) : childrenOfRow.get(rows[i]!);
    if (children?.length) groups.push({ parent: rows[i]!, children });
  }
  return groups;
}

// ── row-identities ────────────────────────────────────────────────────────────────────────────

export const rowIdentities: IteratorDef<z.infer<typeof RowIdentityParams>> = {
  name: 'row-identities',
  description: both('每一行内：合计列等于各组成列之和（如 合计 = 基本支出 + 项目支出）', 'within every row: the total column equals the sum of its part columns (合计 = 基本支出 + 项目支出)'),
  facts: {
    ...IDENTITY_FACTS,
    rowName: text('行的编码和名称', 'the row’s code and name'),
    parts: text('组成列的名称', 'names of the part columns'),
  },
  identities: true,
  texts: ['table', 'column', 'parts', 'left'],
  references: (p) =>
    p.identities.flatMap((d, i) => [
      { path: ['identities', i, 'total'], table: d.table, column: d.total },
      ...d.parts.map((part, j) => ({ path: ['identities', i, 'parts', j], table: d.table, column: part })),
      ...(d.requires ?? []).map((role, j) => ({ path: ['identities', i, 'requires', j], table: d.table, column: role })),
      ...(d.without ?? []).map((role, j) => ({ path: ['identities', i, 'without', j], table: d.table, column: role })),
      ...(d.side ? [{ path: ['identities', i, 'side'], table: d.table, column: d.side }] : []),
    ]),
  *run(ctx, params, ruleId, couldReport) {
    for (const decl of params.identities) {
      for (const t of ctx.tables(decl.table)) {
        yield* blockIdentities(ctx, ruleId, couldReport, decl, t, t.columns);
        // The same sums within an earlier year's block printed beside this year's (西安's 三公 table).
        if (params.earlierYears) for (const block of t.yearBlocks ?? []) if (block.kind === 'previous') yield* blockIdentities(ctx, ruleId, couldReport, decl, t, block.columns, block);
      }
    }
  },
};

type RowIdentity = z.infer<typeof RowIdentityParams>['identities'][number];

/** One declared identity on every row of a table, over this year's columns or over a block of another year's. */
function* blockIdentities(ctx: RuleContext, ruleId: string, couldReport: Screen | undefined, decl: RowIdentity, t: RecognizedTable, columns: readonly RecognizedColumn[], block?: YearBlock): Generator<Item> {
  const present = new Set(columns.map((c) => c.role));
  const within = decl.withinParts && printedWithin(ctx, t, decl, present, block) ? new Set(decl.withinParts) : undefined;
  const parts = decl.parts.filter((p) => present.has(p) && !within?.has(p));
  if (!present.has(decl.total) || parts.length === 0 || decl.requires?.some((r) => !present.has(r)) || decl.without?.some((r) => present.has(r))) return;
  const header = columns.find((c) => c.role === decl.total)?.header ?? '';
  if (decl.whenTotalNames && !decl.whenTotalNames.some((w) => header.includes(w))) return;
  if (decl.unlessTotalNames && decl.unlessTotalNames.some((w) => header.includes(w))) return;
  // A column the header did not name may be another part: then the known parts can only be at
  // most the total. Not one set aside: another year's (上年 / 增减 / an earlier year's heading) or a memo.
  const partial = !!t.unmatchedColumns?.some((u) => !u.aside);
  const heading = block ? `${block.heading} ` : '';
  // One description per table, shared by its rows' identities.
  const describe = (lang: Lang) => {
    const pair = localizedPair(ctx, t, decl.total)[lang];
    return { ...pair, column: heading + pair.column, parts: parts.map((p) => heading + ctx.columnName(t, p, lang)).join(' + ') };
  };
  const factor = UNIT_FACTOR[ctx.unit(t)];
  const relation = partial ? 'ge' : 'eq';
  const termOf = block ? (row: TableRow, role: string) => ctx.blockTerm(t, row, block, role) : (row: TableRow, role: string) => ctx.term(t, row, role, 1, decl.side);
  const cellOf = block ? (row: TableRow, role: string) => termOf(row, role)?.ref : (row: TableRow, role: string) => ctx.cell(t, row, role);
  for (const row of t.rows) {
    if (cellOf(row, decl.total)?.amount == null && parts.every((p) => cellOf(row, p)?.amount == null)) continue;
    if (couldReport && !couldReportCells(couldReport, relation, cellOf(row, decl.total)!, parts.map((p) => cellOf(row, p)!), factor)) continue;
    const lhs = termOf(row, decl.total)!;
    const partTerms = parts.map((p) => termOf(row, p)!);
    const context = () => ({ rowName: ctx.rowName(row, decl.side) });
    const identity = new CellIdentity(ruleId, lhs, relation, [lhs], partTerms, context, describe);
    yield identityItem(identity, t.id);
  }
}

/** Rounding a total may carry over its parts, per part (深圳's department rows add 13–21 units' figures). */
const WITHIN_ROUNDING = 0.011;

/**
 * Whether the table prints decl.withinParts as 其中 of its other parts: of the rows that fill one of
 * them, most add up to their total from the other parts alone and none with them (深圳 生态环境局
 * 2026's 表3: 支出总计 190,281.97 = 基本支出 51,374.73 + 项目支出 138,907.24, beside 事业单位经营支出
 * 11,575.59).
 */
function printedWithin(ctx: RuleContext, t: RecognizedTable, decl: RowIdentity, present: ReadonlySet<string>, block?: YearBlock): boolean {
  if (block) return false;
  const within = decl.withinParts!.filter((p) => present.has(p));
  const others = decl.parts.filter((p) => present.has(p) && !within.includes(p));
  if (within.length === 0 || others.length === 0 || !present.has(decl.total)) return false;
  // Decided by the rows, not by every row: one row typed wrong must be reported as a slip of its own,
  // not turn the whole table back to the national sum and make every other row wrong.
  let filled = 0;
  let coreHolds = 0;
  const amount = (row: TableRow, role: string) => ctx.cell(t, row, role)?.amount ?? 0;
  for (const row of t.rows) {
    if (!within.some((p) => amount(row, p) !== 0)) continue;
    filled++;
    const total = amount(row, decl.total);
    const core = others.reduce((s, p) => s + amount(row, p), 0);
    const all = core + within.reduce((s, p) => s + amount(row, p), 0);
    const slack = WITHIN_ROUNDING * (others.length + within.length + 1);
    if (Math.abs(total - all) <= slack) return false;
    if (Math.abs(total - core) <= slack) coreHolds++;
  }
  return filled > 0 && coreHolds * 2 > filled;
}

/** Whether a column's header has one of the words (“三公”经费合计 says what it totals; 单位名称 that rows are units). */
function headerNames(t: RecognizedTable, role: string, words: readonly string[]): boolean {
  const header = t.columns.find((c) => c.role === role)?.header ?? '';
  return words.some((w) => header.includes(w));
}

// ── labelled-sums ─────────────────────────────────────────────────────────────────────────────

function rowByKey(t: RecognizedTable, side: string, key: string): TableRow | undefined {
  return t.rows.find((r) => r.keys[side] === key);
}

function rowsByKeys(t: RecognizedTable, side: string, keys: string[]): TableRow[] {
  const seen = new Set<string>();
  const rows: TableRow[] = [];
  for (const k of keys) {
    const matching = k.endsWith('*') ? t.rows.filter((r) => r.keys[side]?.startsWith(k.slice(0, -1))) : [rowByKey(t, side, k)].filter((r): r is TableRow => !!r);
    for (const r of matching) {
      // A key stands for its first row: the 结转 block of 财政拨款收支总表 repeats the income labels.
      if (seen.has(r.keys[side]!)) continue;
      seen.add(r.keys[side]!);
      rows.push(r);
    }
  }
  return rows;
}

/** A long list of parts (30 functional classes) is named by its first few and a count. */
function partsText(names: string[]): string {
  return names.length <= 4 ? names.join('、') : `${names.slice(0, 3).join('、')} 等 ${names.length} 行`;
}

/** A row and how messages name it. */
export interface NamedRow {
  row: TableRow;
  name: string;
}

/**
 * A total row against its part rows in one column, as an identity item; none when the column is absent
 * or the total and all parts are blank. Shared by the sums found by row label and by category.
 */
export function rowSumItem(ctx: RuleContext, ruleId: string, t: RecognizedTable, role: string, total: NamedRow, parts: NamedRow[], side?: string, unsure = false) {
  if (!ctx.cell(t, total.row, role)) return undefined;
  if (isBlank(ctx, t, total.row, role) && parts.every((p) => isBlank(ctx, t, p.row, role))) return undefined;
  const lhs = ctx.term(t, total.row, role, 1, side, 1, total.name)!;
  // Parts that may not be all there are: the cells are named for the person to choose, no one fix.
  if (unsure) lhs.unsuggested = true;
  const rhs = parts.map((p) => ctx.term(t, p.row, role, 1, side, 1, p.name)!);
  const context = { rowName: total.name, parts: partsText(parts.map((p) => p.name)) };
  return identityItem(new CellIdentity(ruleId, lhs, 'eq', [lhs], rhs, context, (lang) => localizedPair(ctx, t, role)[lang]), t.id);
}

/**
 * A row that is a heading only: no amount in any column of its row, on either side (西安 2019's 收支总表
 * prints “一、部门预算” so on all four sides, its parts and 本年支出合计 filled). It stands for its parts;
 * one cell left blank where the others are filled is still a line to add up.
 */
export function isHeading(row: TableRow): boolean {
  for (const role in row.cells) {
    const cell = row.cells[role]!;
    if (cell.amount !== null || cell.invalid) return false;
  }
  return true;
}

/** The facts of a total row summed from part rows (rowSumItem's items), whichever way the rows were found. */
export const ROW_SUM_FACTS = { ...IDENTITY_FACTS, rowName: text('合计行的名称', 'name of the total row'), parts: text('组成行的名称', 'names of the part rows') };

export const labelledSums: IteratorDef<z.infer<typeof LabelledSumParams>> = {
  name: 'labelled-sums',
  description: both('按行标签识别的合计行等于组成行之和（如 本年收入合计、三公经费小计）', 'a total row found by its label equals the sum of its part rows (本年收入合计, 三公经费小计)'),
  facts: ROW_SUM_FACTS,
  identities: true,
  texts: ['table', 'column', 'left'],
  references: (p) =>
    p.sums.flatMap((d, i) => [
      { path: ['sums', i, 'side'], table: d.table, column: d.side },
      ...d.columns.map((c, j) => ({ path: ['sums', i, 'columns', j], table: d.table, column: c })),
      ...(d.totalSide ? [{ path: ['sums', i, 'totalSide'], table: d.table, column: d.totalSide }] : []),
      { path: ['sums', i, 'total'], table: d.table, rowKey: d.total, side: d.totalSide ?? d.side },
      ...d.parts.map((k, j) => ({ path: ['sums', i, 'parts', j], table: d.table, rowKey: k, side: d.side })),
      ...(d.unless ? [{ path: ['sums', i, 'unless'], table: d.table, rowKey: d.unless, side: d.side }] : []),
      ...(d.requires ?? []).map((k, j) => ({ path: ['sums', i, 'requires', j], table: d.table, rowKey: k, side: d.side })),
    ]),
  *run(ctx, params, ruleId) {
    for (const decl of params.sums) {
      for (const t of ctx.tables(decl.table)) {
        const totalSide = decl.totalSide ?? decl.side;
        const total = rowByKey(t, totalSide, decl.total);
        if (!total || (decl.headingWhenBlank && isHeading(total))) continue;
        const boundary = decl.partsBelow && rowByKey(t, decl.side, decl.partsBelow.row);
        const keyed = rowsByKeys(t, decl.side, decl.parts);
        const mixed = decl.partsAbove && keyed.some((r) => r.row < total.row) && keyed.some((r) => r.row > total.row);
        const parts = [
          ...keyed.filter((r) => !mixed || r.row < total.row),
          ...(boundary ? rowsByKeys(t, decl.side, decl.partsBelow!.parts).filter((r) => r.row > boundary.row && r.row < total.row) : []),
        ];
        if (parts.length === 0 || (decl.unless && rowByKey(t, decl.side, decl.unless))) continue;
        if (decl.requires?.some((key) => !rowByKey(t, decl.side, key))) continue;
        const named = (row: TableRow, side = decl.side): NamedRow => ({ row, name: ctx.rowName(row, side) });
        const [namedTotal, namedParts] = [named(total, totalSide), parts.map((row) => named(row))];
        for (const role of decl.columns) {
          const item = rowSumItem(ctx, ruleId, t, role, namedTotal, namedParts, decl.side, unreadAmongParts(ctx, t, role, decl.side, parts, total));
          if (item) yield item;
        }
      }
    }
  },
};

/**
 * A named line among the parts that no key reads, holding an amount: the parts may not be all there
 * are (a class under a name the vocabulary does not know). Summed without it, a 收支总表's classes once
 * fell short, and the shortfall was offered as the fix of a blank class line beside it.
 */
function unreadAmongParts(ctx: RuleContext, t: RecognizedTable, role: string, side: string, parts: readonly TableRow[], total: TableRow): boolean {
  const first = Math.min(...parts.map((p) => p.row));
  const last = Math.max(total.row, ...parts.map((p) => p.row));
  return t.rows.some((r) => r.row > first && r.row < last && r !== total && !r.isTotal && !r.keys[side] && !!r.labels[side]?.trim() && !isBlank(ctx, t, r, role));
}

// ── list-totals: a table that lists items under one 合计 (项目支出表) ───────────────────────────────────

/** Whether the note under the table matches the pattern (it says rows were left out: 予以剔除, 涉密). */
function noteSays(t: RecognizedTable, pattern: string | undefined): boolean {
  return !!pattern && !!t.note && new RegExp(pattern, 'u').test(t.note.text);
}

/** The columns a `tables[i]` entry names under `key`, for lint to find in its table. */
const columnRefs = (d: { table: TableId }, i: number, key: string, columns: readonly string[]) =>
  columns.map((column, j) => ({ path: ['tables', i, key, j], table: d.table, column }));

export const listTotals: IteratorDef<z.infer<typeof ListTotalParams>> = {
  name: 'list-totals',
  description: both('平铺列示的表（如项目支出表，每行一个项目）：合计行等于其余各行之和', 'a table listing one item a row under one 合计 (the project spending table): the 合计 equals the other rows'),
  facts: ROW_SUM_FACTS,
  identities: true,
  texts: ['table', 'column', 'left'],
  references: (p) => p.tables.flatMap((d, i) => [...columnRefs(d, i, 'columns', d.columns), ...columnRefs(d, i, 'labels', d.labels)]),
  *run(ctx, params, ruleId) {
    for (const decl of params.tables) {
      for (const t of ctx.tables(decl.table)) {
        const totals = t.rows.filter((r) => r.isTotal);
        // A list's coded rows are its subjects, each over the items listed below it: not items themselves.
        const listed = ctx.vocab.tables.get(t.id)?.kind !== 'coded';
        const parts = t.rows.filter((r) => !r.isTotal && !(listed && r.code));
        // A subtotal row (a unit naming only itself, a category) would be counted twice: no flat list.
        const labels = decl.labels.filter((role) => t.columns.some((c) => c.role === role));
        // The note under the table may say rows were left out of the publication (烟台 信访局 2026: 525 over three printed projects' 235).
        if (noteSays(t, decl.unlessNote)) continue;
        if (totals.length !== 1 || parts.length === 0 || labels.length === 0 || parts.some((r) => labels.some((role) => !r.labels[role]))) continue;
        if (decl.labelHeaderNames && !(headerNames(t, labels[0]!, decl.labelHeaderNames) && !t.rows.some((r) => r.code))) continue;
        // The department's row under the 合计, equal to it throughout, is the 合计 again (its units follow):
        // not added, but a total of the units as much as the 合计 is (西安 宣传部 2021's 表13: a figure of
        // that row changed alone would leave its units behind).
        const repeated = decl.totalRepeated && parts.length > 1 && decl.columns.every((role) => sameAmount(ctx.cell(t, parts[0]!, role), ctx.cell(t, totals[0]!, role))) ? parts.shift() : undefined;
        const named = (row: TableRow): NamedRow => ({ row, name: ctx.rowName(row, decl.labels[0]) });
        // Units over their projects in one column (深圳 建筑工务署 2026): the 合计 adds up the units.
        const heads = subtotalHeads(ctx, t, parts, decl.columns);
        const items = (heads ?? parts).map(named);
        const total = named(totals[0]!);
        for (const role of decl.columns) {
          const item = rowSumItem(ctx, ruleId, t, role, total, items);
          if (!item) continue;
          yield item;
          // Where the 合计 is off, the row repeating it is off alike: said once, on the 合计.
          const again = repeated && item.breaks === false ? rowSumItem(ctx, ruleId, t, role, named(repeated), items) : undefined;
          if (again) yield again;
        }
      }
    }
  },
};

/**
 * A list whose rows come in groups, each headed by a row equal to the rows under it up to the next
 * head (深圳 建筑工务署 2026's 项目支出总表 names each unit, its subtotal, over its projects in the one
 * label column): the heads, or undefined for a flat list. Told by the figures of the first column that
 * has any, every row in a group and every group adding up: a list summed flat would count each project
 * twice and call the 合计 short by itself.
 */
export function subtotalHeads(ctx: RuleContext, t: RecognizedTable, parts: readonly TableRow[], roles: readonly string[], minHeads = 2): TableRow[] | undefined {
  const role = roles.find((r) => parts.some((p) => (ctx.cell(t, p, r)?.amount ?? 0) !== 0));
  if (!role || parts.length < minHeads + 1) return undefined;
  const amount = (r: TableRow) => ctx.cell(t, r, role)?.amount ?? 0;
  const heads: TableRow[] = [];
  for (let i = 0; i < parts.length; ) {
    const head = amount(parts[i]!);
    if (head <= 0) return undefined;
    let sum = 0;
    let j = i + 1;
    // Each part rounded to the cent: a cent apart per row is still the head's own sum.
    while (j < parts.length && sum < head - 0.005 * (j - i)) sum += amount(parts[j++]!);
    if (j === i + 1 || Math.abs(sum - head) > 0.005 * (j - i)) return undefined;
    heads.push(parts[i]!);
    i = j;
  }
  return heads.length >= minHeads ? heads : undefined;
}

// ── empty-lists: a list that prints its 合计 and nothing under it ─────────────────────────────────────

export const emptyLists: IteratorDef<z.infer<typeof EmptyListParams>> = {
  name: 'empty-lists',
  description: both(
    '逐项列示的表（政府购买服务明细表、政府采购表、项目支出表）只印合计行、合计有金额，却一项也没有列出',
    'a table listing items one a row (purchased services, procurement, projects) that prints its 合计 with an amount and not one item',
  ),
  facts: {
    amount: num('合计行第一个有金额的列的金额', 'the amount in the 合计 row’s first column that has one'),
  },
  identities: false,
  texts: ['table', 'column', 'amountText'],
  references: (p) => p.tables.flatMap((d, i) => columnRefs(d, i, 'columns', d.columns)),
  run(ctx, params) {
    const items: Item[] = [];
    for (const decl of params.tables) {
      for (const t of ctx.tables(decl.table)) {
        if (noteSays(t, decl.unlessNote)) continue;
        // 北京 军民融合办 2026's 预算11表: 合计 778.93, and no service under it.
        const [total] = t.rows;
        if (t.rows.length !== 1 || !total!.isTotal) continue;
        const role = decl.columns.find((c) => ctx.cell(t, total!, c)?.amount);
        if (!role) continue;
        const cell = ctx.cell(t, total!, role)!;
        items.push({
          facts: { amount: cell.amount! },
          text: (lang) => ({ table: ctx.tableName(t, lang), column: ctx.columnName(t, role, lang), amountText: amountText(cell.amount!, cell.decimals, ctx.unit(t), lang) }),
          cell: { sheet: cell.sheet, cell: cell.cell },
          table: t.id,
        });
      }
    }
    return items;
  },
};

// ── year-changes: a table comparing two years, and its 变化 row ───────────────────────────────────

/** A row label that is a year: “2022”, “2022年”, “2022年度”. */
const YEAR_LABEL = /^(20\d{2})年?度?$/;

export const yearChanges: IteratorDef<z.infer<typeof YearChangeParams>> = {
  name: 'year-changes',
  description: both(
    '两年对比的表（西安 2022 说明所附的收支对比表：2021 | 2022 | 变化）：后一年等于前一年加变化，逐列',
    'a table comparing two years (西安 2022’s 收支对比表 beside its narrative: 2021 | 2022 | 变化): the later year equals the earlier plus the change, column by column',
  ),
  facts: ROW_SUM_FACTS,
  identities: true,
  texts: ['table', 'column', 'left'],
  references: (p) =>
    p.tables.flatMap((d, i) => [
      ...columnRefs(d, i, 'columns', d.columns),
      { path: ['tables', i, 'side'], table: d.table, column: d.side },
      { path: ['tables', i, 'change'], table: d.table, rowKey: d.change, side: d.side },
    ]),
  *run(ctx, params, ruleId) {
    for (const decl of params.tables) {
      for (const t of ctx.tables(decl.table)) {
        const years = t.rows.flatMap((row) => {
          const m = YEAR_LABEL.exec(normalizeLabel(row.labels[decl.side] ?? ''));
          return m ? [{ row, year: Number(m[1]) }] : [];
        });
        const changes = t.rows.filter((r) => r.keys[decl.side] === decl.change);
        // Two years and one change between them; three years would leave the change's pair unsaid.
        if (years.length !== 2 || changes.length !== 1) continue;
        const [earlier, later] = years.sort((a, b) => a.year - b.year);
        if (earlier!.year === later!.year) continue;
        const named = (row: TableRow): NamedRow => ({ row, name: ctx.rowName(row, decl.side) });
        for (const role of decl.columns) {
          const item = rowSumItem(ctx, ruleId, t, role, named(later!.row), [named(earlier!.row), named(changes[0]!)]);
          if (item) yield item;
        }
      }
    }
  },
};

/** Two cells holding the same amount (both blank, or equal to the cent). */
function sameAmount(a: CellRef | undefined, b: CellRef | undefined): boolean {
  return Math.round((a?.amount ?? 0) * 100) === Math.round((b?.amount ?? 0) * 100);
}

// ── outline-totals: a table laid out as category, group and detail rows (政府采购预算表) ───────────────

/** A row's depth in an outline: 0 a category (一、货物A), 1 a group under it (a 专项, a unit), 2 a detail. */
function outlineLevel(row: TableRow, top: { column: string; pattern: RegExp }, leaf: readonly string[]): 0 | 1 | 2 {
  if (leaf.some((role) => row.labels[role]?.trim())) return 2;
  const category = row.labels[top.column];
  if (category && top.pattern.test(normalizeLabel(category))) return 0;
  return Object.values(row.labels).some((l) => l.trim() !== '') ? 1 : 2;
}

export const outlineTotals: IteratorDef<z.infer<typeof OutlineTotalParams>> = {
  name: 'outline-totals',
  description: both(
    '按大类、分组、明细分级列示的表（江苏、苏州的政府采购预算表：货物｜专项或单位｜采购品目）：每一行等于其下一级各行之和，合计等于各大类之和',
    'a table laid out as categories, groups and details (江苏 and 苏州’s procurement tables: 货物 | a project or unit | the items): each row equals the rows one level below it, the 合计 the categories',
  ),
  facts: ROW_SUM_FACTS,
  identities: true,
  texts: ['table', 'column', 'left'],
  references: (p) =>
    p.tables.flatMap((d, i) => [
      ...columnRefs(d, i, 'columns', d.columns),
      { path: ['tables', i, 'top', 'column'], table: d.table, column: d.top.column },
      ...columnRefs(d, i, 'leaf', d.leaf),
    ]),
  *run(ctx, params, ruleId) {
    for (const decl of params.tables) {
      const top = { column: decl.top.column, pattern: new RegExp(decl.top.pattern, 'u') };
      for (const t of ctx.tables(decl.table)) {
        // Coded rows are summed by their codes; a table with no category column is no outline.
        if (!t.columns.some((c) => c.role === top.column) || t.rows.some((r) => r.code)) continue;
        const rows = t.rows.map((row) => ({ row, level: row.isTotal ? -1 : outlineLevel(row, top, decl.leaf) }));
        // Categories alone (重庆's 货物 | 工程 | 服务) are a flat list: list-totals sums them.
        if (rows.every((r) => r.level <= 0)) continue;
        const named = (row: TableRow): NamedRow => ({ row, name: ctx.rowName(row, top.column) });
        for (const [i, { row, level }] of rows.entries()) {
          if (level === 2) continue;
          // The rows below it, down to the next of its level or above; the nearest level of them are its parts.
          // A 合计 printed last (北京 2026) sums the rows above it instead.
          const below: { row: TableRow; level: number }[] = [];
          for (const next of rows.slice(i + 1)) {
            if (next.level <= level) break;
            below.push(next);
          }
          if (below.length === 0 && level < 0) {
            for (const previous of rows.slice(0, i).reverse()) {
              if (previous.level < 0) break;
              below.unshift(previous);
            }
          }
          if (below.length === 0) continue;
          const nearest = Math.min(...below.map((b) => b.level));
          const parts = below.filter((b) => b.level === nearest).map((b) => named(b.row));
          for (const role of decl.columns) {
            const item = rowSumItem(ctx, ruleId, t, role, named(row), parts);
            if (item) yield item;
          }
        }
      }
    }
  },
};

// ── grouped-subtotals: a 收入预算总表 listed by category ────────────────────────────────────────

/** A category merged down the label column, its rows, and the one that says 小计 beside it. */
interface Group {
  name: string;
  subtotal?: TableRow;
  items: NamedRow[];
}

/**
 * The categories of a table whose label column holds each category merged down its rows and whose next
 * column names the 小计 and the items (Jiangsu: 一般公共预算资金 | 小计, | 公共财政拨款(补助)资金 …).
 * Undefined when the table is not laid out so: the next column is a role, or no category is merged.
 */
function groupsOf(ctx: RuleContext, t: RecognizedTable, params: z.infer<typeof GroupedParams>): { groups: Group[]; loose: TableRow[] } | undefined {
  const nameCol = t.columns.find((c) => c.role === 'name')?.col;
  const sheet = ctx.sheet(t.sheet);
  if (nameCol === undefined || !sheet || t.columns.some((c) => c.col === nameCol + 1)) return undefined;
  const merged = sheet.merges.map(parseRange).filter((m) => m.left === nameCol && m.right === nameCol && m.bottom > m.top);
  if (merged.length === 0) return undefined;
  const text = (row: number, col: number) => normalizeLabel(sheet.rows[row - 1]?.[col - 1]?.text ?? '');
  const byTop = new Map<number, Group>();
  const groups: Group[] = [];
  const loose: TableRow[] = [];
  for (const row of t.rows) {
    if (row.isTotal) continue;
    const span = merged.find((m) => m.top <= row.row && row.row <= m.bottom);
    const beside = text(row.row, nameCol + 1);
    const isSubtotal = params.subtotal.includes(beside);
    const top = span?.top ?? (isSubtotal ? row.row : undefined);
    if (top === undefined) {
      loose.push(row);
      continue;
    }
    let g = byTop.get(top);
    if (!g) {
      g = { name: text(top, nameCol), items: [] };
      byTop.set(top, g);
      groups.push(g);
    }
    if (isSubtotal) g.subtotal = row;
    else if (beside !== '' && !params.exclude.some((w) => beside.startsWith(w))) g.items.push({ row, name: beside });
  }
  // No row under a category (the only merge down the name column is the header's): not so laid out, and
  // no total is the sum of no subtotals (长春 信访局 2026's 收入总表 with an empty column after its names).
  return groups.length > 0 ? { groups, loose } : undefined;
}

export const groupedSubtotals: IteratorDef<z.infer<typeof GroupedParams>> = {
  name: 'grouped-subtotals',
  description: both(
    '按类别分组列示的表（类别名在名称列纵向合并，右侧一格写“小计”与各项，如江苏的收入预算总表）：小计等于组内各项之和，总计等于各小计之和',
    'tables listed by category (the category merged down the name column, 小计 and the items in the next column, as Jiangsu’s 收入预算总表): each 小计 equals its items, the total equals the 小计 rows',
  ),
  facts: { ...IDENTITY_FACTS, rowName: text('小计或总计行的名称', 'name of the subtotal or total row'), parts: text('组成行的名称', 'names of the part rows') },
  identities: true,
  texts: ['table', 'column', 'left'],
  references: (p) => p.tables.map((d, i) => ({ path: ['tables', i, 'column'], table: d.table, column: d.column })),
  *run(ctx, params, ruleId) {
    for (const decl of params.tables) {
      for (const t of ctx.tables(decl.table)) {
        const layout = groupsOf(ctx, t, params);
        if (!layout) continue;
        const subtotal = (g: Group): NamedRow => ({ row: g.subtotal!, name: `${g.name} 小计` });
        const sums: { total: NamedRow; parts: NamedRow[] }[] = layout.groups.filter((g) => g.subtotal && g.items.length > 0).map((g) => ({ total: subtotal(g), parts: g.items }));
        // The total is the 小计 rows' sum only when every row of the table belongs to a category that has one.
        const total = t.rows.find((r) => r.isTotal);
        if (total && layout.loose.length === 0 && layout.groups.every((g) => g.subtotal)) {
          sums.push({ total: { row: total, name: ctx.rowName(total) }, parts: layout.groups.map(subtotal) });
        }
        for (const s of sums) {
          const item = rowSumItem(ctx, ruleId, t, decl.column, s.total, s.parts);
          if (item) yield item;
        }
      }
    }
  },
};

// ── table-ties ────────────────────────────────────────────────────────────────────────────────

type CellSelector = z.infer<typeof CellSelector>;

type Addend = z.infer<typeof Addend>;

type TieSide = z.infer<typeof TieSide>;

function sideReferences(side: TieSide, at: PropertyKey[]): Reference[] {
  if (!('sum' in side)) return selectorReferences(side, at);
  return side.sum.flatMap((a, i) => {
    const path = [...at, 'sum', i];
    const refs: Reference[] = [{ path: [...path, 'column'], table: a.table, column: a.column }];
    if (a.codes) refs.push({ path: [...path, 'codes'], table: a.table, coded: true });
    if (a.row?.key) refs.push({ path: [...path, 'row', 'key'], table: a.table, rowKey: a.row.key, side: a.row.side ?? '' });
    return refs;
  });
}

export function selectorReferences(sel: CellSelector, at: PropertyKey[]): Reference[] {
  const refs: Reference[] = [{ path: [...at, 'column'], table: sel.table, column: sel.column }];
  if (sel.side) refs.push({ path: [...at, 'side'], table: sel.table, column: sel.side });
  if (sel.rows === 'codes') refs.push({ path: [...at, 'rows'], table: sel.table, coded: true });
  if (sel.row?.key) refs.push({ path: [...at, 'row', 'key'], table: sel.table, rowKey: sel.row.key, side: sel.row.side ?? '' });
  return refs;
}

interface Located {
  table: RecognizedTable;
  row: TableRow;
  term: Term;
}

function findRow(t: RecognizedTable, sel: z.infer<typeof RowSelector>): TableRow | undefined {
  if (sel.total) return t.rows.find((r) => r.isTotal);
  if (sel.code) return t.rows.find((r) => r.code?.code === sel.code);
  if (sel.key && sel.side) return rowByKey(t, sel.side, sel.key);
  return undefined;
}

/** Two characters in a row the two names share, punctuation aside: enough to be names of one subject. */
function shareAWord(a: string, b: string): boolean {
  const bare = (s: string) => normalizeLabel(s).replace(/[^\p{Script=Han}\w]/gu, '');
  const x = bare(a);
  const y = bare(b);
  for (let i = 0; i + 2 <= x.length; i++) if (y.includes(x.slice(i, i + 2))) return true;
  return false;
}

/**
 * A row a tie names by code, but not one the table names as something else entirely: 普陀 2024's
 * 表8 numbers its 302 items in row order, and its “30212” is 机关事业单位退休人员活动费, no 因公出国（境）费用.
 * Held to the 三公 table's 因公出国 it made a false error; the code and the name disagree, so neither is evidence.
 */
function codedAsNamed(ctx: RuleContext, row: TableRow | undefined, code: string | undefined): boolean {
  const standard = code ? ctx.vocab.economicSubjects?.[code] : undefined;
  const name = row?.labels.name;
  return !standard || !name || shareAWord(name, standard);
}

export function locateOne(ctx: RuleContext, sel: CellSelector): Located | undefined {
  const t = ctx.table(sel.table);
  if (!t || !sel.row) return undefined;
  const found = findRow(t, sel.row);
  const row = codedAsNamed(ctx, found, sel.row.code) ? found : undefined;
  const term = row && ctx.term(t, row, sel.column, 1, sel.row.side);
  return row && term ? { table: t, row, term } : undefined;
}

/**
 * Coded rows by code; for two-sided summaries, class rows by the code their label stands for. A code
 * may stand on several rows (北京 2026 lists its 项 unit by unit, and its 支出总表 each 项 once per
 * economic subject): a tie by code compares what they add up to. The coded rows' index is the
 * check's own (RuleContext.codedRows); one by label is made once per check.
 */
function rowsByCode(ctx: RuleContext, t: RecognizedTable, sel: Pick<CellSelector, 'rows' | 'side'>): ReadonlyMap<string, CodedRows> {
  if (sel.rows === 'codes') return ctx.codedRows(t);
  return ctx.memo(`rows-by-label-code:${t.id}:${t.sheet}:${sel.side ?? ''}`, () => {
    const index = new Map<string, CodedRows>();
    const vocabRows = ctx.vocab.tables.get(t.id)?.rows ?? [];
    const byCode = new Map<string, TableRow[]>();
    for (const row of t.rows) {
      const key = sel.side ? row.keys[sel.side] : undefined;
      const code = vocabRows.find((v) => v.key === key && v.column === sel.side)?.code;
      if (code) addTo(byCode, code, row);
    }
    for (const [code, rows] of byCode) for (const row of classLines(rows, sel.side!)) indexRow(index, code, row);
    return index;
  });
}

/**
 * The rows of one class key that are its class line: where some are numbered as class lines are
 * (“五、其他支出”) and some are not, the others are its 款 and 项 printed under it with the same name
 * (深圳 口岸办 2026: 五、其他支出 | 其他支出 | 其他支出, one amount three times).
 */
function classLines(rows: TableRow[], side: string): TableRow[] {
  if (rows.length < 2) return rows;
  const numbered = rows.filter((r) => {
    const label = normalizeLabel(r.labels[side] ?? '');
    return stripEnumeration(label) !== label;
  });
  return numbered.length > 0 ? numbered : rows;
}

/** Every row of a code's entry. */
const allRows = (entry: CodedRows) => entry.rows ?? [entry.first];

/** Every row of a code, none when the table lacks it. */
function rowsOfCode(index: ReadonlyMap<string, CodedRows>, code: string): TableRow[] {
  const entry = index.get(code);
  return entry ? allRows(entry) : [];
}

const cells = (ts: Term[]) => ts.map((t) => cellKey(t.ref)).join('+');

const RELATION_WORDS: Record<'eq' | 'le' | 'ge', Localized> = {
  eq: both('应等于', 'should equal'),
  le: both('不应超过', 'should not exceed'),
  ge: both('不应少于', 'should be at least'),
};

function rowsInRange(t: RecognizedTable, [from, to]: [string, string]): TableRow[] {
  return t.rows.filter((r) => r.code && r.code.code.length === from.length && r.code.code >= from && r.code.code <= to);
}

/** The cells a summed side adds up; undefined when a table, or a row named by key or total, is absent, or no cell holds an amount. */
function sumTerms(ctx: RuleContext, addends: Addend[]): { terms: Term[]; table: RecognizedTable } | undefined {
  const terms: Term[] = [];
  let first: RecognizedTable | undefined;
  for (const a of addends) {
    const t = ctx.table(a.table);
    // A fund or state-capital table left out, the fiscal summary showing nothing for it, adds zero:
    // the other addends are still held to the sum (湖州 2026 publishes no 国有资本经营 table).
    if (!t && a.optional && leftOutAsEmpty(ctx.recognition, ctx.vocab, a.table)) continue;
    if (!t) return undefined;
    first ??= t;
    const found = a.codes ? rowsInRange(t, a.codes) : a.allRows ? t.rows.filter((r) => !r.isTotal) : [findRow(t, a.row!)].filter((r): r is TableRow => r !== undefined);
    // A code left out of a table is a zero (tables omit empty rows); a named row must be there, unless
    // the rule says its absence is a zero.
    if (found.length === 0 && a.row && !a.row.code && !a.optional) return undefined;
    for (const row of found) {
      const term = ctx.term(t, row, a.column, a.weight < 0 ? -1 : 1, a.row?.side, Math.abs(a.weight));
      if (term) terms.push(term);
    }
  }
  return terms.length > 0 && first ? { terms, table: first } : undefined;
}

interface TieSides {
  lhs: Term[];
  rhs: Term[];
  table: RecognizedTable;
  code: string;
}

/** Whether a tie of one cell to one cell is worth making (a screen's answer), asked before its terms are. */
type KeepCells = (left: CellRef, leftTable: RecognizedTable, right: CellRef, rightTable: RecognizedTable) => boolean;

function* tieSides(ctx: RuleContext, left: TieSide, right: TieSide, keep?: KeepCells): Generator<TieSides> {
  if ('sum' in left || 'sum' in right) {
    const l = 'sum' in left ? sumTerms(ctx, left.sum) : sumTerms(ctx, [{ ...left, weight: 1, optional: false }]);
    const r = 'sum' in right ? sumTerms(ctx, right.sum) : sumTerms(ctx, [{ ...right, weight: 1, optional: false }]);
    if (l && r) yield { lhs: l.terms, rhs: r.terms, table: l.table, code: '' };
    return;
  }
  if (left.rows || right.rows) {
    const lt = ctx.table(left.table);
    const rt = ctx.table(right.table);
    if (!lt || !rt) return;
    const rs = new OrderedLookup(rowsByCode(ctx, rt, right));
    const ls = rowsByCode(ctx, lt, left);
    const termsOf = (t: RecognizedTable, rows: TableRow[], sel: CellSelector) => rows.flatMap((row) => ctx.term(t, row, sel.column, 1, sel.side) ?? []);
    for (const [code, l] of ls) {
      const r = rs.get(code);
      if (!r) continue;
      if (l.count === 1 && r.count === 1) {
        if (keep) {
          const lc = ctx.cell(lt, l.first, left.column);
          const rc = lc && ctx.cell(rt, r.first, right.column);
          if (lc && rc && !keep(lc, lt, rc, rt)) continue;
        }
        const leftTerm = ctx.term(lt, l.first, left.column, 1, left.side);
        const rightTerm = leftTerm && ctx.term(rt, r.first, right.column, 1, right.side);
        if (leftTerm && rightTerm) yield { lhs: [leftTerm], rhs: [rightTerm], table: lt, code };
        continue;
      }
      const lhs = termsOf(lt, allRows(l), left);
      const rhs = lhs.length > 0 ? termsOf(rt, allRows(r), right) : [];
      if (rhs.length > 0) yield { lhs, rhs, table: lt, code };
    }
    return;
  }
  const l = locateOne(ctx, left);
  const r = locateOne(ctx, right);
  if (l && r) yield { lhs: [l.term], rhs: [r.term], table: l.table, code: '' };
}

/**
 * A tie as an identity: two sides that must agree (or bound each other), named by their cells. A
 * class, not a literal: its key is spelled out only when asked (a failing tie, or one next to it), and
 * a getter in a literal would cost more per tie than the key itself.
 */
export class Tie implements Identity {
  readonly context: Record<string, string>;
  readonly tolerance?: number;
  /** The cell whose amount the two sides differ by (undecidedBy): named in the message, no value offered. */
  apartBy?: Term;

  constructor(
    readonly ruleId: string,
    readonly relation: Relation,
    tolerance: number | undefined,
    readonly lhs: Term[],
    readonly rhs: Term[],
    code: string,
  ) {
    if (tolerance !== undefined) this.tolerance = tolerance;
    this.context = { code };
  }

  get key(): string {
    return `${this.ruleId}:${cells(this.lhs)}${this.relation === 'eq' ? '=' : this.relation}${cells(this.rhs)}`;
  }

  describe(lang: Lang): Record<string, string> {
    return {
      right: sumLabel(this.rhs, lang),
      relation: RELATION_WORDS[this.relation][lang],
      ...(this.lhs.length > 1 && { left: sumLabel(this.lhs, lang) }),
      note: this.apartBy ? formatTemplate(APART_NOTE[lang], { cell: this.apartBy.label[lang] }) : '',
    };
  }
}

/**
 * A class a summary lists by name, with an amount, that the coded table lists no row of (上海 医保局
 * 2026: 表1's “一、一般公共服务支出” over 7,099,698, the 208 class's amount, where 表2/表3 list only
 * 208, 210 and 221). The tie by class skips a class with no counterpart, so without this the slip
 * went unsaid. Only where the coded table lists classes at all: a table coded only by 项 says nothing.
 */
export const classesListed: IteratorDef<z.infer<typeof ClassesListedParams>> = {
  name: 'classes-listed',
  description: both('按类名列示的表中有金额的功能分类，按编码列示的表中也应有这一类', 'a functional class a table lists by name with an amount is a class the coded table lists too'),
  facts: {
    code: text('类名对应的功能分类编码', 'the class code the name stands for'),
    name: text('表中写的类名', 'the class as written'),
    amount: num('这一类的金额', 'the class’s amount'),
    missing: flag('按编码列示的表中没有这一类', 'the coded table lists no such class'),
  },
  identities: false,
  texts: ['table', 'from', 'amountText'],
  references: (p) =>
    p.pairs.flatMap((pair, i) => [
      { path: ['pairs', i, 'column'], table: pair.from, column: pair.column },
      { path: ['pairs', i, 'side'], table: pair.from, column: pair.side },
      { path: ['pairs', i, 'to'], table: pair.to, coded: true },
    ]),
  *run(ctx, params) {
    for (const pair of params.pairs) {
      const from = ctx.table(pair.from);
      const to = ctx.table(pair.to);
      if (!from || !to) continue;
      const target = ctx.codedRows(to);
      if (![...target.keys()].some((code) => levelOf(code) === 1)) continue;
      for (const [code, listed] of rowsByCode(ctx, from, { rows: 'classes', side: pair.side })) {
        const amount = ctx.cell(from, listed.first, pair.column);
        const label = ctx.cell(from, listed.first, pair.side);
        if (!amount?.amount || !label) continue;
        const unit = ctx.unit(from);
        // Two decimals at least, as every identity's message writes its amounts.
        yield {
          facts: { code, name: listed.first.labels[pair.side] ?? '', amount: amount.amount, missing: !target.has(code) },
          text: (lang) => ({ table: ctx.tableName(to, lang), from: ctx.tableName(from, lang), amountText: amountText(amount.amount!, Math.max(2, amount.decimals), unit, lang) }),
          cell: { sheet: label.sheet, cell: label.cell },
          related: [{ sheet: amount.sheet, cell: amount.cell }],
          table: from.id,
        };
      }
    }
  },
};

export const tableTies: IteratorDef<z.infer<typeof TieParams>> = {
  name: 'table-ties',
  description: both(
    '表间勾稽：一边等于（不大于、不小于）另一边；每边是一个单元格、按编码逐行对应的单元格，或若干单元格与编码区间的加权和；元/万元自动换算',
    'cross-table ties: one side equals (is at most, at least) the other; a side is a cell, cells matched row by row by code, or a weighted sum of cells and code ranges; 元/万元 converted',
  ),
  facts: { ...IDENTITY_FACTS, right: text('右边单元格的说明', 'the right-hand cell, described'), code: text('按编码对应时的科目编码', 'the code, for ties by code') },
  identities: true,
  texts: ['right', 'relation', 'left', 'note'],
  references: (p) =>
    p.ties.flatMap((tie, i) => [
      ...(['left', 'right'] as const).flatMap((side) => sideReferences(tie[side], ['ties', i, side])),
      ...(['when', 'unless'] as const).flatMap((cond) =>
        listOf(tie[cond]).flatMap((row, j) => {
          const path = Array.isArray(tie[cond]) ? ['ties', i, cond, j] : ['ties', i, cond];
          return [
            ...('key' in row ? [{ path: [...path, 'key'], table: row.table, rowKey: row.key, side: row.side }] : []),
            ...(row.column ? [{ path: [...path, 'column'], table: row.table, column: row.column }] : []),
          ];
        }),
      ),
    ]),
  *run(ctx, params, ruleId, couldReport) {
    // A row named with a column counts only where it holds money there (其他收入 of 0 is no other income).
    const present = (row: RowCondition) => {
      const t = ctx.table(row.table);
      const found = t && findRow(t, 'key' in row ? { key: row.key, side: row.side } : { total: true });
      return !!found && (row.column === undefined || (ctx.cell(t, found, row.column)?.amount ?? 0) !== 0);
    };
    const any = (cond: RowCondition | RowCondition[]) => listOf(cond).some(present);
    for (const tie of params.ties) {
      if ((tie.when && !any(tie.when)) || (tie.unless && any(tie.unless))) continue;
      const tolerance = tie.tolerance && tie.tolerance.amount * UNIT_FACTOR[tie.tolerance.unit];
      const keep: KeepCells | undefined =
        couldReport && ((l, lt, r, rt) => couldReportCells(couldReport, tie.relation, l, [r], UNIT_FACTOR[ctx.unit(lt)], UNIT_FACTOR[ctx.unit(rt)], tolerance));
      const undecided = listOf(tie.undecidedBy).flatMap((sel) => {
        const term = locateOne(ctx, sel)?.term;
        return term ? [term] : [];
      });
      for (const { lhs, rhs, table, code } of tieSides(ctx, tie.left, tie.right, keep)) {
        if (lhs.every(blank) && rhs.every(blank)) continue;
        const identity = new Tie(ruleId, tie.relation, tolerance, lhs, rhs, code);
        const apartBy = undecided.find((cell) => bookedApart(lhs, rhs, cell));
        if (apartBy) {
          lhs[0]!.unsuggested = true;
          identity.apartBy = apartBy;
        }
        if (tie.linesAbove && lhs.length === 1 && addsUpFromAbove(ctx, table, lhs[0]!)) lhs[0]!.unsuggested = true;
        yield identityItem(identity, table.id);
      }
    }
  },
};

type RowCondition = z.infer<typeof RowPresence>;

/**
 * Whether a cell is the sum of the numbers printed above it in its column, within its table, two lines
 * or more, within their rounding. Read from the sheet: a form keeps only its labelled fields as rows
 * (西安 2022's 部门整体表 its 金额合计, not the 任务 lines above it).
 */
function addsUpFromAbove(ctx: RuleContext, t: RecognizedTable, total: Term): boolean {
  const rows = ctx.sheet(t.sheet)?.rows;
  if (!rows || total.ref.amount === null) return false;
  const top = parseRange(t.range).top;
  let sum = 0;
  let lines = 0;
  for (let r = top; r < total.ref.row; r++) {
    const value = rows[r - 1]?.[total.ref.col - 1]?.value;
    if (typeof value !== 'number' || !Number.isFinite(value)) continue;
    sum += value;
    lines++;
  }
  const half = 0.5 / 10 ** Math.max(2, total.ref.decimals);
  return lines >= 2 && Math.abs(sum - total.ref.amount) <= (lines + 1) * half + 1e-9;
}

const APART_NOTE = {
  'zh-CN': '，恰好等于{{cell}}：两表对这笔钱是否在本年支出的处理不同，请核对后改正其中一处',
  en: ', exactly {{cell}}: the tables differ on whether that money is spent this year; check which is right',
} as const;

/** Whether two sides differ by exactly the amount of a cell (to the cent, in 元): that money booked on one side and not the other. */
function bookedApart(lhs: readonly Term[], rhs: readonly Term[], cell: Term): boolean {
  const yuan = (terms: readonly Term[]) => terms.reduce((s, t) => s + t.sign * (t.ref.amount ?? 0) * t.factor, 0);
  const amount = (cell.ref.amount ?? 0) * cell.factor;
  return amount !== 0 && Math.abs(Math.abs(yuan(lhs) - yuan(rhs)) - Math.abs(amount)) < 0.5;
}

/** A tie's parameter written as one or as a list (a condition's rows, the cells undecidedBy names), as a list. */
function listOf<T extends object>(value: T | readonly T[] | undefined): readonly T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value as T];
}

// ── code-correspondences ──────────────────────────────────────────────────────────────────────

export const codeCorrespondences: IteratorDef<z.infer<typeof CorrespondenceParams>> = {
  name: 'code-correspondences',
  description: both('功能分类科目与经济分类科目的对应关系（如 2080505 养老保险缴费 = 30108）', 'functional ↔ economic code correspondences (2080505 pension contributions = 30108)'),
  facts: { ...IDENTITY_FACTS, leftCodes: text('左边的科目编码', 'codes on the left'), rightCodes: text('右边的科目编码', 'codes on the right') },
  identities: true,
  texts: ['name', 'leftTable', 'rightTable', 'left', 'leftSide'],
  references: (p) => [
    { path: ['left', 'column'], table: p.left.table, column: p.left.column, coded: true },
    { path: ['right', 'column'], table: p.right.table, column: p.right.column, coded: true },
    ...p.pairs.flatMap((pair, i) =>
      (['left', 'right'] as const).flatMap((side) => pair[side].map((code, j) => ({ path: ['pairs', i, side, j], table: p[side].table, code }))),
    ),
  ],
  *run(ctx, params, ruleId) {
    const lt = ctx.table(params.left.table);
    const rt = ctx.table(params.right.table);
    if (!lt || !rt) return;
    const ls = rowsByCode(ctx, lt, { rows: 'codes' });
    const rs = rowsByCode(ctx, rt, { rows: 'codes' });
    // A table whose codes were not read (北京 2026 prints “30108-机关事业单位基本养老保险缴费” in one
    // cell) holds no code at all: that is a check that cannot run, not a zero to compare with.
    if (ls.size === 0 || rs.size === 0) return;
    // Nor where the amount column was not read (广州 2026's basic table headed “预算” before it was known).
    if (!lt.columns.some((c) => c.role === params.left.column) || !rt.columns.some((c) => c.role === params.right.column)) return;
    // Every row of a code (北京 2026 lists its 项 unit by unit).
    const termsOf = (t: RecognizedTable, index: ReadonlyMap<string, CodedRows>, column: string, codes: string[]) =>
      codes.flatMap((code) => rowsOfCode(index, code).flatMap((row) => ctx.term(t, row, column) ?? []));
    const elsewhere = bookedElsewhere(ctx, params.left.column);
    for (const pair of params.pairs) {
      // The spending booked elsewhere is the 支出总表's, every source of funds, where the two sides are
      // the fiscal tables': it may hold more than their money (北京 民政局 2026's 住房公积金 paid partly
      // from other income). With it, an equation can only say the left is no less than the right, and a
      // bound from above (公务员医疗补助, which may be booked elsewhere) cannot be judged by it at all.
      const booked = pair.relation === 'le' ? [] : elsewhere(pair.left, pair.right);
      const own = termsOf(lt, ls, params.left.column, pair.left);
      const lhs = [...own, ...booked];
      const rhs = termsOf(rt, rs, params.right.column, pair.right);
      if (lhs.every((t) => t.ref.amount == null) && rhs.every((t) => t.ref.amount == null)) continue;
      if (lhs.length === 0) continue;
      const identity: Identity = {
        key: `${ruleId}:${pair.left.join('+')}=${pair.right.join('+')}`,
        ruleId,
        relation: booked.length > 0 && pair.relation === 'eq' ? 'ge' : pair.relation,
        lhs,
        rhs,
        context: { leftCodes: pair.left.join('+'), rightCodes: pair.right.join('+') },
        describe: (lang) => ({
          'zh-CN': { name: pair.name['zh-CN'], leftTable: ctx.tableName(lt, 'zh-CN'), rightTable: ctx.tableName(rt, 'zh-CN'), leftSide: leftSide(ctx, own.length > 0, booked.length > 0, lt, pair, 'zh-CN') },
          en: { name: pair.name.en, leftTable: ctx.tableName(lt, 'en'), rightTable: ctx.tableName(rt, 'en'), leftSide: leftSide(ctx, own.length > 0, booked.length > 0, lt, pair, 'en') },
        })[lang],
      };
      yield identityItem(identity, lt.id);
    }
  },
};

/**
 * What the left side adds up, said as it is: the left table's rows of the codes, and the 支出总表's
 * spending on the right-hand codes under other functions where that is counted in — that alone where
 * the left table has no row of the codes (北京 公安局 2026: no 2210201 in 预算05表, its 30113 all under
 * other functions in 预算03表), which a message naming only the left table would send one looking for.
 */
function leftSide(ctx: RuleContext, ownRows: boolean, booked: boolean, lt: RecognizedTable, pair: { left: string[]; right: string[] }, lang: Lang): string {
  const left = pair.left.join('+');
  const right = pair.right.join('+');
  const table = ctx.tableName(lt, lang);
  const summary = ctx.table('expense-summary');
  const elsewhere = summary && booked ? ctx.tableName(summary, lang) : '';
  if (lang === 'zh-CN') {
    if (!booked) return `${table}中 ${left} 的基本支出`;
    return ownRows ? `${table}中 ${left} 的基本支出加上${elsewhere}中记在其他功能科目下的 ${right} 合计` : `${elsewhere}中记在其他功能科目下的 ${right}（${table}中没有 ${left}）`;
  }
  if (!booked) return `basic spending on ${left} in ${table}`;
  return ownRows ? `basic spending on ${left} in ${table} plus the ${right} booked under other functions in ${elsewhere}` : `the ${right} booked under other functions in ${elsewhere} (${table} has no ${left})`;
}

/**
 * Where the 支出总表 lists each function's spending by economic subject (北京 2026: “2010501-行政运行 /
 * 30113-住房公积金 163.344”), the right-hand codes it books under other functions than the left-hand
 * ones: spending the left-hand rows cannot hold, which the workbook itself accounts for. None where
 * the table names no economic subject per row.
 */
function bookedElsewhere(ctx: RuleContext, column: string): (left: readonly string[], right: readonly string[]) => Term[] {
  const t = ctx.table('expense-summary');
  if (!t || !t.columns.some((c) => c.role === 'economicItem')) return () => [];
  return (left, right) =>
    t.rows.flatMap((row) => {
      const economic = row.labels.economicItem && splitCodeFromLabel(row.labels.economicItem)?.code.code;
      if (!economic || !right.includes(economic) || !row.code || left.includes(row.code.code)) return [];
      return ctx.term(t, row, column) ?? [];
    });
}

export type { TableId };
