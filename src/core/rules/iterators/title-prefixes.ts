/**
 * The titles of a workbook's tables, printed from one template, open alike (西安 2021: “2021年部门综合预算
 * 收支总表”, “2021年部门综合预算支出总表” …). A title one character off that common opening — a
 * character dropped or changed — is a slip (西安 宣传部 2021's 表2 “2021年部综合预算收入总表”).
 */
import type { z } from 'zod';
import type { TitlePrefixParams } from '../params/near-misses.js';
import { normalizeLabel } from '../../text.js';
import type { Item, RuleContext } from '../context.js';
import { type IteratorDef, num, text, both } from '../registry-types.js';

/**
 * The opening most of the titles share, at least `minLength` long: the one the most titles begin with,
 * the longest of those. Tables outside the template (a target form titled its own way) do not shorten it.
 */
function commonOpening(titles: readonly string[], minLength: number): { opening: string; count: number } {
  const counts = new Map<string, number>();
  for (const t of titles) for (let n = minLength; n <= t.length; n++) counts.set(t.slice(0, n), (counts.get(t.slice(0, n)) ?? 0) + 1);
  let best = { opening: '', count: 0 };
  for (const [opening, count] of counts) {
    if (count > best.count || (count === best.count && opening.length > best.opening.length)) best = { opening, count };
  }
  return best;
}

/** How `title` opens with `opening` but for one character dropped or changed; undefined when it opens so exactly, or otherwise. */
export function openingSlip(title: string, opening: string): { written: string } | undefined {
  if (title.startsWith(opening)) return undefined;
  let k = 0;
  while (k < opening.length && title[k] === opening[k]) k++;
  const rest = opening.slice(k + 1);
  // The opening's own last characters must follow: a title parting from it at its very end says nothing.
  if (rest.length < 2) return undefined;
  // Dropped: the title goes on with the opening's next characters. Changed: with those after a different one.
  if (title.startsWith(rest, k)) return { written: title.slice(0, k + rest.length) };
  if (title.startsWith(rest, k + 1)) return { written: title.slice(0, k + 1 + rest.length) };
  return undefined;
}

export const titlePrefixes: IteratorDef<z.infer<typeof TitlePrefixParams>> = {
  name: 'title-prefixes',
  description: both(
    '各表标题共同的开头（如“2021年部门综合预算”），与只差一个字的标题',
    'the opening the tables’ titles share (2021年部门综合预算) and a title one character off it',
  ),
  facts: {
    title: text('该表的标题', 'the table’s title'),
    opening: text('其余多数表标题共同的开头', 'the opening most other titles share'),
    written: text('该标题中对应的一段', 'what this title writes in its place'),
    sharedBy: num('以这个开头的标题个数', 'titles that open so'),
  },
  identities: false,
  texts: [],
  run(ctx, params) {
    const titled = ctx.recognition.tables.filter((t) => t.titleCell && t.title).map((t) => ({ t, title: normalizeLabel(t.title) }));
    // Worked out once over all the titles: one that does not begin with the opening leaves its count
    // as it is, and can only lower the others' (a county's 300 project forms made it once per title).
    const { opening, count } = commonOpening(
      titled.map((x) => x.title),
      params.minOpening,
    );
    const items: Item[] = [];
    if (count < params.minTitles) return items;
    for (const { t, title } of titled) {
      const slip = openingSlip(title, opening);
      if (!slip) continue;
      items.push({
        facts: { title, opening, written: slip.written, sharedBy: count },
        cell: { sheet: t.sheet, cell: t.titleCell! },
      });
    }
    return items;
  },
};
