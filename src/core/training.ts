/**
 * Training workbooks carry their answer key in a very hidden sheet (base64 JSON). The pane reads it
 * to reveal the mistakes one by one and to score the cells a trainee marked.
 */
import type { CellAddress } from './findings.js';
import type { GridWorkbook } from './grid.js';
import { excerptBounds } from './text.js';

export const ANSWER_SHEET = '_budgetcheck_answers';

export interface TrainingAnswer {
  workbook: string;
  mistake: string;
  name: string;
  sheet: string;
  cell: string;
  original: string | number | null;
  planted: string | number | null;
  explanation: string;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function base64ToUtf8(text: string): string {
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const ch of text.replace(/[^A-Za-z0-9+/]/g, '')) {
    buffer = (buffer << 6) | B64.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
    }
  }
  // UTF-8 → string (the key is Chinese text).
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const n = b < 0x80 ? 1 : b < 0xe0 ? 2 : b < 0xf0 ? 3 : 4;
    let cp = n === 1 ? b : b & (0xff >> (n + 1));
    for (let k = 1; k < n; k++) cp = (cp << 6) | (bytes[i + k]! & 0x3f);
    out += String.fromCodePoint(cp);
    i += n;
  }
  return out;
}

/** The answer key of a training workbook, or undefined for an ordinary one. */
export function answerKey(grid: GridWorkbook): TrainingAnswer[] | undefined {
  const sheet = grid.sheets.find((s) => s.name === ANSWER_SHEET);
  const cell = sheet?.rows[0]?.[0];
  if (!cell || typeof cell.value !== 'string') return undefined;
  try {
    const parsed = JSON.parse(base64ToUtf8(cell.value)) as TrainingAnswer[];
    return Array.isArray(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export interface Score {
  found: TrainingAnswer[];
  missed: TrainingAnswer[];
  /** Marked cells that hold no planted mistake. */
  wrong: CellAddress[];
}

export function score(answers: TrainingAnswer[], marks: CellAddress[]): Score {
  const hit = (a: TrainingAnswer) => marks.some((m) => m.sheet === a.sheet && m.cell === a.cell);
  return {
    found: answers.filter(hit),
    missed: answers.filter((a) => !hit(a)),
    wrong: marks.filter((m) => !answers.some((a) => a.sheet === m.sheet && a.cell === m.cell)),
  };
}

/**
 * A former value as the answer quotes it: a figure whole; a paragraph of the 说明 by the words around
 * where the planted mistake changed it, not the whole paragraph.
 */
export function formerValue(original: string | number, planted: string | number | null): string {
  const text = String(original);
  if (text.length <= EXCERPT_LENGTH) return text;
  const other = String(planted ?? '');
  let at = 0;
  while (at < text.length && text[at] === other[at]) at++;
  const start = Math.max(0, at - EXCERPT_BEFORE);
  const end = Math.min(text.length, start + EXCERPT_LENGTH);
  const [from, to] = excerptBounds(text, start, end);
  return `${from > 0 ? '…' : ''}${text.slice(from, to)}${to < text.length ? '…' : ''}`;
}

const EXCERPT_LENGTH = 40;
const EXCERPT_BEFORE = 12;
