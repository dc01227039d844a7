/**
 * Table recognition: finds the nine standard tables and every project performance-target table in a
 * grid by their titles and header words — never by sheet names or fixed addresses — and reads their
 * columns, rows, amounts and units.
 */
import { rangeToA1, toA1 } from '../address.js';
import type { GridWorkbook } from '../grid.js';
import type { CellRef, Recognition, RecognitionProblem, RecognizedColumn, RecognizedTable, TargetDetails, Unit } from '../model.js';
import { fold, normalizeLabel, stripEnumeration } from '../text.js';
import { bestScore, matchScore, TABLE_IDS, type StandardTableId, type TableId, type TableVocabulary, type Vocabulary } from '../vocabulary.js';
import { columnHeadings, findHeader, headedAsCode, isMemoColumn, mapColumns, splitInto, yearBlocks, type ColumnHeadings, type HeaderRegion } from './header.js';
import { formFieldFollows, readFormFields } from './form.js';
import { parseRows, SAYS_EMPTY } from './rows.js';
import { SheetView, textRef, withoutFilledRepeats, type RowEntry } from './sheet-view.js';
import { indicatorBlock, isIndicatorHeaderRow, isProjectCodeRow, isTargetLabelRow, listProjects, parseTarget, projectOfTitle } from './targets.js';

/** Titles are short; a longer line that mentions a table's name is narrative about it. */
const TITLE_MAX_LENGTH = 60;
/** A target table's title sits at most this many rows above its 项目编码 row. */
const TARGET_TITLE_REACH = 4;

interface Anchor {
  row: number;
  col: number;
  table: TableVocabulary;
  title: string;
  /** For a target-table title: a 项目编码 row below it has been taken as its own. */
  claimed?: boolean;
  /** The title is the sheet's name: the table starts at its header, on the anchor's row. */
  sheetNamed?: boolean;
}

/**
 * What a title says once its numbering is set aside: "附表1：", "表3 ", "一、", "1." and "（二）" in
 * front, and a parenthesis at the end ("（续）", "（单位：万元）"), do not change which table it is.
 */
export function titleCore(norm: string): string {
  const core = norm
    .replace(/\[bookmark:[^\]]*\]/g, '')
    .replace(/^(附?表[0-9一二三四五六七八九十-]+[:：、.]?)/, '')
    .replace(/[(（][^()（）]*[)）]$/, '');
  return stripEnumeration(core);
}

/**
 * A title names a table: it ends in 表, or (河北's template: 曹妃甸 2024's “部门政府采购预算”) names a
 * department's or unit's budget of something, or (广东's 说明: “七、重点项目预算绩效目标情况” over its
 * table of projects) heads the key projects' goals. Headings of narrative ("…情况说明") and row labels do not.
 */
const TABLE_NOUN = /表$|^(部门|单位).{2,}预算$|^重点项目.{0,4}绩效目标(情况)?$/;
/** …unless it is a sentence that points at a table ("详见单位的项目绩效目标表") or runs on with clauses. */
const SENTENCE = /^(详见|参见|见)|[，。；;]/;

/** The entries of a row that may hold a title: one to three (a data row is told apart before any entry is made). */
function titleRowEntries(view: SheetView, row: number): RowEntry[] {
  const count = view.entryCount(row, 3);
  if (count === 0) return [];
  if (count <= 3) return withoutFilledRepeats(view.entries(row));
  // A title merged across the table, then unmerged and filled (取消合并并填充): one text in cell
  // after cell. Data rows open with two different entries (a code and a name, a name and a number),
  // so their entries are never made here.
  const cells = view.sheet.rows[row - 1]!;
  const first = cells.findIndex((c) => c !== undefined && c.text.trim() !== '');
  if (typeof cells[first]?.value !== 'string' || cells[first + 1]?.text !== cells[first]!.text) return [];
  const entries = withoutFilledRepeats(view.entries(row));
  return entries.length > 3 ? [] : entries;
}

/** What an entry says as a table's title (its numbering set aside), when it reads as one. */
function asTitle(e: Pick<RowEntry, 'norm'>): string | undefined {
  const norm = titleCore(e.norm);
  return norm.length <= TITLE_MAX_LENGTH && TABLE_NOUN.test(norm) && !SENTENCE.test(norm) ? norm : undefined;
}

