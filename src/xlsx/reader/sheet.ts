/**
 * One worksheet's XML → grid rows, by a hand-written scan of its bytes: rows, cells (shared and inline
 * strings, numbers, booleans, errors, cached formula results and the formula itself), merges as
 * ranges, hidden rows. Cells covered by a merge but not its top-left are dropped, as Excel shows only
 * the master.
 *
 * The bytes are scanned as they came out of the inflater, not decoded first: decoding a large sheet
 * cost a tenth of its read, and nearly every cell (a shared string's index, a number) is ASCII that
 * can be read in place. Only what holds text of its own (an inline string, a formula, a string
 * result) is decoded, cell by cell.
 */
import { columnLetters, columnNumber, rangeToA1, type RangeBounds } from '../../core/address.js';
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

const utf8 = new TextDecoder('utf-8');
const decode = (b: Uint8Array, from: number, to: number) => utf8.decode(b.subarray(from, to));

const LT = 60; // <
const GT = 62; // >
const SLASH = 47;

/** An ASCII pattern ("<x:row") as bytes. */
function ascii(s: string): Uint8Array {
  return Uint8Array.from(s, (ch) => ch.charCodeAt(0));
}

function startsWithAt(b: Uint8Array, i: number, pattern: Uint8Array): boolean {
  if (i + pattern.length > b.length) return false;
  for (let k = 0; k < pattern.length; k++) if (b[i + k] !== pattern[k]) return false;
  return true;
}

/** The next byte `c` at or after `from`, by a plain loop: the distances are a few bytes, shorter than a native call's overhead. */
function next(b: Uint8Array, c: number, from: number): number {
  for (let i = from; i < b.length; i++) if (b[i] === c) return i;
  return -1;
}

/** The next occurrence of an ASCII pattern at or after `from`, or -1. */
function find(b: Uint8Array, pattern: Uint8Array, from: number): number {
  for (let i = next(b, pattern[0]!, from); i >= 0; i = next(b, pattern[0]!, i + 1)) if (startsWithAt(b, i, pattern)) return i;
  return -1;
}

/** The last occurrence of an ASCII pattern at or after `from`, or -1. */
function findLast(b: Uint8Array, pattern: Uint8Array, from: number): number {
  for (let i = b.length - pattern.length; i >= from; i--) if (b[i] === pattern[0] && startsWithAt(b, i, pattern)) return i;
  return -1;
}

