/**
 * A part stated as a share of a total the sentence names (国家信访局 2026: “3,623.98万元，占部门支出
 * 总额的22.00%”, where 部门支出总额 is 50,616.94 and 22.00% is the share of another total). The share is
 * recomputed against the cells the name may mean (本年支出合计, or 支出总计 with what is carried
 * forward): it holds when it agrees with one of them, within the roundings of both figures.
 */
import type { z } from 'zod';
import type { ShareOfTotalParams } from '../params/narrative.js';
import { toA1 } from '../../address.js';
import type { Unit } from '../../model.js';
import { globalMatches, parseAmount } from '../../text.js';
import type { Item, RuleContext } from '../context.js';
import { halfWidth, UNIT_FACTOR, type Localized } from '../identity.js';
import { type IteratorDef, num, text, both } from '../registry-types.js';
import { cellReferences, HAS_DIGIT, narrativeCells, shareOf, statedCell } from './narrative.js';

type Params = z.infer<typeof ShareOfTotalParams>;

/** A total the sentence may mean, in 万元, with the half of its last digit and how to name it. */
interface Total {
  value: number;
  half: number;
  label: Localized;
}

function totalsOf(ctx: RuleContext, params: Params): Total[] {
  return params.totals.flatMap((c) => {
    const t = ctx.table(c.table);
    const at = t && statedCell(t, c);
    const term = t && at ? ctx.term(t, at.row, at.column, 1, c.row.side) : undefined;
    const amount = term?.ref.amount;
    if (!term || amount === null || amount === undefined || amount <= 0) return [];
    return [{ value: (amount * term.factor) / 10_000, half: halfWidth(term) / 10_000, label: term.label }];
  });
}

export const narrativeShareOfTotal: IteratorDef<Params> = {
  name: 'narrative-share-of-total',
  description: both(
    '说明中“X万元，占（某个总数）的P%”：按该总数在表中的金额重算占比',
    'a part the narrative states as “X 万元, P% of” a total it names: the share recomputed against that total in the tables',
  ),
  facts: {
    statement: text('说明中的原文', 'the statement as written'),
    amount: num('该项金额（万元）', 'the part’s amount (万元)'),
    total: num('与写的占比最接近的总数（万元）', 'the total nearest to the stated share (万元)'),
    statedShare: num('文中写的占比（%）', 'the share the text states (%)'),
    computedShare: num('按该总数算出的占比（%）', 'the share recomputed against that total (%)'),
    computedShareText: text('算出的占比，保留原文的小数位数', 'the recomputed share to the decimals the text writes'),
    shareExcess: num('写的与算出的占比之差超出两边舍入的部分（>0 即不符）', 'stated minus recomputed share beyond both roundings (>0 disagree)'),
  },
  identities: false,
  texts: ['totalWhere'],
  references: (p) => p.totals.flatMap((c, i) => cellReferences(c, ['totals', i])),
  run(ctx, params) {
    const totals = totalsOf(ctx, params);
    if (totals.length === 0) return [];
    const items: Item[] = [];
    const re = new RegExp(params.pattern, 'gu');
    for (const { sheet, row, col, text: original, folded } of narrativeCells(ctx)) {
      if (!HAS_DIGIT.test(folded)) continue;
      for (const m of globalMatches(re, folded)) {
        const amount = parseAmount(m.groups?.amount ?? '');
        const share = parseAmount(m.groups?.share ?? '');
        if (amount.kind !== 'number' || share.kind !== 'number') continue;
        const factor = (UNIT_FACTOR[(m.groups?.unit || '万元') as Unit] ?? 10_000) / 10_000;
        const part = amount.value * factor;
        const partHalf = 0.5 * 10 ** -amount.decimals * factor;
        // To hundredths, a share one off in its last digit (nudged so the shares add up to 100%) is a
        // hundredth of a point, which the ledgers never call a defect (江苏检察院 2018's 99.94% for 99.934%).
        const shareHalf = (share.decimals >= 2 ? 1.5 : 0.5) * 10 ** -share.decimals;
        // The total the share agrees with best: the sentence may mean any of them.
        const judged = totals.map((t) => {
          const { computed, slack } = shareOf(part, partHalf, t.value, t.half);
          return { t, computed, excess: Math.abs(share.value - computed) - (shareHalf + slack) };
        });
        const best = judged.reduce((a, b) => (b.excess < a.excess ? b : a));
        items.push({
          facts: {
            // NFKC keeps the length of these characters: the statement is quoted as written.
            statement: original.slice(m.index, m.index + m[0].length),
            amount: part,
            total: Math.round(best.t.value * 100) / 100,
            statedShare: share.value,
            computedShare: Math.round(best.computed * 100) / 100,
            computedShareText: best.computed.toFixed(share.decimals),
            shareExcess: best.excess,
          },
          text: (lang) => ({ totalWhere: best.t.label[lang] }),
          cell: { sheet, cell: toA1(row, col) },
        });
      }
    }
    return items;
  },
};
