/**
 * Writes a budget transcription as a formatted .xlsx workbook. Layout options produce the variants
 * real workbooks come in (split or spaced codes, 合计 last, one sheet, 元 with text numbers, one
 * target table per sheet …), so the sample and every test variant come from one piece of code.
 */
import ExcelJS from 'exceljs';
import { parseRange, type RangeBounds } from '../core/address.js';
import type { TranscribedTable, TranscribedTarget, Transcription } from './transcription.js';

export interface LayoutOptions {
  /** How subject codes are written: "2080101", "208 01 01", or 类/款/项 in three columns. */
  codes: 'whole' | 'spaced' | 'split';
  /** Where the 合计 row of coded tables sits. */
  totalRow: 'first' | 'last';
  /** Every table stacked in one sheet (targets and narrative included). */
  oneSheet: boolean;
  unit: '万元' | '元';
  /** Amounts as numbers, as text with thousands separators, or as full-width text. */
  numbers: 'number' | 'text' | 'fullwidth';
  /** One sheet per performance-target table instead of all stacked in one. */
  targetsPerSheet: boolean;
  /** Alternative title wording used by other templates ("2024年部门收入预算总表"). */
  titles: 'standard' | 'alternate';
  /** The 栏次 row of column numbers under each header. */
  columnNumbers: boolean;
  /** Rows and columns left empty before each table. */
  offset: { rows: number; cols: number };
}

export const DEFAULT_LAYOUT: LayoutOptions = {
  codes: 'whole',
  totalRow: 'first',
  oneSheet: false,
  unit: '万元',
  numbers: 'number',
  targetsPerSheet: false,
  titles: 'standard',
  columnNumbers: true,
  offset: { rows: 0, cols: 0 },
};

const ALTERNATE_TITLES: Record<string, string> = {
  'income-expense-summary': '{year}年部门财务收支预算总表',
  'income-summary': '{year}年部门收入预算总表',
  'expense-summary': '{year}年部门支出预算总表',
  'fiscal-summary': '{year}年财政拨款收支预算总表',
  'general-budget-expense': '{year}年一般公共预算支出预算表',
  'general-budget-basic': '{year}年一般公共预算基本支出预算表',
  'gov-fund-expense': '{year}年政府性基金预算支出预算表',
  'state-capital-expense': '{year}年国有资本经营预算支出预算表',
  'three-public': '{year}年一般公共预算“三公”经费支出预算表',
};

