/**
 * A reason that names its own direction (“财政拨款收入支出减少的主要原因是……”) against the change the
 * narrative has just stated (“比2025年预算增加156万元”): 上海 海洋监测预报中心 2026 states an increase
 * three times, then explains a decrease. The change is the one the reason's own sentence states before
 * it (“比…” or “较…”), or, where it states none, the paragraph above; the reason is judged only where
 * every change there goes one way. A change of nothing goes neither (深圳 住建局 2026: “较2025年年初预算
 * 增加0.00万元”, then “比2025年减少的主要原因是……”).
 */
import type { z } from 'zod';
import type { ReasonChangeParams } from '../params/narrative-items.js';
import { toA1 } from '../../address.js';
import { globalMatches } from '../../text.js';
import type { Item, RuleContext } from '../context.js';
import { type IteratorDef, text, both } from '../registry-types.js';
import { narrativeCells, paragraphAbove } from './narrative.js';

const REASON = /([\u4e00-\u9fff“”（）()]{0,30}?)(增加|减少|增长|下降|上升|降低)的?主要原因/gu;
const CHANGE = /(?:比|较)[^，。；]{0,20}?(增加|减少|增长|下降|上升|降低)了?\s*(\d[\d,]*(?:\.\d+)?)\s*(?:万元|元|%)?/gu;
const UP = new Set(['增加', '增长', '上升']);

const directionOf = (word: string) => (UP.has(word) ? 'increase' : 'decrease');

/** The changes a text states, with the words that state them: one of nothing (“增加0.00万元”) has no direction. */
function changesIn(text: string): { direction: string; words: string }[] {
  return [...globalMatches(CHANGE, text)].map((m) => ({ direction: Number(m[2]!.replace(/,/g, '')) === 0 ? 'none' : directionOf(m[1]!), words: m[0] }));
}

export const narrativeReasonChanges: IteratorDef<z.infer<typeof ReasonChangeParams>> = {
  name: 'narrative-reason-changes',
  description: both(
    '说明中写明方向的原因（“……减少的主要原因是”）与紧挨着它写的增减（同一句在前，或上一段）',
    'a reason the narrative gives with its direction (“……减少的主要原因是”) against the change stated just before it (earlier in its sentence, or the paragraph above)',
  ),
  facts: {
    reasonDirection: text('原因所说的方向：increase 或 decrease', 'the direction the reason names: increase or decrease'),
    changeDirection: text(
      '前文所写增减的方向（都是同一方向时）：increase、decrease，或增减为零时 none；不一致或没有时为空',
      'the direction of the changes stated before it, where all go one way: increase, decrease, or none for a change of nothing; empty otherwise',
    ),
    reason: text('原因的开头', 'the opening of the reason'),
    change: text('前文写的增减', 'the change stated before it'),
  },
  identities: false,
  texts: [],
  run(ctx: RuleContext) {
    const items: Item[] = [];
    const cells = narrativeCells(ctx);
    cells.forEach((cell, i) => {
      for (const m of globalMatches(REASON, cell.folded)) {
        // Its own sentence first (西安 商务局 2022 states 会议费's decrease, then 培训费's increase and why,
        // in one paragraph), then what the paragraph said before it.
        const sentence = cell.folded.lastIndexOf('。', m.index) + 1;
        const own = changesIn(cell.folded.slice(sentence, m.index));
        const before = own.length > 0 ? own : changesIn(cell.folded.slice(0, sentence));
        // The paragraph above, a blank row between them at most.
        const previous = before.length === 0 ? paragraphAbove(cells, i, 2) : undefined;
        const changes = before.length > 0 ? before : previous ? changesIn(previous.folded) : [];
        if (changes.length === 0) continue;
        const directions = new Set(changes.map((c) => c.direction));
        items.push({
          facts: {
            reasonDirection: directionOf(m[2]!),
            changeDirection: directions.size === 1 ? changes[0]!.direction : '',
            reason: m[0],
            change: changes[changes.length - 1]!.words,
          },
          cell: { sheet: cell.sheet, cell: toA1(cell.row, cell.col) },
          ...(previous && { related: [{ sheet: previous.sheet, cell: toA1(previous.row, previous.col) }] }),
        });
      }
    });
    return items;
  },
};
