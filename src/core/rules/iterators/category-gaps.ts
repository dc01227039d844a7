/**
 * Indicators filed under a 一级指标 but under no 二级指标: the form leaves the category blank (长沙 公安局
 * 2025's 部门整体 form: five 效益指标 under an empty merged cell; 西安 气象局 2022's: the 质量 and 时效
 * indicators under no label at all). A project's forms and the department-wide one alike.
 * With `missing: level1`, indicators under no 一级指标 at all (北京 文旅局 2026's transfer-payment
 * form: 数量、质量、时效指标 under a blank B11:B15), with the 一级指标 their 二级指标 belong to.
 */
import type { z } from 'zod';
import type { CategoryGapParams } from '../params/targets.js';
import type { MergeIndex } from '../../grid.js';
import type { CellRef, Indicator } from '../../model.js';
import type { Item } from '../context.js';
import { type IteratorDef, num, text, flag, both } from '../registry-types.js';
import { level1Holding, projectOf, targets } from './targets.js';

const blank = (c: CellRef) => c.text.trim() === '';

/** An indicator written under a 一级指标 whose 二级指标 cell is empty. */
const uncategorized = (ind: Indicator) => !blank(ind.level1) && blank(ind.level2) && !blank(ind.level3);

/** An indicator with its 二级指标 written and its 一级指标 cell empty. */
const unfiled = (ind: Indicator) => blank(ind.level1) && !blank(ind.level2) && !blank(ind.level3);

export const categoryGaps: IteratorDef<z.infer<typeof CategoryGapParams>> = {
  name: 'category-gaps',
  description: both(
    '绩效目标表（项目的和部门整体的）中写在一级指标之下、二级指标却空着的三级指标（missing: level1 时为一级指标空着的），连续的几条为一处',
    'indicators of a target form (a project’s or the department-wide one) under a 一级指标 with their 二级指标 left blank (with missing: level1, their 一级指标 left blank), consecutive ones taken together',
  ),
  facts: {
    level1: text('一级指标', 'the level-1 category'),
    first: text('第一条这样的三级指标', 'the first such level-3 indicator'),
    count: num('二级指标（或一级指标）空着的三级指标条数', 'how many level-3 indicators have no level-2 (or level-1) category'),
    overall: flag('部门整体绩效目标表（不是某个项目的）', 'the department-wide form (not a project’s)'),
    level2s: text('一级指标空着时，其下各二级指标（以“、”分隔）', 'where the level 1 is blank, the level-2 categories under it (joined by 、)'),
    expected: text(
      '一级指标空着时，其下各二级指标共同所属的一级指标（词汇表 categories；没有或不止一个时为空）',
      'where the level 1 is blank, the one level-1 category all the level 2s under it belong to (the vocabulary’s categories; empty when none or several)',
    ),
  },
  identities: false,
  texts: ['subject', 'advice'],
  run(ctx, params) {
    const level1 = params.missing === 'level1';
    const categories = ctx.vocab.indicators?.categories ?? {};
    const items: Item[] = [];
    for (const t of [...targets(ctx), ...ctx.tables('overall-target').filter((x) => x.target)]) {
      if (t.target!.categorized === false) continue;
      const merges = ctx.merges(t.sheet);
      const rows = ctx.sheet(t.sheet)?.rows ?? [];
      const textAt = (row: number, col: number) => rows[row - 1]?.[col - 1]?.text ?? '';
      const runs = level1 ? unfiledRuns(t.target!.indicators) : blankRuns(t.target!.indicators).filter((run) => deliberate(run, t.target!.indicators, merges, textAt));
      for (const run of runs) {
        const overall = t.id === 'overall-target';
        const [head] = run;
        const level2s = [...new Set(run.map((ind) => ind.level2.text.trim()))];
        const expected = level1 ? (level1Holding(level2s, categories) ?? '') : '';
        const at = level1 ? head!.level1 : head!.level2;
        items.push({
          facts: { level1: head!.level1.text.trim(), first: head!.level3.text.trim(), count: run.length, overall, level2s: level1 ? level2s.join('、') : '', expected },
          text: (lang) => ({
            subject: overall ? (lang === 'zh-CN' ? `部门整体绩效目标表（${t.sheet}）` : `the department-wide target form (${t.sheet})`) : lang === 'zh-CN' ? `项目“${projectOf(t)}”` : `project “${projectOf(t)}”`,
            advice: expected
              ? lang === 'zh-CN'
                ? `：这些二级指标都属于“${expected}”，应填“${expected}”`
                : `: these all belong to “${expected}”; fill in “${expected}”`
              : lang === 'zh-CN'
                ? '，请补填一级指标'
                : '; fill in the level-1 category',
          }),
          cell: { sheet: at.sheet, cell: at.cell },
          // Indicators under one merged 二级指标 share its cell: the engine lists each related cell once.
          related: run.map((ind) => (level1 ? ind.level2 : ind.level3)).map((c) => ({ sheet: c.sheet, cell: c.cell })),
          // A guess from the categories (unsafe): the form's author may have meant another layout.
          ...(expected && { fix: { sheet: at.sheet, cell: at.cell, value: expected, safety: 'unsafe' as const } }),
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

/** Runs of consecutive indicators that `belongs` takes, each one `continues` the one before it. */
function runsOf(indicators: readonly Indicator[], belongs: (ind: Indicator) => boolean, continues: (previous: Indicator, ind: Indicator) => boolean): Indicator[][] {
  const runs: Indicator[][] = [];
  let run: Indicator[] = [];
  for (const ind of indicators) {
    const previous = run[run.length - 1];
    if (belongs(ind) && (!previous || continues(previous, ind))) {
      run.push(ind);
      continue;
    }
    if (run.length > 0) runs.push(run);
    run = belongs(ind) ? [ind] : [];
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

/** Consecutive indicators left uncategorized under one 一级指标. */
const blankRuns = (indicators: readonly Indicator[]) => runsOf(indicators, uncategorized, (previous, ind) => sameGroup(previous, ind) && previous.row < ind.row);

/**
 * Consecutive indicators under one blank 一级指标 cell. Recognition gives an indicator a blank 一级
 * only where its form leaves one so: the form's first rows, or a blank cell merged down rows of its
 * own (a blank cell under a written category is read as that category's, as a form written row by
 * row means it).
 */
const unfiledRuns = (indicators: readonly Indicator[]) =>
  runsOf(indicators, unfiled, (previous, ind) => previous.level1.row === ind.level1.row && previous.level1.col === ind.level1.col);

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