/** "B3" → [3, 2]; undefined when the reference is malformed or outside the sheet. */
function cellPosition(ref: string): [number, number] | undefined {
  const m = /^\$?([A-Za-z]+)\$?(\d+)$/.exec(ref);
  if (!m) return undefined;
  const col = columnNumber(m[1]!);
  const row = Number(m[2]);
  if (col > MAX_COL || row < 1 || row > MAX_ROW) return undefined;
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
function nextAttribute(b: Uint8Array, from: number, to: number, out: AttributeSpan): number {
  if (from >= to) return -1;
  const eq = next(b, 61, from);
  if (eq < 0 || eq >= to) return -1;
  let nameEnd = eq;
  while (nameEnd > from && isSpace(b[nameEnd - 1]!)) nameEnd--;
  let nameStart = nameEnd;
  while (nameStart > from && !isSpace(b[nameStart - 1]!) && b[nameStart - 1] !== 58) nameStart--;
  let q = eq + 1;
  while (isSpace(b[q]!)) q++;
  const quote = b[q];
  if (quote !== 34 && quote !== 39) return -1;
  const close = next(b, quote, q + 1);
  if (close < 0 || close > to) return -1;
  out.nameStart = nameStart;
  out.nameEnd = nameEnd;
  out.valueStart = q + 1;
  out.valueEnd = close;
  return close + 1;
}

/** One span reused for every tag. */
const span: AttributeSpan = { nameStart: 0, nameEnd: 0, valueStart: 0, valueEnd: 0 };

/** What a cell's start tag says; one object reused for every cell (nothing allocated per cell). */
interface CellTag {
  /** Column from r="B3" (0 when absent or malformed). */
  col: number;
  /** Style index from s="3" (-1 when absent). */
  style: number;
  /** Type from t="s" (undefined when absent: a number). */
  type: string | undefined;
}

/** Reads r, s and t of <c …>: one-letter names, compared as bytes, scanned in place. */
function readCellTag(b: Uint8Array, from: number, to: number, out: CellTag): void {
  out.col = 0;
  out.style = -1;
  out.type = undefined;
  for (let i = nextAttribute(b, from, to, span); i >= 0; i = nextAttribute(b, i, to, span)) {
    if (span.nameEnd - span.nameStart !== 1) continue;
    const name = b[span.nameStart];
    if (name === 114) out.col = columnOf(b, span.valueStart, span.valueEnd);
    else if (name === 115) out.style = integerAt(b, span.valueStart, span.valueEnd);
    else if (name === 116) out.type = cellType(b, span.valueStart, span.valueEnd);
  }
}

const ROW_R = ascii('r');
const ROW_HIDDEN = ascii('hidden');

/** r and hidden of <row …>: the row's number (0 when absent or unreadable) and whether it is hidden. */
function readRowTag(b: Uint8Array, from: number, to: number): { r: number; hidden: boolean } {
  let r = 0;
  let hidden = false;
  for (let i = nextAttribute(b, from, to, span); i >= 0; i = nextAttribute(b, i, to, span)) {
    const length = span.nameEnd - span.nameStart;
    if (length === 1 && startsWithAt(b, span.nameStart, ROW_R)) {
      r = integerAt(b, span.valueStart, span.valueEnd);
      if (r < 0) r = Number(decode(b, span.valueStart, span.valueEnd)) || 0;
    } else if (length === 6 && startsWithAt(b, span.nameStart, ROW_HIDDEN)) {
      const v = decode(b, span.valueStart, span.valueEnd);
      hidden = v === '1' || v === 'true';
    }
  }
  return { r, hidden };
}

/** t="s", the type of every shared-string cell, without a new string for each. */
function cellType(b: Uint8Array, from: number, to: number): string {
  return to - from === 1 && b[from] === 115 ? 's' : decode(b, from, to);
}

/** Column number of the reference "AB12" written from `from` to `to`; 0 when it is not a cell reference. */
function columnOf(b: Uint8Array, from: number, to: number): number {
  let col = 0;
  let i = from;
  for (; i < to; i++) {
    const c = b[i]!;
    if (c >= 65 && c <= 90) col = col * 26 + c - 64;
    else if (c >= 97 && c <= 122) col = col * 26 + c - 96;
    else if (c !== 36) break;
  }
  if (i === to || col > MAX_COL) return 0;
  for (let k = i; k < to; k++) {
    const c = b[k]!;
    if ((c < 48 || c > 57) && c !== 36) return 0;
  }
  return col;
}

function integerAt(b: Uint8Array, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = b[i]!;
    if (c < 48 || c > 57) return -1;
    n = n * 10 + c - 48;
  }
  return from < to ? n : -1;
}

const POWERS_OF_TEN = Array.from({ length: 16 }, (_, k) => 10 ** k);

/**
 * A plain decimal ("-1234.56") of at most 15 digits read from its bytes, or undefined for anything
 * else (an exponent, more digits, a sign or space Number() would also take). Exact, not approximately
 * Number()'s: the digits make an integer below 2^53 and 10^k is exact, so the one division is
 * correctly rounded, as Number() is.
 */
