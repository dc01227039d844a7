/**
 * Real copies of budgets arrive changed in ways that leave their meaning alone, and must be judged as
 * the published workbook is — the same findings on the same cells — over the whole real corpus.
 *
 * An empty column inside the tables (a spacer, or a column emptied and kept): it heads nothing, a form's
 * amount is read past it (曹妃甸 2024's 预算数 | | 81.00), and no grouped layout is made of it (长春 2026).
 *
 * A note under every sheet (“注：本表金额单位为万元……”): its 单位为万元 is no amount left blank, and a note
 * that does not say a table is empty does not stand in for one that does (上海 福彩 2026's empty 表9).
 *
 * Sheets in another order: a table printed twice (福州 2026's 一般公共预算支出表 by function and again by
 * economic subject) is compared as its kind is coded, whichever comes first.
 *
 * Merges undone and filled (取消合并并填充): every cell a merge covered holds its value. What this holds:
 * a target form's labels filled across count once (曹妃甸 2024's 12月底 over E:G) and a label filled
 * down is not a second one (资金支出计划 over A6:A7); a text filled across or down a table is reported
 * once (烟台 2026, 江苏 政协 2017); a total's label filled over the amount columns is no amount (江苏
 * 2017–2019's 当年支出小计 in C:E, the amount in F); a form's amount comes after its label's copies
 * (福州 2026's 资金总额 in B4 and C4), two blocks' labels of one text stay two (西安 宣传部 2021); a
 * blank values row keeps its side heading's copy (北京 军民融合办 2026's 预算13表); a category filled
 * down is one cell (福州 医保局 2026) whose end is where its copies end (西安 气象局 2022).
 */
import { describe, expect, it } from 'vitest';
import { checkGrid } from '../../src/core/check.js';
import { cellBeforeColumnInserted, withColumnInserted, withMergesFilled } from '../../src/core/grid.js';
import { loadCatalogue } from '../../src/cli/rule-files.js';
import { readWorkbookFile } from '../../src/xlsx/read-file.js';
import { corpusWorkbooks } from '../helpers.js';

describe('a real workbook changed in a way that keeps its meaning', () => {
  it('is judged as published — its merges filled, its sheets reversed, an empty column inserted, a note added — over the corpus', async () => {
    const catalogue = await loadCatalogue();
    const differing: string[] = [];
    let merged = 0;
    // Merges filled on every workbook (the change real copies show); the others, rarer, on every third and
    // on those that showed them wrong (scripts/corpus-sweep.ts runs each over all, for maintainers).
    const shown = /caofeidian|fuzhou-keji|quanzhou-gongan|changchun-xinfang|shanghai-shi-yibao|junminronghe|shanghai-fucai/;
    const note = '注：本表金额单位为万元，合计数与分项之和因四舍五入可能存在尾差。';
    for (const [i, file] of corpusWorkbooks().entries()) {
      const grid = await readWorkbookFile(file);
      const said = async (g: typeof grid, back = (cell: string) => cell) =>
        (await checkGrid(file, g, catalogue)).report.findings.map((f) => `${f.ruleId}|${f.sheet}!${f.cell && back(f.cell)}`).sort();
      const published = await said(grid);
      const variants: [string, typeof grid, ((cell: string) => string)?][] =
        i % 3 === 0 || shown.test(file)
          ? [
              ['sheets reversed', { sheets: [...grid.sheets].reverse() }],
              ['an empty column inserted at C', withColumnInserted(grid, 3), (cell) => cellBeforeColumnInserted(cell, 3)],
              ['a note under every sheet', { sheets: grid.sheets.map((s) => ({ ...s, rows: [...s.rows, [], [{ value: note, text: note }]] })) }],
            ]
          : [];
      if (grid.sheets.some((s) => s.merges.length > 0)) {
        merged++;
        variants.push(['merges filled', withMergesFilled(grid)]);
      }
      for (const [change, variant, back] of variants) {
        const judged = await said(variant, back);
        if (JSON.stringify(published) === JSON.stringify(judged)) continue;
        differing.push(`${file.split('/').pop()}, ${change}: lost ${published.filter((f) => !judged.includes(f)).join(', ')}; gained ${judged.filter((f) => !published.includes(f)).join(', ')}`);
      }
    }
    expect(merged).toBeGreaterThan(100);
    expect(differing).toEqual([]);
  }, 180_000);
});