const THIN = { style: 'thin' as const, color: { argb: 'FF808080' } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFF2F2F2' } };
const AMOUNT = /^-?\d+(\.\d+)?$/;

interface HeaderGrid {
  cells: (string | null)[][];
  merges: RangeBounds[];
}

/** Inserts `count` columns after column index `after` (0-based), widening merges that span it. */
function insertColumns(h: HeaderGrid, after: number, count: number): void {
  for (const row of h.cells) row.splice(after + 1, 0, ...Array<null>(count).fill(null));
  for (const m of h.merges) {
    if (m.left > after + 1) m.left += count;
    if (m.right >= after + 1) m.right += count;
  }
}

/** Split codes: 科目编码 spans 类/款/项 on a new third header row; other header cells grow down to it. */
function splitCodeHeader(h: HeaderGrid, codeCol: number): void {
  insertColumns(h, codeCol, 2);
  const rows = h.cells.length;
  const extra: (string | null)[] = h.cells[0]!.map(() => null);
  extra[codeCol] = '类';
  extra[codeCol + 1] = '款';
  extra[codeCol + 2] = '项';
  for (const m of h.merges) if (m.bottom === rows) m.bottom += 1;
  h.cells[rows - 1]!.forEach((text, i) => {
    const col = i + 1;
    if (i >= codeCol && i <= codeCol + 2) return;
    const covered = h.merges.some((m) => m.left <= col && col <= m.right && m.top <= rows && rows <= m.bottom);
    if (!covered && text !== null) h.merges.push({ top: rows, left: col, bottom: rows + 1, right: col });
  });
  h.merges.push({ top: rows, left: codeCol + 1, bottom: rows, right: codeCol + 3 });
  h.cells.push(extra);
}

function toFullWidth(s: string): string {
  return s.replace(/[0-9.,\-]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
}

function amountCell(text: string, layout: LayoutOptions): { value: number | string; numFmt?: string } {
  const n = Number(text) * (layout.unit === '元' ? 10000 : 1);
  const rounded = Math.round(n * 100) / 100;
  if (layout.numbers === 'number') return { value: rounded, numFmt: layout.unit === '元' ? '#,##0.00' : '0.00' };
  const shown = rounded.toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return { value: layout.numbers === 'fullwidth' ? toFullWidth(shown) : shown };
}

function codeText(code: string, layout: LayoutOptions): string {
  if (layout.codes !== 'spaced' || code.length <= 3) return code;
  return [code.slice(0, 3), code.slice(3, 5), code.slice(5, 7)].filter(Boolean).join(' ');
}

class SheetWriter {
  row: number;
  readonly col0: number;
  widths = new Map<number, number>();

  constructor(
    readonly ws: ExcelJS.Worksheet,
    readonly layout: LayoutOptions,
  ) {
    this.row = 1 + layout.offset.rows;
    this.col0 = 1 + layout.offset.cols;
  }

  cell(row: number, col: number): ExcelJS.Cell {
    return this.ws.getCell(row, this.col0 + col);
  }

  width(col: number, chars: number): void {
    this.widths.set(col, Math.max(this.widths.get(col) ?? 6, Math.min(chars, 60)));
  }

  merge(top: number, left: number, bottom: number, right: number): void {
    if (top === bottom && left === right) return;
    this.ws.mergeCells(top, this.col0 + left, bottom, this.col0 + right);
  }

  finish(): void {
    for (const [col, w] of this.widths) this.ws.getColumn(this.col0 + col).width = w + 2;
  }
}

function tableTitle(t: TranscribedTable, layout: LayoutOptions): string {
  if (layout.titles === 'standard') return t.title;
  const year = /\d{4}/.exec(t.year)?.[0] ?? '';
  return (ALTERNATE_TITLES[t.id] ?? t.title).replace('{year}', year);
}

function writeTable(w: SheetWriter, t: TranscribedTable, layout: LayoutOptions): void {
  const h: HeaderGrid = { cells: t.header.map((r) => r.slice()), merges: t.merges.map(parseRange) };
  const codeCol = t.header[t.header.length - 1]!.findIndex((c) => c !== null && c.replace(/\s/g, '') === '科目编码');
  const split = layout.codes === 'split' && codeCol >= 0;
  if (split) splitCodeHeader(h, codeCol);
  const width = h.cells[0]!.length;

  // Title, then the meta line: unit name left, year in the middle, unit of amounts right.
  const titleRow = w.row;
  const title = w.cell(titleRow, 0);
  title.value = tableTitle(t, layout);
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: 'center' };
  w.merge(titleRow, 0, titleRow, width - 1);
  const meta = w.row + 1;
  w.cell(meta, 0).value = t.org;
  w.cell(meta, Math.floor(width / 2)).value = t.year;
  w.cell(meta, width - 1).value = layout.unit === '元' ? t.unit.replace('万元', '元') : t.unit;
  w.cell(meta, width - 1).alignment = { horizontal: 'right' };

  const top = meta + 1;
  h.cells.forEach((cells, r) =>
    cells.forEach((text, c) => {
      const cell = w.cell(top + r, c);
      if (text !== null) cell.value = text;
      cell.font = { bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.fill = HEADER_FILL;
      cell.border = BORDER;
      if (text) w.width(c, Math.min(text.length * 2, 14));
    }),
  );
  for (const m of h.merges) w.merge(top + m.top - 1, m.left - 1, top + m.bottom - 1, m.right - 1);
  let r = top + h.cells.length;

  if (layout.columnNumbers) {
    const numbers = split ? [...t.columnNumbers.slice(0, codeCol + 1), '', '', ...t.columnNumbers.slice(codeCol + 1)] : t.columnNumbers;
    numbers.forEach((text, c) => {
      const cell = w.cell(r, c);
      if (text !== '') cell.value = c === 0 ? text : Number(text);
      cell.alignment = { horizontal: 'center' };
      cell.border = BORDER;
    });
    if (split) w.merge(r, codeCol, r, codeCol + 2);
    r++;
  }

  let rows = t.rows;
  if (layout.totalRow === 'last' && codeCol >= 0) {
    const total = rows.filter((row) => row[codeCol] === '' && /合计|总计/.test(row[codeCol + 1] ?? ''));
    rows = [...rows.filter((row) => !total.includes(row)), ...total];
  }
  rows.forEach((row, i) => {
    const values: (string | number | null)[] = [];
    let level = 0;
    row.forEach((text, c) => {
      if (c === codeCol) {
        if (split) {
          values.push(text.slice(0, 3) || null, text.slice(3, 5) || null, text.slice(5, 7) || null);
        } else values.push(text ? codeText(text, layout) : null);
        level = text.length <= 3 ? 0 : text.length <= 5 ? 1 : 2;
        return;
      }
      values.push(text === '' ? null : text);
    });
    values.forEach((v, c) => {
      const cell = w.cell(r, c);
      cell.border = BORDER;
      if (v === null) return;
      if (c === 0 && AMOUNT.test(String(v))) {
        cell.value = layout.totalRow === 'last' && codeCol >= 0 ? i + 1 : Number(v);
        cell.alignment = { horizontal: 'center' };
      } else if (typeof v === 'string' && AMOUNT.test(v) && !(split ? c >= codeCol && c <= codeCol + 2 : c === codeCol)) {
        const a = amountCell(v, layout);
        cell.value = a.value;
        if (a.numFmt) cell.numFmt = a.numFmt;
        cell.alignment = { horizontal: 'right' };
        w.width(c, String(a.value).length + 2);
      } else {
        cell.value = v;
        const isName = codeCol >= 0 && c === (split ? codeCol + 3 : codeCol + 1);
        if (isName && level > 0) cell.alignment = { indent: level };
        w.width(c, String(v).length * 2);
      }
    });
    r++;
  });
  if (t.rows.length === 0) {
    for (let c = 0; c < width; c++) w.cell(r, c).border = BORDER;
    r++;
  }
  if (t.note) {
    w.cell(r, 0).value = t.note;
    r++;
  }
  w.row = r + 2;
}

function writeTarget(w: SheetWriter, t: TranscribedTarget, layout: LayoutOptions): void {
  const r0 = w.row;
  const box = (row: number, col: number, value: string | number | null, opts: { bold?: boolean; wrap?: boolean } = {}) => {
    const cell = w.cell(row, col);
    if (value !== null && value !== '') cell.value = value;
    cell.border = BORDER;
    cell.alignment = { vertical: 'middle', wrapText: opts.wrap ?? true };
    if (opts.bold) cell.font = { bold: true };
    return cell;
  };
  const amount = (row: number, col: number, text: string) => {
    const cell = box(row, col, null);
    if (text === '') return;
    const a = amountCell(text, layout);
    cell.value = a.value;
    if (a.numFmt) cell.numFmt = a.numFmt;
  };
  const title = w.cell(r0, 0);
  title.value = t.title;
  title.font = { bold: true, size: 13 };
  w.merge(r0, 0, r0, 6);
  w.cell(r0 + 1, 6).value = `单位：${layout.unit === '元' ? '元' : t.unit}`;
  let r = r0 + 2;
  box(r, 0, '项目编码', { bold: true });
  box(r, 1, t.projectCode);
  box(r, 2, null);
  w.merge(r, 1, r, 2);
  box(r, 3, '项目名称', { bold: true });
  for (let c = 4; c <= 6; c++) box(r, c, c === 4 ? t.projectName : null);
  w.merge(r, 4, r, 6);
  r++;
  box(r, 0, '预算规模及资金用途', { bold: true });
  box(r + 1, 0, null);
  w.merge(r, 0, r + 1, 0);
  box(r, 1, '预算数', { bold: true });
  amount(r, 2, t.budget);
  box(r, 3, '其中：财政资金', { bold: true });
  amount(r, 4, t.fiscalFunds);
  box(r, 5, '其他资金', { bold: true });
  amount(r, 6, t.otherFunds);
  r++;
  for (let c = 1; c <= 6; c++) box(r, c, c === 1 ? t.purpose : null);
  w.merge(r, 1, r, 6);
  r++;
  box(r, 0, '资金支出计划（%）', { bold: true });
  box(r + 1, 0, null);
  w.merge(r, 0, r + 1, 0);
  ['3月底', '6月底', '10月底', '12月底'].forEach((label, i) => {
    box(r, 1 + i, label, { bold: true });
    box(r + 1, 1 + i, t.plan[i] ?? '');
  });
  for (const c of [5, 6]) {
    box(r, c, null);
    box(r + 1, c, null);
  }
  w.merge(r, 4, r, 6);
  w.merge(r + 1, 4, r + 1, 6);
  r += 2;
  box(r, 0, '绩效目标', { bold: true });
  for (let c = 1; c <= 6; c++) box(r, c, c === 1 ? t.goal : null);
  w.merge(r, 1, r, 6);
  r++;
  ['一级指标', '二级指标', '三级指标', '绩效指标描述', '指标值', '指标值确定依据'].forEach((label, c) => box(r, c, label, { bold: true }));
  box(r, 6, null);
  w.merge(r, 5, r, 6);
  r++;
  // 一级指标 is written once and merged down over its group.
  let groupStart = r;
  t.indicators.forEach((ind, i) => {
    ind.forEach((text, c) => box(r, c, c === 0 && text === '' ? null : text));
    box(r, 6, null);
    w.merge(r, 5, r, 6);
    const next = t.indicators[i + 1];
    if (!next || next[0] !== '') {
      w.merge(groupStart, 0, r, 0);
      groupStart = r + 1;
    }
    r++;
  });
  [14, 14, 16, 22, 14, 12, 12].forEach((chars, c) => w.width(c, chars));
  w.row = r + 2;
}

function writeNarrative(w: SheetWriter, n: Transcription['narrative']): void {
  const title = w.cell(w.row, 0);
  title.value = n.title;
  title.font = { bold: true, size: 14 };
  w.row += 2;
  for (const item of n.items) {
    if ('text' in item) {
      const cell = w.cell(w.row, 0);
      cell.value = item.text;
      cell.alignment = { wrapText: true, vertical: 'top' };
      if (/^[一二三四五六七八九十]+、/.test(item.text)) cell.font = { bold: true };
    } else {
      item.row.forEach((text, c) => {
        if (text !== '') w.cell(w.row, c).value = text;
      });
    }
    w.row++;
  }
  w.width(0, 60);
}

/** Builds the workbook for a transcription in the given layout. */
export function buildBudgetWorkbook(data: Transcription, options: Partial<LayoutOptions> = {}): ExcelJS.Workbook {
  const layout: LayoutOptions = { ...DEFAULT_LAYOUT, ...options };
  const wb = new ExcelJS.Workbook();
  wb.creator = 'budget-check';
  wb.created = new Date(Date.UTC(2024, 0, 1));
  wb.modified = wb.created;
  const writers: SheetWriter[] = [];
  const sheet = (name: string) => {
    const w = new SheetWriter(wb.addWorksheet(name), layout);
    writers.push(w);
    return w;
  };
  const single = layout.oneSheet ? sheet('部门预算') : undefined;
  for (const t of data.tables) writeTable(single ?? sheet(t.sheet), t, layout);
  if (layout.targetsPerSheet) {
    data.targets.forEach((t, i) => writeTarget(single ?? sheet(`绩效${i + 1}`), t, layout));
  } else {
    const targets = single ?? sheet(data.workbook.targetsSheet);
    for (const t of data.targets) writeTarget(targets, t, layout);
  }
  writeNarrative(single ?? sheet(data.narrative.sheet), data.narrative);
  for (const w of writers) w.finish();
  return wb;
}

export async function budgetWorkbookBuffer(data: Transcription, options: Partial<LayoutOptions> = {}): Promise<Buffer> {
  const wb = buildBudgetWorkbook(data, options);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

