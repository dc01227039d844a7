/**
 * Project performance-target tables (项目绩效目标表): a form, not a grid. Fields are found by their
 * labels (项目编码, 预算数, 资金支出计划 …) wherever they sit, and the indicator block by its header row.
 */
import { FUND_PARTS, type CellRef, type FundBlock, type Indicator, type TargetDetails } from '../model.js';
import { BoundedCache } from '../bounded-cache.js';
import { fold, foldsOnlyToAscii, isFoldStable, normalizeLabel, stripEnumeration } from '../text.js';
import { matchScore, type TableVocabulary, type TextMatcher } from '../vocabulary.js';
import { packedIndicators } from './packed-indicators.js';
import { textRef, withoutFilledRepeats, type RowEntry, type SheetView } from './sheet-view.js';

type Field = 'projectCode' | 'projectName' | 'budget' | 'fiscalFunds' | 'carriedOverFunds' | 'otherFunds' | 'purpose' | 'spendingPlan' | 'goal';
const FIELDS: Field[] = ['projectCode', 'projectName', 'budget', 'fiscalFunds', 'carriedOverFunds', 'otherFunds', 'purpose', 'spendingPlan', 'goal'];
const INDICATOR_ROLES = ['level1', 'level2', 'level3', 'description', 'value', 'comparator', 'valueUnit', 'basis', 'weight', 'indicatorName'] as const;
/** Labels are short; longer text is a value (a purpose statement may mention 预算数). */
const LABEL_MAX_LENGTH = 16;
/** After the indicators, this many blank rows or a lone line this long end the table. */
const BLANK_ROWS_AFTER_INDICATORS = 2;
const NARRATIVE_LENGTH = 25;

const PROJECT_CODE = ['projectCode'] as const;

/** Labels repeat in every project table: each (table, role set, label) is matched once. */
const roleCaches = new WeakMap<TableVocabulary, Map<readonly string[], BoundedCache<string, string | undefined>>>();

function roleOf(table: TableVocabulary, norm: string, wanted: readonly string[]): string | undefined {
  if (norm.length > LABEL_MAX_LENGTH) return undefined;
  let byRoles = roleCaches.get(table);
  if (!byRoles) roleCaches.set(table, (byRoles = new Map()));
  let cache = byRoles.get(wanted);
  if (!cache) byRoles.set(wanted, (cache = new BoundedCache(50_000)));
  return cache.get(norm, () => matchRole(table, norm, wanted));
}

/** The matchers of the wanted roles, gathered once per (table, role set): the every-row probe needs one role's few. */
const matcherLists = new WeakMap<TableVocabulary, Map<readonly string[], { role: string; m: TextMatcher }[]>>();

function matchersOf(table: TableVocabulary, roles: readonly string[]): { role: string; m: TextMatcher }[] {
  let byRoles = matcherLists.get(table);
  if (!byRoles) matcherLists.set(table, (byRoles = new Map()));
  let list = byRoles.get(roles);
  if (!list) byRoles.set(roles, (list = table.columns.filter((c) => roles.includes(c.role)).flatMap((c) => c.match.map((m) => ({ role: c.role, m })))));
  return list;
}

function matchRole(table: TableVocabulary, norm: string, roles: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestScore = 0;
  for (const { role, m } of matchersOf(table, roles)) {
    const s = matchScore(m, norm);
    if (s > bestScore) {
      best = role;
      bestScore = s;
    }
  }
  return best;
}

/**
 * A test a cell's text must pass to be one of these roles' labels, asked before the text is
 * normalised: it holds every character of some matcher's first word — or folding may give it them.
 * (项目编码's 项 alone is in half a large sheet's subject names.)
 */
const labelProbes = new WeakMap<TableVocabulary, Map<readonly string[], (text: string) => boolean>>();

