/**
 * One worksheet's XML → grid rows, by a hand-written scan: rows, cells (shared and inline strings,
 * numbers, booleans, errors, cached formula results and the formula itself), merges as ranges, hidden
 * rows. Cells covered by a merge but not its top-left are dropped, as Excel shows only the master.
 */
import { columnLetters, rangeToA1, type RangeBounds } from '../../core/address.js';
import type { CellValue, GridCell, GridSheet } from '../../core/grid.js';
import { displayText } from '../../core/text.js';
import { LimitExceeded, type ReadLimits } from './limits.js';
import { serialToIsoDate } from './number-formats.js';
import type { CellStyle } from './parts.js';
import { attributes, decodeXml, isNameEnd, isSpace, rootPrefix, startTags, stringItemText } from './xml.js';

export interface SheetContext {
  strings: readonly string[];
  styles: readonly CellStyle[];
  date1904: boolean;
  limits: ReadLimits;
  /** Cells read so far in the workbook, shared across sheets for the cell limit. */
  cells: { count: number };
}

const MAX_ROW = 1_048_576;
const MAX_COL = 16_384;

/** "B3" → [3, 2]; undefined when the reference is malformed or outside the sheet. */
function cellPosition(ref: string): [number, number] | undefined {
  const col = columnOf(ref, 0, ref.length);
  const row = Number(ref.slice(ref.search(/\d/)));
  if (!col || !Number.isInteger(row) || row < 1 || row > MAX_ROW) return undefined;
  return [row, col];
}

function parseRange(ref: string): RangeBounds | undefined {
  const [a, b = a] = ref.split(':');
  const p = cellPosition(a!);
  const q = cellPosition(b!);
  if (!p || !q) return undefined;
  return { top: Math.min(p[0], q[0]), left: Math.min(p[1], q[1]), bottom: Math.max(p[0], q[0]), right: Math.max(p[1], q[1]) };
}

/** Where one attribute of a start tag lies: its local name (after any prefix) and its value. */
interface AttributeSpan {
  nameStart: number;
  nameEnd: number;
  valueStart: number;
  valueEnd: number;
}

/**
 * Reads the attribute starting at or after `from` in the start tag ending at `to` (the ">") into
 * `out`, in place; returns where the next one may start, or -1 when there is none. Nothing is
 * allocated: this runs once per cell and per row.
 */
function nextAttribute(xml: string, from: number, to: number, out: AttributeSpan): number {
  if (from >= to) return -1;
  const eq = xml.indexOf('=', from);
  if (eq < 0 || eq >= to) return -1;
  let nameEnd = eq;
  while (nameEnd > from && isSpace(xml.charCodeAt(nameEnd - 1))) nameEnd--;
  let nameStart = nameEnd;
  while (nameStart > from && !isSpace(xml.charCodeAt(nameStart - 1)) && xml.charCodeAt(nameStart - 1) !== 58) nameStart--;
  let q = eq + 1;
  while (isSpace(xml.charCodeAt(q))) q++;
  const quote = xml.charCodeAt(q);
  if (quote !== 34 && quote !== 39) return -1;
  const close = xml.indexOf(quote === 34 ? '"' : "'", q + 1);
  if (close < 0 || close > to) return -1;
  out.nameStart = nameStart;
  out.nameEnd = nameEnd;
  out.valueStart = q + 1;
  out.valueEnd = close;
  return close + 1;
}

/** The attributes named in `wanted` (local names), as strings. */
function tagAttributes(xml: string, from: number, to: number, wanted: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  const at: AttributeSpan = { nameStart: 0, nameEnd: 0, valueStart: 0, valueEnd: 0 };
  for (let i = nextAttribute(xml, from, to, at); i >= 0; i = nextAttribute(xml, i, to, at)) {
    const local = xml.slice(at.nameStart, at.nameEnd);
    if (wanted.includes(local)) out[local] = xml.slice(at.valueStart, at.valueEnd);
  }
  return out;
}

