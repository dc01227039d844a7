/**
 * A line the vocabulary cannot read, among the lines a total sums: 普陀区社会福利院 2024 names class
 * 210 under a name of its own. Summed without that line, the classes fall short of 支出总计, and the
 * shortfall once came back as the fix of the blank 一般公共服务支出 beside it: a value a clerk would type
 * into the wrong line. The parts may not be all there are, so the cells are named for the person to
 * choose, with no one fix.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { checkGrid, type Catalogue } from '../../src/core/check.js';
import { withCellValues } from '../../src/core/grid.js';
import { loadCatalogue } from '../../src/cli/rule-files.js';
import { readWorkbookFile } from '../../src/xlsx/read-file.js';
import { CORPUS_DIR } from '../../scripts/corpus-score.js';

let catalogue: Catalogue;
beforeAll(async () => {
  catalogue = await loadCatalogue();
});

describe('a summed block with a line no key reads', () => {
  it('offers no single value for a blank class line when another line of the block is unread', async () => {
    const grid = await readWorkbookFile(`${CORPUS_DIR}shanghai-putuo-fuliyuan-2024-unit.xlsx`);
    // A name no vocabulary lists, for the class the workbook prints as 三、医疗卫生与计划生育支出.
    const renamed = withCellValues(grid, [
      { sheet: '表1 财务收支预算总表', cell: 'C9', value: '三、医疗卫生与计生支出' },
      { sheet: '表4 财政拨款收支预算总表', cell: 'C7', value: '三、医疗卫生与计生支出' },
    ]);
    const { report } = await checkGrid('福利院', renamed, catalogue);
    const onSums = report.findings.filter((f) => f.ruleId === 'summary-totals');
    // The shortfall is still reported…
    expect(onSums.map((f) => `${f.sheet}!${f.cell}`)).toContain('表1 财务收支预算总表!D18');
    // …but no cell of those sums gets a value of its own: not the blank class line, not the total.
    expect(onSums.filter((f) => f.fix).map((f) => `${f.sheet}!${f.fix!.cell} = ${String(f.fix!.value)}`)).toEqual([]);
  });
});