function labelProbe(table: TableVocabulary, roles: readonly string[]): (text: string) => boolean {
  let byRoles = labelProbes.get(table);
  if (!byRoles) labelProbes.set(table, (byRoles = new Map()));
  let probe = byRoles.get(roles);
  if (!probe) {
    const words = matchersOf(table, roles).map(({ m }) => [...new Set(m.exact ?? m.all?.[0] ?? '')]);
    // Folding turns full-width forms into ASCII: a word with an ASCII character needs the text
    // itself left alone by folding, a word of Chinese only that folding adds no character but ASCII.
    const unchanged = words.some((w) => w.some((ch) => ch <= '\u007f')) ? isFoldStable : foldsOnlyToAscii;
    probe = words.some((w) => w.length === 0) ? () => true : (text) => !unchanged(text) || words.some((w) => w.every((ch) => text.includes(ch)));
    byRoles.set(roles, probe);
  }
  return probe;
}

/** Whether a short text cell of the row is a label of one of these roles. */
function holdsLabel(view: SheetView, row: number, table: TableVocabulary, roles: readonly string[]): boolean {
  // Asked of every row of every sheet, whose texts (subject names, numbers as text) are mostly unique:
  // matched directly, since caching them cost more in insertions and garbage than it saved.
  return view.someText(row, (norm) => norm.length <= LABEL_MAX_LENGTH && matchRole(table, norm, roles) !== undefined, labelProbe(table, roles));
}

/** True where the row holds a 项目编码 label: the anchor of a target table without a title. */
export function isProjectCodeRow(view: SheetView, row: number, table: TableVocabulary): boolean {
  return holdsLabel(view, row, table, PROJECT_CODE);
}

const LEVEL1 = ['level1'] as const;
const LEVEL3 = ['level3'] as const;

/**
 * True where the row is an indicator header naming the categories (一级指标 … 三级指标): no standard
 * table's header does, so a table titled as another (北京 军民融合办 2026's “年度项目支出绩效表”) whose
 * header this is, is a target form.
 */
export function isIndicatorHeaderRow(view: SheetView, row: number, table: TableVocabulary): boolean {
  return holdsLabel(view, row, table, LEVEL1) && holdsLabel(view, row, table, LEVEL3);
}

/** Every role of a target form, one list per vocabulary (the matcher cache is keyed by the list itself). */
const formRoles = new WeakMap<TableVocabulary, readonly string[]>();

/** True where the row holds any label of a target form (项目名称, 绩效指标, 年度目标 …). */
export function isTargetLabelRow(view: SheetView, row: number, table: TableVocabulary): boolean {
  let roles = formRoles.get(table);
  if (!roles) formRoles.set(table, (roles = table.columns.map((c) => c.role)));
  return holdsLabel(view, row, table, roles);
}

/**
 * A target table laid out as a list (长春 2026's 项目支出绩效目标表): one header row holds the project's
 * fields (项目名称, 年度资金总额, 年度绩效目标) beside the indicator columns, and each project's fields
 * are written on the first row of its block of indicators.
 */
export interface TargetList {
  header: number;
  fields: Partial<Record<Field, number>>;
  /** The budget on the list's 合计 row, where it prints one. */
  total?: CellRef;
}

/** A list's 合计 row, its label in any cell before its budget. */
const LIST_TOTAL = /^(?:合计|总计)$/;

/** A list's 合计 or 总计, its colon too (广州 生态环境局 2026's “合计：” row and “总计：” heading). */
const namesListTotal = (norm: string) => LIST_TOTAL.test(norm.replace(/[:：]$/u, ''));

export interface ParsedTarget {
  details: TargetDetails;
  lastRow: number;
  left: number;
  right: number;
  list?: TargetList;
}

