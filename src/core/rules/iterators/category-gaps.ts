/**
 * Indicators filed under a 一级指标 but under no 二级指标: the form leaves the category blank (长沙 公安局
 * 2025's 部门整体 form: five 效益指标 under an empty merged cell; 西安 气象局 2022's: the 质量 and 时效
 * indicators under no label at all). A project's forms and the department-wide one alike.
 */
import type { z } from 'zod';
import type { CategoryGapParams } from '../params/targets.js';
import type { MergeIndex } from '../../grid.js';
import type { CellRef, Indicator } from '../../model.js';
import type { Item } from '../context.js';
import { type IteratorDef, num, text, flag, both } from '../registry-types.js';
import { projectOf, targets } from './targets.js';

const blank = (c: CellRef) => c.text.trim() === '';

/** An indicator written under a 一级指标 whose 二级指标 cell is empty. */
const uncategorized = (ind: Indicator) => !blank(ind.level1) && blank(ind.level2) && !blank(ind.level3);

export const categoryGaps: IteratorDef<z.infer<typeof CategoryGapParams>> = {
  name: 'category-gaps',
  description: both(
    '绩效目标表（项目的和部门整体的）中写在一级指标之下、二级指标却空着的三级指标，连续的几条为一处',
    'indicators of a target form (a project’s or the department-wide one) under a 一级指标 with their 二级指标 left blank, consecutive ones taken together',
  ),
  facts: {
    level1: text('一级指标', 'the level-1 category'),
    first: text('第一条这样的三级指标', 'the first such level-3 indicator'),
    count: num('二级指标空着的三级指标条数', 'how many level-3 indicators have no level-2 category'),
    overall: flag('部门整体绩效目标表（不是某个项目的）', 'the department-wide form (not a project’s)'),
  },
  identities: false,
  texts: ['subject'],
  run(ctx) {
    const items: Item[] = [];
    for (const t of [...targets(ctx), ...ctx.tables('overall-target').filter((x) => x.target)]) {
      if (t.target!.categorized === false) continue;
      const merges = ctx.merges(t.sheet);
      const rows = ctx.grid.sheets.find((s) => s.name === t.sheet)?.rows ?? [];
      const textAt = (row: number, col: number) => rows[row - 1]?.[col - 1]?.text ?? '';
      for (const run of blankRuns(t.target!.indicators)) {
        if (!deliberate(run, t.target!.indicators, merges, textAt)) continue;
        const overall = t.id === 'overall-target';
        const [head] = run;
        items.push({
          facts: { level1: head!.level1.text.trim(), first: head!.level3.text.trim(), count: run.length, overall },
          text: (lang) => ({
            subject: overall ? (lang === 'zh-CN' ? `部门整体绩效目标表（${t.sheet}）` : `the department-wide target form (${t.sheet})`) : lang === 'zh-CN' ? `项目“${projectOf(t)}”` : `project “${projectOf(t)}”`,
          }),
          cell: { sheet: head!.level2.sheet, cell: head!.level2.cell },
          related: run.map((ind) => ({ sheet: ind.level3.sheet, cell: ind.level3.cell })),
          table: t.id,
        });
      }
    }
    return items;
  },
};

/**
 * One 一级指标 group: by its text, not its cell, so a form whose merges were filled (取消合并并填充, the
 * category written on every row) groups as the merged one does.
 */
const sameGroup = (a: Indicator, b: Indicator) => a.level1.text.trim() === b.level1.text.trim();

/** Consecutive indicators left uncategorized under one 一级指标. */
function blankRuns(indicators: readonly Indicator[]): Indicator[][] {
  const runs: Indicator[][] = [];
  let run: Indicator[] = [];
  for (const ind of indicators) {
    const previous = run[run.length - 1];
    if (uncategorized(ind) && (!previous || (sameGroup(previous, ind) && previous.row < ind.row))) {
      run.push(ind);
      continue;
    }
    if (run.length > 0) runs.push(run);
    run = uncategorized(ind) ? [ind] : [];
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

/**
 * Whether the blank is the form's own and not a category written once for the rows below it: the
 * empty cell is merged over the rows (a group with no name), or the category above it ends with its
 * merge just above, or nothing above it in its 一级指标 group names a category. A category written in
 * one unmerged cell over blank ones may be meant for them, and is left alone.
 */
function deliberate(run: readonly Indicator[], all: readonly Indicator[], merges: MergeIndex, textAt: (row: number, col: number) => string): boolean {
  const head = run[0]!;
  if (merges.rangeAt(head.level2.row, head.level2.col)) return true;
  const i = all.indexOf(head);
  const above = all[i - 1];
  if (!above || !sameGroup(above, head)) return true;
  const range = merges.rangeAt(above.level2.row, above.level2.col);
  if (range !== undefined) return range.bottom === head.row - 1;
  // Its merge undone and filled (西安 气象局 2022's 数量指标 in C17…C21): written on each row of its group,
  // two rows at least, it ends where its copies end, just above the blank.
  const category = above.level2.text;
  const col = head.level2.col;
  return category.trim() !== '' && textAt(head.row - 1, col) === category && textAt(head.row - 2, col) === category;
}
