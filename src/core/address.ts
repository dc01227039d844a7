/** A1-style addresses. Rows and columns are 1-based everywhere in the project, as in Excel. */

/** Letters of the columns a budget table uses, made once: every cell reference asks for them. */
const COMMON_LETTERS: string[] = [];

export function columnLetters(col: number): string {
  if (col < 256) return (COMMON_LETTERS[col] ??= lettersOf(col));
  return lettersOf(col);
}

function lettersOf(col: number): string {
  let letters = '';
  let n = col;
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function toA1(row: number, col: number): string {
  return `${columnLetters(col)}${row}`;
}

export interface CellPosition {
  row: number;
  col: number;
}

export function fromA1(address: string): CellPosition {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(address.trim());
  if (!m) throw new Error(`Not an A1 address: ${address}`);
  return { row: Number(m[2]), col: columnNumber(m[1]!) };
}

export interface RangeBounds {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export function rangeToA1(r: RangeBounds): string {
  return `${toA1(r.top, r.left)}:${toA1(r.bottom, r.right)}`;
}

export function parseRange(range: string): RangeBounds {
  const [a, b] = range.split(':');
  const start = fromA1(a!);
  const end = b ? fromA1(b) : start;
  return {
    top: Math.min(start.row, end.row),
    left: Math.min(start.col, end.col),
    bottom: Math.max(start.row, end.row),
    right: Math.max(start.col, end.col),
  };
}
