/**
 * The numbered headings of the narrative, level by level (一、二、…; （一）（二）…): one that skips
 * numbers says sections were left out, or misnumbered (烟台 教育局 2026's 说明 goes from “一、预算收支增减
 * 变化情况说明” to “五、政府采购情况”: its 三公, 机关运行经费 and 国有资产 sections were never printed).
 * A number lower than the one before starts a new list; a heading of a level starts its sublevels
 * afresh. Subheadings before a sheet's first heading of their level above, when that one is not
 * numbered 一, are a section whose heading was left out (烟台 司法局 2026's 说明 opens with “（一）收入
 * 预算…” and goes on to “二、“三公”经费…”). Cells inside a recognised table are its rows (“四、公共安全
 * 支出”), not headings.
 */
import type { z } from 'zod';
import type { HeadingNumberParams } from '../params/narrative.js';
import { toA1 } from '../../address.js';
import { chineseNumeral, numeralOf } from '../../numerals.js';
import type { Item } from '../context.js';
import { type IteratorDef, num, text, both, flag } from '../registry-types.js';
import { inRecognisedTable, textIndex } from './narrative.js';

interface Heading {
  sheet: string;
  row: number;
  col: number;
  number: number;
  numeral: string;
  text: string;
  /** It repeats the number of the heading of its level before it. */
  repeats?: true;
}

export const headingNumbers: IteratorDef<z.infer<typeof HeadingNumberParams>> = {
  name: 'heading-numbers',
  description: both(
    '说明中每个编号的标题（一、二、……；（一）（二）……），与同一级的上一个标题比较编号',
    'every numbered heading of the narrative (一、二、…; （一）（二）…), against the heading of its level before it',
  ),
  facts: {
    written: text('这个标题的编号', 'this heading’s number as written'),
    previous: text('同一级上一个标题的编号', 'the number of the heading of its level before it'),
    missing: text('两者之间缺的编号（如“二、三、四”）', 'the numbers between the two that are not there (二、三、四)'),
    skipped: num('缺了几个编号（0 为连续）', 'how many numbers are skipped (0 when they follow on)'),
    repeated: flag(
      '上一个标题重复了再上一个的编号，缺的又正好是一个（十六、十六、十八）：是那个重复的标题编号写错了，本条报告在它上面',
      'the heading before repeats the number of the one before it, and exactly one number is missing (十六, 十六, 十八): that repeated heading is misnumbered, and the item stands on it',
    ),
    opening: text(
      '本表第一个标题是下一级的（如“（一）收入预算”）而这是本级第一个标题时，那个下一级标题；否则为空（previous 也为空）',
      'when the sheet opens with a heading of the level below (（一）收入预算) and this is the first of its level, that heading; empty otherwise (previous is empty too)',
    ),
  },
  identities: false,
  texts: [],
  run(ctx, params) {
    const items: Item[] = [];
    const levels = params.levels.map((p) => new RegExp(p, 'u'));
    const index = textIndex(ctx);
    const inTable = inRecognisedTable(ctx);
    // Which level each distinct text heads, and its numeral: worked out once per text.
    const headed = new Map<string, { level: number; numeral: string; number: number }>();
    for (let i = 0; i < index.texts.length; i++) {
      const folded = index.folded(i);
      if (folded.length > params.maxLength) continue;
      for (let level = 0; level < levels.length; level++) {
        const numeral = levels[level]!.exec(folded)?.[1];
        const number = numeral === undefined ? undefined : chineseNumeral(numeral);
        if (number !== undefined) {
          headed.set(index.texts[i]!, { level, numeral: numeral!, number });
          break;
        }
      }
    }
    let sheet: string | undefined;
    let last: (Heading | undefined)[] = [];
    // The sheet's first heading, and the highest level (lowest index) seen on it so far.
    let opening: (Heading & { level: number; text: string }) | undefined;
    let highest = Infinity;
    for (const cell of index.cellsWhere((i) => headed.has(index.texts[i]!))) {
      if (inTable(cell)) continue;
      if (cell.sheet !== sheet) {
        sheet = cell.sheet;
        last = [];
        opening = undefined;
        highest = Infinity;
      }
      const { level, numeral, number } = headed.get(cell.text)!;
      const before = last[level];
      const here: Heading = { sheet: cell.sheet, row: cell.row, col: cell.col, number, numeral, text: cell.text, ...(before?.number === number && { repeats: true as const }) };
      opening ??= { ...here, level, text: headingWords(cell.text) };
      const firstOfLevel = level < highest;
      highest = Math.min(highest, level);
      last[level] = here;
      last.length = level + 1;
      if (firstOfLevel && opening.level > level && number > 1) {
        items.push({
          facts: { written: numeral, previous: '', missing: numeralOf(number - 1), skipped: 1, opening: opening.text, repeated: false },
          cell: { sheet: opening.sheet, cell: toA1(opening.row, opening.col) },
          related: [{ sheet: cell.sheet, cell: toA1(cell.row, cell.col) }],
        });
        continue;
      }
      if (!before || number <= before.number) continue;
      const missing = Array.from({ length: number - before.number - 1 }, (_, k) => numeralOf(before.number + 1 + k));
      // 十六、十六、十八 (深圳 人社局 2026's units): the second 十六 is the 十七 missing, and is where to look.
      const repeated = before.repeats === true && missing.length === 1;
      const [at, other] = repeated ? [before, here] : [here, before];
      items.push({
        facts: { written: numeral, previous: before.numeral, missing: missing.join('、'), skipped: missing.length, opening: '', repeated },
        cell: { sheet: at.sheet, cell: toA1(at.row, at.col) },
        related: [{ sheet: other.sheet, cell: toA1(other.row, other.col) }],
        ...(repeated && { fix: { sheet: at.sheet, cell: toA1(at.row, at.col), value: renumbered(at, missing[0]!), safety: 'unsafe' as const } }),
      });
    }
    return items;
  },
};

/** The heading's text with its number written anew (“十六、深圳市…数据管理中心” → “十七、…”). */
function renumbered(heading: Heading, numeral: string): string {
  const at = heading.text.indexOf(heading.numeral);
  return at < 0 ? heading.text : heading.text.slice(0, at) + numeral + heading.text.slice(at + heading.numeral.length);
}

/** A heading as a message quotes it: up to its first colon or stop (“（一）收入预算：2026年…” → “（一）收入预算”). */
function headingWords(text: string): string {
  const words = text.trim().split(/[:：。；;，,]/u)[0]!;
  return words.length > 20 ? `${words.slice(0, 20)}…` : words;
}
