/**
 * Accountants' checks that explain a wrong figure: transposed digits, a slipped decimal or 元/万元
 * mix-up, a blank that should hold a value, a sign error, an omitted row.
 */
import { formatTemplate, type Lang } from '../messages.js';

const TEXT = {
  transposed: { 'zh-CN': '疑似相邻数字颠倒（{{expected}} 写成了 {{actual}}）', en: 'looks like transposed digits ({{expected}} typed as {{actual}})' },
  divisibleBy9: { 'zh-CN': '差额 {{difference}} 能被 9 整除，疑似数字颠倒', en: 'the difference {{difference}} is divisible by 9: digits may be transposed' },
  unitMix: { 'zh-CN': '相差 {{factor}} 倍，疑似元与万元混用', en: 'off by a factor of {{factor}}: 元 and 万元 look mixed up' },
  decimal: { 'zh-CN': '相差 {{factor}} 倍，疑似小数点错位', en: 'off by a factor of {{factor}}: the decimal point looks slipped' },
  blank: { 'zh-CN': '该格为空，疑似漏填', en: 'the cell is blank: the value looks omitted' },
  zero: { 'zh-CN': '该格填的是 0，疑似漏填', en: 'the cell holds 0: the value looks omitted' },
  sign: { 'zh-CN': '疑似正负号错误', en: 'looks like a sign error' },
  omitted: { 'zh-CN': '差额恰好等于“{{item}}”，疑似漏加或多加了这一行', en: 'the difference equals “{{item}}”: that row looks omitted or counted twice' },
  printedTwice: {
    'zh-CN': '差额恰好等于“{{item}}”，而 {{other}} 与它科目、金额都相同：疑似同一行印了两次，删去多印的一行即相符',
    en: 'the difference equals “{{item}}”, which {{other}} repeats in subject and amount: the row looks printed twice; without the extra one the sum holds',
  },
  signOfItem: { 'zh-CN': '差额是“{{item}}”的两倍，疑似该行正负号有误', en: 'the difference is twice “{{item}}”: its sign looks wrong' },
} as const;

const cents = (n: number) => Math.round(n * 100);

const isDigit = (ch: string | undefined) => ch !== undefined && ch >= '0' && ch <= '9';

/** A written figure with one of its digits left out, place by place: the figure typed with a digit too many undone (“43269.3” → “3269.3”). */
export function digitsDropped(written: string): { at: number; text: string }[] {
  const out: { at: number; text: string }[] = [];
  for (let i = 0; i < written.length; i++) if (isDigit(written[i])) out.push({ at: i, text: written.slice(0, i) + written.slice(i + 1) });
  return out;
}

/** A written figure with two adjacent, different digits swapped, place by place: a transposition undone (“213.54” → “123.54”). */
export function adjacentSwaps(written: string): { at: number; text: string }[] {
  const out: { at: number; text: string }[] = [];
  for (let i = 0; i + 1 < written.length; i++) {
    const [a, b] = [written[i]!, written[i + 1]!];
    if (isDigit(a) && isDigit(b) && a !== b) out.push({ at: i, text: written.slice(0, i) + b + a + written.slice(i + 2) });
  }
  return out;
}

const isAdjacentTransposition = (a: string, b: string) => adjacentSwaps(a).some((s) => s.text === b);

/** The powers of ten a figure is typed off by: a decimal point slipped, or 元 for 万元 (10 000). */
const DECIMAL_SLIPS = [10000, 1000, 100, 10] as const;

/** A slip that turns `expected` into `actual` exactly: a sign, two digits swapped, a power of ten. */
export function clearSlip(actual: number, expected: number, decimals = 2): { kind: 'sign' | 'transposed' | 'decimal' | 'unitMix'; factor?: number } | undefined {
  const show = (n: number) => n.toFixed(decimals);
  if (actual !== 0 && cents(actual) === -cents(expected)) return { kind: 'sign' };
  if (isAdjacentTransposition(show(Math.abs(actual)).replace('.', ''), show(Math.abs(expected)).replace('.', ''))) return { kind: 'transposed' };
  if (expected !== 0) {
    for (const factor of DECIMAL_SLIPS) {
      for (const ratio of [factor, 1 / factor]) {
        if (Math.abs(actual / expected - ratio) < 0.0005 * ratio) return { kind: factor === 10000 ? 'unitMix' : 'decimal', factor };
      }
    }
  }
  return undefined;
}

/**
 * The figure a recognisable slip undoes exactly, where the solved value differs from it by what
 * rounding leaves: a decimal slipped (1236.1 for 123.61) or two digits swapped (213.54 for 123.54),
 * when the rounded parts add up to 123.60 or 123.53 (杭州, 广州 2026).
 */
