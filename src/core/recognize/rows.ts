/** Data rows of a recognised table: codes, labels, amounts, row keys. */
import { toA1 } from '../address.js';
import { BoundedCache } from '../bounded-cache.js';
import { codeText, joinSplitCode, misprintedClass, parseWholeCode, splitCodeFromLabel, type SubjectCode } from '../codes.js';
import type { CellRef, RecognitionProblem, RecognizedColumn, TableRow, YearBlock } from '../model.js';
import { leadingIndent, normalizeLabel, stripEnumeration } from '../text.js';
import { bestScore, type RowLabel, type TableVocabulary, type Vocabulary } from '../vocabulary.js';
import { isClearlyData, isNoteRow } from './header.js';
import type { SheetView } from './sheet-view.js';

/** A single text line this long, after some data, is narrative that follows the table. */
const NARRATIVE_LENGTH = 25;
const BLANK_ROWS_THAT_END_A_TABLE = 3;

export interface ParsedRows {
  rows: TableRow[];
  /** Another year's row and the change's, where the rows are printed year by year (thisYearsRows). */
  yearBlocks?: YearBlock[];
  lastRow: number;
  note?: { cell: string; text: string; row: number };
  problems: RecognitionProblem[];
}

function roleColumn(columns: RecognizedColumn[], role: string): number | undefined {
  return columns.find((c) => c.role === role)?.col;
}

/** Row labels repeat across tables and workbooks: each (table, label column, label) is matched once. */
const rowKeys = new WeakMap<TableVocabulary, Map<string, BoundedCache<string, string | undefined>>>();

/** The vocabulary's row key for a label in a label column (the first row label that matches). */
function rowKey(table: TableVocabulary, role: string, norm: string): string | undefined {
  // Coded tables name no rows: their labels are subject names, one per row, never worth a lookup.
  if (table.rows.length === 0) return undefined;
  const stripped = stripEnumeration(norm);
  let byRole = rowKeys.get(table);
  if (!byRole) rowKeys.set(table, (byRole = new Map()));
  // Keyed by role, then label: a joined key would be a fresh string to hash for every row.
  let cache = byRole.get(role);
  if (!cache) byRole.set(role, (cache = new BoundedCache(50_000)));
  // Only a numbered line may name a class without its 支出: 深圳 建筑工务署 2026 lists “五、援助其他地区支出”,
  // then its 款 “住房保障”, then “六、住房保障支出”.
  const numbered = stripped !== norm;
  // An “其中” line is part of the line above: a key that is an addend elsewhere (notOfWhich) is not its.
  const ofWhich = numbered && OF_WHICH.test(norm);
  return cache.get(`${numbered ? '#' : ''}${ofWhich ? '其' : ''}|${stripped}`, () =>
    table.rows.find((rl) => rl.column === role && rl.after === undefined && !(ofWhich && rl.notOfWhich) && (bestScore(rl.match, stripped) > 0 || (numbered && namesClass(rl, stripped))))?.key,
  );
}

const OF_WHICH = /^其中/;

/** A functional class named without its closing 支出, as 西安 2019's 收支总表 names them all (“8、社会保障和就业”), when the line is numbered. */
function namesClass(label: RowLabel, norm: string): boolean {
  return label.code !== undefined && !norm.endsWith('支出') && norm.length >= 2 && bestScore(label.match, `${norm}支出`) > 0;
}

/** The key a row takes below another (收入合计 after 上年结转: the grand total), overriding its own; rare, so not cached. */
function keyBelow(table: TableVocabulary, role: string, norm: string, seen: ReadonlySet<string>): string | undefined {
  return table.rows.find((rl) => rl.after !== undefined && rl.column === role && seen.has(`${role}:${rl.after}`) && bestScore(rl.match, stripEnumeration(norm)) > 0)?.key;
}

/** Most rows name no vocabulary row (every coded row): they share one empty, frozen set of keys. */
const NO_KEYS: Record<string, string> = Object.freeze({});

/** How far past a run of blank rows a table's 合计 row or note may still come. */
const EMPTY_GRID_REACH = 30;