const ROW_ATTRIBUTES = ['r', 'hidden'] as const;

/** What a cell's start tag says; one object reused for every cell (nothing allocated per cell). */
interface CellTag {
  /** Column from r="B3" (0 when absent or malformed). */
  col: number;
  /** Style index from s="3" (-1 when absent). */
  style: number;
  /** Type from t="s" (undefined when absent: a number). */
  type: string | undefined;
}

/** One span reused for every cell tag. */
const cellAttribute: AttributeSpan = { nameStart: 0, nameEnd: 0, valueStart: 0, valueEnd: 0 };

/** Reads r, s and t of <c …>: one-letter names, compared as character codes, scanned in place. */
function readCellTag(xml: string, from: number, to: number, out: CellTag): void {
  out.col = 0;
  out.style = -1;
  out.type = undefined;
  const at = cellAttribute;
  for (let i = nextAttribute(xml, from, to, at); i >= 0; i = nextAttribute(xml, i, to, at)) {
    if (at.nameEnd - at.nameStart !== 1) continue;
    const name = xml.charCodeAt(at.nameStart);
    if (name === 114) out.col = columnOf(xml, at.valueStart, at.valueEnd);
    else if (name === 115) out.style = integerAt(xml, at.valueStart, at.valueEnd);
    else if (name === 116) out.type = cellType(xml, at.valueStart, at.valueEnd);
  }
}

/** t="s", the type of every shared-string cell, without a new string for each. */
function cellType(xml: string, from: number, to: number): string {
  return to - from === 1 && xml.charCodeAt(from) === 115 ? 's' : xml.slice(from, to);
}

/** Column number of the reference "AB12" written from `from` to `to`; 0 when it is not a cell reference. */
function columnOf(xml: string, from: number, to: number): number {
  let col = 0;
  let i = from;
  for (; i < to; i++) {
    const c = xml.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + c - 64;
    else if (c >= 97 && c <= 122) col = col * 26 + c - 96;
    else if (c !== 36) break;
  }
  if (i === to || col > MAX_COL) return 0;
  for (let k = i; k < to; k++) {
    const c = xml.charCodeAt(k);
    if ((c < 48 || c > 57) && c !== 36) return 0;
  }
  return col;
}

function integerAt(xml: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = xml.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    n = n * 10 + c - 48;
  }
  return from < to ? n : -1;
}

/** The text between `<name ...>` and `</name>` inside `xml`, with the start tag, or undefined. */
function element(xml: string, name: string): { tag: string; text: string | undefined } | undefined {
  const found = startTags(xml, name).next().value;
  if (!found) return undefined;
  if (found.selfClosing) return { tag: found.tag, text: undefined };
  const close = xml.indexOf(`</${name}>`, found.end);
  return { tag: found.tag, text: close < 0 ? undefined : xml.slice(found.end, close) };
}

