/**
 * Names that cite one document (粤财工【2024】156号) copy its title, so two of them that differ by one
 * character hold a slip in one (珠海 商务局 2026's 表12: “…156号提前下达省商务厅…” and “…156号提前下单
 * 省商务厅…”). The title is what follows the document number up to a bracket (the rest names the
 * project's own part); digits differing are other years or batches, not slips.
 */
import type { z } from 'zod';
import type { DocumentTitleParams } from '../params/narrative.js';
import { toA1 } from '../../address.js';
import { addTo } from '../../multimap.js';
import type { Item } from '../context.js';
import { type IteratorDef, num, text, both } from '../registry-types.js';
import { textIndex, type TextIndex } from './narrative.js';

interface Citing {
  /** Index of the distinct text (narrative.ts, textIndex). */
  text: number;
  title: string;
}

export const documentTitles: IteratorDef<z.infer<typeof DocumentTitleParams>> = {
  name: 'document-titles',
  description: both(
    '引用同一文号的名称（如项目名称）：文号之后、括号之前的标题只差一个字（数字除外）的两处',
    'names citing one document number (project names): two whose title after the number, up to a bracket, differs by one character (digits aside)',
  ),
  facts: {
    written: text('这一处的写法（文号之后、括号之前）', 'the title as written here (after the number, up to a bracket)'),
    other: text('同一文号另一处的写法', 'the title as the other name citing the number writes it'),
    char: text('这一处不同的字', 'the character that differs here'),
    otherChar: text('另一处的字', 'the other name’s character'),
    rarer: num('这一处不同的字连同前两个字，在工作簿中比另一处的写法少见（1 是，0 一样多，-1 否）', 'this title’s differing character with the two before it is written less often in the workbook than the other’s (1 yes, 0 as often, -1 no)'),
  },
  identities: false,
  texts: [],
  run(ctx, params) {
    const items: Item[] = [];
    const index = textIndex(ctx);
    const number = new RegExp(params.documentNumber, 'u');
    const byDocument = new Map<string, Citing[]>();
    for (let i = 0; i < index.texts.length; i++) {
      if (index.texts[i]!.length > params.maxLength) continue;
      const folded = index.folded(i);
      const m = number.exec(folded);
      if (!m) continue;
      const title = folded.slice(m.index + m[0].length).split(/[(（[【]/u)[0]!.trim();
      if (title.length >= params.minTitleLength) addTo(byDocument, m[0].replace(/\s+/gu, ''), { text: i, title });
    }
    for (const citing of byDocument.values()) {
      for (const a of citing) {
        for (const b of citing) {
          const at = oneCharacterApart(a.title, b.title);
          if (at < 0) continue;
          // The likelier slip is the wording the workbook writes less often (提前下单 once, 提前下达 in
          // every name that cites an allocation): the differing character with the two before it.
          const [ua, ub] = [a, b].map((x) => cellsWriting(index, x.title.slice(Math.max(0, at - 2), at + 1)));
          const facts = { written: a.title, other: b.title, char: a.title[at]!, otherChar: b.title[at]!, rarer: Math.sign(ub! - ua!) };
          const others = cellsOf(index, (i) => i === b.text);
          for (const cell of cellsOf(index, (i) => i === a.text)) items.push({ facts, cell, related: others });
        }
      }
    }
    return items;
  },
};

/** Where two titles of one length differ in exactly one character, not a digit; -1 otherwise. */
export function oneCharacterApart(a: string, b: string): number {
  if (a.length !== b.length || a === b) return -1;
  let at = -1;
  for (let k = 0; k < a.length; k++) {
    if (a[k] === b[k]) continue;
    if (at >= 0 || /\d/.test(a[k]!) || /\d/.test(b[k]!)) return -1;
    at = k;
  }
  return at;
}

/** How many text cells hold the words. */
function cellsWriting(index: TextIndex, words: string): number {
  let n = 0;
  for (let k = 0; k < index.textOf.length; k++) if (index.folded(index.textOf[k]!).includes(words)) n++;
  return n;
}

/** The addresses of the cells whose distinct text passes the test. */
export function cellsOf(index: TextIndex, test: (text: number) => boolean): { sheet: string; cell: string }[] {
  return [...index.cellsWhere(test)].map((c) => ({ sheet: c.sheet, cell: toA1(c.row, c.col) }));
}
