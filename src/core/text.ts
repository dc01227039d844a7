/** Text normalisation shared by recognition and rules: the one place that knows how budget tables spell things. */
import { BoundedCache } from './bounded-cache.js';
import type { CellValue } from './grid.js';

/**
 * Characters NFKC leaves alone: ASCII, CJK ideographs and the CJK punctuation budget tables use.
 * Text made only of these skips normalisation, which is costly and runs on every label.
 */
const STABLE_CHARS = '\\u0000-\\u007f\\u4e00-\\u9fff\\u3001\\u3002\\u300a-\\u3011\\u201c\\u201d\\u2018\\u2019\\u2014\\u2026\\u00b7';
const NFKC_STABLE = new RegExp(`^[${STABLE_CHARS}]*$`);
/** …and those besides that NFKC turns into ASCII: full-width forms (（１６）→ (16)) and the ideographic space. */
const FOLDS_TO_ASCII = new RegExp(`^[${STABLE_CHARS}\\uff01-\\uff5e\\u3000]*$`);

/**
 * Every text folding or normalising changes is kept (up to a bound) for the next asking: recognition
 * and rule after rule read the same cells again, and the sample's check cost 0.9 of its time with the
 * texts kept. Text already in its form is returned without a lookup (fold, normalizeLabel). The bound
 * holds a large sheet's texts (the ten-times workbook's 56,000): at 20,000 the rest were normalised
 * again at every asking; the texts are the grid's own, so keeping them costs only the map.
 */
const folded = new BoundedCache<string, string>(200_000, 'keep');
const foldOnce = (text: string) => text.normalize('NFKC');

/**
 * Text fold() returns as it is: normalizeLabel makes of it the same characters, white space dropped,
 * so a character it lacks its label lacks too (a probe may then pass it by without normalising it).
 */
export function isFoldStable(text: string): boolean {
  return NFKC_STABLE.test(text);
}

/** Text whose fold() may differ from it only in ASCII characters: its non-ASCII characters are all its own. */
export function foldsOnlyToAscii(text: string): boolean {
  return FOLDS_TO_ASCII.test(text);
}

/** Between checks: a text cache that filled up starts afresh for the next workbook. */
export function renewTextCaches(): void {
  folded.renewIfFull();
  normalized.renewIfFull();
}

/** NFKC folds full-width digits, letters and punctuation (（１６９９．７８） → (1699.78)). */
export function fold(text: string): string {
  // Most text is CJK and ASCII already: testing that costs less than looking it up.
  return isFoldStable(text) ? text : folded.get(text, foldOnce);
}

/**
 * Every match of a global regular expression in the text, as String.prototype.matchAll gives them but
 * without the copy of the expression matchAll makes on every call: over the sample's narrative, with
 * fifteen rule patterns per paragraph, matchAll took 0.72 ms per check and exec 0.12–0.21 ms. The
 * expression's lastIndex is its own again only once the matches have all been taken.
 */
export function* globalMatches(re: RegExp, text: string): Generator<RegExpExecArray, void, undefined> {
  if (!re.global) throw new TypeError(`globalMatches needs a global expression: ${re}`);
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    // An empty match would be found again at the same place: step over it (a whole character under u).
    if (m[0] === '') re.lastIndex += re.unicode && (text.codePointAt(re.lastIndex) ?? 0) > 0xffff ? 2 : 1;
    yield m;
  }
}

/** For matching labels and headers: folded, with every kind of white space removed. */
export function normalizeLabel(text: string): string {
  return ALREADY_NORMAL.test(text) ? text : normalized.get(text, normalizeOnce);
}
/** Text normalizeLabel returns as it is: fold-stable, with no white space (nor control character). */
const ALREADY_NORMAL = new RegExp(`^[${STABLE_CHARS.replace('\\u0000-\\u007f', '\\u0021-\\u007e')}]*$`);
const normalized = new BoundedCache<string, string>(200_000, 'keep');
const normalizeOnce = (text: string) => fold(text).replace(/[\s\u3000\u00a0]+/g, '');

/**
 * A section number needs its mark: "一、", "（二）", "1、", "3." are numbering; the 一 of 一般公共预算
 * is not, nor is the 3. of 3.5万元 (a number may follow only as a year: "1.2024年…").
 */
const SECTION_NUMBER = /^(?:[(（](?:[一二三四五六七八九十百]+|\d{1,2})[)）][、.．]?|[一二三四五六七八九十百]+[、.．]|\d{1,2}[)）]?[、.．](?:(?!\d)|(?=\d{4}年)))/;