function findTitle(view: SheetView, row: number, vocab: Vocabulary): Anchor | undefined {
  const entries = titleRowEntries(view, row);
  for (const e of entries) {
    const norm = asTitle(e);
    if (norm === undefined) continue;
    // A title stands alone in its row; only metadata (单位：万元, 预算年度) may sit beside it.
    const others = entries.filter((x) => x !== e);
    if (!others.every((x) => vocab.metaRow.some((m) => matchScore(m, x.norm) > 0))) continue;
    const table = tableTitled(norm, vocab);
    if (table) return { row, col: e.col, table, title: e.text.trim() };
  }
  return undefined;
}

/** The table of the vocabulary a title names best, if any. */
function tableTitled(norm: string, vocab: Vocabulary): TableVocabulary | undefined {
  let best: { table: TableVocabulary; score: number } | undefined;
  for (const table of vocab.tables.values()) {
    const score = bestScore(table.title, norm);
    if (score > 0 && (!best || score > best.score)) best = { table, score };
  }
  return best?.table;
}

/** What a sheet's name says as a table's title, when it reads as one (Sheet3 and a bare 表5 do not). */
function sheetNameTitle(view: SheetView): string | undefined {
  const named = normalizeLabel(view.name).replace(PART_NUMBER, '');
  return NUMBER_ONLY.test(named) ? undefined : asTitle({ norm: named });
}

/**
 * A sheet holding no title a table is known by, whose table starts at its header (深圳 2026's
 * “第七部分 重点项目绩效目标”: 二级预算单位名称 | 一级项目名称 | 预算数（万元） | 绩效目标 on row 1):
 * its name is the title, when it names a table laid out in columns, anchored on the sheet's first
 * filled cell. Its header is looked for from the sheet's top, as below a title (recognizeStandard).
 */
function sheetNameAnchor(view: SheetView, vocab: Vocabulary): Anchor | undefined {
  const norm = sheetNameTitle(view);
  const table = norm === undefined ? undefined : tableTitled(norm, vocab);
  if (!table || table.kind === 'performance-target' || table.kind === 'form') return undefined;
  const first = firstEntry(view);
  return first && { ...first, table, title: view.name.trim(), sheetNamed: true };
}

/** The first filled cell among a sheet's top rows, where a table with no title line starts. */
function firstEntry(view: SheetView): { row: number; col: number } | undefined {
  for (let r = 1; r <= Math.min(view.rowCount, UNREAD_TITLE_REACH); r++) {
    const [e] = view.entries(r);
    if (e) return { row: r, col: e.col };
  }
  return undefined;
}

/** 单位：万元, （万元）, or the unit alone in its cell (湖州 2026's 表11 prints just “万元” top right). */
const UNIT_PATTERN = /单位[:：]?(亿元|万元|千元|元)|[(（](亿元|万元|千元|元)[)）]|^(亿元|万元|千元|元)$/;

/** The first entry of rows top…bottom whose text the pattern matches: the match and its cell. */
function firstMatch(view: SheetView, top: number, bottom: number, pattern: RegExp): { m: RegExpExecArray; cell: string } | undefined {
  for (let r = top; r <= bottom; r++) {
    for (const e of view.entries(r)) {
      const m = pattern.exec(fold(e.norm));
      if (m) return { m, cell: toA1(r, e.col) };
    }
  }
  return undefined;
}

function findUnit(view: SheetView, top: number, bottom: number): { unit: Unit; cell: string } | undefined {
  const found = firstMatch(view, top, bottom, UNIT_PATTERN);
  return found && { unit: (found.m[1] ?? found.m[2] ?? found.m[3]) as Unit, cell: found.cell };
}

/** “部门名称：深圳市财政局（本级）” between a table's title and its header: the unit the table is of. */
const UNIT_LINE = /^(?:部门|单位|预算单位|部门（单位）|部门\(单位\))(?:名称)?[:：](.+)$/;

const unitNamed = (view: SheetView, title: number, header: number): string | undefined => firstMatch(view, title, header - 1, UNIT_LINE)?.m[1];

function formFollows(view: SheetView, row: number, table: TableVocabulary): boolean {
  for (let r = row + 1; r <= Math.min(view.rowCount, row + TARGET_TITLE_REACH); r++) if (isTargetLabelRow(view, r, table)) return true;
  return false;
}

/** An indicator header right under the title: the table is a target form, whatever its title names. */
function indicatorHeaderFollows(view: SheetView, row: number, target: TableVocabulary): boolean {
  for (let r = row + 1; r <= Math.min(view.rowCount, row + TARGET_TITLE_REACH); r++) if (isIndicatorHeaderRow(view, r, target)) return true;
  return false;
}

