/**
 * One fund or project named twice in the narrative with two different changes (江苏人大 2019: the
 * project-spending paragraph says “信息化建设经费专项增加55万元”, the paragraph of 其他人大事务 says
 * “信息化建设经费增加35万元”). A project split across subjects is told in parts: where one change is the
 * sum of the others, the narrative is consistent and nothing is reported.
 */
import type { z } from 'zod';
import type { NamedChangeParams } from '../params/narrative.js';
import { toA1 } from '../../address.js';
import { addTo } from '../../multimap.js';
import { globalMatches, parseAmount } from '../../text.js';
import type { Item } from '../context.js';
import { type IteratorDef, num, text, both } from '../registry-types.js';
import { HAS_DIGIT, narrativeCells } from './narrative.js';

type Params = z.infer<typeof NamedChangeParams>;

interface Mention {
  sheet: string;
  cell: string;
  change: number;
}

const CENT = 0.005;
const DECREASE = /减|降/;

/** Quotation marks and spaces do not make another name (“三公”经费, 三公经费). */
const bareName = (name: string) => name.replace(/[“”"'‘’\s]/g, '');

/** One change the sum of the others: a whole and its parts, told in different paragraphs. */
function wholeAndParts(changes: readonly number[]): boolean {
  const sum = changes.reduce((s, c) => s + c, 0);
  return changes.some((c) => Math.abs(sum - c - c) <= CENT * changes.length);
}

export const narrativeNamedChanges: IteratorDef<Params> = {
  name: 'narrative-named-changes',
  description: both(
    '说明中同一项经费或专项（按名称）在不同地方写了不同的增减额；其中一个恰是其余之和（分科目说明）时不算',
    'one fund or project the narrative names in several places with different changes; not where one change is the sum of the others (told subject by subject)',
  ),
  facts: {
    name: text('经费或专项的名称', 'the fund or project named'),
    change: num('本处写的增减额（减少为负，万元）', 'the change written here (decrease negative, 万元)'),
    otherChange: num('另一处写的增减额（万元）', 'the change written elsewhere (万元)'),
    changeGap: num('两个增减额之差的绝对值', 'how far the two changes differ'),
  },
  identities: false,
  texts: [],
  run(ctx, params) {
    const broad = new Set(params.broadNames.map(bareName));
    const re = new RegExp(params.pattern, 'gu');
    const byName = new Map<string, Mention[]>();
    for (const { sheet, row, col, folded } of narrativeCells(ctx)) {
      if (!HAS_DIGIT.test(folded)) continue;
      for (const m of globalMatches(re, folded)) {
        const name = bareName(m.groups?.name ?? '');
        const amount = parseAmount(m.groups?.amount ?? '');
        if (name === '' || broad.has(name) || amount.kind !== 'number') continue;
        const change = DECREASE.test(m.groups?.direction ?? '') ? -amount.value : amount.value;
        addTo(byName, name, { sheet, cell: toA1(row, col), change });
      }
    }
    const items: Item[] = [];
    for (const [name, mentions] of byName) {
      const changes = mentions.map((m) => m.change);
      if (changes.every((c) => Math.abs(c - changes[0]!) <= CENT) || wholeAndParts(changes)) continue;
      const reported = new Set<string>();
      for (const m of mentions) {
        const other = mentions.find((o) => Math.abs(o.change - m.change) > CENT);
        const at = `${m.sheet}!${m.cell}`;
        if (!other || reported.has(at)) continue;
        reported.add(at);
        items.push({
          facts: { name, change: m.change, otherChange: other.change, changeGap: Math.round(Math.abs(m.change - other.change) * 100) / 100 },
          cell: { sheet: m.sheet, cell: m.cell },
          related: [{ sheet: other.sheet, cell: other.cell }],
        });
      }
    }
    return items;
  },
};