function closingRowFollows(view: SheetView, vocab: Vocabulary, blank: number, limit: number): boolean {
  for (let r = blank + 1; r <= Math.min(limit, blank + EMPTY_GRID_REACH); r++) {
    const entries = view.entries(r);
    if (entries.length === 0) continue;
    if (isNoteRow(view, r, vocab)) return true;
    return entries.some((e) => bestScore(vocab.totalRow, stripEnumeration(e.norm)) > 0 || /总计$/.test(e.norm));
  }
  return false;
}

export function parseRows(
  view: SheetView,
  table: TableVocabulary,
  vocab: Vocabulary,
  columns: RecognizedColumn[],
  dataStart: number,
  limit: number,
  /** The unit the table is of, as a line above its header names it (“部门名称：…”). */
  unitName?: string,
): ParsedRows {
  const reader = new RowReader(view, table, vocab, columns);
  const headerLines = new Map(columns.map((c) => [c.col, normalizeLabel(c.header.split('/').pop()!)]));
  const lastCol = columns[columns.length - 1]?.col;
  const rows: TableRow[] = [];
  let lastRow = dataStart - 1;
  let blankRun = 0;
  let note: ParsedRows['note'];

  for (let r = dataStart; r <= limit; r++) {
    // Only a row of one or two entries may be a note or the narrative after the table: the others
    // (nearly all) are counted, not listed.
    const count = view.entryCount(r, 2);
    if (count === 0) {
      // Printed forms keep their empty grid rows; the table goes on if its 合计 row or note follows.
      if (++blankRun >= BLANK_ROWS_THAT_END_A_TABLE && !closingRowFollows(view, vocab, r, limit)) break;
      continue;
    }
    blankRun = 0;
    if (count <= 2) {
      const entries = view.entries(r);
      if (isNoteRow(view, r, vocab)) {
        note = { cell: toA1(r, entries[0]!.col), text: entries[0]!.text.trim(), row: r };
        lastRow = r;
        // Notes printed one under another (曹妃甸 2024's empty 政府采购预算: “注：同一采购目录序号的物品…”,
        // then “注：无政府采购预算，空表列示。”): the table's note is the one that says it is empty, if one does.
        for (let n = r + 1; n <= limit && view.entryCount(n, 2) === 1 && isNoteRow(view, n, vocab); n++) {
          lastRow = n;
          const [next] = view.entries(n);
          if (!SAYS_EMPTY.test(note.text) && SAYS_EMPTY.test(next!.text)) note = { cell: toA1(n, next!.col), text: next!.text.trim(), row: n };
        }
        break;
      }
      if (entries.length === 1 && entries[0]!.norm.length >= NARRATIVE_LENGTH && !isClearlyData(view, r)) break;
    }
    // A table printed over several pages repeats its header at the top of each (福州 交警支队 2026's
    // “科目编码 | 科目名称 | 预算数” mid-table): no data row, and no end of the table either.
    if (lastCol !== undefined && repeatsHeader(view, r, lastCol, headerLines)) continue;
    const row = reader.read(r, rows);
    if (!row) continue;
    rows.push(row);
    lastRow = r;
  }
  if (table.kind === 'coded' && reader.codeCol === undefined && !reader.hasSplit) codesFromNames(rows, vocab);
  const { own, blocks } = table.latestYearRows && columns.some((c) => c.role === 'year') ? thisYearsRows(rows, columns) : { own: rows, blocks: [] };
  unnamedTotal(own, unitName, table.unitRowTotal);
  return { rows: own, ...(blocks.length > 0 && { yearBlocks: blocks }), lastRow, ...(note && { note }), problems: reader.problems };
}

/**
 * A note that says its table is empty (本表无数据, 空表列示, 本部门没有……): the words empty-table-note's
 * rule file reads a note by. A note on the unit or on rounding says nothing of the rows.
 */
export const SAYS_EMPTY = /空表|无|为空|没有/;

const YEAR_LABEL = /^(\d{4})(?:年|$)/;
const CHANGE_LABEL = /增减|变化|变动|增长|减少/;

/**
 * A table printing its years row by row under a 年度 column (深圳 2026's 三公 table: 2025年 | 2026年 |
 * 增减变化金额): the latest year's rows are this year's table; an earlier year's and the change are
 * not, and no sum of this year's may take them in. A single row left is the table's total, as the one
 * row of a table laid out across is.
 */