/** Leading enumeration such as "一、", "（二）", "1、", "3." and the "其中：" prefix, which carry no meaning for matching. */
export function stripEnumeration(label: string): string {
  return label.replace(/^(其中[:：]?)/, '').replace(SECTION_NUMBER, '').replace(/^(其中[:：]?)/, '');
}

/**
 * A cell's wrapped text on one line, for a message: a line break inside Chinese is where the cell
 * wrapped (“服务对象满意\n度指标”) and is dropped; between other characters it becomes a space.
 */
export function unwrapLines(text: string): string {
  if (!/[\r\n]/.test(text)) return text;
  return text.replace(/[ \t\u3000]*[\r\n]+[ \t\u3000]*/g, (_, offset: number, whole: string) => {
    const before = whole[offset - 1] ?? '';
    const after = whole[offset + _.length] ?? '';
    return before === '' || after === '' || (/[^\x00-\x7f]/.test(before) && /[^\x00-\x7f]/.test(after)) ? '' : ' ';
  });
}

export function cellText(value: CellValue): string {
  if (value === null) return '';
  return typeof value === 'string' ? value : String(value);
}

/** Leading white space as an indent level: four half-width or two full-width spaces per level. */
export function leadingIndent(text: string): number {
  const m = /^[ \u3000\t]*/.exec(text);
  if (!m) return 0;
  let width = 0;
  for (const ch of m[0]) width += ch === '\u3000' ? 2 : ch === '\t' ? 4 : 1;
  return Math.floor(width / 4);
}

export type ParsedAmount =
  | { kind: 'blank' }
  | { kind: 'number'; value: number; decimals: number; fromText: boolean; rounded?: true }
  | { kind: 'invalid'; text: string };

const BLANK_MARKS = new Set(['-', '--', '—', '——', '/', '－']);
/** Words some templates print where no amount applies ("单位不需填列"): blank, not a bad amount. */
const NOT_APPLICABLE = /^(单位)?(不需|无需|不)填列$|^不适用$/;

/**
 * An amount as written in a budget table: a number, or text such as "1,699.78", "１６９９．７８",
 * "(12.50)" for a negative. Blank and dash marks are blank (zero in sums, "not filled in" elsewhere).
 */
export function parseAmount(value: CellValue, numFmt?: string): ParsedAmount {
  if (value === null || value === '') return { kind: 'blank' };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { kind: 'invalid', text: String(value) };
    const decimals = decimalsOfFormat(numFmt, value);
    if (formatRounds(numFmt, decimals, value)) return { kind: 'number', value, decimals, fromText: false, rounded: true };
    return { kind: 'number', value, decimals, fromText: false };
  }
  if (typeof value === 'boolean') return { kind: 'invalid', text: String(value) };
  const raw = fold(value).replace(/^[\s\u00a0]+|[\s\u00a0]+$/g, '');
  if (raw === '' || BLANK_MARKS.has(raw) || NOT_APPLICABLE.test(raw)) return { kind: 'blank' };
  // "1 2" is two numbers or a typo, never twelve.
  if (/[\s\u00a0]/.test(raw)) return { kind: 'invalid', text: value };
  let text = raw.replace(/[,，]/g, '');
  let negative = false;
  const paren = /^\((.*)\)$/.exec(text);
  if (paren) {
    negative = true;
    text = paren[1]!;
  }
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(text)) return { kind: 'invalid', text: value };
  const n = Number(text);
  const dot = text.indexOf('.');
  const decimals = dot < 0 ? 0 : text.length - dot - 1;
  return { kind: 'number', value: negative ? -n : n, decimals, fromText: true };
}

/**
 * A format showing fewer than two decimals ("#,##0" over 1744680.34) rounds what the reader sees. A
 * zero hides nothing: "0" among 22.20 and 18.00 is a nil, and counting it as ±0.5 let a 公务接待费
 * typed 22.02 for 22.20 pass a 合计 of 40.20 (Anhui 杜集 2020).
 */
export function formatRounds(numFmt: string | undefined, decimals: number, value: number): boolean {
  return value !== 0 && decimals < 2 && !!numFmt && factsOf(numFmt).explicit;
}

/** How many decimals a number format shows ("0.00" → 2, "#,##0" → 0); General shows the value as is. */
export function decimalsOfFormat(numFmt: string | undefined, value: number): number {
  return decimalsWith(numFmt ? factsOf(numFmt) : undefined, value);
}

/** The same from a format's facts already looked up (displayText has them). */
function decimalsWith(f: FormatFacts | undefined, value: number): number {
  return f?.decimals ?? decimalsShown(value);
}

