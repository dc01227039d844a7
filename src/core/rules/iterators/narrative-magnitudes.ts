/**
 * Every amount the narrative writes in 万元, beside the largest amount any of the workbook's tables
 * holds: a figure thousands of times larger was written in 元 and labelled 万元 (广州 市委宣传部 2026:
 * 固定资产金额“302,475,975.31万元”, three trillion yuan, for a department spending a few hundred
 * million). Amounts in 亿元 are left alone: targets speak of an industry's or a city's (烟台 商务局
 * 2026: 葡萄酒产业规模862.5亿元, 1,360 times the department's largest table amount).
 */
import type { z } from 'zod';
import type { MagnitudeParams } from '../params/narrative.js';
import { toA1 } from '../../address.js';
import { globalMatches } from '../../text.js';
import type { Item, RuleContext } from '../context.js';
import { UNIT_FACTOR } from '../identity.js';
import { type IteratorDef, num, text, both } from '../registry-types.js';
import { narrativeCells } from './narrative.js';

const AMOUNT = /(\d[\d,]*(?:\.\d+)?)\s*万元/gu;

/** The largest amount, in 万元, any recognised table holds. */
function largestTableAmount(ctx: RuleContext): number {
  return ctx.memo('largest-table-amount', () => {
    let largest = 0;
    for (const t of ctx.recognition.tables) {
      const toWan = UNIT_FACTOR[ctx.unit(t)] / UNIT_FACTOR['万元'];
      // Row by row with no array made per row: a large workbook has 80,000 rows.
      for (const row of t.rows) {
        for (const role in row.cells) {
          const amount = row.cells[role]!.amount;
          if (amount !== null) largest = Math.max(largest, Math.abs(amount) * toWan);
        }
      }
    }
    return largest;
  });
}

export const narrativeMagnitudes: IteratorDef<z.infer<typeof MagnitudeParams>> = {
  name: 'narrative-magnitudes',
  description: both('说明中以万元写的每个金额，与工作簿各表中最大的金额比较', 'every amount the narrative writes in 万元, against the largest amount in any of the tables'),
  facts: {
    written: text('说明中的原文（金额和单位）', 'the amount as written, with its unit'),
    amount: num('说明中的金额（万元）', 'the amount (万元)'),
    tableLargest: num('各表中最大的金额（万元）', 'the largest amount in the tables (万元)'),
    times: num('说明中的金额是表中最大金额的几倍', 'how many times the tables’ largest amount it is'),
  },
  identities: false,
  texts: [],
  run(ctx) {
    const items: Item[] = [];
    for (const cell of narrativeCells(ctx)) {
      for (const m of globalMatches(AMOUNT, cell.folded)) {
        const amount = Number(m[1]!.replace(/,/g, ''));
        if (!Number.isFinite(amount)) continue;
        // Worked out at the first amount written: a narrative with none needs no pass over the tables.
        const largest = largestTableAmount(ctx);
        if (largest <= 0) return items;
        items.push({
          facts: { written: m[0], amount, tableLargest: Math.round(largest * 100) / 100, times: Math.round(amount / largest) },
          cell: { sheet: cell.sheet, cell: toA1(cell.row, cell.col) },
        });
      }
    }
    return items;
  },
};
