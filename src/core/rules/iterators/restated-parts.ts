/**
 * A list's parts restated as the headings that follow it: 深圳's 说明 gives each unit's budget as
 * “…预算14,765.81万元，包括在职人员经费8,327.50万元、公用经费857.93万元、…” and then a section per part,
 * “（一）在职人员经费8,327.50万元…”, “（二）公用经费875.93万元…” (深圳 生态环境局 2026: the heading's
 * 875.93 is the slip). Each heading must give its part's figure. Which of the two is wrong is told by
 * the list: where its parts add up to its total, the heading is; where the heading's figure would make
 * them add up, the list is; otherwise both are named and no value is offered.
 */
import type { z } from 'zod';
import type { ItemParams } from '../params/narrative-items.js';
import { toA1 } from '../../address.js';
import type { Fix } from '../../findings.js';
import { breakdownAmount, figuresAddUp, namedFigures, textBreakdowns, writtenFigure, type WrittenFigure } from '../../narrative/breakdowns.js';
import type { Item, RuleContext } from '../context.js';
import { type IteratorDef, both, num, text } from '../registry-types.js';
import { narrativeCells, type NarrativeCell } from './narrative.js';

const FIGURE = '(\\d[\\d,]*(?:\\.\\d+)?)';
/** One part of a list joined by 、: a name, then its figure in 万元 (nothing after it). */
const LISTED_PART = new RegExp(`^([^\\d、]{2,30}?)${FIGURE}\\s*(万元)$`, 'u');
/** A section heading restating a part: “（二）公用经费875.93万元，主要包括…”. */
const HEADING = new RegExp(`^[(（]([一二三四五六七八九十]+)[)）]\\s*([^\\d，。,;；:：]{2,30}?)${FIGURE}\\s*万元`, 'u');
/** Where the sections of one list end: the next part of the narrative or a new numbered section (二、). */
const SECTION_END = /^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+[、.])/u;
const NUMERALS = '一二三四五六七八九十';
/** How many paragraphs after the list its headings may lie (a project section lists its projects between them). */
const REACH = 60;

/** A name as a list and a heading may both write it: 对个人和家庭的补助支出 is 对个人和家庭补助支出. */
const nameCore = (s: string) => s.replace(/\s+/g, '').replace(/的/g, '').replace(/(?:支出)?(?:预算)?(?:数)?(?:为)?$/u, '');

interface Stated {
  cell: NarrativeCell;
  name: string;
  written: string;
  figure: WrittenFigure;
  /** Where the figure's digits start in the cell's folded text. */
  at: number;
}

/** The parts of a list of the cell's, each named, in order; undefined unless every part is “name figure万元”. */
function namedParts(cell: NarrativeCell, listed: string, listStart: number): Stated[] | undefined {
  return namedFigures(cell.folded, listed.replace(/[。；;，,]\s*$/u, ''), listStart, '、', LISTED_PART)?.map((p) => ({
    cell,
    name: p.name.trim(),
    written: p.written,
    figure: writtenFigure(p.written),
    at: p.at,
  }));
}

/** The headings after cells[i] restating its parts in order: as many as match, stopping at the first that does not. */
function restatements(cells: readonly NarrativeCell[], i: number, parts: readonly Stated[]): Stated[] {
  const here = cells[i]!;
  const found: Stated[] = [];
  for (let j = i + 1; j < cells.length && found.length < parts.length; j++) {
    const c = cells[j]!;
    if (c.sheet !== here.sheet || c.col !== here.col || c.row - here.row > REACH) break;
    const text = c.folded.trim();
    if (SECTION_END.test(text)) break;
    const m = HEADING.exec(text);
    if (!m) continue;
    // The k-th heading is numbered k and names the k-th part; anything else is another list's.
    const part = parts[found.length]!;
    if (m[1] !== NUMERALS[found.length] || nameCore(m[2]!) !== nameCore(part.name)) break;
    const at = c.folded.indexOf(m[3]!, c.folded.indexOf(m[2]!));
    found.push({ cell: c, name: m[2]!.trim(), written: m[3]!, figure: writtenFigure(m[3]!), at });
  }
  return found;
}