export function parseTarget(view: SheetView, table: TableVocabulary, top: number, limit: number): ParsedTarget {
  const details: TargetDetails = { plan: [], indicators: [] };
  let list: TargetList | undefined;
  let lastRow = top;
  let left = Number.MAX_SAFE_INTEGER;
  let right = 1;
  let indicatorHeader: { row: number; cols: Partial<Record<(typeof INDICATOR_ROLES)[number], number>> } | undefined;
  let budgetRow = 0;
  // A second budget label on the budget's row begins a block of funds of its own, from its column on.
  let primaryLabel: { col: number; text: string } | undefined;
  let side: { col: number; text: string; block: FundBlock } | undefined;
  let blankRun = 0;
  // The row read last, an indicator or a category left unused: the rows below take its categories.
  let lastRead: Indicator | undefined;

  for (let r = top; r <= limit; r++) {
    const entries = view.entries(r);
    if (entries.length === 0) {
      if (indicatorHeader && ++blankRun >= BLANK_ROWS_AFTER_INDICATORS) break;
      continue;
    }
    blankRun = 0;
    if (indicatorHeader && entries.length === 1 && entries[0]!.norm.length >= NARRATIVE_LENGTH) break;
    // A second 项目编码 means the next project has begun (tables stacked without titles).
    if (r > top + 3 && details.projectCode && isProjectCodeRow(view, r, table)) break;
    left = Math.min(left, entries[0]!.col);
    // A label merged across cells and then unmerged and filled (取消合并并填充: 曹妃甸's 12月底 over E:G,
    // 指标值确定依据 over F:G) is one label, at its first cell, as the merge was.
    const apart = (col: number) => twoLabelsAbove(view, table, r, col);
    const labels = withoutFilledRepeats(entries, apart);
    const indicatorCols: Partial<Record<(typeof INDICATOR_ROLES)[number], number>> = {};
    for (const e of labels) {
      const role = roleOf(table, e.norm, INDICATOR_ROLES);
      if (role) indicatorCols[role as (typeof INDICATOR_ROLES)[number]] = e.col;
    }
    // A list whose 绩效指标 cell holds each project's indicators, written out one after another.
    if (!indicatorHeader && indicatorCols.indicatorName !== undefined && Object.keys(indicatorCols).length === 1) {
      const packed = packedList(view, table, r, labels, indicatorCols.indicatorName, limit);
      if (packed) return packed;
    }
    // 绩效指标 names the indicator only where nothing else on the row does (北京 2026's 部门整体 form: 活动 |
    // 绩效指标 | 指标性质 | 指标值 | 度量单位); beside 一级指标 (西安 2022) it labels the block, merged down it.
    if (indicatorCols.indicatorName !== undefined) {
      const named = indicatorCols.level1 ?? indicatorCols.level2 ?? indicatorCols.level3 ?? indicatorCols.description;
      if (named === undefined) indicatorCols.level3 = indicatorCols.indicatorName;
      delete indicatorCols.indicatorName;
    }
    // With no 三级指标 column beside it, 指标内容 names the indicator whose 指标值 follows (西安 2022: 一级指标 |
    // 二级指标 | 指标内容 | 指标值), as it describes one where there is (指标名称 | 指标内容).
    if (indicatorCols.level3 === undefined && indicatorCols.description !== undefined && indicatorCols.level2 !== undefined && indicatorCols.value !== undefined) {
      indicatorCols.level3 = indicatorCols.description;
      delete indicatorCols.description;
    }
    // An indicator header names the indicator and its categories, or (重庆 2026) the indicator and its value.
    if (indicatorCols.level3 !== undefined && (indicatorCols.level1 !== undefined || indicatorCols.value !== undefined)) {
      indicatorHeader = { row: r, cols: indicatorCols };
      details.categorized = indicatorCols.level1 !== undefined;
      if (indicatorCols.weight !== undefined) details.weightHeader = view.ref(r, indicatorCols.weight);
      details.indicatorHeader = view.ref(r, indicatorCols.level3);
      const fields = listFields(view, table, r, labels);
      if (fields.projectName !== undefined) list = { header: r, fields };
      lastRow = r;
      right = Math.max(right, ...entries.map((e) => view.rightEdge(r, e.col)));
      continue;
    }
    if (indicatorHeader) {
      const ind = readIndicator(view, r, indicatorHeader.cols, lastRead);
      // A list's 合计 and its unit's row (长沙 2025: 合计 | | 40,233.95, then 106001 | 长沙市公安局 |
      // 40,233.95) hold a budget and no indicator: they are no project, and end nothing.
      if (!ind && list?.fields.budget !== undefined && view.ref(r, list.fields.budget).amount !== null) {
        const budgetCol = list.fields.budget;
        if (!list.total && entries.some((e) => e.col < budgetCol && LIST_TOTAL.test(e.norm))) list.total = view.ref(r, budgetCol);
        lastRow = r;
        continue;
      }
      // A second header row under a list of projects (北京 2026: 其中： over 财政资金 | 其他资金) names
      // the funding columns; it ends nothing.
      if (!ind && list && r === indicatorHeader.row + 1) {
        for (const e of entries) {
          const field = roleOf(table, e.norm, FIELDS) as Field | undefined;
          if (field) list.fields[field] ??= e.col;
        }
        lastRow = r;
        continue;
      }
      if (!ind) break;
      lastRead = ind;
      if (!namesOnlyCategories(ind)) details.indicators.push(ind);
      lastRow = r;
      continue;
    }
    lastRow = r;
    right = Math.max(right, ...entries.map((e) => view.rightEdge(r, e.col)));
    for (const e of labels) {
      const field = roleOf(table, e.norm, FIELDS) as Field | undefined;
      if (!field || filledDown(view, r, e)) continue;
      const valueCol = valueColumnAfter(view, r, e, (norm) => roleOf(table, norm, FIELDS) !== undefined);
      const amountCol = view.amountColumnAfter(r, e.col, apart);
      switch (field) {
        case 'spendingPlan': {
          for (const label of labels.filter((x) => x.col > e.col)) {
            details.plan.push({ label: label.text.trim(), cell: view.ref(r + 1, label.col) });
          }
          break;
        }
        case 'budget':
          if (!details.budget) {
            details.budget = view.ref(r, amountCol);
            primaryLabel = { col: e.col, text: e.norm };
            budgetRow = r;
          } else if (r === budgetRow && !side && e.col > primaryLabel!.col) {
            side = { col: e.col, text: e.norm, block: { budget: view.ref(r, amountCol) } };
          }
          break;
        case 'fiscalFunds':
        case 'carriedOverFunds':
        case 'otherFunds':
          if (side && e.col >= side.col) side.block[field] ??= view.ref(r, amountCol);
          else details[field] ??= view.ref(r, amountCol);
          break;
        case 'purpose': {
          // "预算规模及资金用途" labels the whole block: its right-hand cell is 预算数, not the purpose.
          const value = view.ref(r, valueCol);
          if (!roleOf(table, normalizeLabel(value.text), FIELDS)) details.purpose ??= value;
          break;
        }
        default: {
          const value = field === 'goal' ? goalBesideOrBelow(view, table, r, e.col, valueCol) : view.ref(r, valueCol);
          // A list's header (广州 生态环境局 2026: 项目名称（资金使用单位） | 总计： | 财政拨款 | … | 绩效指标)
          // names no project: the cell after its 项目名称 is the total column's heading.
          if (field === 'projectName' && namesListTotal(normalizeLabel(value.text))) break;
          details[field] = laterFilled(details[field], value);
        }
      }
    }
    // The purpose statement: the long text on the row after the amounts.
    if (budgetRow && r === budgetRow + 1 && !details.purpose) {
      const text = entries.find((e) => e.norm.length > LABEL_MAX_LENGTH || !roleOf(table, e.norm, FIELDS));
      if (text) details.purpose = view.ref(r, text.col);
    }
  }
  if (side) {
    const primary: FundBlock = { budget: details.budget! };
    for (const field of FUND_PARTS) {
      if (details[field]) primary[field] = details[field];
      delete details[field];
    }
    // The year's block is the budget every other check reads (a project's whole-life total may span years).
    const [annual, other] = ANNUAL.test(side.text) && !ANNUAL.test(primaryLabel!.text) ? [side.block, primary] : [primary, side.block];
    Object.assign(details, annual);
    details.sideFunds = other;
  }
  return { details, lastRow, left, right, ...(list && { list }) };
}

