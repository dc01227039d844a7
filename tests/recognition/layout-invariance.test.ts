/**
 * Real copies of budgets arrive changed in ways that leave their meaning alone, and must be judged as
 * the published workbook is — the same findings on the same cells — over the whole real corpus.
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
import { withMergesFilled } from '../../src/core/grid.js';
import { loadCatalogue } from '../../src/cli/rule-files.js';
import { readWorkbookFile } from '../../src/xlsx/read-file.js';
import { fromA1, parseRange, toA1 } from '../../src/core/address.js';
import type { GridWorkbook } from '../../src/core/grid.js';
import { corpusWorkbooks, ROOT } from '../helpers.js';

/** The workbook with an empty column inserted before column `at` of every sheet (a spacer, or a column emptied and kept). */
function withColumnInserted(grid: GridWorkbook, at: number): GridWorkbook {
  const shift = (c: number) => (c >= at ? c + 1 : c);
  return {
    sheets: grid.sheets.map((s) => ({
      ...s,
      rows: s.rows.map((r) => (r && r.length >= at ? [...r.slice(0, at - 1), undefined, ...r.slice(at - 1)] : r)),
      merges: s.merges.map((m) => {
        const b = parseRange(m);
        return `${toA1(b.top, shift(b.left))}:${toA1(b.bottom, b.right >= at ? b.right + 1 : b.right)}`;
      }),
    })),
  };
}

describe('a real workbook changed in a way that keeps its meaning', () => {
  it('is judged as published, with its merges filled and with its sheets reversed, on every workbook of the corpus', async () => {
    const catalogue = await loadCatalogue();
    const differing: string[] = [];
    let merged = 0;
    for (const file of corpusWorkbooks()) {
      const grid = await readWorkbookFile(file);
      const said = async (g: typeof grid) => (await checkGrid(file, g, catalogue)).report.findings.map((f) => `${f.ruleId}|${f.sheet}!${f.cell}`).sort();
      const published = await said(grid);
      const variants: [string, typeof grid][] = [['sheets reversed', { sheets: [...grid.sheets].reverse() }]];
      if (grid.sheets.some((s) => s.merges.length > 0)) {
        merged++;
        variants.push(['merges filled', withMergesFilled(grid)]);
      }
      for (const [change, variant] of variants) {
        const judged = await said(variant);
        if (JSON.stringify(published) === JSON.stringify(judged)) continue;
        differing.push(`${file.split('/').pop()}, ${change}: lost ${published.filter((f) => !judged.includes(f)).join(', ')}; gained ${judged.filter((f) => !published.includes(f)).join(', ')}`);
      }
    }
    expect(merged).toBeGreaterThan(100);
    expect(differing).toEqual([]);
  }, 180_000);

  it('reads a form’s amount past an empty column inserted after its label, and makes no total of no subtotals (曹妃甸 2024, 泉州 公安局 2026, 长春 信访局 2026)', async () => {
    const catalogue = await loadCatalogue();
    for (const name of ['hebei-caofeidian-hrss-2024-dept', 'fujian-quanzhou-gongan-2026-dept', 'jilin-changchun-xinfang-2026-dept']) {
      const file = `${ROOT}samples/real/${name}.xlsx`;
      const grid = await readWorkbookFile(file);
      const back = (cell: string) => (fromA1(cell).col > 3 ? toA1(fromA1(cell).row, fromA1(cell).col - 1) : cell);
      const said = async (g: GridWorkbook, moved: boolean) =>
        (await checkGrid(file, g, catalogue)).report.findings.map((f) => `${f.ruleId}|${f.sheet}!${f.cell && moved ? back(f.cell) : f.cell}`).sort();
      expect(await said(withColumnInserted(grid, 3), true), name).toEqual(await said(grid, false));
    }
  });
});