/** The cell's text with one figure rewritten, where folding kept its length (so positions are the text's). */
function rewritten(s: Stated, written: string): Fix | undefined {
  if (s.cell.folded.length !== s.cell.text.length || s.cell.text.slice(s.at, s.at + s.written.length) !== s.written) return undefined;
  return { sheet: s.cell.sheet, cell: toA1(s.cell.row, s.cell.col), value: s.cell.text.slice(0, s.at) + written + s.cell.text.slice(s.at + s.written.length), safety: 'unsafe' };
}

const WHY = {
  heading: { 'zh-CN': '所列各项之和等于总数，应是标题写错了', en: 'the parts listed add up to the total, so the heading is wrong' },
  list: { 'zh-CN': '换成标题的金额，所列各项之和才等于总数，应是列举写错了', en: 'only with the heading’s figure do the parts add up to the total, so the list is wrong' },
  unknown: { 'zh-CN': '所列各项之和与总数也不相等，无法判断哪一处错', en: 'the parts do not add up to the total either: no telling which is wrong' },
} as const;

export const restatedParts: IteratorDef<z.infer<typeof ItemParams>> = {
  name: 'restated-parts',
  description: both(
    '说明中“总数，包括甲…万元、乙…万元”之后逐节重述各项的标题（“（一）甲…万元”“（二）乙…万元”）：标题中的金额与所列的金额',
    'the headings that restate, section by section (“（一）甲…万元”, “（二）乙…万元”), the parts a list gives after 包括 or 其中: each heading’s figure against the part’s',
  ),
  facts: {
    part: text('分项名称', 'the part’s name'),
    listed: num('列举时写的金额（万元）', 'the figure the list gives (万元)'),
    restated: num('标题写的金额（万元）', 'the figure the heading gives (万元)'),
    difference: num('两者之差的绝对值（万元）', 'how far the two differ (万元)'),
    wrongSide: text('哪一处错：heading（所列各项之和等于总数）、list（换成标题的金额，各项之和才等于总数）或空（无法判断）', 'which is wrong: heading (the list adds up to its total), list (only with the heading’s figure does it) or empty (no telling)'),
    headingCell: text('标题所在单元格', 'the heading’s cell'),
    listCell: text('列举所在单元格', 'the list’s cell'),
  },
  identities: false,
  texts: ['why'],
  run(ctx: RuleContext) {
    const cells = narrativeCells(ctx);
    const items: Item[] = [];
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i]!;
      for (const b of textBreakdowns(cell.folded)) {
        if (b.unit !== '万元' || !b.listed.includes('、')) continue;
        const parts = namedParts(cell, b.listed, b.total.end);
        if (!parts || parts.length !== b.parts.length) continue;
        const headings = restatements(cells, i, parts);
        headings.forEach((h, k) => {
          const part = parts[k]!;
          const slack = breakdownAmount(part.figure).rounding + breakdownAmount(h.figure).rounding;
          if (Math.abs(part.figure.value - h.figure.value) <= slack + 1e-9) return;
          const figures = parts.map((p) => p.figure);
          const listHolds = figuresAddUp(b.total, figures);
          const headingWouldHold = !listHolds && figuresAddUp(b.total, figures.map((f, x) => (x === k ? h.figure : f)));
          const wrong = listHolds ? h : headingWouldHold ? part : h;
          const right = wrong === h ? part : h;
          const fix = listHolds || headingWouldHold ? rewritten(wrong, right.written) : undefined;
          items.push({
            facts: {
              part: part.name,
              listed: part.figure.value,
              restated: h.figure.value,
              difference: Math.round(Math.abs(part.figure.value - h.figure.value) * 100) / 100,
              wrongSide: listHolds ? 'heading' : headingWouldHold ? 'list' : '',
              headingCell: toA1(h.cell.row, h.cell.col),
              listCell: toA1(cell.row, cell.col),
            },
            text: (lang) => ({ why: WHY[listHolds ? 'heading' : headingWouldHold ? 'list' : 'unknown'][lang] }),
            cell: { sheet: wrong.cell.sheet, cell: toA1(wrong.cell.row, wrong.cell.col) },
            related: [{ sheet: right.cell.sheet, cell: toA1(right.cell.row, right.cell.col) }],
            ...(fix && { fix }),
          });
        });
      }
    }
    return items;
  },
};