function anchorsOf(view: SheetView, vocab: Vocabulary): Anchor[] {
  const anchors: Anchor[] = [];
  const target = vocab.tables.get('performance-target');
  for (let r = 1; r <= view.rowCount; r++) {
    let title = findTitle(view, r, vocab);
    // 北京 军民融合办 2026's “预算表12 年度项目支出绩效表” names a 项目支出绩效表 (one project a row, its
    // amount and goal) and prints the 项目支出绩效目标表's header (项目名称 … 一级指标 … 三级指标).
    if (title && target && title.table.kind === 'labelled' && indicatorHeaderFollows(view, r, target)) title = { ...title, table: target };
    // A standard table's title counts only when a header follows it; a target table's when its form's
    // labels do (福州 2026's narrative says “1.项目支出绩效目标表” and then that there is none).
    if (title && (title.table.kind === 'performance-target' ? formFollows(view, r, title.table) : title.table.kind === 'form' ? formFieldFollows(view, title.table, r) || (target !== undefined && formFollows(view, r, target)) : findHeader(view, r, title.table, vocab, view.rowCount))) {
      anchors.push(title);
      continue;
    }
    if (target && isProjectCodeRow(view, r, target)) {
      const previous = anchors[anchors.length - 1];
      if (previous && previous.table === target && !previous.claimed && r - previous.row <= TARGET_TITLE_REACH) previous.claimed = true;
      else anchors.push({ row: r, col: view.entries(r)[0]!.col, table: target, title: '', claimed: true });
    }
  }
  if (anchors.length === 0) {
    const named = sheetNameAnchor(view, vocab);
    if (named) anchors.push(named);
  }
  return anchors;
}

/**
 * Columns inside the table that hold amounts but whose header matched no role: reported, never dropped
 * silently. Those of another year (上年, 增减, “2025年预算数” beside “2026年预算数”) and memos (政府采购)
 * are set aside: they are no part of this year's totals.
 */
function unmatchedAmountColumns(view: SheetView, table: TableVocabulary, header: HeaderRegion, { paths, otherYear }: ColumnHeadings, columns: RecognizedColumn[], top: number, bottom: number) {
  const taken = new Set(columns.map((c) => c.col));
  const found: NonNullable<RecognizedTable['unmatchedColumns']> = [];
  for (const c of paths.keys()) {
    // A column under a header merged across from a known one belongs to that one.
    if (taken.has(c) || taken.has(view.resolved(header.bottom, c).col)) continue;
    const path = paths.get(c)!;
    if (headedAsCode(table, path)) continue;
    let holdsAmounts = false;
    for (let r = top; r <= bottom && !holdsAmounts; r++) holdsAmounts = view.resolved(r, c).col === c && view.ref(r, c).amount !== null;
    if (!holdsAmounts || path.length === 0) continue;
    const aside = otherYear.has(c) ? 'other-year' : isMemoColumn(path) ? 'memo' : undefined;
    found.push({ col: c, header: path.join('/'), ...(aside && { aside }) });
  }
  return found;
}

/**
 * One note per kind of column set aside (unknown, another year's, a memo): a column alone is named in
 * its own note, several in one that lists them all, on the first one's header (深圳 2026's 三公 table
 * split by fund had fifteen notes of one kind).
 */
function unmatchedNotes(sheet: string, headerRow: number, unmatched: NonNullable<RecognizedTable['unmatchedColumns']>): RecognitionProblem[] {
  const kinds = [
    ['column-unmatched', 'columns-unmatched', undefined],
    ['column-other-year', 'columns-other-year', 'other-year'],
    ['column-memo', 'columns-memo', 'memo'],
  ] as const;
  return kinds.flatMap(([one, several, aside]): RecognitionProblem[] => {
    const columns = unmatched.filter((u) => u.aside === aside);
    const first = columns[0];
    if (!first) return [];
    const cell = toA1(headerRow, first.col);
    if (columns.length === 1) return [{ code: one, severity: 'info', sheet, cell, params: { header: first.header } }];
    const related = columns.slice(1).map((u) => toA1(headerRow, u.col));
    // Another year's columns need only say which year; an unknown or memo column is named in full (a synonym to add, a memo to read).
    const together = aside === 'other-year' ? UNDER_ONE_HEADING : Infinity;
    return [{ code: several, severity: 'info', sheet, cell, related, params: { count: columns.length, headers: headerList(columns, together, 'zh-CN'), headersEn: headerList(columns, together, 'en') } }];
  });
}