function thisYearsRows(rows: TableRow[], columns: readonly RecognizedColumn[]): { own: TableRow[]; blocks: YearBlock[] } {
  const yearOf = (r: TableRow) => {
    const m = YEAR_LABEL.exec((r.labels.year ?? '').replace(/\s/g, ''));
    return m ? Number(m[1]) : undefined;
  };
  const years = rows.map(yearOf).filter((y): y is number => y !== undefined);
  const changes = rows.filter((r) => yearOf(r) === undefined && CHANGE_LABEL.test(r.labels.year ?? ''));
  if (years.length === 0 || (new Set(years).size < 2 && changes.length === 0)) return { own: rows, blocks: [] };
  const latest = Math.max(...years);
  const own = rows.filter((r) => (r.labels.year === undefined ? true : yearOf(r) === latest));
  if (own.length !== 1) return { own, blocks: [] };
  if (!own[0]!.isTotal && own[0]!.code === undefined) own[0]!.isTotal = true;
  // One row a year: the year before this one's and the change's rows are blocks of this row's columns,
  // read as 西安's blocks beside it are (year-block-changes, narrative-block-changes).
  const amounts = columns.filter((c) => c.role !== 'year');
  const earlier = rows.filter((r) => yearOf(r) === latest - 1);
  const blocks: YearBlock[] = [];
  if (earlier.length === 1) blocks.push({ kind: 'previous', heading: earlier[0]!.labels.year!.trim(), columns: amounts, row: earlier[0]!.row });
  if (earlier.length === 1 && changes.length === 1) blocks.push({ kind: 'change', heading: changes[0]!.labels.year!.trim(), columns: amounts, row: changes[0]!.row });
  return { own, blocks };
}

/**
 * A row whose every entry, two at least, is the header of its own column (`headerLines`: the last line
 * of each column's header, normalised). Asked of every row: its last recognised column, a number or
 * blank on nearly all, settles most at once.
 */
function repeatsHeader(view: SheetView, r: number, lastCol: number, headerLines: ReadonlyMap<number, string>): boolean {
  const cell = view.cellAt(r, lastCol);
  if (typeof cell?.value !== 'string' || headerLines.get(lastCol) !== normalizeLabel(cell.value)) return false;
  const entries = view.entries(r);
  return entries.length >= 2 && entries.every((e) => headerLines.get(e.col) === e.norm);
}

const named = (row: TableRow) => row.code !== undefined || Object.keys(row.labels).length > 0;

/**
 * A department of several units (深圳 2026's 水务局, 建筑工务署): the row the line above the header
 * names, “深圳市水务局”, then its own level “深圳市水务局（本级）” and its other units. The first is the
 * department's, the total of the rest.
 */
function holdsOwnLevel(rows: readonly TableRow[], unitName: string | undefined): boolean {
  if (unitName === undefined) return false;
  const ownLevel = normalizeLabel(`${unitName}（本级）`);
  return rows.some((r, i) => i > 0 && !r.code && Object.values(r.labels).some((l) => normalizeLabel(l) === ownLevel));
}

/**
 * A table whose amounts open with a row naming nothing — 深圳 2026's unit row (its 预算单位 cell, a
 * column no role reads, over the classes of a one-unit department), 湖州 2026's blank first row of the
 * 项目支出绩效表 — has that row for its total, when the table has no 合计 of its own, named rows follow,
 * and no other row names nothing. Read as an item, its sums were never checked.
 */
function unnamedTotal(rows: TableRow[], unitName: string | undefined, unitRowTotal: boolean): void {
  const first = rows[0];
  if (!first || rows.some((r) => r.isTotal)) return;
  // A table of one unit, its one row the unit the line above the header names (深圳 2026's 收入总表:
  // “部门名称：深圳市财政局（本级）” over the one row “深圳市财政局（本级）”): that row is the table's total.
  // 深圳's 基本支出总表 and 项目支出总表 (unitRowTotal): the same unit's row over the kinds of its spending,
  // or over its projects. Not for every table: a unit's row may head a block that is one of several.
  if ((rows.length === 1 || unitRowTotal || holdsOwnLevel(rows, unitName)) && unitName !== undefined && !first.code && Object.values(first.labels).some((l) => normalizeLabel(l) === unitName)) {
    first.isTotal = true;
    return;
  }
  if (named(first)) return;
  const rest = rows.slice(1);
  if (rest.length === 0 || !rest.every(named)) return;
  first.isTotal = true;
}

