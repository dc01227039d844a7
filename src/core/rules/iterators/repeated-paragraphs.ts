/**
 * A paragraph of the narrative printed twice, one under the other (无锡 发改委 2025's “1.其他支出（款）
 * 支出502万元…” and “2.其他支出（款）支出502万元…”): each paragraph with the one above it in its column,
 * compared without white space and without its numbering, so the rule file decides what counts as the same.
 * Cells inside a recognised table are no paragraphs: a column of unit names or goals repeats by design.
 */
import type { z } from 'zod';
import type { RepeatedParagraphParams } from '../params/narrative.js';
import { toA1 } from '../../address.js';
import { stripEnumeration } from '../../text.js';
import type { Item } from '../context.js';
import { type IteratorDef, num, text, both } from '../registry-types.js';
import { inRecognisedTable, narrativeCells, paragraphAbove } from './narrative.js';

const SPACE = /\s+/gu;

export const repeatedParagraphs: IteratorDef<z.infer<typeof RepeatedParagraphParams>> = {
  name: 'repeated-paragraphs',
  description: both('说明中紧挨着的上下两段（同一列），去掉空白和编号后比较', 'each narrative paragraph with the one right above it in its column, compared without white space and numbering'),
  facts: {
    bare: text('本段（去掉空白和开头的编号）', 'this paragraph, without white space and its leading numbering'),
    bareAbove: text('上一段（同样处理）', 'the paragraph above, treated alike'),
    length: num('本段的字数（同上）', 'characters of this paragraph (as above)'),
  },
  identities: false,
  texts: [],
  run(ctx, params) {
    const items: Item[] = [];
    const inTable = inRecognisedTable(ctx);
    const cells = narrativeCells(ctx)
      .filter((c) => !inTable(c))
      .map((c) => ({ ...c, bare: stripEnumeration(c.folded.replace(SPACE, '')) }));
    for (let i = 1; i < cells.length; i++) {
      const above = paragraphAbove(cells, i, 1);
      const cell = cells[i]!;
      if (!above || cell.bare.length < params.minLength) continue;
      items.push({
        facts: { bare: cell.bare, bareAbove: above.bare, length: cell.bare.length },
        cell: { sheet: cell.sheet, cell: toA1(cell.row, cell.col) },
        related: [{ sheet: above.sheet, cell: toA1(above.row, above.col) }],
      });
    }
    return items;
  },
};