/** Decimals of a number as General shows it. */
function decimalsShown(value: number): number {
  if (Number.isInteger(value)) return 0;
  const s = String(value);
  const dot = s.indexOf('.');
  return dot < 0 || s.includes('e') ? 0 : s.length - dot - 1;
}

/** Formats a number the way a budget table shows it: fixed decimals, no thousands separators. */
export function formatAmount(value: number, decimals = 2): string {
  return value.toFixed(decimals);
}

interface FormatFacts {
  percent: boolean;
  comma: boolean;
  /** Digit placeholders in a format other than General and @: the format decides what is shown. */
  explicit: boolean;
  /** Decimals the format shows; undefined when it shows the value as is (no digit placeholders). */
  decimals: number | undefined;
}

/** What a format's first section says, worked out once per format (a workbook has a handful). */
const formatFacts = new BoundedCache<string, FormatFacts>(1000);
function factsOf(numFmt: string): FormatFacts {
  return formatFacts.get(numFmt, readFormat);
}

function readFormat(numFmt: string): FormatFacts {
  const section = numFmt.split(';')[0]!;
  const m = /0\.(0+)/.exec(section);
  const general = numFmt === 'General' || numFmt === '@';
  return { percent: section.includes('%'), comma: section.includes(','), explicit: !general && /[0#]/.test(section), decimals: general ? undefined : m ? m[1]!.length : /[0#]/.test(section) ? 0 : undefined };
}

/** A formatted amount with its whole part grouped by thousands ("568419.11" → "568,419.11"), as a sentence grouping its figures writes them. */
export function groupedAmount(formatted: string): string {
  const sign = formatted.startsWith('-') ? '-' : '';
  const body = formatted.slice(sign.length);
  const dot = body.indexOf('.');
  return sign + (dot < 0 ? groupThousands(body) : groupThousands(body.slice(0, dot)) + body.slice(dot));
}

function groupThousands(int: string): string {
  if (int.length <= 3) return int;
  let out = '';
  const head = int.length % 3;
  if (head) out = int.slice(0, head);
  for (let i = head; i < int.length; i += 3) out += (out ? ',' : '') + int.slice(i, i + 3);
  return out;
}

/** Display text for a value with a number format: enough of Excel's formatting for budget tables. */
export function displayText(value: CellValue, numFmt?: string): string {
  if (value === null) return '';
  if (typeof value !== 'number') return cellText(value);
  if (!numFmt || numFmt === 'General') return String(value);
  const f = factsOf(numFmt);
  const v = f.percent ? value * 100 : value;
  const digits = Math.abs(v).toFixed(decimalsWith(f, v));
  const s = f.comma ? groupedAmount(digits) : digits;
  return `${v < 0 ? '-' : ''}${s}${f.percent ? '%' : ''}`;
}

/**
 * Quotes inside quotes become single quotes, as Chinese writing nests them: “说明中的“三公”经费总额”
 * → “说明中的‘三公’经费总额”. Unbalanced quotes (a workbook's own text) are left as they are, and so is
 * everything within 「」.
 */
export function nestQuotes(text: string): string {
  let depth = 0;
  let out = '';
  let verbatim = false;
  for (const ch of text) {
    // 「…」 quotes a workbook's text as written, its own quotation marks and all (text-unbalanced-quotes).
    if (verbatim || ch === '「') {
      verbatim = ch !== '」';
      out += ch;
    } else if (ch === '“') {
      out += depth > 0 ? '‘' : ch;
      depth++;
    } else if (ch === '”' && depth > 0) {
      depth--;
      out += depth > 0 ? '’' : ch;
    } else out += ch;
  }
  return out;
}

/**
 * Names an excerpt of a text never cuts through: a leader's name quoted in half (“平总书记对政法工作…”,
 * 广州 宣传部 2026) reads as a slight in a report sent to a government department.
 */
const KEPT_WHOLE = /习近平/gu;

/** The bounds [start, end) of an excerpt, clamped to the text and widened so that it cuts no name kept whole. */
export function excerptBounds(text: string, start: number, end = text.length): [number, number] {
  let [from, to] = [Math.max(0, start), Math.min(text.length, end)];
  for (const m of text.matchAll(KEPT_WHOLE)) {
    const [a, b] = [m.index, m.index + m[0].length];
    if (a < from && b > from) from = a;
    if (a < to && b > to) to = b;
  }
  return [from, to];
}

/** text.slice(start, end), widened so that it cuts no name kept whole. */
export const excerpt = (text: string, start: number, end = text.length) => text.slice(...excerptBounds(text, start, end));