/**
 * A list of projects whose 绩效指标 column packs each project's indicators into its cell (广州 生态环境局
 * 2026: 项目名称（资金使用单位） | 总计： | 财政拨款 | 财政专户拨款 | 其他资金 | 绩效目标 | 绩效指标). Each
 * indicator is read from that cell, placed there; the rows between (its 合计, each unit's subtotal) hold
 * amounts and no indicator. Undefined when the header names no project or no cell below it is packed.
 */
function packedList(view: SheetView, table: TableVocabulary, header: number, labels: readonly RowEntry[], col: number, limit: number): ParsedTarget | undefined {
  const fields = listFields(view, table, header, labels);
  if (fields.projectName === undefined) return undefined;
  // The list's 总计 heads its total column (budget's match leaves a bare 总计 to the forms' own totals).
  const total = labels.find((e) => e.col > fields.projectName! && namesListTotal(e.norm));
  if (fields.budget === undefined && total) fields.budget = total.col;
  // The first 绩效指标 cell written under the header decides: packed, or some other list.
  for (let r = header + 1; r <= limit; r++) {
    const text = view.text(r, col);
    if (text.trim() === '') continue;
    if (!packedIndicators(text)) return undefined;
    break;
  }
  const list: TargetList = { header, fields };
  const indicators: Indicator[] = [];
  let lastRow = header;
  let blankRun = 0;
  for (let r = header + 1; r <= limit; r++) {
    const entries = view.entries(r);
    if (entries.length === 0) {
      if (++blankRun >= BLANK_ROWS_AFTER_INDICATORS) break;
      continue;
    }
    blankRun = 0;
    const packed = packedIndicators(view.text(r, col));
    if (packed) {
      const at = (text: string) => textRef(view.name, r, col, text);
      for (const p of packed) indicators.push({ row: r, level1: at(p.level1), level2: at(p.level2), level3: at(p.name), value: at(p.value) });
    } else if (fields.budget !== undefined && !list.total && entries.some((e) => e.col < fields.budget! && namesListTotal(e.norm))) {
      list.total = view.ref(r, fields.budget);
    } else if (entries.length === 1 && entries[0]!.norm.length >= NARRATIVE_LENGTH) break;
    lastRow = r;
  }
  if (indicators.length === 0) return undefined;
  const details: TargetDetails = { plan: [], indicators, categorized: true, packed: true, indicatorHeader: view.ref(header, col) };
  const left = Math.min(...labels.map((e) => e.col));
  const right = Math.max(...labels.map((e) => view.rightEdge(header, e.col)));
  return { details, lastRow, left, right, list };
}