export function scanSheet(name: string, xml: string, ctx: SheetContext): GridSheet {
  const p = rootPrefix(xml);
  const merges = scanMerges(name, xml, p, ctx.limits);
  const rows: (GridCell | undefined)[][] = [];
  const hiddenRows: number[] = [];
  const sharedFormulas = new Map<string, string>();

  const dataStart = xml.indexOf(`<${p}sheetData`);
  const dataEnd = dataStart < 0 ? -1 : xml.indexOf(`</${p}sheetData>`, dataStart);
  const rowOpen = `<${p}row`;
  const cellOpen = `<${p}c`;
  const cellClose = `</${p}c>`;
  const valueOpen = `<${p}v>`;
  const valueClose = `</${p}v>`;
  let rowNumber = 0;
  let nextCol = 1;
  let cells: (GridCell | undefined)[] = [];
  const tag: CellTag = { col: 0, style: -1, type: undefined };
  let i = dataStart;
  while (dataEnd > 0 && i < dataEnd) {
    i = xml.indexOf('<', i + 1);
    if (i < 0 || i >= dataEnd) break;
    if (xml.startsWith(cellOpen, i) && isNameEnd(xml.charCodeAt(i + cellOpen.length))) {
      const tagEnd = xml.indexOf('>', i);
      readCellTag(xml, i + cellOpen.length, tagEnd, tag);
      const col = tag.col || nextCol;
      nextCol = col + 1;
      if (xml.charCodeAt(tagEnd - 1) === 47) {
        i = tagEnd;
        continue; // <c r="B2" s="3"/>: formatted but empty
      }
      const style = tag.style >= 0 ? ctx.styles[tag.style] : undefined;
      let cell: GridCell | undefined;
      // The common case, <c …><v>123</v></c>, without slicing the cell's content.
      const vEnd = xml.startsWith(valueOpen, tagEnd + 1) ? xml.indexOf(valueClose, tagEnd) : -1;
      if (vEnd > 0 && xml.startsWith(cellClose, vEnd + valueClose.length)) {
        const vStart = tagEnd + 1 + valueOpen.length;
        i = vEnd + valueClose.length;
        if (vStart < vEnd) {
          // A shared string's index is read in place; other values are sliced and typed.
          const index = tag.type === 's' ? integerAt(xml, vStart, vEnd) : -1;
          const value = index >= 0 ? (ctx.strings[index] ?? '') : typedValue(xml.slice(vStart, vEnd), tag.type, style, ctx);
          cell = gridCell(value, style, undefined);
        }
      } else {
        const close = xml.indexOf(cellClose, tagEnd);
        const inner = xml.slice(tagEnd + 1, close < 0 ? dataEnd : close);
        i = close < 0 ? dataEnd : close;
        cell = readCell(inner, tag.type, style, p, ctx, sharedFormulas);
      }
      if (!cell) continue;
      if (++ctx.cells.count > ctx.limits.maxCells) throw new LimitExceeded('cells', ctx.limits.maxCells, `${name}!${columnLetters(col)}${rowNumber}`);
      cells[col - 1] = cell;
    } else if (xml.startsWith(rowOpen, i) && isNameEnd(xml.charCodeAt(i + rowOpen.length))) {
      const tagEnd = xml.indexOf('>', i);
      const a = tagAttributes(xml, i + rowOpen.length, tagEnd, ROW_ATTRIBUTES);
      const r = a.r ? Number(a.r) : rowNumber + 1;
      keepRow(rows, rowNumber, cells);
      rowNumber = Number.isInteger(r) && r > rowNumber && r <= MAX_ROW ? r : rowNumber + 1;
      nextCol = 1;
      cells = [];
      if (a.hidden === '1' || a.hidden === 'true') hiddenRows.push(rowNumber);
      i = tagEnd;
    }
  }
  keepRow(rows, rowNumber, cells);
  dropMergedCells(rows, merges);
  // Trailing rows that hold nothing are not part of the sheet's content.
  let last = rows.length;
  while (last > 0 && !rows[last - 1]?.some(Boolean)) last--;
  rows.length = last;
  for (let r = 0; r < rows.length; r++) rows[r] ??= [];
  return {
    name,
    rows,
    merges: merges.map(rangeToA1),
    ...(hiddenRows.length > 0 && { hiddenRows: hiddenRows.filter((r) => r <= last) }),
  };
}

/**
 * A finished row, copied to an array of its own length: one filled cell by cell keeps the spare room
 * it grew (17 slots for a row of six cells), 80 bytes on each of a large sheet's hundred thousand rows.
 */
function keepRow(rows: (GridCell | undefined)[][], rowNumber: number, cells: (GridCell | undefined)[]): void {
  if (rowNumber > 0) rows[rowNumber - 1] = cells.length > 0 ? cells.slice() : cells;
}