/** Columns under one heading named together from this many (西安's 三公 table: nine under “2021年”, nine under “增减变化情况”). */
const UNDER_ONE_HEADING = 3;

/**
 * The headers of columns set aside, in a note: each column's whole header, but a run of `together` or
 * more under one heading as that heading and how many — “2021年”下 9 列 — rather than nine headers of
 * 40 characters.
 */
function headerList(columns: readonly { header: string }[], together: number, lang: 'zh-CN' | 'en'): string {
  const headingOf = (header: string) => (header.includes('/') ? header.slice(0, header.indexOf('/')) : undefined);
  const parts: string[] = [];
  for (let i = 0; i < columns.length; ) {
    const heading = headingOf(columns[i]!.header);
    let end = i + 1;
    if (heading !== undefined) while (end < columns.length && headingOf(columns[end]!.header) === heading) end++;
    if (end - i >= together) parts.push(lang === 'zh-CN' ? `“${heading}”下 ${end - i} 列` : `${end - i} under “${heading}”`);
    else for (let k = i; k < end; k++) parts.push(`“${columns[k]!.header}”`);
    i = end;
  }
  return parts.join(lang === 'zh-CN' ? '、' : ', ');
}

function recognizeStandard(view: SheetView, anchor: Anchor, limit: number, vocab: Vocabulary): RecognizedTable | undefined {
  const table = anchor.table;
  // Where the header, the unit and the unit's name are looked for below: the title's row, or above
  // the sheet's first row when the sheet's name is the title.
  const above = anchor.sheetNamed ? 0 : anchor.row;
  const header = findHeader(view, above, table, vocab, limit);
  if (!header) return undefined;
  let left = anchor.col;
  let right = anchor.col;
  for (let r = header.top; r <= header.bottom; r++) {
    for (const e of view.entries(r)) {
      left = Math.min(left, e.col);
      right = Math.max(right, view.rightEdge(r, e.col));
    }
  }
  const headings = columnHeadings(view, header, left, right);
  const columns = mapColumns(table, headings);
  const problems: RecognitionProblem[] = [];
  // Templates differ (a one-column 金额 table has no 基本支出): the checks that need the column did
  // not run, which the person must know, but the workbook is not wrong for it.
  const columnMissing = (role: string, name: { 'zh-CN': string; en: string }) =>
    problems.push({ code: 'column-missing', severity: 'info', sheet: view.name, cell: toA1(anchor.row, anchor.col), params: { role, zh: name['zh-CN'], en: name.en } });
  const found = new Set(columns.map((c) => c.role));
  const codeFound = found.has('code') || found.has('codeClass');
  const parsed = parseRows(view, table, vocab, columns, header.dataStart, limit, unitNamed(view, above, header.top));
  // Names written in the code column ("2080101 行政运行") satisfy the name column.
  const namesFromCodes = parsed.rows.some((r) => r.labels.name !== undefined);
  for (const role of table.required) {
    if (found.has(role) || (role === 'name' && namesFromCodes)) continue;
    const name = table.columns.find((c) => c.role === role)!.name;
    // Printed split (基本支出 over 人员经费 | 公用经费): said so, not that the header lacks it.
    const parts = splitInto(table, role, columns).map((c) => table.columns.find((x) => x.role === c.role)!.name);
    if (parts.length > 0) {
      const params = { role, zh: name['zh-CN'], en: name.en, parts: parts.map((p) => `“${p['zh-CN']}”`).join('、'), partsEn: parts.map((p) => `“${p.en}”`).join(', ') };
      problems.push({ code: 'column-split', severity: 'info', sheet: view.name, cell: toA1(anchor.row, anchor.col), params });
    } else columnMissing(role, name);
  }
  problems.push(...parsed.problems);
  // Rows listed down the table with no label column to name them (a header the vocabulary does not
  // know): the sums by row label cannot run. One row laid out across needs no label.
  const labelColumn = table.columns.find((c) => c.kind === 'label');
  const labelled = columns.some((c) => table.columns.find((v) => v.role === c.role)?.kind === 'label');
  if (table.kind === 'labelled' && labelColumn && !labelled && parsed.rows.length > 1) columnMissing(labelColumn.role, labelColumn.name);
  if (table.kind === 'coded' && !table.codesOptional && !codeFound && !parsed.rows.some((r) => r.code)) columnMissing('code', { 'zh-CN': '科目编码', en: 'Code' });
  // Codes worked out from the names (杭州 2026): the person is told, since findings name rows by them.
  const fromName = parsed.rows.find((r) => r.codeFromName);
  if (!codeFound && fromName) problems.push({ code: 'codes-from-names', severity: 'info', sheet: view.name, cell: toA1(anchor.row, anchor.col), params: { example: `${fromName.code!.code} ${fromName.labels.name!.trim()}` } });
  const unmatched = unmatchedAmountColumns(view, table, header, headings, columns, header.dataStart, parsed.lastRow);
  const blocks = unmatched.some((u) => u.aside === 'other-year') ? yearBlocks(table, headings, columns) : (parsed.yearBlocks ?? []);
  problems.push(...unmatchedNotes(view.name, header.bottom, unmatched));
  const bottom = Math.max(parsed.lastRow, header.dataStart - 1);
  const unit = findUnit(view, above, header.bottom);
  if (!unit) problems.push({ code: 'unit-missing', severity: 'info', sheet: view.name, cell: toA1(anchor.row, anchor.col), params: {} });
  // Read as items only, its sums and ties never ran: the person is told, not shown a clean table.
  if (table.totalExpected && !parsed.rows.some((r) => r.isTotal) && parsed.rows.some((r) => Object.values(r.cells).some((c) => c.amount))) {
    problems.push({ code: 'total-missing', severity: 'info', sheet: view.name, cell: toA1(anchor.row, anchor.col), params: {} });
  }
  if (parsed.rows.length === 0 && !(parsed.note && SAYS_EMPTY.test(parsed.note.text)) && !table.mayBeEmpty) {
    problems.push({ code: 'no-rows', severity: 'warning', sheet: view.name, cell: toA1(anchor.row, anchor.col), params: {} });
  }
  return {
    id: table.id,
    sheet: view.name,
    range: rangeToA1({ top: anchor.row, left, bottom, right }),
    title: anchor.title,
    titleCell: toA1(anchor.row, anchor.col),
    ...(unit && { unit: unit.unit, unitCell: unit.cell }),
    columns,
    ...(unmatched.length && { unmatchedColumns: unmatched }),
    ...(blocks.length > 0 && { yearBlocks: blocks }),
    headerRows: { top: header.top, bottom: header.bottom },
    rows: parsed.rows,
    ...(parsed.note && { note: { cell: parsed.note.cell, text: parsed.note.text } }),
    problems,
  };
}