export function slipUndone(actual: number | null, solved: number, decimals: number): number | undefined {
  if (actual === null || actual === 0 || solved === 0) return undefined;
  const round = (n: number) => Math.round(n * 10 ** decimals) / 10 ** decimals;
  const unit = 10 ** -decimals;
  const slip = clearSlip(actual, solved, decimals);
  if (slip?.factor) {
    const exact = round(actual / (Math.abs(actual) > Math.abs(solved) ? slip.factor : 1 / slip.factor));
    return exact === solved ? undefined : exact;
  }
  if (slip) return undefined;
  // A decimal point slipped, where rounding leaves the solution a unit off the figure it undoes (烟台
  // 2026's 4.5 typed 45, whose rounded parts add up to 4.49): too far off for clearSlip's ratio.
  for (const factor of DECIMAL_SLIPS) {
    for (const exact of [round(actual / factor), round(actual * factor)]) {
      if (exact !== 0 && exact !== solved && Math.abs(exact - solved) <= unit * 1.0001) return exact;
    }
  }
  // Two adjacent digits of the figure swapped back, within one unit of the last digit of the solution.
  // Not the last two: a swap there moves the figure less than a tenth of a unit, as a single mistyped
  // last digit does, and the solution is then the better guess (无锡 2026's 7,959.88 typed 7,959.98
  // would have become 7,959.89).
  const digits = Math.abs(actual).toFixed(decimals).replace('.', '');
  for (const { at, text: swapped } of adjacentSwaps(digits)) {
    if (at + 2 >= digits.length) continue;
    const value = Math.sign(actual) * Number(`${swapped.slice(0, -decimals)}.${swapped.slice(-decimals)}`);
    if (value !== solved && Math.abs(value - solved) <= unit * 1.0001) return value;
  }
  return undefined;
}

/** Whether two figures, as digit strings, hold the same digits in some order. */
const sameDigits = (a: string, b: string) => [...a].sort().join('') === [...b].sort().join('');

/** Why a cell showing `actual` may really be `expected`; undefined when no check explains it. */
export function explainValue(actual: number | null, expected: number, lang: Lang, decimals = 2): string | undefined {
  const show = (n: number) => n.toFixed(decimals);
  // A 0 typed is not a blank cell (Guilin 司法局 2015's 公务用车费 printed “0”): say which the clerk sees.
  if (actual === null || actual === 0) return expected !== 0 ? TEXT[actual === null ? 'blank' : 'zero'][lang] : undefined;
  const a = show(Math.abs(actual)).replace('.', '');
  const e = show(Math.abs(expected)).replace('.', '');
  const slip = clearSlip(actual, expected, decimals);
  if (slip?.kind === 'sign') return TEXT.sign[lang];
  if (slip?.kind === 'transposed') return formatTemplate(TEXT.transposed[lang], { actual: show(actual), expected: show(expected) });
  if (slip) return formatTemplate((slip.kind === 'unitMix' ? TEXT.unitMix : TEXT.decimal)[lang], { factor: slip.factor! });
  const d = Math.abs(cents(actual) - cents(expected));
  // Two digits swapped keep the figure's digits, only reordered: 0.27 for 0.00 is divisible by 9 and no swap.
  if (d > 0 && d % 9 === 0 && sameDigits(a, e)) return formatTemplate(TEXT.divisibleBy9[lang], { difference: show(d / 100) });
  return undefined;
}

export interface DifferenceItem {
  name: string;
  value: number | null;
  /** The row as named without its address (key), and its cell: two parts alike in both are one row printed twice. */
  row?: { key: string; cell: string };
}

/** For a sum that fails with no single cell to blame: does the difference match one of its rows? */
export function explainDifference(difference: number, items: DifferenceItem[], lang: Lang): string | undefined {
  const d = cents(Math.abs(difference));
  if (d === 0) return undefined;
  const same = items.find((i) => i.value !== null && cents(Math.abs(i.value)) === d);
  // Parts over their total by a row that another part repeats, name and figure (无锡 发改委 2025's 21999
  // 其他支出 printed on two rows under 219): the extra row, not a total to raise.
  const twin = difference < 0 && same?.row !== undefined ? items.find((i) => i !== same && i.row !== undefined && i.row.key === same.row!.key && i.value === same.value) : undefined;
  if (same && twin) return formatTemplate(TEXT.printedTwice[lang], { item: same.name, other: twin.row!.cell });
  if (same) return formatTemplate(TEXT.omitted[lang], { item: same.name });
  const twice = items.find((i) => i.value !== null && cents(Math.abs(i.value)) * 2 === d);
  if (twice) return formatTemplate(TEXT.signOfItem[lang], { item: twice.name });
  return undefined;
}