/**
 * Reads one data row after another: its labels and row keys, its code, its amount cells. A class
 * whose per-row method the compiler optimises on its own: inside parseRows's loop, the whole was
 * compiled on the stack three times (180 ms on the ten-times workbook, one compile thrown away).
 */
class RowReader {
  readonly problems: RecognitionProblem[] = [];
  readonly codeCol: number | undefined;
  readonly hasSplit: boolean;
  private readonly labelRoles: RecognizedColumn[];
  private readonly amountRoles: RecognizedColumn[];
  private readonly split: (number | undefined)[];
  private readonly hasKeysBelow: boolean;
  /** Per amount role, the column after a merged label where an amount was found (see read). */
  private readonly amountAfterMerge = new Map<string, number>();
  private readonly seenKeys = new Set<string>();
  private previousCode: string | undefined;

  constructor(
    private readonly view: SheetView,
    private readonly table: TableVocabulary,
    private readonly vocab: Vocabulary,
    private readonly columns: RecognizedColumn[],
  ) {
    const kinds = new Map(table.columns.map((c) => [c.role, c.kind]));
    this.labelRoles = columns.filter((c) => kinds.get(c.role) === 'label');
    this.amountRoles = columns.filter((c) => kinds.get(c.role) === 'amount');
    this.codeCol = roleColumn(columns, 'code');
    this.split = ['codeClass', 'codeSection', 'codeItem'].map((r) => roleColumn(columns, r));
    this.hasSplit = this.split[0] !== undefined;
    this.hasKeysBelow = table.rows.some((rl) => rl.after !== undefined);
  }

  /**
   * A two-sided table's total written across both sides, its merge lost: the amount the row states
   * after the other side's blank label, for this side's amount column (as amountAfterMerge reads it
   * under the merge). Only a 合计/小计 row: another row's blank amount is a blank.
   */
  private totalAcrossSides(r: number, ac: RecognizedColumn, labels: Readonly<Record<string, string>>): CellRef | undefined {
    const { view, vocab, labelRoles, columns } = this;
    const own = labelRoles.filter((lc) => lc.col < ac.col).at(-1);
    const other = labelRoles.find((lc) => lc.col > ac.col);
    const text = own && labels[own.role];
    if (!other || !text || view.text(r, other.col).trim() !== '') return undefined;
    const norm = stripEnumeration(normalizeLabel(text));
    if (bestScore(vocab.totalRow, norm) === 0 && !norm.endsWith('小计')) return undefined;
    const after = other.col + 1;
    const beside = columns.some((c) => c.col === after) ? view.ref(r, after) : undefined;
    return beside?.amount != null ? beside : undefined;
  }