/**
 * A form's fields as a table: one row per field, its label and its amount as the table's two columns;
 * and its indicator block, read as a project target form's is (`target`, indicators only). A form
 * with no money on it (重庆 2026's 部门整体绩效目标表: the year's goal and weighted indicators) is
 * the indicators alone.
 */
function recognizeForm(view: SheetView, anchor: Anchor, limit: number, target: TableVocabulary | undefined): RecognizedTable | undefined {
  const fields = readFormFields(view, anchor.table, anchor.row, limit);
  const parsed = target && parseTarget(view, target, anchor.row, limit);
  // A header with nothing under it is kept on a form with funds (北京 军民融合办 2026's 预算13表): the form
  // asks for indicators and gives none.
  const indicators = parsed && (parsed.details.indicators.length > 0 || (fields.length > 0 && parsed.details.indicatorHeader)) ? parsed : undefined;
  if (fields.length === 0 && !indicators) return undefined;
  const bottom = Math.max(fields[fields.length - 1]?.row.row ?? anchor.row, indicators?.lastRow ?? anchor.row);
  const unit = fields.length > 0 ? findUnit(view, anchor.row, bottom) : undefined;
  const role = (kind: string) => anchor.table.columns.find((c) => c.kind === kind)!;
  const first = fields[0];
  const edges = [...fields.flatMap((f) => [f.labelCol, f.valueCol]), ...(indicators ? [indicators.left, indicators.right] : [])];
  return {
    id: anchor.table.id,
    sheet: view.name,
    range: rangeToA1({ top: anchor.row, left: Math.min(anchor.col, ...edges), bottom, right: Math.max(anchor.col, ...edges) }),
    title: anchor.title,
    titleCell: toA1(anchor.row, anchor.col),
    ...(unit && { unit: unit.unit, unitCell: unit.cell }),
    columns: first
      ? [
          { role: role('label').role, col: first.labelCol, header: role('label').name['zh-CN'] },
          { role: role('amount').role, col: first.valueCol, header: role('amount').name['zh-CN'] },
        ]
      : [],
    headerRows: { top: anchor.row, bottom: anchor.row },
    rows: fields.map((f) => f.row),
    ...(indicators && { target: indicatorBlock(indicators.details) }),
    // Money needs a unit; a form holding none (indicators alone) does not.
    problems: unit || fields.length === 0 ? [] : [{ code: 'unit-missing', severity: 'info', sheet: view.name, cell: toA1(anchor.row, anchor.col), params: {} }],
  };
}

