/** Chinese numerals as headings and lists write them (一 … 九十九): read, and written back. */

const DIGITS = '一二三四五六七八九';

/** The value of a Chinese numeral from 一 to 九十九 (一, 十, 十一, 二十, 二十三); undefined for any other text. */
export function chineseNumeral(s: string): number | undefined {
  const m = /^([一二三四五六七八九]?)(十?)([一二三四五六七八九]?)$/u.exec(s);
  if (!m || s === '') return undefined;
  const [, tens, ten, units] = m;
  if (!ten) return tens && !units ? DIGITS.indexOf(tens) + 1 : undefined;
  return (tens ? DIGITS.indexOf(tens) + 1 : 1) * 10 + (units ? DIGITS.indexOf(units) + 1 : 0);
}

/** The numeral written for n (1–99). */
export function numeralOf(n: number): string {
  const tens = Math.floor(n / 10);
  const units = n % 10;
  return `${tens > 1 ? DIGITS[tens - 1] : ''}${tens > 0 ? '十' : ''}${units > 0 ? DIGITS[units - 1] : ''}`;
}