/**
 * Whether a cell and the one before it, holding one text, are two labels: the row above writes two
 * different field labels over them (西安 宣传部 2021, merges filled: 实施期资金总额 over D:E and
 * 年度资金总额 over F, each block's “其中：财政拨款” under it, in D, E and F alike). A label beside its
 * value above (主管部门 | 西安市气象局) tells nothing.
 */
function twoLabelsAbove(view: SheetView, table: TableVocabulary, row: number, col: number): boolean {
  if (row < 2 || col < 2) return false;
  const left = normalizeLabel(view.text(row - 1, col - 1));
  const right = normalizeLabel(view.text(row - 1, col));
  return left !== right && roleOf(table, left, FIELDS) !== undefined && roleOf(table, right, FIELDS) !== undefined;
}

/**
 * A label that repeats the one right above it in its column: a label merged down two rows, then
 * unmerged and filled (曹妃甸's 资金支出计划（%） over A6:A7). It is that label again, not a second one
 * whose value is on the next row.
 */
function filledDown(view: SheetView, r: number, e: RowEntry): boolean {
  return r > 1 && view.merges.master(r, e.col) === undefined && normalizeLabel(view.text(r - 1, e.col)) === e.norm;
}

/**
 * The project fields a list's indicator header names: on its own row, or (a header of two rows: 长沙
 * 2025's 单位（项目）名称 | 资金总额 | 绩效目标 merged down beside 绩效指标 over 一级…三级指标) on the
 * row above, where the header row itself leaves their columns to them.
 */