  /** Row r as a table row; undefined when it holds no label, code or amount. `rows` are those read so far. */
  read(r: number, rows: readonly TableRow[]): TableRow | undefined {
    const { view, table, vocab, columns, labelRoles, amountRoles, codeCol, split, hasSplit, hasKeysBelow, seenKeys, problems } = this;
    const labels: Record<string, string> = {};
    let keys: Record<string, string> | undefined;
    let indent = 0;
    for (const lc of labelRoles) {
      const cell = view.cellAt(r, lc.col);
      const text = cell?.text ?? '';
      const norm = normalizeLabel(text);
      if (norm === '') continue;
      labels[lc.role] = text.trim();
      if (lc.role === 'name' || lc.role === 'item') indent = cell?.indent ?? leadingIndent(text);
      const key = (hasKeysBelow ? keyBelow(table, lc.role, norm, seenKeys) : undefined) ?? rowKey(table, lc.role, norm);
      if (key !== undefined) {
        (keys ??= {})[lc.role] = key;
        if (hasKeysBelow) seenKeys.add(`${lc.role}:${key}`);
      }
    }
    let code: SubjectCode | undefined;
    let codeCell: string | undefined;
    // A list may print its subjects' codes over their projects (上海 2026's 项目支出表: 类 | 款 | 项 |
    // 科目名称 | 项目名称 | 预算数): those rows are read as coded rows, the projects below them as the list.
    if (table.kind === 'coded' || hasSplit) {
      if (hasSplit) {
        const [c, k, x] = split.map((col) => (col === undefined ? null : view.cellAt(r, col)?.value ?? null));
        code = joinSplitCode(c as string | number | null, k as string | number | null, x as string | number | null, this.previousCode);
        const misprint = code ? undefined : misprintedClass(c as string | number | null, k as string | number | null, x as string | number | null, this.previousCode);
        if (misprint) {
          code = misprint.code;
          const cell = toA1(r, split[0]!);
          problems.push({
            code: 'code-class-misprint',
            severity: 'warning',
            sheet: view.name,
            cell,
            params: { text: misprint.written, expected: misprint.expected, code: code.code },
            // Typed as the 类 column holds it: a number where the cell is one, text where it is text.
            fix: { value: typeof c === 'number' ? Number(misprint.expected) : misprint.expected, safety: 'unsafe' },
          });
        }
        if (code) codeCell = toA1(r, split[0]!);
        // "合计" written in the 类 column, the name column beside it blank (its merge across the code
        // and name columns lost), names the row as it does in a whole-code column.
        else if (typeof c === 'string' && normalizeLabel(c) !== '' && !/\d/.test(c)) labels.name ??= c.trim();
        // A 款 or 项 typed as text "2" lost its leading zero: a number cell may show it so, text may not.
        [k, x].forEach((part, i) => {
          const text = typeof part === 'string' ? normalizeLabel(part) : '';
          if (code && /^\d$/.test(text)) {
            const cell = toA1(r, split[i + 1]!);
            problems.push({ code: 'code-short', severity: 'warning', sheet: view.name, cell, params: { text, expected: text.padStart(2, '0'), code: code.code } });
          }
        });
      } else if (codeCol !== undefined) {
        const text = codeText(view.cellAt(r, codeCol));
        if (normalizeLabel(text) !== '') {
          codeCell = toA1(r, codeCol);
          code = parseWholeCode(text) ?? sectionUnder(text, this.previousCode);
          // "科目编码及名称" columns hold both: "2080101 行政运行".
          const combined = code ? undefined : splitCodeFromLabel(text);
          if (combined) {
            code = combined.code;
            labels.name ??= combined.rest;
          } else if (!code && !/\d/.test(normalizeLabel(text))) {
            // "合计" written in the code column.
            labels.name ??= text.trim();
            codeCell = undefined;
          } else if (!code && isUnitRow(text, labels.name)) {
            // A unit's row over its subjects (西安 2019: “125001 | 西安市安全生产监督管理局”): named, not coded.
            codeCell = undefined;
          } else if (!code) {
            problems.push({ code: 'code-invalid', severity: 'warning', sheet: view.name, cell: codeCell, params: { text: text.trim() } });
          }
        }
      }
      if (!code && labels.name) {
        const fromLabel = splitCodeFromLabel(labels.name);
        if (fromLabel) {
          code = fromLabel.code;
          labels.name = fromLabel.rest;
          codeCell = toA1(r, roleColumn(columns, 'name') ?? codeCol ?? 1);
        }
      }
      if (code) this.previousCode = code.code;
    }

    const cells: Record<string, CellRef> = {};
    for (const ac of amountRoles) {
      // A label merged across the amount column ("当年支出小计" over C:E) leaves the amount blank, unless
      // its amount stands right after the merge in a column no role reads, or one read as the amount of
      // a label column the merge also covers (Jiangsu: 支出合计 over C:E, the amount in F, the 金额 of
      // the 支出用途 names in E). Once a row has shown that, a blank there (结转下年资金 with nothing
      // carried) is that row's amount cell too.
      // A copy with that merge undone and filled writes the label again in the amount column: the same.
      let ref = view.ref(r, ac.col);
      const filled = ref.col === ac.col ? view.filledLabelRun(r, ac.col) : undefined;
      if (ref.col < ac.col || filled) {
        const start = filled ? filled.start : ref.col;
        const edge = filled ? filled.end : view.rightEdge(r, ref.col);
        const after = edge + 1;
        const sharedTotal = labelRoles.some((lc) => lc.col > ac.col && lc.col <= edge);
        const beside = sharedTotal || !columns.some((c) => c.col === after) ? view.ref(r, after) : undefined;
        const labelled = typeof view.cellAt(r, start)?.value === 'string';
        if (beside && beside.col === after && labelled && (beside.amount !== null || (this.amountAfterMerge.get(ac.role) === after && beside.text === ''))) {
          if (beside.amount !== null) this.amountAfterMerge.set(ac.role, after);
          ref = beside;
        } else {
          ref.amount = null;
          ref.text = '';
          ref.invalid = undefined;
        }
      }
      // The same row in a copy that lost its merges (江苏's 当年支出小计 | | | 28,849.38): a total's label
      // alone in its column, this amount and the next side's label blank, the amount right after them.
      if (ref.amount === null && ref.text === '' && view.merges.ranges.length === 0) ref = this.totalAcrossSides(r, ac, labels) ?? ref;
      // The row's label filled across it (a merge unmerged and filled) is no amount, as under the merge.
      if (ref.invalid && ref.text === view.filledAcross(r)) {
        ref.amount = null;
        ref.text = '';
        ref.invalid = undefined;
      }
      cells[ac.role] = ref;
      if (ref.invalid) {
        problems.push({ code: 'amount-invalid', severity: 'warning', sheet: view.name, cell: ref.cell, params: { text: ref.text } });
      }
    }

    const hasLabel = Object.keys(labels).length > 0;
    const hasAmount = amountRoles.some((ac) => cells[ac.role]!.amount !== null || cells[ac.role]!.invalid);
    if (!hasLabel && !code && !hasAmount) return undefined;
    // The row's name: a subject's, a 三公 item's, a project's (项目支出表: its 合计 in the project column), a
    // category's (政府采购预算表: its 合计 in the 采购品目大类 column), a unit's (西安's 三公 table by unit:
    // its 合计 in the 单位名称 column).
    const nameText = labels.name ?? labels.item ?? labels.project ?? labels.category ?? labels.unitName ?? '';
    // A table laid out across, with no label or code column (the 三公 table with one column per
    // expense; Jiangsu's 2017 支出预算总表, one row under 合计 基本支出 项目支出): its one row of amounts is its total.
    const acrossTotal = labelRoles.length === 0 && codeCol === undefined && !hasSplit && hasAmount && !rows.some((x) => x.isTotal);
    const isTotal = acrossTotal || (!code && nameText !== '' && bestScore(vocab.totalRow, stripEnumeration(normalizeLabel(nameText))) > 0);
    // One literal per shape, its properties in the object itself (one added later goes to a separate
    // store): spreading temporary objects was once the costliest line of recognition.
    const k = keys ?? NO_KEYS;
    if (code) return codeCell ? { row: r, labels, keys: k, isTotal, indent, cells, code, codeCell } : { row: r, labels, keys: k, isTotal, indent, cells, code };
    return codeCell ? { row: r, labels, keys: k, isTotal, indent, cells, codeCell } : { row: r, labels, keys: k, isTotal, indent, cells };
  }
}

