/**
 * A subject's name written in the narrative with its words in another order (苏州 自然资源和规划局
 * 2026: “一般行政事务管理” for 2200102 一般行政管理事务): the characters of a name the tables print, the
 * same ones, in another order, keeping the name's first two or last two. Only the narrative's text is
 * read, not the rows of the recognised tables.
 */
import type { z } from 'zod';
import type { WordOrderParams } from '../params/near-misses.js';
import { toA1 } from '../../address.js';
import { addTo } from '../../multimap.js';
import { normalizeLabel } from '../../text.js';
import type { Item, RuleContext } from '../context.js';
import { type IteratorDef, num, text, both } from '../registry-types.js';
import { inRecognisedTable, narrativeCells } from './narrative.js';

interface SubjectName {
  name: string;
  code: string;
  /** The sum of its character codes: a window that differs in it differs in its characters, without sorting them. */
  sum: number;
}

const lettersOf = (s: string) => [...s].sort().join('');

function codeSum(s: string): number {
  let sum = 0;
  for (let i = 0; i < s.length; i++) sum += s.charCodeAt(i);
  return sum;
}

/** Two characters as one number: pairs looked up without a string made for each. */
const pairAt = (s: string, i: number) => s.charCodeAt(i) * 65536 + s.charCodeAt(i + 1);

/**
 * The tables' subject names at least `minLength` long that begin or end with a pair of characters the
 * narrative has (`pairs`), by their first two and by their last two characters. Only those: a large
 * workbook's tables name tens of thousands of subjects, its narrative a few dozen. (A label is
 * normalised only once its pairs, as written, are the narrative's.)
 */
function subjectNames(ctx: RuleContext, minLength: number, pairs: ReadonlySet<number>) {
  const byStart = new Map<number, SubjectName[]>();
  const byEnd = new Map<number, SubjectName[]>();
  const added = new Set<string>();
  for (const t of ctx.recognition.tables) {
    for (const row of t.rows) {
      const label = row.code ? row.labels.name : undefined;
      if (label === undefined || label.length < minLength || (!pairs.has(pairAt(label, 0)) && !pairs.has(pairAt(label, label.length - 2)))) continue;
      const name = normalizeLabel(label);
      if (name.length < minLength || added.has(name)) continue;
      added.add(name);
      const n = { name, code: row.code!.code, sum: codeSum(name) };
      if (pairs.has(pairAt(name, 0))) addTo(byStart, pairAt(name, 0), n);
      if (pairs.has(pairAt(name, name.length - 2))) addTo(byEnd, pairAt(name, name.length - 2), n);
    }
  }
  return { byStart, byEnd };
}

/** Every subject name the tables print, normalised: asked only of a window that is another's characters reordered. */
function allSubjectNames(ctx: RuleContext): ReadonlySet<string> {
  return ctx.memo('word-order:all-names', () => {
    const names = new Set<string>();
    for (const t of ctx.recognition.tables) for (const row of t.rows) if (row.code && row.labels.name) names.add(normalizeLabel(row.labels.name));
    return names;
  });
}

/** Where the text holds a name the tables print, as it prints it (any such name begins with a pair of the narrative's: `byStart`). */
function namedSpans(text: string, byStart: ReadonlyMap<number, readonly SubjectName[]>): [number, number][] {
  const spans: [number, number][] = [];
  for (const names of byStart.values()) {
    for (const { name } of names) {
      for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) spans.push([at, at + name.length]);
    }
  }
  return spans;
}

/**
 * How `written` is `name` with two of its words traded: name = prefix + first + second + suffix and
 * written = prefix + second + first + suffix, each word two characters or more. Undefined otherwise.
 */
export function wordsSwapped(written: string, name: string): { first: string; second: string } | undefined {
  if (written.length !== name.length) return undefined;
  let from = 0;
  while (from < name.length && written[from] === name[from]) from++;
  let to = name.length;
  while (to > from && written[to - 1] === name[to - 1]) to--;
  const w = written.slice(from, to);
  const n = name.slice(from, to);
  for (let k = 2; k <= n.length - 2; k++) {
    if (w === n.slice(k) + n.slice(0, k)) return { first: n.slice(0, k), second: n.slice(k) };
  }
  return undefined;
}

export const subjectNameOrders: IteratorDef<z.infer<typeof WordOrderParams>> = {
  name: 'subject-name-orders',
  description: both(
    '说明中与表中科目名称用字相同、词序不同的文字（首二字或末二字与名称相同）',
    'narrative text with the characters of a subject name the tables print, in another order (keeping its first or last two)',
  ),
  facts: {
    written: text('说明中的写法', 'as the narrative writes it'),
    name: text('表中的科目名称', 'the subject name in the tables'),
    code: text('该科目的编码', 'the subject’s code'),
    length: num('名称的字数', 'characters in the name'),
  },
  identities: false,
  texts: [],
  run(ctx, params) {
    const inTable = inRecognisedTable(ctx);
    const cells = narrativeCells(ctx).filter((c) => !inTable(c));
    if (cells.length === 0) return [];
    const pairs = new Set<number>();
    for (const { folded } of cells) for (let i = 0; i + 2 <= folded.length; i++) pairs.add(pairAt(folded, i));
    const { byStart, byEnd } = subjectNames(ctx, params.minLength, pairs);
    const letters = new Map<string, string>();
    const lettersOfName = (name: string) => letters.get(name) ?? letters.set(name, lettersOf(name)).get(name)!;
    const items: Item[] = [];
    for (const cell of cells) {
      const text = cell.folded;
      const seen = new Set<string>();
      const named = namedSpans(text, byStart);
      // Sums of character codes from the start: what a stretch of text sums to, without making it.
      const sums = new Float64Array(text.length + 1);
      for (let i = 0; i < text.length; i++) sums[i + 1] = sums[i]! + text.charCodeAt(i);
      const consider = (at: number, n: SubjectName) => {
        const end = at + n.name.length;
        if (at < 0 || end > text.length || sums[end]! - sums[at]! !== n.sum) return;
        const written = text.slice(at, end);
        // Another name the tables print is no slip, however its characters compare, nor is a part of one
        // (“其他退役军人事务管理支出” holds “退役军人事务管理”).
        if (written === n.name || seen.has(`${at}:${written}`) || lettersOf(written) !== lettersOfName(n.name) || allSubjectNames(ctx).has(written)) return;
        if (named.some(([from, to]) => from <= at && end <= to)) return;
        const swap = wordsSwapped(written, n.name);
        // Two words of two characters or more trade places: a character moved (“和其他商品服务支出” for
        // “其他商品和服务支出”'s 和) is a different matter, and the name's first word written before it
        // as well (“军队移交政府的军队…”) is the name in its order with a word repeated.
        if (!swap || text.slice(Math.max(0, at - swap.first.length), at) === swap.first) return;
        // A name followed straight by an amount with no level marked heads an item of a list of
        // projects by category (深圳 2026's “4.退役军人事务管理2,918.21万元”), which may be worded so.
        if (/^\d/.test(text.slice(end))) return;
        seen.add(`${at}:${written}`);
        items.push({
          facts: { written, name: n.name, code: n.code, length: n.name.length },
          cell: { sheet: cell.sheet, cell: toA1(cell.row, cell.col) },
        });
      };
      for (let i = 0; i + 2 <= text.length; i++) {
        const pair = pairAt(text, i);
        for (const n of byStart.get(pair) ?? []) consider(i, n);
        for (const n of byEnd.get(pair) ?? []) consider(i + 2 - n.name.length, n);
      }
    }
    return items;
  },
};
