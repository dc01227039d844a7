/**
 * A budget's 说明 published without its tables (西安 发改委 2019: the tables a separate attachment) is
 * checked for its own figures, and says that every check against a table did not run; a sheet of
 * other text is still refused as holding no budget.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { checkGrid, type Catalogue } from '../../src/core/check.js';
import { sheetFromValues } from '../../src/core/grid.js';
import { SourceError } from '../../src/core/source-error.js';
import { loadCatalogue } from '../../src/cli/rule-files.js';

let catalogue: Catalogue;
beforeAll(async () => {
  catalogue = await loadCatalogue();
});

const narrative = [
  ['一、收入预算情况：2019年部门收入预算203091.65万元，全部为一般公共预算拨款收入。'],
  ['二、支出预算情况：2019年部门支出预算203091.65万元，其中基本支出3395.20万元，项目支出199696.45万元。'],
  ['三、“三公”经费预算情况说明：“三公”经费预算18.6万元，较上年减少24.5万元（43%），主要原因是压减公务接待。'],
];

describe('a workbook of the narrative alone', () => {
  it('is checked: its stated rates are recomputed, and a notice says no check against a table ran', async () => {
    const { report } = await checkGrid('说明.xlsx', { sheets: [sheetFromValues('说明', narrative)] }, catalogue);
    expect(report.tables).toEqual([]);
    expect(report.findings.map((f) => [f.ruleId, f.cell ?? ''])).toEqual(
      expect.arrayContaining([
        ['recognition/narrative-only', ''],
        ['narrative-statement-change-rate', 'A3'],
      ]),
    );
    expect(report.findings.find((f) => f.ruleId === 'recognition/narrative-only')!.message).toMatch(/只有说明文字.*与各表的核对均未进行：部门预算收支总表/);
  });

  it('is refused when its text is no budget narrative (a staff list, two sentences)', async () => {
    const staff = sheetFromValues('名单', [['姓名', '科室', '电话'], ['张三', '办公室', '12345678']]);
    await expect(checkGrid('名单.xlsx', { sheets: [staff] }, catalogue)).rejects.toBeInstanceOf(SourceError);
    const short = sheetFromValues('说明', narrative.slice(0, 2));
    await expect(checkGrid('说明.xlsx', { sheets: [short] }, catalogue)).rejects.toThrow(/No budget table found/);
  });
});