function listFields(view: SheetView, table: TableVocabulary, r: number, entries: readonly RowEntry[]): Partial<Record<Field, number>> {
  const fields: Partial<Record<Field, number>> = {};
  const take = (list: readonly RowEntry[]) => {
    for (const e of list) {
      const field = roleOf(table, e.norm, FIELDS) as Field | undefined;
      if (field && fields[field] === undefined) fields[field] = e.col;
    }
  };
  take(entries);
  if (fields.projectName !== undefined || r <= 1) return fields;
  const above = view.entries(r - 1);
  const name = above.find((e) => roleOf(table, e.norm, FIELDS) === 'projectName');
  if (name && !entries.some((e) => e.col === name.col)) take(above.filter((e) => !entries.some((x) => x.col === e.col)));
  return fields;
}

/**
 * A goal's text: beside its label, or — where the form heads its goals and writes them on the row
 * below (上海 普陀 2023: 项目总目标 | 年度总体目标 over their sentences) — under it, when that is
 * text and not another label of the form (a field's or the indicator header's).
 */
function goalBesideOrBelow(view: SheetView, table: TableVocabulary, r: number, labelCol: number, valueCol: number): CellRef {
  const beside = view.ref(r, valueCol);
  if (beside.text.trim() !== '' || r >= view.rowCount) return beside;
  const below = view.ref(r + 1, labelCol);
  const norm = normalizeLabel(below.text);
  const isText = below.row === r + 1 && below.amount === null && norm !== '';
  // Not a field's label, nor a cell of the indicator header (福州 2026: 年度目标 left blank over 绩效目标指标 | 一级指标 …).
  const headerBelow = view.entries(r + 1).some((x) => roleOf(table, x.norm, INDICATOR_ROLES) !== undefined);
  return isText && !headerBelow && !roleOf(table, norm, FIELDS) ? below : beside;
}

/**
 * A field's value: the first the form gives, unless that is blank and the field is labelled again
 * with its value — a heading row naming the field (北京 2026's 预算14表: “年度目标” across A:F, then
 * “年度总体目标 | …” below) is no blank field.
 */
function laterFilled(first: CellRef | undefined, next: CellRef): CellRef {
  if (!first) return next;
  return first.text.trim() === '' && next.text.trim() !== '' ? next : first;
}

/** A budget label of the year's money (年度资金申请总额), not the project's whole life (项目资金总额). */
const ANNUAL = /年度|当年|本年/;

/**
 * The project a target table's title names, for a form with no 项目名称 field (泉州 2026:
 * “市行政中心保安服务项目绩效目标表”): the title without its numbering, year and closing words. None
 * when that leaves no name (“2026年项目支出绩效目标表”) or a department's year (“XX局2026年度…”).
 */
export function projectOfTitle(title: string): string | undefined {
  const core = stripEnumeration(fold(title).replace(/\s+/g, '').replace(/[(（][^()（）]*[)）]$/, ''))
    .replace(/^20\d{2}年度?/, '')
    .replace(/(?:项目)?(?:支出)?(?:预算)?绩效目标(?:申报)?表$/, '');
  return core.length >= 2 && !/20\d{2}年|^(?:本?部门|本?单位|本级|整体|部门整体|重点|重点项目|专项|项目)$/.test(core) ? core : undefined;
}

/**
 * Indicators with what the form's indicator header says of them (categories or not, a weight column),
 * and none of its project fields: a listed project's block of them, or the department-wide form's.
 */
export function indicatorBlock(parsed: TargetDetails, indicators: Indicator[] = parsed.indicators): TargetDetails {
  return {
    plan: [],
    indicators,
    ...(parsed.packed && { packed: true }),
    ...(parsed.categorized !== undefined && { categorized: parsed.categorized }),
    ...(parsed.weightHeader && { weightHeader: parsed.weightHeader }),
    ...(parsed.indicatorHeader && { indicatorHeader: parsed.indicatorHeader }),
  };
}

/** The fields a list gives each project, read on the first row of its block. */
const LIST_FIELDS = ['projectCode', 'projectName', 'budget', 'fiscalFunds', 'carriedOverFunds', 'otherFunds', 'purpose', 'goal'] as const;

