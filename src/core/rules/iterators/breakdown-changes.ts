/**
 * A total the narrative breaks down over numbered paragraphs, each with its change on last year: the
 * parts' changes add up to the total's (上海 海洋监测预报中心 2026: “三公”经费 16.80万元，比2025年预算减少15.50万元，
 * 其中 因公出国 与2025年预算持平, 公务用车 减少15.00, 公务接待 减少0.50). Judged only where every part states
 * its change and the parts' amounts make the total: a list of some parts says nothing of the rest.
 */
import type { z } from 'zod';
import type { ItemParams } from '../params/narrative-items.js';
import { toA1 } from '../../address.js';
import { breakdownAmount, slackOf, sumOf } from '../../narrative/breakdowns.js';
import { changeAfter } from '../../narrative/lists.js';
import type { Figure } from '../../narrative/items.js';
import { changeText, type Lang } from '../../messages.js';
import type { Item, RuleContext } from '../context.js';
import { UNIT_FACTOR } from '../identity.js';
import { type IteratorDef, both, num, text } from '../registry-types.js';
import { paragraphBreakdowns } from './narrative-lists.js';

export const breakdownChanges: IteratorDef<z.infer<typeof ItemParams>> = {
  name: 'breakdown-changes',
  description: both('说明中分段列出的总数及其各项，每段都写了比上年的增减', 'a total the narrative breaks down over paragraphs, each stating its change on last year'),
  facts: {
    totalChange: num('总数的增减（减少为负，单位同总数）', 'the total’s change (a decrease negative, in the total’s unit)'),
    partsChange: num('各项增减之和', 'the parts’ changes added up'),
    gap: num('两者之差超出四舍五入的部分（不超出为 0）', 'how far the two differ beyond rounding (0 when within it)'),
    unit: text('总数的单位', 'the total’s unit'),
  },
  identities: false,
  texts: ['totalChangeText', 'partsChangeText'],
  run(ctx: RuleContext) {
    const items: Item[] = [];
    for (const { cell, paragraph, b } of paragraphBreakdowns(ctx)) {
      if (b.parts.length < 2) continue;
      const totalChange = changeAfter(cell.text, b.total);
      if (!totalChange) continue;
      const changes = b.parts.map((p) => changeAfter(p.text, p.figure));
      if (changes.some((c) => c === undefined)) continue;
      // Each figure in the total's unit, with the rounding its written places allow (a nil is exact).
      const inTotal = (f: Figure) => breakdownAmount(f, UNIT_FACTOR[f.unit] / UNIT_FACTOR[b.total.unit]);
      // The parts must make the whole: 其中 may list only some of them.
      const whole = inTotal(b.total);
      const parts = b.parts.map((p) => inTotal(p.figure));
      if (Math.abs(sumOf(parts) - whole.value) > slackOf(whole, parts)) continue;
      const total = inTotal(totalChange);
      const partChanges = changes.map((c) => inTotal(c!));
      const partsChange = sumOf(partChanges);
      const gap = Math.max(0, Math.abs(partsChange - total.value) - slackOf(total, partChanges));
      items.push({
        facts: { totalChange: total.value, partsChange: Math.round(partsChange * 10 ** 6) / 10 ** 6, gap, unit: b.total.unit },
        text: (lang) => ({ totalChangeText: changeText(total.value, 2, b.total.unit, lang), partsChangeText: changeText(partsChange, 2, b.total.unit, lang) }),
        cell: { sheet: cell.sheet, cell: toA1(cell.row, cell.col) },
        related: b.parts.map((p) => {
          const at = paragraph(p.at)!;
          return { sheet: cell.sheet, cell: toA1(at.row, at.col) };
        }),
      });
    }
    return items;
  },
};
