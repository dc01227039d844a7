/**
 * A sentence or clause written twice in a row in one cell (上海 文印中心 2026: “…0台（套）。” twice).
 * Found by searching, not by a back-referencing pattern: such a pattern tries every length at every
 * position, 67 ms on 广州 生态环境局 2026's 134,000 characters of goals; this takes a few.
 */
import type { z } from 'zod';
import type { ItemParams } from '../params/narrative-items.js';
import { toA1 } from '../../address.js';
import type { Item, RuleContext } from '../context.js';
import { type IteratorDef, both, text } from '../registry-types.js';
import { textIndex } from './narrative.js';

/** Where a clause may start or end (the text folded: ，→ , and so on). */
const BOUNDARY = /[。;:,!?；：，！？\s]/u;
/** Where a sentence ends: a clause ending so may be the tail of a longer one (“单位预算安排…。安排…。”). */
const END = /[。;:!?；：！？]/u;
/** A repeat is something said: ten characters at least, four Chinese ones in a row among them. */
const MIN_LENGTH = 10;
const MAX_LENGTH = 200;
const SAID = /[\u4e00-\u9fff]{4}/u;

export interface Repeat {
  start: number;
  length: number;
}

/**
 * The first repeat in the text: a copy that starts at the text's start or after a boundary and is
 * followed at once by itself and then a boundary or the end; or a copy ending with a sentence's end
 * mark (and holding none before it), followed at once by itself.
 */
export function firstRepeat(t: string): Repeat | undefined {
  let found: Repeat | undefined;
  for (let b = 0; b < t.length - 2 * MIN_LENGTH + 1 && !found; b++) {
    if (b > 0 && !BOUNDARY.test(t[b - 1]!)) continue;
    const head = t.slice(b, b + 4);
    for (let at = t.indexOf(head, b + MIN_LENGTH); at >= 0 && at - b <= MAX_LENGTH; at = t.indexOf(head, at + 1)) {
      const length = at - b;
      const end = at + length;
      if (end > t.length || (end < t.length && !BOUNDARY.test(t[end]!))) continue;
      const copy = t.slice(b, at);
      if (t.startsWith(copy, at) && SAID.test(copy)) {
        found = { start: b, length };
        break;
      }
    }
  }
  // Between two consecutive end marks lies the second copy; the first ends at the earlier mark.
  let previous = -1;
  for (let e = 0; e < t.length; e++) {
    if (!END.test(t[e]!)) continue;
    const length = e - previous;
    const start = previous + 1 - length;
    if (previous >= 0 && length >= MIN_LENGTH && length <= MAX_LENGTH && start >= 0 && (!found || start < found.start)) {
      const copy = t.slice(start, previous + 1);
      if (!END.test(copy.slice(0, -1)) && t.startsWith(copy, previous + 1) && SAID.test(copy)) return { start, length };
    }
    previous = e;
  }
  return found;
}

export const repeatedSentences: IteratorDef<z.infer<typeof ItemParams>> = {
  name: 'repeated-sentences',
  description: both('一格文字中紧接着写了两遍的句子或分句', 'a sentence or clause written twice in a row in one cell'),
  facts: { matched: text('重复的句子（一遍）', 'the repeated sentence, once') },
  identities: false,
  texts: [],
  run(ctx: RuleContext) {
    const index = textIndex(ctx);
    const items: Item[] = [];
    // Each distinct text is searched once; its cells are visited only when it holds a repeat.
    for (const cell of index.cellsWhere((i) => index.texts[i]!.length >= 2 * MIN_LENGTH && firstRepeat(index.folded(i)) !== undefined)) {
      const r = firstRepeat(cell.folded)!;
      // Quoted as written where folding kept the text's length (offsets then fit it), else as folded.
      const source = cell.folded.length === cell.text.length ? cell.text : cell.folded;
      items.push({ facts: { matched: source.slice(r.start, r.start + r.length) }, cell: { sheet: cell.sheet, cell: toA1(cell.row, cell.col) } });
    }
    return items;
  },
};