/**
 * A list's projects: each begins on the row whose own 项目名称 cell holds a name (a name merged down
 * its block is the block's first row's), or under a merged name on a row with an amount of its own,
 * and takes the indicators down to the next one. Indicators
 * above the first name belong to the first project.
 */
export function listProjects(view: SheetView, list: TargetList, parsed: TargetDetails): { first: number; last: number; details: TargetDetails }[] {
  const indicators = parsed.indicators;
  const nameCol = list.fields.projectName!;
  const budgetCol = list.fields.budget;
  const ownAmount = (row: number) => budgetCol !== undefined && view.resolved(row, budgetCol).row === row && view.ref(row, budgetCol).amount !== null;
  let nameAbove = false;
  const named = indicators.map((ind) => ind.row).filter((row) => {
    const at = view.resolved(row, nameCol);
    if (at.row === row && (at.cell?.text.trim() ?? '') !== '') {
      nameAbove = true;
      return true;
    }
    // A name merged down over several blocks, each with its own amount, goal and indicators (北京 市场监管局
    // 2026's 390843, six of them): each block is a target of its own, of that name. So it is with the
    // merge undone, the name left in its first row only: a blank name over an amount of its own.
    return (at.row !== row || nameAbove) && ownAmount(row);
  });
  // A project's cells merged down its indicators, then unmerged and filled (长春 2026's 预算表11): a row
  // repeating every field of the project above it continues that project.
  const fields = named.map((row) => LIST_FIELDS.map((f) => (list.fields[f] === undefined ? '' : view.text(row, list.fields[f]!))).join('\u0000'));
  const starts = named.filter((_, i) => i === 0 || fields[i] !== fields[i - 1]);
  if (starts.length === 0) return [];
  let previous: TargetDetails | undefined;
  return starts.map((start, i) => {
    const next = starts[i + 1] ?? Number.MAX_SAFE_INTEGER;
    const block = indicators.filter((ind) => (i === 0 || ind.row >= start) && ind.row < next);
    const details = indicatorBlock(parsed, block);
    for (const field of LIST_FIELDS) {
      const col = list.fields[field];
      if (col !== undefined) details[field] = view.ref(start, col);
    }
    // A block under a name written once above it (its merge undone) is of that name and code.
    if (previous && details.projectName?.text.trim() === '') {
      if (previous.projectName) details.projectName = previous.projectName;
      if (previous.projectCode && details.projectCode?.text.trim() === '') details.projectCode = previous.projectCode;
    }
    previous = details;
    if (list.total) details.listTotal = list.total;
    return { first: Math.min(start, block[0]?.row ?? start), last: block[block.length - 1]?.row ?? start, details };
  });
}

/**
 * The column of a field's value: the first after its label that does not repeat the label (a label
 * merged across and then unmerged and filled, 取消合并并填充, writes itself into its value's place).
 */
function valueColumnAfter(view: SheetView, row: number, label: { col: number; norm: string }, isLabel: (norm: string) => boolean): number {
  let col = view.rightEdge(row, label.col) + 1;
  while (col <= label.col + FILLED_LABEL_REACH && normalizeLabel(view.text(row, col)) === label.norm) col = view.rightEdge(row, col) + 1;
  // A copy that lost its merges (烟台 2026: 项目名称 over A:C, its name from D) leaves the label's other
  // cells blank: the value is the first filled cell after them, unless that is the next field's label.
  // Two blank cells at most, a label's merge: a blank value merged wider (重庆 2026's empty 表十一,
  // 项目名称 | B:D blank | 主管部门) leaves its next label further on, which is no value; nor is a
  // label of the form's that names no field (主管部门 two cells on).
  if (view.merges.ranges.length === 0 && view.text(row, col).trim() === '') {
    let next = col + 1;
    while (next <= col + MERGED_LABEL_BLANKS && view.text(row, next).trim() === '') next++;
    const norm = normalizeLabel(view.text(row, next));
    if (next <= col + MERGED_LABEL_BLANKS && norm !== '' && !isLabel(norm) && !LOOKS_LIKE_A_LABEL.test(norm)) return next;
  }
  return col;
}