function readCell(inner: string, type: string | undefined, style: CellStyle | undefined, p: string, ctx: SheetContext, shared: Map<string, string>): GridCell | undefined {
  let formula: string | undefined;
  const f = inner.indexOf(`<${p}f`) >= 0 ? element(inner, `${p}f`) : undefined;
  if (f) {
    const fa = attributes(f.tag);
    formula = f.text !== undefined && f.text !== '' ? decodeXml(f.text) : undefined;
    if (fa.t === 'shared' && fa.si !== undefined) {
      if (formula !== undefined) shared.set(fa.si, formula);
      else formula = shared.get(fa.si) ?? '';
    }
    // An empty <f/> that is not part of a shared formula is not a formula.
  }
  const v = inner.indexOf(`<${p}v`) >= 0 ? element(inner, `${p}v`)?.text : undefined;
  let value: CellValue = null;
  if (type === 'inlineStr' && v === undefined) {
    const is = element(inner, `${p}is`);
    if (is?.text !== undefined) value = stringItemText(is.text, p);
  } else if (v !== undefined && v !== '') {
    value = typedValue(v, type, style, ctx);
  }
  if (value === null && formula === undefined) return undefined;
  return gridCell(value, style, formula);
}

function gridCell(value: CellValue, style: CellStyle | undefined, formula: string | undefined): GridCell {
  const numFmt = style?.numFmt;
  const text = displayText(value, numFmt);
  // One literal per shape, holding its properties in the object itself: a property added to a
  // literal goes to a separate backing store, 40 bytes more on each of half a million cells.
  if (formula === undefined) {
    if (!numFmt) return style?.indent ? { value, text, indent: style.indent } : { value, text };
    return style.indent ? { value, text, numFmt, indent: style.indent } : { value, text, numFmt };
  }
  const cell: GridCell = numFmt ? { value, text, numFmt, formula } : { value, text, formula };
  if (style?.indent) cell.indent = style.indent;
  return cell;
}

function typedValue(v: string, t: string | undefined, style: CellStyle | undefined, ctx: SheetContext): CellValue {
  switch (t) {
    case 's':
      return ctx.strings[Number(v)] ?? '';
    case 'str':
    case 'inlineStr':
      return decodeXml(v);
    case 'b':
      return v.trim() !== '0' && v.trim() !== 'false';
    case 'e':
      return decodeXml(v);
    case 'd':
      return decodeXml(v).slice(0, 10);
    default: {
      const n = Number(v);
      if (!Number.isFinite(n)) return decodeXml(v);
      return style?.isDate ? serialToIsoDate(n, ctx.date1904) : n;
    }
  }
}

function scanMerges(sheet: string, xml: string, p: string, limits: ReadLimits): RangeBounds[] {
  const start = xml.indexOf(`<${p}mergeCells`);
  if (start < 0) return [];
  const out: RangeBounds[] = [];
  for (const { tag } of startTags(xml, `${p}mergeCell`, start)) {
    const ref = attributes(tag).ref;
    const range = ref ? parseRange(ref) : undefined;
    if (!range) continue;
    const area = (range.bottom - range.top + 1) * (range.right - range.left + 1);
    if (area > limits.maxMergeArea) throw new LimitExceeded('merge-area', limits.maxMergeArea, `${sheet}!${ref}`);
    if (area > 1) out.push(range);
  }
  return out;
}

/** Empties every merged cell but the master; work bounded by the cells present, not the merge's area. */
function dropMergedCells(rows: (GridCell | undefined)[][], merges: readonly RangeBounds[]): void {
  for (const m of merges) {
    const bottom = Math.min(m.bottom, rows.length);
    for (let r = m.top; r <= bottom; r++) {
      const cells = rows[r - 1];
      if (!cells) continue;
      const right = Math.min(m.right, cells.length);
      for (let c = m.left; c <= right; c++) if (r !== m.top || c !== m.left) cells[c - 1] = undefined;
    }
  }
}
