/**
 * "共计24个一级项目，涉及资金568,368.51万元", "涉及一级预算项目10个，预算资金1606.28万元": a sentence
 * counting the projects under performance management and the money they involve. Where a table lists
 * exactly that many projects, the money is theirs: the sentence agrees with the sum of one of the
 * amount columns it may mean (or the table's own 合计), or it is wrong. A count no table lists is not
 * judged (a sentence may count 一级项目 where the table lists 二级 ones).
 */
import type { z } from 'zod';
import type { ProjectCountParams } from '../params/narrative.js';
import type { RecognizedTable, TableRow, Unit } from '../../model.js';
import type { Lang } from '../../messages.js';
import { amountText } from '../../messages.js';
import { globalMatches, parseAmount } from '../../text.js';
import { identityItem, type Item, type RuleContext } from '../context.js';
import type { Identity, Term } from '../identity.js';
import { IDENTITY_FACTS, type IteratorDef, type Reference, num, text, both } from '../registry-types.js';
import { agrees, HAS_DIGIT, narrativeCells, statedFigure } from './narrative.js';
import { listedProjectRows, projectNameKey } from './project-names.js';
import { isFundField, projectOf, targets, targetTerm } from './targets.js';

type Params = z.infer<typeof ProjectCountParams>;

const PROJECT_MONEY = both('项目资金', 'project money');
const FISCAL_MONEY = both('项目资金中的财政拨款', 'the 财政拨款 of the project money');

/** One amount column of a listing: its rows' cells there, and the 合计 row's. */
interface ColumnSum {
  role: string;
  terms: Term[];
  total: Term | undefined;
  sum: number;
}

interface Listing {
  table: RecognizedTable;
  /** How many projects it lists. */
  count: number;
  columns: ColumnSum[];
  /** “表10所列 27 个项目” / “5 张项目绩效目标表”: what the projects were counted in. */
  counted: (lang: Lang) => string;
  /** Projects with more than one target table among the forms counted: their sum counts those twice. */
  repeated?: number;
  /** The columns a “其中财政拨款” figure may speak of. */
  fiscal: ColumnSum[];
}

/** The tables listing projects one per row, with the columns of each that the figure may mean. */
function listings(ctx: RuleContext, params: Params): Listing[] {
  return params.listings.flatMap((l) =>
    l.table === 'performance-target' ? targetForms(ctx, l.columns) : ctx.tables(l.table).flatMap((table) => listingOf(ctx, table, l.columns, l.fiscalColumns ?? [])),
  );
}

function listingOf(ctx: RuleContext, table: RecognizedTable, roles: readonly string[], fiscalRoles: readonly string[]): Listing[] {
  const rows = listedProjectRows(table);
  const totalRow = table.rows.find((r) => r.isTotal);
  const sums = (of: readonly string[]) =>
    of.flatMap((role): ColumnSum[] => {
      if (!table.columns.some((c) => c.role === role)) return [];
      const terms = rows.flatMap((row) => ctx.term(table, row, role, 1, 'project') ?? []);
      if (terms.every((t) => t.ref.amount === null)) return [];
      const total = totalRow ? ctx.term(table, totalRow, role, 1, 'project') : undefined;
      return [{ role, terms, total: total?.ref.amount != null ? total : undefined, sum: sumOf(terms) }];
    });
  const columns = sums(roles);
  const counted = (lang: Lang) =>
    lang === 'zh-CN' ? `${ctx.tableName(table, lang)}所列 ${rows.length} 个项目` : `the ${rows.length} projects listed in ${ctx.tableName(table, lang)}`;
  return rows.length > 0 && columns.length > 0 ? [{ table, count: rows.length, columns, counted, fiscal: sums(fiscalRoles) }] : [];
}

/**
 * The project target tables as one listing, a project each (万里街道 2023: “编报绩效目标的项目5个，涉及
 * 项目预算资金3328.13万元” over five 绩效目标填报表): their budgets, or the fund a column names.
 */
function targetForms(ctx: RuleContext, fields: readonly string[]): Listing[] {
  const forms = targets(ctx);
  const first = forms[0];
  if (!first) return [];
  const columns = fields.flatMap((field): ColumnSum[] => {
    if (!isFundField(field)) return [];
    const terms = forms.map((t) => targetTerm(ctx, t, field));
    if (terms.some((t) => t === undefined || t.ref.amount === null)) return [];
    const present = terms as Term[];
    return [{ role: field, terms: present, total: undefined, sum: sumOf(present) }];
  });
  const counted = (lang: Lang) => (lang === 'zh-CN' ? `所附 ${forms.length} 张项目绩效目标表` : `the ${forms.length} project target tables`);
  return columns.length > 0 ? [{ table: first, count: forms.length, columns, counted, repeated: repeatedProjects(forms), fiscal: [] }] : [];
}