function plainNumberAt(b: Uint8Array, from: number, to: number): number | undefined {
  let i = from;
  const negative = b[i] === 45;
  if (negative) i++;
  let mantissa = 0;
  let digits = 0;
  let decimals = -1;
  for (; i < to; i++) {
    const c = b[i]!;
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + c - 48;
      digits++;
      if (decimals >= 0) decimals++;
    } else if (c === 46 && decimals < 0) decimals = 0;
    else return undefined;
  }
  if (digits === 0 || digits > 15) return undefined;
  const value = decimals > 0 ? mantissa / POWERS_OF_TEN[decimals]! : mantissa;
  return negative ? -value : value;
}

/** The text between `<name ...>` and `</name>` inside `xml`, with the start tag, or undefined. */
function element(xml: string, name: string): { tag: string; text: string | undefined } | undefined {
  const found = startTags(xml, name).next().value;
  if (!found) return undefined;
  if (found.selfClosing) return { tag: found.tag, text: undefined };
  const close = xml.indexOf(`</${name}>`, found.end);
  return { tag: found.tag, text: close < 0 ? undefined : xml.slice(found.end, close) };
}

/** The namespace prefix of the document element, read from the bytes of its start tag. */
function prefixOf(b: Uint8Array): string {
  for (let i = next(b, LT, 0); i >= 0; i = next(b, LT, i + 1)) {
    const c = b[i + 1];
    if (c !== 63 && c !== 33) return rootPrefix(decode(b, i, Math.min(b.length, i + 200)));
  }
  return '';
}

