/**
 * Brackets left open or closed twice in one cell of text: 深圳 工信局 2026's key-project goal opens
 * “新一代信息技术（网络与通信、高端装备（工业母机…）集群” twice and closes once; 烟台 住建局 2026 names a
 * project “北方地区清洁取暖项目资金（监督检查及运维管理））”. A list's numbering closing alone (“1）”, “二)”)
 * is no bracket. Over the corpus' cells of eight characters or more, these two were the only ones.
 */
import type { z } from 'zod';
import type { BracketParams } from '../params/narrative-items.js';
import type { Item } from '../context.js';
import { type IteratorDef, num, text, both } from '../registry-types.js';
import { toA1 } from '../../address.js';
import { textIndex } from './narrative.js';

/** A list's number closed by a bracket, at the start or after a pause: “1）”, “（二)” keeps its opener. */
const LIST_NUMBER = /(^|[。；;，,：:、])[0-9一二三四五六七八九十]{1,2}[)）]/gu;

/** How many brackets the text opens and closes, its list numbers aside. */
export function bracketCounts(text: string): { opened: number; closed: number } {
  const bare = text.replace(LIST_NUMBER, '$1');
  let opened = 0;
  let closed = 0;
  for (const ch of bare) {
    if (ch === '（' || ch === '(') opened++;
    else if (ch === '）' || ch === ')') closed++;
  }
  return { opened, closed };
}

export const textBrackets: IteratorDef<z.infer<typeof BracketParams>> = {
  name: 'text-brackets',
  description: both(
    '一个单元格的文字中左右括号的个数（列表编号“1）”不计）',
    'how many brackets a cell’s text opens and closes (a list number’s “1）” aside)',
  ),
  facts: {
    opened: num('左括号个数', 'brackets opened'),
    closed: num('右括号个数', 'brackets closed'),
    excerpt: text('文字开头', 'the opening of the text'),
  },
  identities: false,
  texts: [],
  run(ctx, params) {
    const index = textIndex(ctx);
    const unbalanced = (text: string) => {
      if (text.length < params.minLength || !/[()（）]/u.test(text)) return false;
      const { opened, closed } = bracketCounts(text);
      return opened !== closed;
    };
    // Counted again for the few cells reported: their facts.
    return [...index.cellsWhere((i) => unbalanced(index.texts[i]!))].map((cell): Item => ({
      facts: { ...bracketCounts(cell.text), excerpt: [...cell.text.trim()].slice(0, 30).join('') },
      cell: { sheet: cell.sheet, cell: toA1(cell.row, cell.col) },
    }));
  },
};
