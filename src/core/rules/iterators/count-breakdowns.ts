/**
 * A count the narrative breaks down under 其中 — people, vehicles, sets — whose parts do not add up to
 * it (西安 发改委 2019: “离退休人员78人，其中：离休3人，退休72人”; 福州 交警支队 2026: “购置车辆0辆，其中：…执法
 * 执勤用车18辆…”). Such a list is whole: the 195 of the corpus with two parts or more add up, but for these.
 * A list with one part (“其中：在职人员46人”) names a share, not the whole, and is left alone.
 */
import type { z } from 'zod';
import type { ItemParams } from '../params/narrative-items.js';
import { toA1 } from '../../address.js';
import type { Item, RuleContext } from '../context.js';
import { type IteratorDef, both, num, text } from '../registry-types.js';
import { textIndex } from './narrative.js';

/** A count and its 其中 list, up to the clause's end: “78人，其中：离休3人，退休72人”. */
const BROKEN_DOWN = /(\d+)(人|辆|台|套|个|处)[,，]?\s*其中[:：,，]?([^。;；]{0,200})/gu;
/** A shortcut: a text with no 其中 after a digit holds no breakdown. */
const MAY_HOLD = /\d\s*[人辆台套个处][,，]?\s*其中/u;

export interface CountBreakdown {
  /** The count as written, with its unit: “78人”. */
  written: string;
  total: number;
  unit: string;
  parts: number[];
  /** The 其中 list as written. */
  list: string;
}

/** Every count in the text followed by a 其中 list of two or more counts in its unit. */
export function countBreakdowns(text: string): CountBreakdown[] {
  const out: CountBreakdown[] = [];
  for (const m of text.matchAll(BROKEN_DOWN)) {
    const [, total, unit, list] = m;
    // A part is a count in the same unit after no digit or decimal point (“1.5人” is no count); what a
    // bracket holds is a part's own detail (“行政60人（其中女性20人）”), not another part.
    const outside = list!.replace(/[(（][^()（）]*[)）]/gu, '');
    const parts = [...outside.matchAll(new RegExp(`(?<![\\d.])(\\d+)${unit}`, 'gu'))].map((p) => Number(p[1]));
    if (parts.length < 2) continue;
    out.push({ written: `${total}${unit}`, total: Number(total), unit: unit!, parts, list: list!.trim() });
  }
  return out;
}

export const countBreakdownsIterator: IteratorDef<z.infer<typeof ItemParams>> = {
  name: 'count-breakdowns',
  description: both('说明中“总数，其中：甲若干、乙若干”列出的人数、车辆数等（两项以上）', 'counts of people, vehicles and the like the narrative breaks down under 其中 (two parts or more)'),
  facts: {
    written: text('总数的原文（含单位）', 'the count as written, with its unit'),
    total: num('总数', 'the count'),
    partsSum: num('“其中”所列各项之和', 'the parts listed under 其中, added up'),
    unit: text('单位（人、辆……）', 'the unit (人, 辆 …)'),
    parts: text('“其中”之后的原文', 'the list after 其中, as written'),
  },
  identities: false,
  texts: [],
  run(ctx: RuleContext) {
    const index = textIndex(ctx);
    const items: Item[] = [];
    for (const cell of index.cellsWhere((i) => MAY_HOLD.test(index.folded(i)))) {
      for (const b of countBreakdowns(cell.text)) {
        items.push({
          facts: { written: b.written, total: b.total, partsSum: b.parts.reduce((s, n) => s + n, 0), unit: b.unit, parts: b.list },
          cell: { sheet: cell.sheet, cell: toA1(cell.row, cell.col) },
        });
      }
    }
    return items;
  },
};