/**
 * A 款 printed with its two digits only, under its 类 or after a 项 of the same 类 (西安 2019: 208, then
 * “05” 行政事业单位离退休, 2080505, 2080506, then “99”): the 类's code and the two digits. After a 款
 * the two digits could as well be a 项, so nothing is read there.
 */
function sectionUnder(text: string, previous: string | undefined): SubjectCode | undefined {
  const digits = text.trim();
  if (!/^\d{2}$/.test(digits) || previous === undefined || (previous.length !== 3 && previous.length !== 7)) return undefined;
  return parseWholeCode(previous.slice(0, 3) + digits);
}

/** A unit's own code (six digits: 西安 2019's 125001) beside a name that is an organisation's. */
const UNIT_CODE = /^\d{6}$/;
const ORGANISATION = /(?:局|委员会|委|办公室|办|中心|院|所|站|队|馆|会|校|部|处|室|厅|社|公司|集团|署)(?:（[^）]*）)?$/u;
function isUnitRow(codeText: string, name: string | undefined): boolean {
  return UNIT_CODE.test(codeText.trim()) && name !== undefined && name.length >= 4 && ORGANISATION.test(name);
}

/** Rows most of whose names must be the economic classification's before their codes are read from them. */
const NAMED_SHARE = 0.8;

