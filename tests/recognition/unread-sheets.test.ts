/**
 * A sheet of amounts under a table title no table of the vocabulary is: the check says it read
 * nothing there, rather than letting the person take the sheet for checked and clean.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { checkGrid, type Catalogue } from '../../src/core/check.js';
import { sheetFromValues, type CellValue } from '../../src/core/grid.js';
import { loadCatalogue } from '../../src/cli/rule-files.js';
import { recognizeGrid } from '../helpers.js';

const _ = null;

const threePublic: CellValue[][] = [
  ['2026年“三公”经费支出预算表', _, _, _],
  ['单位：万元', _, _, _],
  ['合计', '因公出国（境）费', '公务用车购置及运行费', '公务接待费'],
  [10, 2, 5, 3],
];

// 西安 2026's 专项业务经费支出表: an outline of projects the checker does not read yet.
const special: CellValue[][] = [
  ['表10', _, _],
  ['部门综合预算专项业务经费支出表', _, _],
  ['单位：元', _, _],
  ['单位（项目）名称', '项目金额', '项目简介'],
  ['审计事务', 2858680, _],
];

let catalogue: Catalogue;
beforeAll(async () => {
  catalogue = await loadCatalogue();
});

describe('sheets no known table was found on', () => {
  it('a table the checker does not know, holding amounts: named with its title, as information', async () => {
    const grid = { sheets: [sheetFromValues('三公', threePublic), sheetFromValues('表10', special)] };
    expect((await recognizeGrid(grid)).unread).toEqual([{ sheet: '表10', cell: 'A2', title: '部门综合预算专项业务经费支出表' }]);
    const { report } = await checkGrid('x.xlsx', grid, catalogue);
    const unread = report.findings.filter((f) => f.ruleId === 'recognition/sheet-unread');
    expect(unread).toEqual([
      {
        ruleId: 'recognition/sheet-unread',
        severity: 'info',
        sheet: '表10',
        cell: 'A2',
        message: '「表10」的“部门综合预算专项业务经费支出表”不是本工具认识的表，表中的数字未经任何核对',
      },
    ]);
  });

  // Like 西安 2022's 收支对比表, which starts at its header: the sheet's name is its only title.
  it('a table with no title line, on a sheet named as a table: named by its sheet, on its first cell', async () => {
    const comparison: CellValue[][] = [
      ['年度', '编制人数', '实有人数', '离退休人数'],
      ['2021', 21, 19, 6],
      ['2022', 21, 20, 7],
    ];
    const grid = { sheets: [sheetFromValues('三公', threePublic), sheetFromValues('第三部分 人员对比表', comparison), sheetFromValues('Sheet3', comparison), sheetFromValues('表5', comparison)] };
    // Only the first: Sheet3 names nothing, and a table's number alone (表5) says nothing of what it is.
    expect((await recognizeGrid(grid)).unread).toEqual([{ sheet: '第三部分 人员对比表', cell: 'A1', title: '第三部分 人员对比表' }]);
    const { report } = await checkGrid('x.xlsx', grid, catalogue);
    expect(report.findings.filter((f) => f.ruleId === 'recognition/sheet-unread').map((f) => f.message)).toEqual(['工作表「第三部分 人员对比表」中的表不是本工具认识的表，表中的数字未经任何核对']);
    const english = await checkGrid('x.xlsx', grid, catalogue, 'en');
    expect(english.report.findings.find((f) => f.ruleId === 'recognition/sheet-unread')!.message).toBe('The table on “第三部分 人员对比表” is not one the checker knows: none of its figures was checked');
  });

  it('says nothing of a sheet whose table was recognised, a blank form, a narrative, or a hidden sheet', async () => {
    const blankForm = special.map((row) => row.map((v) => (typeof v === 'number' ? null : v)));
    const narrative: CellValue[][] = [['第三部分 2026年部门预算情况说明'], ['一、收支预算总体情况'], ['2026年收入预算10万元，支出预算10万元。'], [10]];
    const hidden = { ...sheetFromValues('隐藏', special), hidden: true };
    const rec = await recognizeGrid({ sheets: [sheetFromValues('三公', threePublic), sheetFromValues('空表', blankForm), sheetFromValues('说明', narrative), hidden] });
    expect(rec.tables.map((t) => t.id)).toEqual(['three-public']);
    expect(rec.unread).toEqual([]);
  });
});
