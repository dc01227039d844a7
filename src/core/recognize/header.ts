/**
 * Header recognition: which rows form a table's header, and which column plays which role.
 * Works from header words alone (merged group headers are read into each column beneath them),
 * so the columns may sit anywhere and in any order.
 */
import { codeText, parseWholeCode } from '../codes.js';
import type { RecognizedColumn, YearBlock } from '../model.js';
import { normalizeLabel, parseAmount } from '../text.js';
import { bestScore, matchScore, type TableVocabulary, type TextMatcher, type Vocabulary } from '../vocabulary.js';
import type { RowEntry, SheetView } from './sheet-view.js';

/** How far below a title the header may start, and how many rows it may span. */
const HEADER_SEARCH_ROWS = 6;
const HEADER_MAX_ROWS = 5;

export function isMetaRow(view: SheetView, row: number, vocab: Vocabulary): boolean {
  const entries = view.entries(row);
  if (entries.length === 0 || entries.length > 4) return false;
  return entries.some((e) => vocab.metaRow.some((m) => matchScore(m, e.norm) > 0));
}

export function isNoteRow(view: SheetView, row: number, vocab: Vocabulary): boolean {
  const entries = view.entries(row);
  if (entries.length === 0 || entries.length > 2) return false;
  return vocab.noteRow.some((m) => matchScore(m, entries[0]!.norm) > 0 && entries[0]!.norm.length < 120);
}

/**
 * A row that can only be data: it holds a subject code, a number (headers hold words; the 栏次 row of
 * column numbers is told apart before this is asked), or an amount written as text with decimals.
 */
export function isClearlyData(view: SheetView, row: number): boolean {
  return view.entries(row).some((e) => {
    if (typeof e.cell.value === 'number') return true;
    if (parseWholeCode(codeText(e.cell)) && e.norm.length >= 3) return true;
    const a = parseAmount(e.cell.value, e.cell.numFmt);
    return a.kind === 'number' && (!Number.isInteger(a.value) || a.value >= 1000);
  });
}

/** The 栏次 row under many headers: "栏次 1 2 3 …" or just consecutive column numbers. */
export function isColumnNumberRow(view: SheetView, row: number): boolean {
  const entries = view.entries(row);
  if (entries.length === 0) return false;
  if (entries[0]!.norm === '栏次') return true;
  // 杭州 and 长沙 2026 head their column numbers with “**” under each label column; 湖州's 表11 marks
  // every column so, numbers and all.
  const marked = (e: RowEntry) => /^[*＊]+$/.test(e.norm);
  const labels = entries.findIndex((e) => !marked(e));
  if (labels < 0) return entries.length >= 2;
  // 西安 2019 marks its 备注 column after the numbers too: “** | ** | 1 | 2 | 3 | 4 | **”.
  let end = entries.length;
  while (labels > 0 && end > labels && marked(entries[end - 1]!)) end--;
  const numbered = entries.slice(labels, end);
  const numbers = numbered.map((e) => Number(e.norm));
  // Marked with “**”, a table of one or two amount columns numbers them from 1 (杭州 2026's 表9: “** | 1”).
  const fewest = labels > 0 && numbers[0] === 1 ? 1 : 3;
  if (numbers.length < fewest || numbers.some((n) => !Number.isInteger(n))) return false;
  return numbers.every((n, i) => i === 0 || n === numbers[i - 1]! + 1);
}

function cellMatchesAnyRole(table: TableVocabulary, norm: string): boolean {
  if (norm.length > 24) return false;
  return table.columns.some((c) => c.match.some((m) => matchScore(m, norm) > 0));
}

/** How many cells of the row name one of the table's columns. */
function namedRoles(view: SheetView, row: number, table: TableVocabulary): number {
  return view.entries(row).filter((e) => cellMatchesAnyRole(table, e.norm)).length;
}

export interface HeaderRegion {
  top: number;
  /** Last header row holding words (the 栏次 row, if any, is below it). */
  bottom: number;
  /** First row after the header (after the 栏次 row). */
  dataStart: number;
  /** No merged range touches the header's rows (a copy that lost them: spans are then read from the blanks). */
  unmerged?: boolean;
}