/** A form's other labels, which name no field the checks read (主管部门, 实施单位, 项目类别): no value. */
const LOOKS_LIKE_A_LABEL = /^.{0,6}(?:部门|单位|名称|代码|编码|类别|性质|属性)$/u;

/** How many blank cells a label's lost merge leaves after it: a label spans two or three cells. */
const MERGED_LABEL_BLANKS = 2;

/** How far a filled label may run: a label merged over a few cells, never a whole row of them. */
const FILLED_LABEL_REACH = 4;

/**
 * A row naming only its categories (长沙 2025 prints every 二级 of the template, 社会成本指标 and
 * 生态效益指标 left blank where the project has none): a category not used, no indicator. A row
 * with a value or a description but no 三级指标 is an indicator, its name left out.
 */
function namesOnlyCategories(ind: Indicator): boolean {
  return [ind.level3, ind.value, ind.description, ind.basis, ind.comparator, ind.unit, ind.weight].every((c) => !c || c.row !== ind.row || c.text.trim() === '');
}

/** Whether a category cell repeats the one just above it, on a row of its own, where no merge is: the previous indicator's category filled down. */
function filledDownFrom(view: SheetView, cell: CellRef, previous: CellRef | undefined): boolean {
  return (
    previous !== undefined &&
    view.merges.ranges.length === 0 &&
    cell.col === previous.col &&
    cell.row > previous.row &&
    cell.text.trim() !== '' &&
    cell.text === previous.text &&
    view.text(cell.row - 1, cell.col) === cell.text
  );
}

function readIndicator(
  view: SheetView,
  row: number,
  cols: Partial<Record<(typeof INDICATOR_ROLES)[number], number>>,
  previous: Indicator | undefined,
): Indicator | undefined {
  const ref = (col: number | undefined): CellRef | undefined => (col === undefined ? undefined : view.ref(row, col));
  const level3 = ref(cols.level3)!;
  // A form without category columns gives its indicators none: a blank, where the indicator is.
  const none = () => textRef(level3.sheet, level3.row, level3.col, '');
  const level1 = ref(cols.level1) ?? none();
  const level2 = ref(cols.level2 ?? cols.level1) ?? none();
  const value = ref(cols.value ?? cols.level3)!;
  const description = ref(cols.description);
  const comparator = ref(cols.comparator);
  const unit = ref(cols.valueUnit);
  const basis = ref(cols.basis);
  const weight = ref(cols.weight);
  const any = [level1, level2, level3, value, description, basis].some((c) => c && c.text.trim() !== '' && c.row === row);
  if (!any) return undefined;
  // 一级指标 is written once per group (merged or not); rows below it belong to it. So is 二级指标 on
  // a row that continues its 一级 group (a form whose merges were lost leaves both cells blank).
  // A blank cell merged down rows of its own is a group with its name left out (北京 文旅局 2026's
  // B11:B15 over 数量/质量/时效指标), not more of the group above: the rows it covers are its own.
  const unnamedGroup = cols.level1 !== undefined && view.merges.rangeAt(level1.row, level1.col) !== undefined && (previous?.level1.row !== level1.row || previous.level1.col !== level1.col);
  const continues = level1.text.trim() === '' && previous !== undefined && !unnamedGroup;
  // …and so is a category merged down the group, then unmerged and filled: the cell above holds it
  // again. It is the group's one cell, as the merge was (福州 医保局 2026's 经济效益指标 over C15:C17).
  const filledLevel1 = !continues && filledDownFrom(view, level1, previous?.level1);
  const inGroup = continues || filledLevel1;
  const level2Blank = continues && cols.level2 !== undefined && level2.text.trim() === '';
  const level2Filled = inGroup && cols.level2 !== undefined && filledDownFrom(view, level2, previous?.level2);
  const inheritedLevel1 = inGroup ? previous!.level1 : level1;
  const inheritedLevel2 = level2Blank || level2Filled ? previous!.level2 : level2;
  return { row, level1: inheritedLevel1, level2: inheritedLevel2, level3, value, ...(description && { description }), ...(comparator && { comparator }), ...(unit && { unit }), ...(basis && { basis }), ...(weight && { weight }) };
}
