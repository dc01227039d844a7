/**
 * A passage cut short: a cell whose text, unfinished, is the beginning of a longer cell on another
 * sheet (重庆气象 2026: 表十二's goal stops at “…标志性成果,加强气象”, where 表十's same goal goes on
 * “法规和标准体系建设,深化气象领域改革。”). Texts are compared without white space, and sorted once, so
 * every text's continuations are the ones right after it (a large sheet's 56,000 texts in one pass).
 */
import type { z } from 'zod';
import type { CutTextParams } from '../params/narrative.js';
import { toA1 } from '../../address.js';
import type { Item } from '../context.js';
import { type IteratorDef, num, text, both } from '../registry-types.js';
import { textCells } from './narrative.js';
import { excerpt, excerptBounds } from '../../text.js';

type Params = z.infer<typeof CutTextParams>;

interface Passage {
  sheet: string;
  row: number;
  col: number;
  bare: string;
}

const SPACE = /\s+/gu;

export const cutTexts: IteratorDef<Params> = {
  name: 'cut-texts',
  description: both(
    '没有写完的文字（不以句末标点或参数 endings 所列的结尾收尾），恰是另一张表中一段更长文字的开头：多半在这里被截断了',
    'an unfinished text (not ending as the endings parameter lists) that is the beginning of a longer text on another sheet: most likely cut short here',
  ),
  facts: {
    length: num('此格文字的字数（不计空白）', 'characters of this cell’s text (white space aside)'),
    ending: text('此格文字的最后几个字', 'the last characters of this cell’s text'),
    continuation: text('另一格在同样的文字之后接着写的几个字', 'what the other cell goes on with after the same text'),
  },
  identities: false,
  texts: ['other'],
  run(ctx, params) {
    const passages: Passage[] = [];
    for (const c of textCells(ctx, params.minLength)) passages.push({ sheet: c.sheet, row: c.row, col: c.col, bare: c.folded.replace(SPACE, '') });
    passages.sort((a, b) => (a.bare < b.bare ? -1 : a.bare > b.bare ? 1 : 0));
    const finished = new RegExp(`(?:${params.endings.join('|')})$`, 'u');
    const items: Item[] = [];
    // A text the other sheet also holds whole is a name of its own there, a longer one beside it (广州
    // 城管局 2026: projects “…公用配套工程” and “…公用配套工程项目运行维护管理经费”, each in both tables).
    const whole = new Set(passages.map((p) => `${p.sheet}\u0000${p.bare}`));
    for (let i = 0; i < passages.length; i++) {
      const a = passages[i]!;
      if (a.bare.length < params.minLength || finished.test(a.bare)) continue;
      // Sorted, every text that begins with this one follows it, before any that does not.
      for (let j = i + 1; j < passages.length && passages[j]!.bare.startsWith(a.bare); j++) {
        const b = passages[j]!;
        if (b.sheet === a.sheet || b.bare.length < a.bare.length + params.minMore || whole.has(`${b.sheet}\u0000${a.bare}`)) continue;
        items.push({
          facts: { length: a.bare.length, ending: excerpt(a.bare, a.bare.length - 12), continuation: b.bare.slice(a.bare.length, excerptBounds(b.bare, a.bare.length, a.bare.length + 16)[1]) },
          text: () => ({ other: `${b.sheet}!${toA1(b.row, b.col)}` }),
          cell: { sheet: a.sheet, cell: toA1(a.row, a.col) },
          related: [{ sheet: b.sheet, cell: toA1(b.row, b.col) }],
        });
        break;
      }
    }
    return items;
  },
};