/** Finds the header below a title row: meta rows skipped, header words required. */
export function findHeader(view: SheetView, titleRow: number, table: TableVocabulary, vocab: Vocabulary, limit: number): HeaderRegion | undefined {
  let top = 0;
  for (let r = titleRow + 1; r <= Math.min(limit, titleRow + HEADER_SEARCH_ROWS); r++) {
    // A row naming two columns is the header, though one of them states the unit (广东's key-project
    // table: 项目 | 预算数（单位：万元） | 绩效目标).
    if (view.isBlankRow(r) || (isMetaRow(view, r, vocab) && namedRoles(view, r, table) < 2)) continue;
    const entries = view.entries(r);
    // A lone text line right under the title is the unit's name or a subtitle, not a header.
    if (entries.length === 1 && !cellMatchesAnyRole(table, entries[0]!.norm) && !isClearlyData(view, r)) continue;
    top = r;
    break;
  }
  if (!top) return undefined;
  let bottom = 0;
  let r = top;
  for (; r <= Math.min(limit, top + HEADER_MAX_ROWS - 1); r++) {
    if (isColumnNumberRow(view, r) || isClearlyData(view, r) || (bottom && (isEmptyTotalRow(view, r, top, vocab) || isNumberedLabelRow(view, r)))) break;
    if (view.entries(r).some((e) => cellMatchesAnyRole(table, e.norm))) bottom = r;
  }
  if (!bottom) return undefined;
  // Header cells merged downwards ("项目" over three rows) say how deep the header is, even when its
  // lowest row holds only sub-headings no role names ("人员经费 | 公用经费" under 基本支出).
  const deepest = Math.min(limit, top + HEADER_MAX_ROWS - 1);
  for (const m of view.merges.ranges) {
    if (m.top >= top && m.top <= bottom && m.bottom > bottom && m.bottom <= deepest && !isClearlyData(view, m.bottom)) bottom = m.bottom;
  }
  r = Math.max(r, bottom + 1);
  const dataStart = firstDataRow(view, bottom, limit, r);
  const unmerged = !view.merges.ranges.some((m) => m.top <= bottom && m.bottom >= top);
  return deepened(view, { top, bottom, dataStart, ...(unmerged && { unmerged }) }, vocab, limit);
}

/** The row after a header's last: blank rows (before `before`) and the 栏次 row of column numbers skipped. */
function firstDataRow(view: SheetView, bottom: number, limit: number, before = Infinity): number {
  let row = bottom + 1;
  while (row <= limit && row < before && !isColumnNumberRow(view, row) && !isClearlyData(view, row) && view.isBlankRow(row)) row++;
  return row <= limit && isColumnNumberRow(view, row) ? row + 1 : row;
}

/** The header found, one row deeper where its merges were lost and a row of sub-headings follows it. */
function deepened(view: SheetView, header: HeaderRegion, vocab: Vocabulary, limit: number): HeaderRegion {
  const next = header.bottom + 1;
  if (!header.unmerged || next > limit || next >= header.top + HEADER_MAX_ROWS || !isSubHeadingRow(view, next, header.bottom, vocab)) return header;
  return { ...header, bottom: next, dataStart: Math.max(firstDataRow(view, next, limit), header.dataStart) };
}

/**
 * A row that opens with a numbered label (“一、一般公共预算收入”, “（二）…”) is the table's first row, not
 * more header: in a table printed without amounts (烟台 信访局 2026's 财政拨款收支总表, “没有使用财政拨款”)
 * nothing else tells its rows from its header, and “二、政府性基金预算收入” names a column's words.
 */
function isNumberedLabelRow(view: SheetView, row: number): boolean {
  const first = view.entries(row)[0];
  return !!first && /^(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])/.test(first.norm);
}

/**
 * The 合计 row of a table with no amounts (an empty fund table): its one label sits under a column the
 * header has already named on its own. A 合计 sub-heading sits under a group heading merged across
 * several columns ("本年支出" over 合计 | 基本支出 | 项目支出) and never alone in its row.
 */
