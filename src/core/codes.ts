/**
 * Classification codes (科目编码). Functional: 类 3 digits, 款 5, 项 7 (208 → 20801 → 2080101).
 * Economic: 类 3, 款 5 (301 → 30101). Written whole, spaced ("208 05 01") or split into 类/款/项 columns.
 */
import { fold } from './text.js';

export interface SubjectCode {
  /** Digits only, e.g. "2080101". */
  code: string;
  /** 1 = 类, 2 = 款, 3 = 项. */
  level: 1 | 2 | 3;
}

const WHOLE = /^\d{3}(?:\d{2}){0,2}$/;

/** An economic subject's code (301, 30302; the government's 501 …): it begins with 3 or 5, a functional one with 2. */
export const isEconomicCode = (code: string) => /^[35]/.test(code);

/**
 * The code a row hangs under in a table listing `has`: its parent; for an economic subject split a
 * level further (西安 2019's 部门经济 3010201 津贴补贴 and 3010202 改革性补贴, their 30102 not printed),
 * its class when the table lists that and not the parent.
 */
export function listedParent(code: string, has: (code: string) => boolean): string | undefined {
  const parent = parentCode(code);
  if (parent === undefined || has(parent) || code.length !== 7 || !isEconomicCode(code)) return parent;
  const grand = parentCode(parent)!;
  return has(grand) ? grand : parent;
}

/**
 * Whether the coded rows are economic subjects (工资福利支出 301, 30101 …; the government's 501 …),
 * which begin with 3 or 5, where functional ones begin with 2: a general budget table may be
 * published by economic subject (深圳, 西安 2026) under the title of the functional one.
 */
export function codedEconomically(rows: readonly { code?: { code: string } }[]): boolean {
  let coded = 0;
  for (const r of rows) {
    if (!r.code) continue;
    if (!isEconomicCode(r.code.code)) return false;
    coded++;
  }
  return coded > 0;
}

/** What each level is called: 类, 款, 项. */
export const LEVEL_NAMES: Readonly<Record<number, string>> = { 1: '类', 2: '款', 3: '项' };

export function levelOf(code: string): 1 | 2 | 3 {
  return code.length <= 3 ? 1 : code.length <= 5 ? 2 : 3;
}

export function parentCode(code: string): string | undefined {
  if (code.length <= 3) return undefined;
  return code.slice(0, code.length - 2);
}

/** "2080101", "208 05 01", "208.05.01", "２０８０１" → code; anything else → undefined. */
export function parseWholeCode(text: string): SubjectCode | undefined {
  // Most codes are written as plain digits (a number cell's value): nothing to fold, strip or split.
  if (WHOLE.test(text)) return { code: text, level: levelOf(text) };
  const digits = fold(text).trim().replace(/[\s.\-\u00a0]+/g, '');
  if (!WHOLE.test(digits)) return undefined;
  const spaced = fold(text).trim().split(/[\s.\-\u00a0]+/);
  // A spaced code must split at the 类/款/项 boundaries ("208 05 01"), not anywhere.
  if (spaced.length > 1 && !spaced.every((part, i) => (i === 0 ? part.length === 3 : part.length === 2))) return undefined;
  return { code: digits, level: levelOf(digits) };
}

/**
 * The text to read a code from: a whole-number cell's value, otherwise what it shows. A number cell
 * formatted "0.00" shows code 208 as "208.00", which would read as 20800.
 */
export function codeText(cell: { value: unknown; text: string } | undefined): string {
  if (!cell) return '';
  return typeof cell.value === 'number' && Number.isInteger(cell.value) ? String(cell.value) : cell.text;
}

/** A label that starts with its code: "2080101 行政运行", "[208]社会保障和就业支出". */
export function splitCodeFromLabel(text: string): { code: SubjectCode; rest: string } | undefined {
  // The name follows after a space, bracket or dash ("30101-基本工资", 北京 2026), or directly as
  // Chinese text ("2080101行政运行"); "20801x" is a mistyped code, not code 20801 named "x".
  const m = /^\s*\[?(\d{3}(?:[\s.]?\d{2}){0,2})(?:\]|\s*[-－—–]\s*|\s+|(?=[\u3400-\u9fff]))\s*(.*)$/s.exec(fold(text));
  if (!m) return undefined;
  const code = parseWholeCode(m[1]!);
  if (!code || m[2]!.trim() === '') return undefined;
  return { code, rest: m[2]!.trim() };
}

function part(value: string | number | null | undefined, width: number): string | undefined {
  if (value === null || value === undefined) return undefined;
  const s = fold(String(value)).trim();
  if (s === '') return undefined;
  if (!/^\d+$/.test(s) || s.length > width) return '!';
  return s.padStart(width, '0');
}

/**
 * A 类 misprinted in split columns, read from the run it breaks: 普陀 社会福利院 2024 prints
 * “7 | 11 | 02 事业单位医疗” under “210 | 11 | 行政事业单位医疗”. A 类 of digits but not three, whose 款 is the
 * 款 of the coded row above, is that row's 类: the code is 2101102, and the 类 cell is what to correct.
 * Anything else (no 款, another 款, letters) stays unread, as joinSplitCode leaves it.
 */
export function misprintedClass(
  cls: string | number | null | undefined,
  section: string | number | null | undefined,
  item: string | number | null | undefined,
  previous: string | undefined,
): { code: SubjectCode; written: string; expected: string } | undefined {
  const written = cls === null || cls === undefined ? '' : fold(String(cls)).trim();
  if (!/^\d{1,2}$|^\d{4,}$/.test(written) || !previous || previous.length < 5) return undefined;
  const k = part(section, 2);
  if (!k || k === '!' || k !== previous.slice(3, 5)) return undefined;
  const code = joinSplitCode(previous.slice(0, 3), section, item);
  return code ? { code, written, expected: previous.slice(0, 3) } : undefined;
}

/**
 * Split columns: 类 "208", 款 "05", 项 "01". Numbers lose leading zeros in Excel (款 5), so parts are
 * padded. A row that leaves 类 (or 款) blank inherits it from the row above, as many templates do.
 */
export function joinSplitCode(
  cls: string | number | null | undefined,
  section: string | number | null | undefined,
  item: string | number | null | undefined,
  previous?: string,
): SubjectCode | undefined {
  // A 类 is three digits: padding is for the 款 and 项 a number cell loses its leading zero in (5 for
  // 05); a 类 “7” (普陀 2024 for 210) is a misprint, not class 007.
  let c = part(cls, 3);
  if (c && c !== '!' && fold(String(cls)).trim().length !== 3) return undefined;
  let k = part(section, 2);
  const x = part(item, 2);
  if (c === '!' || k === '!' || x === '!') return undefined;
  if (!c && (k || x) && previous) c = previous.slice(0, 3);
  if (c && !k && x && previous && previous.startsWith(c) && previous.length >= 5) k = previous.slice(3, 5);
  if (!c) return undefined;
  if (x && !k) return undefined;
  const digits = c + (k ?? '') + (x ?? '');
  return { code: digits, level: levelOf(digits) };
}