function recognizeTarget(view: SheetView, anchor: Anchor, limit: number, empties: Recognition['emptyTargetLists']): RecognizedTable[] {
  const { details, lastRow, left, right, list } = parseTarget(view, anchor.table, anchor.row, limit);
  // Beside the title, or where the form's money is: 上海's 财政项目支出绩效目标填报表 labels its funds “项目资金（元）”.
  const unit = findUnit(view, anchor.row, Math.min(limit, Math.max(anchor.row + 2, details.budget?.row ?? 0)));
  const table = (top: number, bottom: number, titleAt: { row: number; col: number }, header: number, target: TargetDetails, problems: RecognitionProblem[]): RecognizedTable => ({
    id: 'performance-target',
    sheet: view.name,
    range: rangeToA1({ top, left: Math.min(left, anchor.col), bottom, right: Math.max(right, anchor.col) }),
    title: anchor.title || target.projectName?.text.trim() || '',
    titleCell: toA1(titleAt.row, titleAt.col),
    ...(unit && { unit: unit.unit, unitCell: unit.cell }),
    columns: [],
    headerRows: { top: header, bottom: header },
    rows: [],
    target,
    problems,
  });
  const projects = list ? listProjects(view, list, details) : [];
  // A list holds one project per block: a table each, as the form layout gives, named and placed by its name.
  // A block under a name merged down over several (北京 市场监管局 2026's 390843) is placed at its own
  // amount: findings of that block land on it, not on the name the blocks share.
  // The name's merge undone and filled (取消合并并填充) leaves a copy on the block's own row: a copy of the
  // text above it is still the shared name.
  const sharedName = (name: CellRef, first: number) => name.row < first || (name.text.trim() !== '' && view.cellAt(name.row - 1, name.col)?.text === name.text);
  if (list && projects.length > 0) {
    return projects.map((p) => {
      const name = p.details.projectName!;
      const at = sharedName(name, p.first) && p.details.budget ? p.details.budget : name;
      return table(p.first, p.last, at, list.header, p.details, []);
    });
  }
  // A list's header with no project under it and no note saying why (北京 军民融合办 2026's 预算表12):
  // no project's table, but a form left empty, which the person is told.
  if (list && details.indicators.length === 0 && !noteBelow(view, lastRow, limit)) empties.push({ sheet: view.name, cell: toA1(anchor.row, anchor.col), title: anchor.title });
  // A form left blank — no project, amount or indicator in it, its categories printed at most (重庆
  // 2026's 重点专项资金 form, “故此表无数据”; 西安 2026's 专项资金总体绩效目标表, whose 三级指标 may keep
  // the template's “......”) — is no project's.
  const funds = [details.budget, details.fiscalFunds, details.carriedOverFunds, details.otherFunds];
  // Trimmed: a cell indented with full-width spaces (“　指标1：”) is the same placeholder.
  const stated = details.indicators.some((i) => !PLACEHOLDER.test(i.level3.text.trim()) || i.value.text.trim() !== '');
  if (!details.projectName?.text.trim() && !stated && funds.every((c) => c?.amount == null)) return [];
  const problems: RecognitionProblem[] = [];
  // Some forms name the project only in their title (泉州 2026): the title's cell, read as that name.
  const titled = details.projectName || !anchor.title ? undefined : projectOfTitle(anchor.title);
  if (titled) details.projectName = textRef(view.name, anchor.row, anchor.col, titled);
  // The name is what findings and the indicator checks name the project by; a code only labels it
  // (国家信访局 2026 prints none), so its absence stops nothing.
  if (!details.projectName) {
    problems.push({ code: 'column-missing', severity: 'warning', sheet: view.name, cell: toA1(anchor.row, anchor.col), params: { role: 'projectName', zh: '项目名称', en: 'project name' } });
  }
  return [table(anchor.row, lastRow, anchor, anchor.row, details, problems)];
}