function isEmptyTotalRow(view: SheetView, row: number, top: number, vocab: Vocabulary): boolean {
  const entries = view.entries(row);
  if (entries.length !== 1 || bestScore(vocab.totalRow, entries[0]!.norm) === 0) return false;
  const col = entries[0]!.col;
  for (let r = row - 1; r >= top; r--) {
    const above = view.resolved(r, col);
    if (!above.cell || view.norm(above.row, above.col) === '') continue;
    const range = view.merges.rangeAt(above.row, above.col);
    return !range || range.left === range.right;
  }
  return false;
}

/** The header text of one column: each header row's (merge-resolved) text, top to bottom. */
export function columnPath(view: SheetView, header: HeaderRegion, col: number, spans?: ImplicitSpans): string[] {
  const parts: string[] = [];
  for (let r = header.top; r <= header.bottom; r++) {
    const t = view.norm(r, col) || spans?.get(r)?.get(col);
    if (t && parts[parts.length - 1] !== t) parts.push(t);
  }
  return parts;
}

/** Whether a header row from `from` to `to` heads the column (“公务用车购置费” two rows under the group). */
function headedBelow(view: SheetView, col: number, from: number, to: number): boolean {
  for (let r = from; r <= to; r++) if (view.norm(r, col)) return true;
  return false;
}

/**
 * A header that lost its merges, one more row deep: a row of sub-headings alone (“人员支出 | 日常公用支出”
 * under 基本支出, 杭州 2026's 支出总表), one at least under a blank cell of the row above that a heading
 * to its left spans. With merges, the cells merged down beside it said how deep the header is.
 */
function isSubHeadingRow(view: SheetView, row: number, above: number, vocab: Vocabulary): boolean {
  const entries = view.entries(row);
  if (entries.length === 0 || entries.some((e) => typeof e.cell.value !== 'string' || /\d/.test(e.norm) || bestScore(vocab.totalRow, e.norm) > 0)) return false;
  return entries.some((e) => view.norm(above, e.col) === '' && spannedFromLeft(view, above, e.col));
}

/** Whether a blank header cell has a heading somewhere to its left in its row. */
function spannedFromLeft(view: SheetView, row: number, col: number): boolean {
  for (let c = col - 1; c >= 1; c--) if (view.norm(row, c)) return true;
  return false;
}

/** Per header row, the group heading each blank cell stands under, by column. */
type ImplicitSpans = Map<number, Map<number, string>>;

/**
 * A header whose merges were lost (the copy kept each heading in its first cell only): a group heading
 * over several columns (“收 入” over 项目 | 预算数, 湖州 2026's 财政拨款收支总表) is read over the blank cells
 * to its right, up to the next heading of its row, where the row below heads those columns. The
 * lowest header row names each column itself and lends nothing.
 */
function implicitSpans(view: SheetView, header: HeaderRegion, left: number, right: number): ImplicitSpans {
  const spans: ImplicitSpans = new Map();
  for (let r = header.top; r < header.bottom; r++) {
    let heading: string | undefined;
    const row = new Map<number, string>();
    for (let c = left; c <= right; c++) {
      const t = view.norm(r, c);
      if (t) heading = t;
      else if (heading && headedBelow(view, c, r + 1, header.bottom)) row.set(c, heading);
      else heading = undefined;
    }
    if (row.size > 0) spans.set(r, row);
  }
  return spans;
}

/** A matcher applies to a column when its words are in the path and at least one is in the lowest header cell. */
function columnScore(m: TextMatcher, path: string[]): number {
  const leaf = path[path.length - 1];
  if (!leaf) return 0;
  if (m.exact !== undefined) return leaf === m.exact ? m.exact.length : 0;
  if (m.leaf && !m.leaf.some((w) => leaf.includes(w))) return 0;
  const score = matchScore(m, path.join('/'));
  return score > 0 && m.all!.some((w) => leaf.includes(w)) ? score : 0;
}

/**
 * The heading over some of the table's columns that names a role none of them took (基本支出 merged
 * over 人员经费 | 公用经费): the role is printed split into those columns. Their headers are read as
 * paths (“基本支出/人员经费”); a heading above the last names the group.
 */
