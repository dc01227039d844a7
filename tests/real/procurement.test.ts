/**
 * 政府采购预算表 as real workbooks publish it. 烟台 信访局 2026 prints 20140 信访事务 71.89 over a lone 项,
 * 2014001 行政运行 1.56: the 70.33 of services has no 项 line of its own. Changing 行政运行 to 71.89 would
 * make the sums agree and the table wrong, so the 款 is reported, the missing line named as the likely
 * cause, and no value is offered.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { checkGrid, type Catalogue } from '../../src/core/check.js';
import { withCellValues, type GridWorkbook } from '../../src/core/grid.js';
import { loadCatalogue } from '../../src/cli/rule-files.js';
import { readWorkbookFile } from '../../src/xlsx/read-file.js';
import { CORPUS_DIR } from '../../scripts/corpus-score.js';

const SHEET = '公开表12 政府采购预算表';
let catalogue: Catalogue;
let grid: GridWorkbook;
beforeAll(async () => {
  catalogue = await loadCatalogue();
  grid = await readWorkbookFile(`${CORPUS_DIR}shandong-yantai-xinfang-2026-dept.xlsx`);
});

describe('the procurement table of 烟台 信访局 2026', () => {
  it('reports the 款 over a lone 项, once for its row with every amount column named, with no value for the 项', async () => {
    const { report } = await checkGrid('烟台信访局', grid, catalogue);
    expect(report.tables.some((t) => t.id === 'procurement' && t.sheet === SHEET)).toBe(true);
    const onTable = report.findings.filter((f) => f.sheet === SHEET);
    expect(onTable.map((f) => `${f.ruleId} ${f.cell}`)).toEqual(['hierarchy-sum E8']);
    expect(onTable[0]!.related?.map((r) => r.cell)).toEqual(expect.arrayContaining(['F8', 'G8']));
    expect(onTable.every((f) => !f.fix && f.message.includes('漏填或被删去') && f.message.includes('同一行的'))).toBe(true);
  });

  it('holds the narrative’s 政府采购预算 to the table’s 合计', async () => {
    const narrative = grid.sheets.find((s) => s.name === '说明')!;
    const row = narrative.rows.findIndex((r) => typeof r?.[0]?.value === 'string' && (r[0].value as string).includes('政府采购预算71.89万元'));
    expect(row).toBeGreaterThanOrEqual(0);
    const text = (narrative.rows[row]![0]!.value as string).replace('政府采购预算71.89万元', '政府采购预算81.89万元');
    const changed = withCellValues(grid, [{ sheet: '说明', cell: `A${row + 1}`, value: text }]);
    const { report } = await checkGrid('烟台信访局', changed, catalogue);
    const stated = report.findings.filter((f) => f.ruleId === 'narrative-totals' && f.cell === `A${row + 1}`);
    expect(stated).toHaveLength(1);
    expect(stated[0]!.message).toContain('71.89');
  });
});