/** A note under a form's last row read, within its reach, that says the form is empty (本部门无项目支出，故本表为空). */
function noteBelow(view: SheetView, lastRow: number, limit: number): boolean {
  for (let r = lastRow + 1; r <= limit; r++) if (view.entries(r).some((e) => SAYS_EMPTY.test(e.text))) return true;
  return false;
}

/**
 * A blank form's 三级指标: nothing, the dots or dashes a template prints to be written over, or its
 * numbering alone (西安 医保局 2022's 表16: “指标1：”, “指标2：”).
 */
const PLACEHOLDER = /^(?:指标\s*\d+\s*[:：]?)?[\s.．。…·—\-－_]*$/;

/** Short description of a sheet's first texts, to tell the user what was found instead of tables. */
function sampleOf(view: SheetView): string {
  const texts: string[] = [];
  for (let r = 1; r <= view.rowCount && texts.length < 3; r++) {
    for (const e of view.entries(r)) {
      if (texts.length < 3) texts.push(e.text.trim().slice(0, 20));
    }
  }
  return texts.join(' | ');
}

/** Rows from the top of a sheet where a title is looked for when no known table was found on it. */
const UNREAD_TITLE_REACH = 8;

/** A table's number alone (“预算12表”, “公开05表”, “表三”): what the title says is elsewhere. */
const NUMBER_ONLY = /^(?:公开|预算|附)?表?[0-9一二三四五六七八九十-]+表?$/;

/** A part's number before a sheet's name (深圳 2026: “第七部分 重点项目绩效目标”). */
const PART_NUMBER = /^第[0-9一二三四五六七八九十]+部分/;

/**
 * The title of a sheet none of whose tables is known: a line near the top that names a table as a
 * title does (findTitle's test, without the vocabulary), on a sheet holding at least one amount; or,
 * on a sheet whose table starts at its header with no title line (西安 2022's 收支对比表), the sheet's
 * name when it names a table — placed on the sheet's first filled cell.
 */
function unreadTitle(view: SheetView): { cell: string; title: string } | undefined {
  if (!view.sheet.rows.some((cells) => cells?.some((c) => typeof c?.value === 'number'))) return undefined;
  for (let r = 1; r <= Math.min(view.rowCount, UNREAD_TITLE_REACH); r++) {
    const e = titleRowEntries(view, r).find((x) => asTitle(x) !== undefined && !NUMBER_ONLY.test(x.norm));
    if (e) return { cell: toA1(r, e.col), title: e.text.trim() };
  }
  const first = sheetNameTitle(view) === undefined ? undefined : firstEntry(view);
  return first && { cell: toA1(first.row, first.col), title: view.name.trim() };
}

export function recognize(workbook: GridWorkbook, vocab: Vocabulary): Recognition {
  const tables: RecognizedTable[] = [];
  const seen: Recognition['seen'] = [];
  const unread: Recognition['unread'] = [];
  const emptyTargetLists: Recognition['emptyTargetLists'] = [];
  for (const sheet of workbook.sheets) {
    const view = new SheetView(sheet);
    const anchors = anchorsOf(view, vocab);
    const before = tables.length;
    anchors.forEach((anchor, i) => {
      const limit = (anchors[i + 1]?.row ?? view.rowCount + 1) - 1;
      if (anchor.table.kind === 'performance-target') tables.push(...recognizeTarget(view, anchor, limit, emptyTargetLists));
      else if (anchor.table.kind === 'form') {
        const table = recognizeForm(view, anchor, limit, vocab.tables.get('performance-target'));
        if (table) tables.push(table);
      } else {
        const table = recognizeStandard(view, anchor, limit, vocab);
        if (table) tables.push(table);
      }
    });
    if (view.rowCount > 0) seen.push({ sheet: sheet.name, sample: sampleOf(view) });
    const title = tables.length === before && !sheet.hidden ? unreadTitle(view) : undefined;
    if (title) unread.push({ sheet: sheet.name, ...title });
  }
  const present = new Set<TableId>(tables.map((t) => t.id));
  const missing = TABLE_IDS.filter((id: StandardTableId) => vocab.tables.has(id) && !present.has(id));
  return { tables, missing, seen, unread, emptyTargetLists };
}
