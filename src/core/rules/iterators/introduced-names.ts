/**
 * A department introduced by its full name with the short name it goes by (“北京市城管管理综合行政执法局
 * （以下简称“市城管执法局”）”, 北京 城管执法局 2026) is named in full elsewhere too, in a document it cites
 * or a title: the two one character apart hold a slip in one (城管管理 for 城市管理). Over the corpus'
 * 241 workbooks, that one introduction was the only name so apart from another.
 */
import type { z } from 'zod';
import type { IntroducedNameParams } from '../params/narrative.js';
import type { Item } from '../context.js';
import { type IteratorDef, num, text, both } from '../registry-types.js';
import { textIndex } from './narrative.js';
import { cellsOf, oneCharacterApart } from './document-titles.js';

export const introducedNames: IteratorDef<z.infer<typeof IntroducedNameParams>> = {
  name: 'introduced-names',
  description: both(
    '以“（以下简称…）”引出的全称，与工作簿别处同样长、首尾相同而只差一个字（数字除外）的写法',
    'a full name introduced with “（以下简称…）” against a spelling elsewhere in the workbook of its length, first and last character, one character apart (digits aside)',
  ),
  facts: {
    written: text('引出简称处的全称', 'the full name where the short name is introduced'),
    other: text('别处只差一个字的写法', 'the spelling elsewhere one character apart'),
    char: text('这一处不同的字', 'the character that differs here'),
    otherChar: text('别处的字', 'the other spelling’s character'),
    otherCells: num('别处写法所在的单元格数', 'how many cells hold the other spelling'),
  },
  identities: false,
  texts: [],
  run(ctx, params) {
    const items: Item[] = [];
    const index = textIndex(ctx);
    const introduction = new RegExp(params.introduction, 'gu');
    for (let i = 0; i < index.texts.length; i++) {
      const folded = index.folded(i);
      if (!folded.includes('以下简称')) continue;
      for (const m of folded.matchAll(introduction)) {
        const name = m[1];
        if (!name || name.length < params.minLength) continue;
        for (const { spelling, texts } of spellingsApart(index, name)) {
          const at = oneCharacterApart(name, spelling);
          const related = cellsOf(index, (k) => texts.has(k));
          const facts = { written: name, other: spelling, char: name[at]!, otherChar: spelling[at]!, otherCells: related.length };
          for (const cell of cellsOf(index, (k) => k === i)) items.push({ facts, cell, related });
        }
      }
    }
    return items;
  },
};

const NUMERAL = /[一二三四五六七八九十〇零]/u;

/** The spellings of the name's length, first and last character in the workbook's texts that are one character apart from it, with the texts holding each. */
function spellingsApart(index: ReturnType<typeof textIndex>, name: string): { spelling: string; texts: Set<number> }[] {
  const found = new Map<string, Set<number>>();
  const [first, last, n] = [name[0]!, name[name.length - 1]!, name.length];
  for (let k = 0; k < index.texts.length; k++) {
    const t = index.folded(k);
    for (let at = t.indexOf(first); at >= 0 && at + n <= t.length; at = t.indexOf(first, at + 1)) {
      if (t[at + n - 1] !== last) continue;
      const spelling = t.slice(at, at + n);
      const apart = oneCharacterApart(name, spelling);
      // 第一中级人民法院 and 第二中级人民法院 are two courts: numerals, in digits or words, tell units apart.
      if (apart < 0 || (NUMERAL.test(name[apart]!) && NUMERAL.test(spelling[apart]!))) continue;
      let texts = found.get(spelling);
      if (!texts) found.set(spelling, (texts = new Set()));
      texts.add(k);
    }
  }
  return [...found].map(([spelling, texts]) => ({ spelling, texts }));
}