/**
 * A coded table printed with names only (杭州 2026's 一般公共预算财政拨款基本支出表: 工资福利支出,
 * 基本工资 …, no code column): where nearly every row bears a standard economic subject's name, each
 * such row takes that subject's code, so its sums and ties can be checked; rows of other names stay
 * uncoded. A table of functional subjects is read as an outline (functionalOutline); one of other
 * names (units) is left as it is.
 */
function codesFromNames(rows: TableRow[], vocab: Vocabulary): void {
  if (rows.some((r) => r.code)) return;
  const named = rows.filter((r) => !r.isTotal && r.labels.name);
  if (named.length < 3) return;
  const codes = economicCodes(named, vocab) ?? functionalOutline(named, vocab);
  if (!codes) return;
  named.forEach((row, i) => {
    const code = codes[i] && parseWholeCode(codes[i]!);
    if (!code) return;
    row.code = code;
    row.codeFromName = true;
  });
}

/** The economic subjects' codes of rows nearly all of which bear a standard economic name; undefined otherwise. */
function economicCodes(named: readonly TableRow[], vocab: Vocabulary): (string | undefined)[] | undefined {
  const subjects = vocab.economicSubjects;
  if (!subjects) return undefined;
  const byName = new Map<string, string>();
  for (const [code, name] of Object.entries(subjects)) byName.set(normalizeLabel(name), code);
  const codes = named.map((r) => byName.get(normalizeLabel(r.labels.name!)));
  return codes.filter(Boolean).length >= NAMED_SHARE * named.length ? codes : undefined;
}

/** The functional subjects under each parent, by name ('' the classes): built once per vocabulary. */
const functionalChildren = new WeakMap<Record<string, string>, Map<string, Map<string, string>>>();

function childrenByName(subjects: Record<string, string>): Map<string, Map<string, string>> {
  let children = functionalChildren.get(subjects);
  if (children) return children;
  children = new Map();
  for (const [code, name] of Object.entries(subjects)) {
    const parent = code.length === 3 ? '' : code.slice(0, -2);
    let under = children.get(parent);
    if (!under) children.set(parent, (under = new Map()));
    under.set(normalizeLabel(name), code);
  }
  functionalChildren.set(subjects, children);
  return children;
}

/**
 * A subject's name as a names-only table and functional-subjects.json are matched by: normalised, its
 * numbering (“一、”, “1.”) and any digits left before it dropped. The vocabulary is gathered so too.
 */
export function subjectNameKey(label: string): string {
  return stripEnumeration(normalizeLabel(label)).replace(/^[\d.、．]+/, '');
}

/** The 项 most 款 of the administrative classes open with, at the same place in each: 01, 02, 03. */
const ADMINISTRATIVE_ITEMS: Record<string, string> = { 行政运行: '01', 一般行政管理事务: '02', 机关服务: '03' };

/**
 * A functional table printed as an outline of names, no codes (杭州 2026's 支出总表 and 一般公共预算支出表:
 * 交通运输支出, 公路水路运输, 行政运行 …): each row read as a 项 of the 款 above it, else a 款 of the 类
 * above it, else a 类, by the names the published budgets give those codes (functional-subjects.json).
 * 行政运行, 一般行政管理事务 and 机关服务 are 01, 02 and 03 of a 款 that opens with 行政运行 elsewhere.
 * Every row must be read, or none is: a row of another name would put the rows below it under the
 * wrong parent, and sums over a wrong outline are false errors.
 */
function functionalOutline(named: readonly TableRow[], vocab: Vocabulary): (string | undefined)[] | undefined {
  const subjects = vocab.functionalSubjects;
  if (!subjects) return undefined;
  const children = childrenByName(subjects);
  const codes: string[] = [];
  let cls: string | undefined;
  let section: string | undefined;
  for (const row of named) {
    const name = subjectNameKey(row.labels.name!);
    const administrative = ADMINISTRATIVE_ITEMS[name];
    const asItem =
      section === undefined ? undefined : (children.get(section)?.get(name) ?? (administrative && subjects[`${section}01`] !== undefined ? `${section}${administrative}` : undefined));
    const code = asItem ?? (cls === undefined ? undefined : children.get(cls)?.get(name)) ?? children.get('')?.get(name);
    if (code === undefined) return undefined;
    if (code.length === 3) {
      cls = code;
      section = undefined;
    } else if (code.length === 5) section = code;
    codes.push(code);
  }
  return codes;
}