/**
 * How many project names head two target tables or more (烟台 住建 2026 prints 城建工作标准和导则编制 three
 * times, at 100.00, 105.34 and 150.00万元): the forms' sum may count them over, and is no figure to write.
 * Not certainly: the forms' 实施单位 is not read, and units may run projects of one name (烟台 文旅局
 * 2026's seven 实施公车统管费用, one a unit, whose sum is the 项目支出 exactly).
 */
function repeatedProjects(forms: readonly RecognizedTable[]): number {
  const seen = new Map<string, number>();
  for (const t of forms) {
    const key = projectNameKey(projectOf(t));
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  return [...seen.values()].filter((n) => n > 1).length;
}

const sumOf = (terms: readonly Term[]) => terms.reduce((s, t) => s + (t.ref.amount ?? 0), 0);

const references = (p: Params): Reference[] =>
  p.listings.flatMap((l, i) => [
    ...l.columns.map((column, j) => ({ path: ['listings', i, 'columns', j], table: l.table, column })),
    ...(l.fiscalColumns ?? []).map((column, j) => ({ path: ['listings', i, 'fiscalColumns', j], table: l.table, column })),
  ]);

/** Where a named group matched, from the match's start. */
const offsetOf = (m: RegExpExecArray, group: string) => m.indices!.groups![group]![0] - m.index;

/** Where a sentence counting projects was found. */
interface Found {
  sheet: string;
  row: number;
  col: number;
  text: string;
  match: RegExpExecArray;
  count: number;
}

/** The figure the match's named group holds, as a stated figure; undefined when it reads as no amount. */
function groupFigure(at: Found, group: 'amount' | 'fiscal', unit: Unit, label: typeof PROJECT_MONEY): Term | undefined {
  const written = at.match.groups?.[group];
  const parsed = written === undefined ? undefined : parseAmount(written);
  if (written === undefined || parsed?.kind !== 'number') return undefined;
  // NFKC keeps the length of these characters, so offsets in the folded text fit the original.
  return statedFigure(at, parsed, unit, at.match.index + offsetOf(at.match, group), written.length, label);
}

/**
 * A stated figure held against the sums of the listings' columns that `columnsOf` names: nothing when
 * one of them (or its table's 合计) agrees, else the identity to report.
 */
function figureItem(ctx: RuleContext, ruleId: string, at: Found, lhs: Term, counted: readonly Listing[], columnsOf: (l: Listing) => ColumnSum[]): Item | undefined {
  const { sheet, text: original, match: m, count } = at;
  const start = lhs.inText!.start;
  // The projects' money added up unrounded, each row's rounding counts; or the table's own 合计.
  if (counted.some((l) => columnsOf(l).some((c) => agrees(lhs, c.terms, 'perCell') || (c.total !== undefined && agrees(lhs, [c.total]))))) return undefined;
  const first = counted[0]!;
  const column = columnsOf(first)[0]!;
  // The sums it might have meant instead: with any that differ, which is right is the person's call.
  const others = counted.flatMap((l) => columnsOf(l).filter((c) => c !== column && Math.abs(c.sum - column.sum) > 0.005 * (c.terms.length + column.terms.length)).map((c) => ({ l, c })));
  const repeated = first.repeated ?? 0;
  if (others.length > 0 || repeated > 0) lhs.unsuggested = true;
  const columnSum = (l: Listing, c: ColumnSum, lang: Lang) =>
    lang === 'zh-CN' ? `${l.counted(lang)}的“${ctx.columnName(l.table, c.role, lang)}”之和` : `the sum of “${ctx.columnName(l.table, c.role, lang)}” over ${l.counted(lang)}`;
  // Another column of the same table is named by its column alone.
  const other = (l: Listing, c: ColumnSum, lang: Lang) => {
    const amount = amountText(c.sum, 2, ctx.unit(l.table), lang);
    const name = ctx.columnName(l.table, c.role, lang);
    if (lang === 'zh-CN') return `${l === first ? '' : `${l.counted(lang)}的`}“${name}”之和（${amount}）`;
    return `the sum of “${name}”${l === first ? '' : ` over ${l.counted(lang)}`} (${amount})`;
  };
  const identity: Identity = {
    key: `${ruleId}:${sheet}!${lhs.ref.cell}#${start}`,
    ruleId,
    relation: 'eq',
    lhs: [lhs],
    rhs: column.terms,
    context: { statement: original.slice(m.index, m.index + m[0].length), count },
    describe: (lang) => ({
      right: columnSum(first, column, lang),
      relation: lang === 'zh-CN' ? '应等于' : 'should equal',
      others:
        (others.length === 0
          ? ''
          : lang === 'zh-CN'
            ? `；也可能指${others.map(({ l, c }) => other(l, c, lang)).join('或')}，请核对后改正`
            : `; it may mean ${others.map(({ l, c }) => other(l, c, lang)).join(' or ')}: check which, and correct it`) +
        (repeated === 0
          ? ''
          : lang === 'zh-CN'
            ? `；其中 ${repeated} 个项目名称印了不止一张目标表（可能是不同单位的同名项目，也可能是重复印的表），这一和数不宜直接照填，请按项目预算核对`
            : `; ${repeated} of the project names head more than one target table (projects of one name in different units, or a table printed again): the sum is no figure to copy as it stands, check against the projects’ budgets`),
    }),
  };
  return identityItem(identity, first.table.id);
}

export const narrativeProjectCounts: IteratorDef<Params> = {
  name: 'narrative-project-counts',
  description: both(
    '说明中“共N个项目……涉及资金X万元”：与恰好逐项列了N个项目的表核对，X应等于其某一金额列之和',
    'a sentence counting N projects involving X: held against a table listing exactly N projects, X is the sum of one of its amount columns',
  ),
  facts: {
    ...IDENTITY_FACTS,
    statement: text('说明中的原文', 'the sentence as written'),
    count: num('文中写的项目个数', 'the number of projects the sentence states'),
  },
  identities: true,
  texts: ['right', 'others', 'relation', 'left'],
  references,
  run(ctx, params, ruleId) {
    const lists = listings(ctx, params);
    if (lists.length === 0) return [];
    // d: where each group matched (a 财政拨款 equal to the whole is written twice in the match).
    const patterns = params.patterns.map((p) => new RegExp(p, 'gud'));
    const items: Item[] = [];
    for (const { sheet, row, col, text: original, folded } of narrativeCells(ctx)) {
      if (!HAS_DIGIT.test(folded)) continue;
      for (const re of patterns) {
        for (const m of globalMatches(re, folded)) {
          const countText = m.groups?.count;
          const amountWritten = m.groups?.amount;
          if (countText === undefined || amountWritten === undefined || m.index === undefined) continue;
          const count = Number(countText);
          if (!(count > 0)) continue;
          const counted = lists.filter((l) => l.count === count);
          const unit = ((m.groups?.unit as Unit | undefined) || '万元') as Unit;
          const at = { sheet, row, col, text: original, match: m, count };
          const whole = groupFigure(at, 'amount', unit, PROJECT_MONEY);
          // Whether a table's own 合计 is the whole figure, asked before the figure's own item is made.
          const totalled = whole ? lists.filter((l) => l.fiscal.length > 0 && l.columns.some((c) => c.total !== undefined && agrees(whole, [c.total]))) : [];
          const item = whole && counted.length > 0 && figureItem(ctx, ruleId, at, whole, counted, (l) => l.columns);
          if (item) items.push(item);
          // “…预算资金6039万元，其中财政拨款6039万元” (烟台 2026): the 财政拨款 within it, against the columns that
          // hold it — of the listing of that many projects, or else of a table whose 合计 is the whole figure
          // (烟台 大数据局 2026's 公开表11 lists a project twice: four rows for three projects, 合计 6,039).
          const fiscal = groupFigure(at, 'fiscal', unit, FISCAL_MONEY);
          if (!fiscal) continue;
          const countedWithFiscal = counted.filter((l) => l.fiscal.length > 0);
          const holding = countedWithFiscal.length > 0 ? countedWithFiscal : totalled;
          const fiscalItem = holding.length > 0 && figureItem(ctx, ruleId, at, fiscal, holding, (l) => l.fiscal);
          if (fiscalItem) items.push(fiscalItem);
        }
      }
    }
    return items;
  },
};