export function scanSheet(name: string, xml: Uint8Array, ctx: SheetContext): GridSheet {
  const p = prefixOf(xml);
  const dataOpen = find(xml, ascii(`<${p}sheetData`), 0);
  // Where the rows end, looked for from the end of the part: the merges and the rest follow them.
  const dataEnd = dataOpen < 0 ? -1 : findLast(xml, ascii(`</${p}sheetData>`), dataOpen);
  const scan = new RowScan(name, xml, p, ctx, dataEnd);
  if (dataEnd > 0) scan.run(dataOpen);
  const { rows, hiddenRows } = scan;
  // Merges follow the rows; read from what lies outside sheetData, decoded (it is small).
  const outside = dataEnd < 0 ? decode(xml, 0, xml.length) : decode(xml, 0, Math.max(0, dataOpen)) + decode(xml, dataEnd, xml.length);
  const merges = scanMerges(name, outside, p, ctx.limits);
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
 * The scan of one sheet's rows. Its state is in fields and each kind of tag is read by a method of its
 * own: small functions the compiler optimises once, early, and keeps for every sheet. As one long
 * loop, the scan was compiled anew on the stack for each large sheet (five times, 220 ms of compiling
 * for the ten-times bench workbook), running unoptimised meanwhile.
 */
class RowScan {
  readonly rows: (GridCell | undefined)[][] = [];
  readonly hiddenRows: number[] = [];
  private readonly sharedFormulas = new Map<string, string>();
  private readonly tag: CellTag = { col: 0, style: -1, type: undefined };
  private readonly rowOpen: Uint8Array;
  private readonly cellOpen: Uint8Array;
  private readonly cellClose: Uint8Array;
  private readonly valueOpen: Uint8Array;
  private readonly valueClose: Uint8Array;
  private rowNumber = 0;
  private nextCol = 1;
  private cells: (GridCell | undefined)[] = [];

  constructor(
    private readonly name: string,
    private readonly xml: Uint8Array,
    private readonly p: string,
    private readonly ctx: SheetContext,
    /** Where </sheetData> starts. */
    private readonly dataEnd: number,
  ) {
    this.rowOpen = ascii(`<${p}row`);
    this.cellOpen = ascii(`<${p}c`);
    this.cellClose = ascii(`</${p}c>`);
    this.valueOpen = ascii(`<${p}v>`);
    this.valueClose = ascii(`</${p}v>`);
  }

  /** Reads every row and cell from `from` to the end of sheetData. */
  run(from: number): void {
    const { xml, dataEnd, cellOpen, rowOpen } = this;
    let i = from;
    while (i >= 0 && i < dataEnd) {
      i = next(xml, LT, i + 1);
      if (i < 0 || i >= dataEnd) break;
      if (startsWithAt(xml, i, cellOpen) && isNameEnd(xml[i + cellOpen.length]!)) i = this.cell(i);
      else if (startsWithAt(xml, i, rowOpen) && isNameEnd(xml[i + rowOpen.length]!)) i = this.row(i);
    }
    keepRow(this.rows, this.rowNumber, this.cells);
  }

  /** The cell whose tag starts at `i`, kept in the row; returns where the scan goes on (-1 when the part ends inside the tag). */
  private cell(i: number): number {
    const { xml, ctx, tag } = this;
    const tagEnd = next(xml, GT, i);
    if (tagEnd < 0) return -1;
    readCellTag(xml, i + this.cellOpen.length, tagEnd, tag);
    const col = tag.col || this.nextCol;
    this.nextCol = col + 1;
    if (xml[tagEnd - 1] === SLASH) return tagEnd; // <c r="B2" s="3"/>: formatted but empty
    const style = tag.style >= 0 ? ctx.styles[tag.style] : undefined;
    let cell: GridCell | undefined;
    let end: number;
    // The common case, <c …><v>123</v></c>, read in place.
    const { valueOpen, valueClose, cellClose } = this;
    const vEnd = startsWithAt(xml, tagEnd + 1, valueOpen) ? next(xml, LT, tagEnd + 1 + valueOpen.length) : -1;
    if (vEnd > 0 && startsWithAt(xml, vEnd, valueClose) && startsWithAt(xml, vEnd + valueClose.length, cellClose)) {
      const vStart = tagEnd + 1 + valueOpen.length;
      end = vEnd + valueClose.length + cellClose.length - 1;
      if (vStart < vEnd) cell = gridCell(valueAt(xml, vStart, vEnd, tag.type, style, ctx), style, undefined);
    } else {
      const found = find(xml, cellClose, tagEnd);
      end = found < 0 || found > this.dataEnd ? this.dataEnd : found;
      cell = readCell(decode(xml, tagEnd + 1, end), tag.type, style, this.p, ctx, this.sharedFormulas);
    }
    if (!cell) return end;
    if (++ctx.cells.count > ctx.limits.maxCells) throw new LimitExceeded('cells', ctx.limits.maxCells, `${this.name}!${columnLetters(col)}${this.rowNumber}`);
    this.cells[col - 1] = cell;
    return end;
  }

  /** The row whose tag starts at `i`: the one before it is kept and a new one begun. */
  private row(i: number): number {
    const tagEnd = next(this.xml, GT, i);
    if (tagEnd < 0) return -1;
    const a = readRowTag(this.xml, i + this.rowOpen.length, tagEnd);
    const r = a.r || this.rowNumber + 1;
    keepRow(this.rows, this.rowNumber, this.cells);
    this.rowNumber = Number.isInteger(r) && r > this.rowNumber && r <= MAX_ROW ? r : this.rowNumber + 1;
    this.nextCol = 1;
    this.cells = [];
    if (a.hidden) this.hiddenRows.push(this.rowNumber);
    return tagEnd;
  }
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

/** The value of <v>…</v> read in place: a shared string's index or a plain number without a string; the rest decoded and typed. */
function valueAt(b: Uint8Array, from: number, to: number, type: string | undefined, style: CellStyle | undefined, ctx: SheetContext): CellValue {
  if (type === 's') {
    const index = integerAt(b, from, to);
    if (index >= 0) return ctx.strings[index] ?? '';
  } else if (type === undefined || type === 'n') {
    const n = plainNumberAt(b, from, to);
    if (n !== undefined) return style?.isDate ? serialToIsoDate(n, ctx.date1904) : n;
  }
  return typedValue(decode(b, from, to), type, style, ctx);
}
