/**
 * Real copies of budgets arrive with their merges undone and filled (取消合并并填充): every cell a merge
 * covered holds its value. Such a copy says what the published workbook says, so it must be judged as
 * that one is — the same findings on the same cells — and never gain a finding for each filled copy.
 */
import { describe, expect, it } from 'vitest';
import { checkGrid } from '../../src/core/check.js';
import { withMergesFilled } from '../../src/core/grid.js';
import { loadCatalogue } from '../../src/cli/rule-files.js';
import { readWorkbookFile } from '../../src/xlsx/read-file.js';
import { ROOT } from '../helpers.js';

async function findingsAsPublishedAndFilled(name: string): Promise<{ published: string[]; filled: string[] }> {
  const catalogue = await loadCatalogue();
  const grid = await readWorkbookFile(`${ROOT}samples/real/${name}.xlsx`);
  const said = async (g: typeof grid) => (await checkGrid(name, g, catalogue)).report.findings.map((f) => `${f.ruleId}|${f.sheet}!${f.cell}`).sort();
  return { published: await said(grid), filled: await said(withMergesFilled(grid)) };
}

describe('a workbook whose merges were undone and filled', () => {
  it('reads a target form’s spending plan and basis column as the merged form (曹妃甸 2024: 12月底 over E:G, 资金支出计划 over A6:A7, 指标值确定依据 over F:G)', async () => {
    const { published, filled } = await findingsAsPublishedAndFilled('hebei-caofeidian-hrss-2024-dept');
    expect(published.length).toBeGreaterThan(20);
    expect(filled).toEqual(published);
  });

  it('reports a slip in a text filled across cells once, on its first cell (烟台 住建局 2026’s 绩效目标 over C:E)', async () => {
    const { published, filled } = await findingsAsPublishedAndFilled('shandong-yantai-zhujian-2026-dept');
    expect(published.some((f) => f.startsWith('text-') || f.startsWith('perf-'))).toBe(true);
    expect(filled).toEqual(published);
  });

  it('takes a total after its label filled over the amount column, not the label as an amount (江苏 人大 2018: 当年支出小计 over C27:E27, 15,897.44 in F27)', async () => {
    const { published, filled } = await findingsAsPublishedAndFilled('jiangsu-sheng-renda-2018-dept');
    expect(filled.filter((f) => f.startsWith('recognition/amount-invalid'))).toEqual([]);
    expect(filled).toEqual(published);
  });

  it('reads a category filled down a table’s rows once (江苏 政协 2017: 财政转专户管理资金 over A10:A12; 长沙 公安 2025’s goals down a project’s rows)', async () => {
    for (const name of ['jiangsu-sheng-zhengxie-2017-dept', 'hunan-changsha-gongan-2025-dept']) {
      const { published, filled } = await findingsAsPublishedAndFilled(name);
      expect(filled, name).toEqual(published);
    }
  });

  it('takes a form’s budget after its label filled, and keeps two blocks’ labels of one text apart (福州 科技 2026: 资金总额 in B4 and C4; 西安 宣传部 2021: 其中：财政拨款 under 实施期 and 年度)', async () => {
    for (const name of ['fujian-fuzhou-keji-2026-unit', 'fujian-fuzhou-jiaojing-2026-unit', 'shaanxi-xian-xuanchuan-2021-dept', 'shaanxi-xian-qixiang-2022-dept']) {
      const { published, filled } = await findingsAsPublishedAndFilled(name);
      expect(filled.filter((f) => f.startsWith('perf-cost') || f.startsWith('perf-budget')), name).toEqual(published.filter((f) => f.startsWith('perf-cost') || f.startsWith('perf-budget')));
    }
  });
});