export function splitInto(table: TableVocabulary, role: string, columns: readonly RecognizedColumn[]): RecognizedColumn[] {
  const matchers = table.columns.find((c) => c.role === role)?.match ?? [];
  const under = columns.filter((c) => {
    const path = c.header.split('/').map(normalizeLabel);
    return path.slice(0, -1).some((heading, i) => heading !== '' && matchers.some((m) => columnScore(m, path.slice(0, i + 1)) > 0));
  });
  return under.length >= 2 ? under : [];
}

/**
 * A column headed as a code (a second 科目编码 类/款 pair: 烟台 2026's basic table prints the 部门 and
 * the 政府 economic codes side by side; 西安's 单位编码, 长春's 部门(单位)代码): its numbers are codes,
 * not amounts, though no role or only the first pair takes it.
 */
export function headedAsCode(table: TableVocabulary, path: string[]): boolean {
  // Its own heading, or one it stands under (上海 2026's project table: 功能分类科目编码 over 类 | 款 | 项).
  if (path.some((heading) => /编码|代码/.test(heading))) return true;
  return table.columns.some((role) => role.kind.startsWith('code') && role.match.some((m) => columnScore(m, path) > 0));
}

/**
 * Last year's figures and the change beside this year's (上年 | 当年 | 增减变化情况, 西安 2026): no role but
 * the previous year's reads them. 上年结转 / 上年结余 / 上年实户资金余额 (西安) is this year's money carried in.
 */
const NOT_THIS_YEAR = /上年(?!结转|结余|实户资金)|增减/;

/**
 * A memo beside the amounts, no part of their sum: 深圳 2026's 支出总表 prints each row's 政府采购 amount
 * (and the share kept for small firms) to the right of its 合计 … 上缴上级支出; 长沙's 收入总表 a
 * “其中:经费拨款” beside its 本级财政拨款; 北京's and the central 一般公共预算支出表 the project
 * spending again “扣除基建项目后” (less capital construction).
 */
export function isMemoColumn(path: readonly string[]): boolean {
  return path.some((p) => p.includes('政府采购')) || /^(其中|扣除)/.test(path[path.length - 1] ?? '') || underOfWhich(path);
}

/**
 * Under a heading that is “其中” alone: parts of an amount to their left. 北京 2026's 支出总表 prints 其中
 * over 事业单位经营支出 | 上缴上级支出 | 对附属单位补助支出, each already inside 基本支出 or 项目支出, so the
 * roles that are addends elsewhere (notOfWhich) do not read them there; 泉州 2026's 其中 over 基本支出 |
 * 项目支出 is the partition of its 合计, and those roles read it.
 */
export function underOfWhich(path: readonly string[]): boolean {
  return path.slice(0, -1).some((p) => /^其中[:：]?$/.test(p));
}

/** Each column's header path, and which columns are of another year than the budget's. */
export interface ColumnHeadings {
  paths: ReadonlyMap<number, string[]>;
  otherYear: ReadonlySet<number>;
}

/** The header read once per table: the roles and the columns no role takes both come from it. */
export function columnHeadings(view: SheetView, header: HeaderRegion, left: number, right: number): ColumnHeadings {
  const paths = new Map<number, string[]>();
  const spans = header.unmerged ? implicitSpans(view, header, left, right) : undefined;
  for (let c = left; c <= right; c++) if (!isSpacerColumn(view, header, c)) paths.set(c, columnPath(view, header, c, spans));
  return { paths, otherYear: otherYearColumns(paths) };
}

/**
 * An empty column inside a table (a spacer, or a column emptied and kept): no header cell of its own —
 * at most a group heading merged over it from the left (上海's “三公”经费预算数 over A:G, the empty C under
 * it) — and nothing at all below the header, down the whole sheet. It heads nothing and is no column
 * of the table.
 */
function isSpacerColumn(view: SheetView, header: HeaderRegion, col: number): boolean {
  for (let r = header.top; r <= header.bottom; r++) {
    const at = view.resolved(r, col);
    if (at.col === col && (at.cell?.text.trim() ?? '') !== '') return false;
  }
  const rows = view.sheet.rows;
  for (let r = header.bottom + 1; r <= rows.length; r++) if ((rows[r - 1]?.[col - 1]?.text.trim() ?? '') !== '') return false;
  return true;
}

/** Columns of another year than the budget's: 上年 / 增减 ones, and those under an earlier year's heading. */
function otherYearColumns(paths: ReadonlyMap<number, string[]>): Set<number> {
  const cols = new Set([...paths].filter(([, path]) => path.some((p) => NOT_THIS_YEAR.test(p))).map(([col]) => col));
  for (const col of earlierYearColumns(paths)) cols.add(col);
  return cols;
}

/**
 * The other-year columns grouped by the heading over them (“上年”, “2018年”, “增减变化情况”), each
 * group read as this year's columns would be. A block is kept when it reads two roles or more, all of
 * them roles this year's columns have: then its sums are this year's sums, of another year.
 */
export function yearBlocks(table: TableVocabulary, { paths, otherYear }: ColumnHeadings, columns: readonly RecognizedColumn[]): YearBlock[] {
  const byHeading = new Map<string, Map<number, string[]>>();
  for (const col of otherYear) {
    const path = paths.get(col);
    if (!path || path.length < 2) continue;
    let block = byHeading.get(path[0]!);
    if (!block) byHeading.set(path[0]!, (block = new Map()));
    block.set(col, path);
  }
  const current = new Set(columns.map((c) => c.role));
  const blocks: YearBlock[] = [];
  for (const [heading, blockPaths] of byHeading) {
    const mapped = mapColumns(table, { paths: blockPaths, otherYear: new Set() });
    if (mapped.length < 2 || mapped.some((c) => !current.has(c.role))) continue;
    blocks.push({ kind: CHANGE_HEADING.test(heading) ? 'change' : 'previous', heading, columns: mapped });
  }
  return blocks;
}

const CHANGE_HEADING = /增减|变化|变动|差额|比上年/;

/**
 * Columns under an earlier year's heading where the header names two years side by side (烟台 2026's
 * 三公 table: “2025年预算数” | “2026年预算数”): the latest is this year's.
 */
function earlierYearColumns(paths: ReadonlyMap<number, string[]>): number[] {
  const yearOf = new Map<number, number>();
  for (const [col, path] of paths) {
    for (const p of path) {
      const m = YEAR_HEADING.exec(p);
      if (m) {
        yearOf.set(col, Number(m[1]));
        break;
      }
    }
  }
  const latest = Math.max(...yearOf.values());
  return [...yearOf].filter(([, y]) => y < latest).map(([col]) => col);
}

const YEAR_HEADING = /^(20\d{2})年/;

/**
 * Assigns roles to columns: every (role, column) pair is scored by its most specific matcher, and the
 * best pairs are taken first. Equal scores go to the earlier role and the leftmost column, which is how
 * an unlabelled "项目 预算数 项目 预算数" header reads income first.
 */
export function mapColumns(table: TableVocabulary, { paths, otherYear: lastYears }: ColumnHeadings): RecognizedColumn[] {
  const candidates: { roleIndex: number; col: number; score: number }[] = [];
  table.columns.forEach((role, roleIndex) => {
    for (const [col, path] of paths) {
      if (role.role !== 'previousYear' && lastYears.has(col)) continue;
      if (role.notOfWhich && underOfWhich(path)) continue;
      let score = 0;
      for (const m of role.match) score = Math.max(score, columnScore(m, path));
      if (score > 0) candidates.push({ roleIndex, col, score });
    }
  });
  candidates.sort((a, b) => b.score - a.score || a.roleIndex - b.roleIndex || a.col - b.col);
  const takenRoles = new Set<number>();
  const takenCols = new Set<number>();
  const result: RecognizedColumn[] = [];
  for (const c of candidates) {
    if (takenRoles.has(c.roleIndex) || takenCols.has(c.col)) continue;
    takenRoles.add(c.roleIndex);
    takenCols.add(c.col);
    result.push({ role: table.columns[c.roleIndex]!.role, col: c.col, header: paths.get(c.col)!.join('/') });
  }
  return result.sort((a, b) => a.col - b.col);
}
