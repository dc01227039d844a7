/**
 * What the real corpus taught recognition, each pinned as a small grid: numbered titles, 情况统计表,
 * narrative sentences that name a table, codes stored as formatted numbers, headers whose depth only
 * the merges tell, empty printed grids before a note, and partial publications.
 */
import { describe, expect, it } from 'vitest';
import { checkGrid } from '../../src/core/check.js';
import { sheetFromValues, type CellValue, type GridSheet, type GridWorkbook } from '../../src/core/grid.js';
import { displayText } from '../../src/core/text.js';
import { loadCatalogue } from '../../src/cli/rule-files.js';
import { recognizeGrid, rowsByCode, table } from '../helpers.js';

const _ = null;
const wb = (...sheets: GridSheet[]): GridWorkbook => ({ sheets });

const threePublic = (title: string): CellValue[][] => [
  [title, _],
  [_, '单位:万元'],
  ['项目', '预算数'],
  ['合计', 6.3],
  ['因公出国(境)费', 0],
  ['公务接待费', 0],
  ['公务用车购置及运行费', 6.3],
];

/** 北京 2026's 预算13表 down to its funds row: title, year, department, the two header rows, the funds. */
const beijingOverallForm = (department: string, funds: CellValue[]): CellValue[][] => [
  ['预算13表 部门整体支出绩效目标表', _, _, _, _, _, _, _, _],
  ['（2026年度）', _, _, _, _, _, _, _, _],
  ['部门名称', _, department, _, _, _, _, _, _],
  ['总体资金情况（万元）', _, '预算支出总额', '财政拨款', _, _, '其他资金', _, _],
  [_, _, _, '合计', '基本支出', '项目支出', '合计', '基本支出', '项目支出'],
  funds,
];

/** 北京 2026's 项目支出绩效目标表 down to its two header rows (其中： over 财政资金 | 其他资金). */
const beijingTargetList = (title: string): CellValue[][] => [
  [title, _, _, _, _, _, _, _, _, _, _],
  [_, _, _, _, _, _, _, _, _, _, '金额单位：万元'],
  ['项目名称', '项目总额', '其中：', _, '绩效目标', '一级指标', '二级指标', '三级指标', '绩效指标性质', '本年绩效指标值', '绩效度量单位'],
  [_, _, '财政资金', '其他资金', _, _, _, _, _, _, _],
];

/** Blank rows. */
const _rows = (n: number): CellValue[][] => Array.from({ length: n }, () => [_]);

describe('titles as real budgets print them', () => {
  it.each([
    ['一、2020年“三公”经费支出预算表'],
    ['2015年桂林市司法局部门“三公”经费情况统计表'],
    ['（二）2024年一般公共预算“三公”经费支出预算表（单位：万元）'],
  ])('%s is the 三公 table, read with its 预算数 column', async (title) => {
    const t = table(await recognizeGrid(wb(sheetFromValues('表', threePublic(title)))), 'three-public');
    expect(t.columns.map((c) => c.role)).toEqual(['item', 'total']);
    expect(t.problems).toEqual([]);
  });

  it('a title merged across the table, then unmerged and filled (取消合并并填充), is read once', async () => {
    const title = '2026年市级部门一般公共预算“三公”经费支出表';
    const rows = threePublic(title);
    for (const width of [2, 5]) {
      rows[0] = Array.from({ length: width }, () => title);
      const t = table(await recognizeGrid(wb(sheetFromValues('表', rows))), 'three-public');
      expect(t.title).toBe(title);
      expect(t.columns.map((c) => c.role)).toEqual(['item', 'total']);
    }
  });

  it('a sentence that names a table is no title', async () => {
    const rec = await recognizeGrid(wb(sheetFromValues('说明', [['二、2024年“三公”经费预算情况说明'], ['详见单位的项目绩效目标表'], ['2024年“三公”经费预算数为6.3万元，比上年持平。']])));
    expect(rec.tables).toEqual([]);
  });

  it("广东's key projects, headed in the 说明 (七、重点项目预算绩效目标情况): a lead sentence, then a header whose 预算数 states the unit", async () => {
    const rows: CellValue[][] = [
      ['七、重点项目预算绩效目标情况', _, _],
      ['2026年，本部门重点项目绩效目标情况如下：', _, _],
      ['项目', '预算数（单位：万元）', '绩效目标'],
      ['云客服服务外包项目', 252.28, '组建专业的客服服务团队。'],
      ['注：无。', _, _],
    ];
    const t = table(await recognizeGrid(wb(sheetFromValues('说明七', rows))), 'key-projects');
    expect(t.columns.map((c) => [c.role, c.col])).toEqual([['project', 1], ['total', 2], ['goal', 3]]);
    expect(t.unit).toBe('万元');
    expect(t.rows.map((r) => [r.labels.project, r.cells.total?.amount])).toEqual([['云客服服务外包项目', 252.28]]);
  });

  it("深圳's key projects on a sheet of their own with no title line: the sheet's name (第七部分 set aside) is the title, the table starts at its header", async () => {
    const rows: CellValue[][] = [
      ['二级预算单位名称', '一级项目名称', '预算数（万元）', '绩效目标'],
      ['某市局（本级）', '科技创新工作经费', 1388.31, '完成年度科技计划项目管理'],
      ['备注：涉密项目按要求不予公开。', _, _, _],
    ];
    const t = table(await recognizeGrid(wb(sheetFromValues('第七部分 重点项目绩效目标', rows))), 'key-projects');
    expect([t.title, t.titleCell, t.headerRows]).toEqual(['第七部分 重点项目绩效目标', 'A1', { top: 1, bottom: 1 }]);
    expect(t.columns.map((c) => [c.role, c.col])).toEqual([['project', 2], ['total', 3], ['goal', 4]]);
    expect(t.unit).toBe('万元');
    expect(t.rows.map((r) => [r.labels.project, r.cells.total?.amount])).toEqual([['科技创新工作经费', 1388.31]]);
    // A sheet's name is a title only where nothing on the sheet is one, and only with the header at the top.
    const titled = await recognizeGrid(wb(sheetFromValues('重点项目绩效目标', [['七、重点项目预算绩效目标情况', _, _], ['项目', '预算数（单位：万元）', '绩效目标'], ['云客服服务外包项目', 252.28, '组建专业的客服服务团队。']])));
    expect(table(titled, 'key-projects').title).toBe('七、重点项目预算绩效目标情况');
    // Lines above the header are read as below a title: the unit, on the sheet's first rows.
    const withUnit = table(await recognizeGrid(wb(sheetFromValues('第七部分 重点项目绩效目标', [['部门名称：某市局', _, _, _], [_, _, _, '单位：元'], ...rows]))), 'key-projects');
    expect([withUnit.titleCell, withUnit.headerRows, withUnit.unit]).toEqual(['A1', { top: 3, bottom: 3 }, '元']);
    const low = [..._rows(9), ...rows];
    expect((await recognizeGrid(wb(sheetFromValues('第七部分 重点项目绩效目标', low)))).tables).toEqual([]);
  });

  it("the key projects' heading with no table under it is no table: its lead sentence is no header", async () => {
    const rec = await recognizeGrid(wb(sheetFromValues('说明', [['六、委托业务费安排情况'], ['2026年本部门一般公共预算安排委托业务费478.2万元。'], ['七、重点项目预算绩效目标情况'], ['2026年，本部门重点项目绩效目标情况如下：']])));
    expect(rec.tables).toEqual([]);
  });

  it('一般公共预算 is not a section number 一', async () => {
    const rec = await recognizeGrid(wb(sheetFromValues('表5', [['一般公共预算财政拨款支出表'], ['单位：万元'], ['科目编码', '科目名称', '合计', '基本支出', '项目支出'], ['208', '社会保障和就业支出', 5, 5, _]])));
    expect(rec.tables.map((t) => t.id)).toEqual(['general-budget-expense']);
  });
});

describe('cells as real workbooks store them', () => {
  it('codes stored as numbers formatted 0.00 are read by value (208 shown 208.00 is code 208)', async () => {
    const rows: CellValue[][] = [['部门支出预算总表'], ['单位：万元'], ['科目编码', '科目名称', '合计', '基本支出', '项目支出'], [_, '合计', 5, 5, _], [208, '社会保障和就业支出', 5, 5, _], [20801, '人力资源和社会保障管理事务', 5, 5, _], [2080101, '行政运行', 5, 5, _]];
    const sheet = sheetFromValues('表3', rows);
    for (const row of sheet.rows.slice(4)) row[0] = { value: row[0]!.value, text: displayText(row[0]!.value, '0.00'), numFmt: '0.00' };
    const t = table(await recognizeGrid(wb(sheet)), 'expense-summary');
    expect(t.rows.flatMap((r) => (r.code ? [r.code.code] : []))).toEqual(['208', '20801', '2080101']);
    expect(t.problems).toEqual([]);
  });

  it('a header whose lowest row holds only sub-headings is as deep as its merges (人员经费 | 公用经费 under 基本支出)', async () => {
    const rows: CellValue[][] = [
      ['2025年预算单位财务收支预算总表', _, _, _, _, _, _],
      ['编制单位：某局', _, _, _, _, _, '单位：元'],
      ['本年收入', _, '本年支出', _, _, _, _],
      ['项目', '预算数', '项目', '预算数', _, _, _],
      [_, _, _, '合计', '基本支出', _, '项目支出'],
      [_, _, _, _, '人员经费', '公用经费', _],
      ['一、财政拨款收入', 100, '一、一般公共服务支出', 100, 60, 10, 30],
      ['收入总计', 100, '支出总计', 100, 60, 10, 30],
    ];
    const merges = ['A3:B3', 'C3:G3', 'A4:A6', 'B4:B6', 'C4:C6', 'D4:G4', 'D5:D6', 'E5:F5', 'G5:G6'];
    const t = table(await recognizeGrid(wb(sheetFromValues('表1', rows, merges))), 'income-expense-summary');
    expect(t.headerRows).toEqual({ top: 3, bottom: 6 });
    expect(t.columns.map((c) => c.role)).toEqual(['incomeItem', 'incomeAmount', 'expenseItem', 'expenseAmount', 'expensePersonnel', 'expensePublicUse', 'expenseProject']);
    expect(t.problems).toEqual([]);
  });

  it('a header that lost its merges reads each group heading over the blank cells to its right (湖州 2026’s 收 入 | 支 出)', async () => {
    const rows: CellValue[][] = [
      ['2026年市级部门财政拨款收支预算总表', _, _, _],
      ['507-湖州市卫生健康委员会', _, _, '单位：万元'],
      ['收 入', _, '支 出', _],
      ['项 目', '预算数', '项 目', '预算数'],
      ['一、财政拨款', 100, '科学技术支出', 100],
      ['一般公共预算', 100, '基础研究', 100],
      ['收 入 总 计', 100, '支 出 总 计', 100],
    ];
    const read = async (merges: string[]) => table(await recognizeGrid(wb(sheetFromValues('表04', rows, merges))), 'fiscal-summary');
    const merged = await read(['A1:D1', 'A3:B3', 'C3:D3']);
    const unmerged = await read([]);
    expect(merged.columns.map((c) => c.role)).toEqual(['incomeItem', 'incomeAmount', 'expenseItem', 'expenseTotal']);
    expect(unmerged.columns).toEqual(merged.columns);
    expect(unmerged.rows.length).toBe(merged.rows.length);
  });

  it('a header that lost its merges is as deep as its row of sub-headings (杭州 2026’s 人员支出 | 日常公用支出 under 基本支出)', async () => {
    const rows: CellValue[][] = [
      ['表3：2026年市级部门支出预算总表', _, _, _, _],
      ['部门名称：某局', _, _, _, '单位:万元'],
      ['功能分类科目名称', '总计', '基本支出', _, '项目支出'],
      [_, _, '人员支出', '日常公用支出', _],
      ['**', '1', '2', '3', '4'],
      ['合计', 100, 60, 10, 30],
      ['一般公共服务支出', 100, 60, 10, 30],
    ];
    const read = async (merges: string[]) => table(await recognizeGrid(wb(sheetFromValues('表3', rows, merges))), 'expense-summary');
    const merged = await read(['A1:E1', 'A3:A4', 'B3:B4', 'C3:D3', 'E3:E4']);
    const unmerged = await read([]);
    expect(merged.headerRows).toEqual({ top: 3, bottom: 4 });
    expect(unmerged.headerRows).toEqual(merged.headerRows);
    expect(unmerged.columns).toEqual(merged.columns);
    expect(unmerged.rows.map((r) => r.row)).toEqual(merged.rows.map((r) => r.row));
  });

  it('a 合计 written in the 类 column names the total row where its merge over the code and name columns was lost', async () => {
    const rows: CellValue[][] = [
      ['2025年部门收入预算总表', _, _, _, _],
      [_, _, _, _, '单位：元'],
      ['功能分类科目编码', _, _, '功能分类科目名称', '合计'],
      ['类', '款', '项', _, _],
      ['201', _, _, '一般公共服务支出', 100],
      ['201', '06', _, '财政事务', 100],
      ['201', '06', '01', '行政运行', 100],
      ['合计', _, _, _, 100],
    ];
    const t = table(await recognizeGrid(wb(sheetFromValues('表2', rows))), 'income-summary');
    expect(t.rows.filter((r) => r.isTotal).map((r) => r.row)).toEqual([8]);
  });

  it('a project target form that lost its merges reads its funds and its indicators’ categories as the merged one (福州 2026)', async () => {
    const rows: CellValue[][] = [
      ['口岸单位补贴项目绩效目标表', _, _, _, _],
      ['项目名称', '口岸单位补贴', _, _, _],
      ['主管部门', '福州市商务局', _, '实施单位', '福州市商务局'],
      ['专项资金情况（万元）', '资金总额', _, 6200, _],
      [_, '财政拨款', _, 6200, _],
      [_, '其他资金', _, 0, _],
      ['年度目标', '优化营商环境，提升福州口岸跨境贸易便利化水平。', _, _, _],
      ['绩效目标指标', '一级指标', '二级指标', '三级指标', '指标值'],
      [_, '成本指标', '经济成本指标', '财政投入总数', '≤6200万元'],
      [_, '产出指标', '数量指标', '奖补单位数', '≥7个'],
      [_, _, '质量指标', '奖补资金发放合规率', '=100%'],
      [_, '效益指标', '社会效益指标', '福州口岸全港货物吞吐量', '≥20000万吨'],
      [_, _, _, '港口外贸年吞吐量', '≥6000万吨'],
      [_, '满意度指标', '服务对象满意度指标', '受益对象满意度', '≥90%'],
    ];
    const merges = ['A1:E1', 'B2:E2', 'B3:C3', 'A4:A6', 'B4:C4', 'D4:E4', 'B5:C5', 'D5:E5', 'B6:C6', 'D6:E6', 'B7:E7', 'B10:B11', 'B12:B13', 'C12:C13', 'A8:A14'];
    const read = async (m: string[]) => table(await recognizeGrid(wb(sheetFromValues('绩效目标4', rows, m))), 'performance-target').target!;
    const [merged, unmerged] = [await read(merges), await read([])];
    expect(unmerged.budget?.amount).toBe(6200);
    expect(unmerged.fiscalFunds?.amount).toBe(merged.fiscalFunds?.amount);
    const categories = (t: typeof merged) => t.indicators.map((i) => `${i.level1.text}/${i.level2.text}/${i.level3.text}`);
    expect(categories(unmerged)).toEqual(categories(merged));
    expect(categories(unmerged)[4]).toBe('效益指标/社会效益指标/港口外贸年吞吐量');
  });

  it('a department form whose funds row is left blank (北京 军民融合办 2026 预算13表) is still read: every field of the block, blank', async () => {
    const rows: CellValue[][] = [
      ...beijingOverallForm('中共北京市委军民融合发展委员会办公室', [_, _, _, _, _, _, _, _, _]),
      ['整体绩效目标', '整体绩效目标', '完成年度工作。', _, _, _, _, _, _],
    ];
    const merges = ['A1:I1', 'A2:I2', 'A3:B3', 'C3:I3', 'A4:B6', 'C4:C5', 'D4:F4', 'G4:I4', 'C7:I7'];
    const rec = await recognizeGrid(wb(sheetFromValues('预算13表 部门整体支出绩效目标表', rows, merges)));
    const form = table(rec, 'overall-target');
    expect(form.rows.map((r) => [Object.values(r.keys)[0], r.cells.amount!.cell, r.cells.amount!.amount])).toEqual([
      ['total', 'C6', null],
      ['fiscal', 'D6', null],
      ['fiscalBasic', 'E6', null],
      ['fiscalProject', 'F6', null],
      ['other', 'G6', null],
      ['otherBasic', 'H6', null],
      ['otherProject', 'I6', null],
    ]);
    // A blank row with no labels over it is no block: a form without money is read without fields.
    const bare = await recognizeGrid(wb(sheetFromValues('预算13表', [rows[0]!, rows[1]!, [_, _, _, _, _, _, _, _, _], rows[6]!])));
    expect(bare.tables.find((t) => t.id === 'overall-target')?.rows ?? []).toEqual([]);
  });

  it('北京 2026’s 预算13表 names its indicators under 绩效指标 (活动 | 绩效指标 | 指标性质 | 指标值 | 度量单位); a header with nothing under it is kept', async () => {
    const top: CellValue[][] = [
      ...beijingOverallForm('北京市气象局', [_, _, 30775.65, 30767.65, 2010.97, 28756.68, 8, 8, _]),
      ['整体绩效目标', '整体绩效目标', '推动首都气象事业高质量发展。', _, _, _, _, _, _],
      [_, '其他说明', _, _, _, _, _, _, _],
      [_, '活动', _, '绩效指标', _, '指标性质', '指标值', _, '度量单位'],
    ];
    const indicators: CellValue[][] = [
      [_, '气象监测', _, '产出指标数量指标气象监测预报服务人员', _, '≥', '200', _, '人'],
      [_, '预报', _, '产出指标时效指标工作完成时限', _, '＝', '12', _, '月'],
    ];
    const merges = ['A1:I1', 'A2:I2', 'A3:B3', 'C3:I3', 'A4:B6', 'C4:C5', 'D4:F4', 'G4:I4', 'C7:I7', 'C8:I8', 'B9:C9', 'D9:E9', 'G9:H9', 'B10:C10', 'D10:E10', 'G10:H10', 'B11:C11', 'D11:E11', 'G11:H11'];
    const filled = table(await recognizeGrid(wb(sheetFromValues('预算13表', [...top, ...indicators], merges))), 'overall-target');
    expect(filled.target?.indicators.map((i) => [i.level3.cell, i.level3.text, i.comparator?.text, i.value.text, i.unit?.text])).toEqual([
      ['D10', '产出指标数量指标气象监测预报服务人员', '≥', '200', '人'],
      ['D11', '产出指标时效指标工作完成时限', '＝', '12', '月'],
    ]);
    // 北京 军民融合办 2026: the header and one blank row. The form asks for indicators and gives none.
    const empty = table(await recognizeGrid(wb(sheetFromValues('预算13表', [...top, [_, _, _, _, _, _, _, _, _]], merges.slice(0, 13)))), 'overall-target');
    expect([empty.target?.indicators.length, empty.target?.indicatorHeader?.cell]).toEqual([0, 'D9']);
  });

  it('a 项目支出绩效表 title over a target list’s header is a target list; with no project and no note it is said to be empty (北京 军民融合办 2026 预算表12)', async () => {
    const rows: CellValue[][] = [
      ...beijingTargetList('预算表12 年度项目支出绩效表'),
      [_, _, _, _, _, _, _, _, _, _, _],
    ];
    const merges = ['A1:K1', 'A3:A4', 'B3:B4', 'C3:D3', 'E3:E4', 'F3:F4', 'G3:G4', 'H3:H4', 'I3:I4', 'J3:J4', 'K3:K4'];
    const catalogue = await loadCatalogue();
    // Beside a table the checker knows: a workbook of no known table is refused before this is asked.
    const budget = (sheet: CellValue[][]) => wb(sheetFromValues('三公', threePublic('“三公”经费支出预算表')), sheetFromValues('预算表12', sheet, merges));
    const empty = await checkGrid('x.xlsx', budget(rows), catalogue);
    expect(empty.recognition.tables.map((t) => t.id)).toEqual(['three-public']);
    expect(empty.report.findings.filter((f) => f.sheet === '预算表12').map((f) => `${f.ruleId}|${f.severity}|${f.cell}`)).toEqual(['recognition/target-list-empty|warning|A1']);
    // A note under it says why: nothing to tell.
    const noted = await checkGrid('x.xlsx', budget([...rows, ['本部门2026年无项目支出，故本表为空表。', _, _, _, _, _, _, _, _, _, _]]), catalogue);
    expect(noted.report.findings.filter((f) => f.sheet === '预算表12')).toEqual([]);
    // A project listed: its target table, read as 北京 气象局's are.
    const listed = rows.slice(0, 4).concat([['11000021T000000117430-昌平区气象台站运行及服务维持费项目', 52, 52, _, '保障气象观测业务。', '产出指标', '数量指标', '区域自动站检定', '≥', '20', '个/套']]);
    const one = await checkGrid('x.xlsx', budget(listed), catalogue);
    expect(one.recognition.tables.map((t) => [t.id, t.target?.projectName?.text])).toEqual([['three-public', undefined], ['performance-target', '11000021T000000117430-昌平区气象台站运行及服务维持费项目']]);
    expect(one.report.findings.filter((f) => f.ruleId === 'recognition/target-list-empty')).toEqual([]);
  });

  it('a 专项资金整体支出绩效目标表 (西安 安监局 2019’s 表15) is a special fund’s target form, not a second department-wide one', async () => {
    const rows: CellValue[][] = [
      ['附表15', _, _, _, _],
      ['2019年专项资金整体支出绩效目标表', _, _, _, _],
      ['专项（项目）名称', _, '安全生产专项资金', _, _],
      ['主管部门', _, '西安市安全生产监督管理局', _, _],
      ['资金金额1620.98（万元）', _, '实施期资金总额', _, 1620.98],
      [_, _, '其中：财政拨款', _, 1620.98],
      ['年度总体目标', '目标1：开展全市范围安全生产大检查。', _, _, _],
      [_, '一级指标', '二级指标', '指标内容', '指标值'],
      ['年度绩效指标', '产出指标', '数量指标', '指标1：开展安全生产日常监督检查', '≥80%'],
      [_, _, _, '指标2：建立市级安全生产专业应急救援队伍', '一支'],
    ];
    const rec = await recognizeGrid(wb(sheetFromValues('表15', rows, ['A3:B3', 'C3:E3', 'A4:B4', 'C4:E4', 'A5:B6', 'C5:D5', 'C6:D6'])));
    expect(rec.tables.map((t) => [t.id, t.target?.projectName?.text])).toEqual([['performance-target', '安全生产专项资金']]);
    // The department-wide form keeps its title.
    const overall = await recognizeGrid(wb(sheetFromValues('表14', [['2019年部门整体支出绩效目标表', _, _, _, _], ...rows.slice(7)])));
    expect(overall.tables.map((t) => t.id)).toEqual(['overall-target']);
  });

  it('绩效指标 beside 一级指标 labels the indicator block, merged down it (西安 2022): the indicator is named by 指标内容', async () => {
    const rows: CellValue[][] = [
      ['2022年部门预算专项业务经费绩效目标表', _, _, _, _],
      ['专项（项目）名称', _, '其他履职经费', _, _],
      ['资金金额（万元）', '实施期资金总额：', _, 1715.97, _],
      ['绩效指标', '一级指标', '二级指标', '指标内容', '指标值'],
      [_, '产出指标', '数量指标', '指标1：区域自动气象站运行正常', '每月站点正常运行率≥95%'],
      [_, _, _, '指标2：作业次数', '飞机增雨10次/年'],
    ];
    const form = (await recognizeGrid(wb(sheetFromValues('表14', rows, ['A2:B2', 'C2:E2', 'A4:A6', 'B5:B6', 'C5:C6'])))).tables.find((t) => t.id === 'performance-target');
    expect(form?.target?.indicators.map((i) => [i.level1.text, i.level2.text, i.level3.text])).toEqual([
      ['产出指标', '数量指标', '指标1：区域自动气象站运行正常'],
      ['产出指标', '数量指标', '指标2：作业次数'],
    ]);
  });

  it('a form whose labels were merged across, then unmerged and filled, takes its values after the repeated label (西安 2022’s blank 表16)', async () => {
    const rows: CellValue[][] = [
      ['2022年专项资金总体绩效目标表', _, _, _, _, _],
      ['项目名称', '项目名称', _, _, _, _],
      ['主管部门', '主管部门', _, _, '实施期限', _],
      ['绩效指标', '一级指标', '二级指标', '指标内容', '指标值', '备注'],
      ['绩效指标', '产出指标', '数量指标', '指标1：', _, _],
      ['绩效指标', '产出指标', '数量指标', '指标2：', _, _],
    ];
    const recognition = await recognizeGrid(wb(sheetFromValues('表16', rows)));
    // Nothing is named after the label: a blank form, no project called “项目名称”.
    expect(recognition.tables.filter((t) => t.id === 'performance-target' && t.target?.projectName?.text === '项目名称')).toEqual([]);
  });

  it('a note merged across the table, then unmerged and filled, is read as the note, not as amounts (福州 2026)', async () => {
    const note = '本部门无政府性基金预算拨款支出';
    const rows: CellValue[][] = [
      ['政府性基金预算拨款支出预算表', _, _, _],
      [_, _, _, '单位：万元'],
      ['科目编码', '科目名称', '合计', '项目支出'],
      ['合计', _, _, _],
      [note, note, note, note],
    ];
    const catalogue = await loadCatalogue();
    const merged = await checkGrid('x.xlsx', wb(sheetFromValues('表8', rows.map((r, i) => (i === 4 ? [note, _, _, _] : r)), ['A5:D5'])), catalogue);
    const filled = await checkGrid('x.xlsx', wb(sheetFromValues('表8', rows)), catalogue);
    const amounts = (r: typeof merged) => table(r.recognition, 'gov-fund-expense').rows.map((x) => Object.values(x.cells).map((c) => c.amount));
    expect(amounts(filled)).toEqual(amounts(merged));
    const said = (r: typeof merged) => r.report.findings.map((x) => `${x.ruleId}|${x.cell}`);
    expect(said(filled)).toEqual(said(merged));
    expect(said(filled).filter((x) => x.startsWith('recognition/amount-invalid'))).toEqual([]);
  });

  it('a 江苏 收支总表 that lost its merges reads its 小计 and 合计 written across both sides as the merged one', async () => {
    const rows: CellValue[][] = [
      ['一、2017年度某厅部门收支预算总表', _, _, _, _, _],
      [_, _, _, _, _, '单位：万元'],
      ['收入', _, '支出', _, _, _],
      ['项目名称', '金额', '功能分类', _, '支出用途', _],
      [_, _, '功能科目名称', '金额', '项目名称', '金额'],
      ['一、财政拨款', 100, '一、一般公共服务支出', 100, '一、基本支出', 60],
      [' 1.一般公共预算', 100, '二、外交支出', _, '二、项目支出', 40],
      ['当年收入小计', 100, '当年支出小计', _, _, 100],
      ['上年结转资金', _, '结转下年资金', _, _, _],
      ['收入合计', 100, '支出合计', _, _, 100],
    ];
    const merges = ['A1:F1', 'A3:B3', 'C3:F3', 'A4:A5', 'B4:B5', 'C4:D4', 'E4:F4', 'C8:E8', 'C9:E9', 'C10:E10'];
    const read = async (m: string[]) => table(await recognizeGrid(wb(sheetFromValues('一 收支预算总表', rows, m))), 'income-expense-summary');
    const amounts = (t: Awaited<ReturnType<typeof read>>) => t.rows.map((r) => Object.fromEntries(Object.entries(r.cells).map(([role, c]) => [role, c.amount])));
    const [merged, unmerged] = [await read(merges), await read([])];
    expect(unmerged.columns.map((c) => c.role)).toEqual(merged.columns.map((c) => c.role));
    expect(amounts(unmerged)).toEqual(amounts(merged));
  });

  it('本年预算 heads the amounts of a 收支总表 (长沙 and 长春 2026), beside its 编制预算 and 上年结转 parts', async () => {
    const rows: CellValue[][] = [
      ['2026年部门收支总体情况表', _, _, _],
      [_, _, _, '单位：万元'],
      ['收入', _, '支出', _],
      ['项目', '本年预算', '项目', '本年预算'],
      ['一、一般公共预算拨款收入', 100, '一、一般公共服务支出', 100],
      ['收入总计', 100, '支出总计', 100],
    ];
    const t = table(await recognizeGrid(wb(sheetFromValues('表1', rows, ['A3:B3', 'C3:D3']))), 'income-expense-summary');
    expect(t.columns.map((c) => c.role)).toEqual(['incomeItem', 'incomeAmount', 'expenseItem', 'expenseAmount']);
  });

  it('an empty printed grid runs on to its 合计 row and the note under it', async () => {
    const rows: CellValue[][] = [['2025年部门政府性基金预算支出功能分类预算表'], ['单位：元'], ['科目编码', '科目名称', '合计', '基本支出', '项目支出'], ...Array<CellValue[]>(8).fill([_]), ['合计'], ['注:本部门2025年无政府性基金预算财政拨款安排的预算，故本表为空表。']];
    const t = table(await recognizeGrid(wb(sheetFromValues('表6', rows))), 'gov-fund-expense');
    expect(t.note?.cell).toBe('A13');
  });

  it('a header repeated at the top of a new page (福州 交警支队 2026) is neither a data row nor the end of the table', async () => {
    const rows: CellValue[][] = [
      ['一般公共预算基本支出经济分类情况表', _, _],
      [_, _, '单位：万元'],
      ['科目编码', '科目名称', '预算数'],
      ['合计', _, 30],
      ['301', '工资福利支出', 20],
      ['30101', '基本工资', 20],
      ['科目编码', '科目名称', '预算数'],
      ['302', '商品和服务支出', 10],
      ['30201', '办公费', 10],
    ];
    const t = table(await recognizeGrid(wb(sheetFromValues('表', rows))), 'general-budget-basic');
    expect(t.problems.filter((p) => p.code === 'amount-invalid')).toEqual([]);
    expect([...rowsByCode(t).keys()]).toEqual(['合计', '301', '30101', '302', '30201']);
  });

  it('an amount column nobody named is reported, and the row identity then only bounds the known parts', async () => {
    const rows: CellValue[][] = [['支出预算总表'], ['单位：万元'], ['合计', '基本支出', '项目支出', '待分配资金'], [100, 60, 30, 10]];
    const catalogue = await loadCatalogue();
    const result = await checkGrid('x.xlsx', wb(sheetFromValues('表3', rows)), catalogue);
    expect(result.report.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(result.report.findings).toContainEqual(expect.objectContaining({ ruleId: 'recognition/column-unmatched', severity: 'info', cell: 'D3' }));
  });

  it('a list of projects under their subjects’ split codes reads the codes as codes and 预算数 as the total (上海 2026’s 单位预算表10)', async () => {
    const rows: CellValue[][] = [
      ['2026年预算单位财政拨款项目支出预算表', _, _, _, _, _, _],
      ['编制单位：某办公室', _, _, _, _, _, '单位：元'],
      ['功能分类科目编码', _, _, '功能分类科目名称', '序号', '项目名称', '预算数'],
      ['类', '款', '项', _, _, _, _],
      ['201', _, _, '一般公共服务支出', _, _, 270000],
      ['201', '13', _, '商贸事务', _, _, 270000],
      ['201', '13', '02', '一般行政管理事务', _, _, 270000],
      [_, _, _, _, '1', '产业发展专项', 270000],
      ['合    计', _, _, _, _, _, 270000],
    ];
    const merges = ['A1:G1', 'A3:C3', 'D3:D4', 'E3:E4', 'F3:F4', 'G3:G4', 'A9:F9'];
    const result = await checkGrid('x.xlsx', wb(sheetFromValues('表10 项目支出', rows, merges)), await loadCatalogue());
    const t = result.recognition.tables.find((x) => x.id === 'project-expense')!;
    expect(t.columns.map((c) => c.role)).toEqual(['codeClass', 'codeSection', 'codeItem', 'seq', 'project', 'total']);
    expect(t.rows.filter((r) => r.code).map((r) => r.code!.code)).toEqual(['201', '20113', '2011302']);
    expect(result.report.findings.filter((f) => /^recognition\/column/.test(f.ruleId))).toEqual([]);
  });

  it('a column printed split into its parts (基本支出 over 人员经费 | 公用经费, 上海 2026’s 表5) is said to be split, not missing from the header', async () => {
    const rows: CellValue[][] = [
      ['2026年预算单位财政拨款支出预算表', _, _, _, _, _, _, _],
      [_, _, _, _, _, _, _, '单位：元'],
      ['功能分类科目编码', _, _, '功能分类科目名称', '合计', '基本支出', _, '项目支出'],
      ['类', '款', '项', _, _, '人员经费', '公用经费', _],
      ['201', _, _, '一般公共服务支出', 300, 100, 150, 50],
      ['201', '13', _, '商贸事务', 300, 100, 150, 50],
      ['201', '13', '01', '行政运行', 300, 100, 150, 50],
    ];
    const merges = ['A1:H1', 'A3:C3', 'D3:D4', 'E3:E4', 'F3:G3', 'H3:H4'];
    const result = await checkGrid('x.xlsx', wb(sheetFromValues('表5 财政拨款支出', rows, merges)), await loadCatalogue());
    const notes = result.report.findings.filter((f) => /^recognition\/column-(missing|split)/.test(f.ruleId));
    expect(notes).toEqual([
      expect.objectContaining({ ruleId: 'recognition/column-split', message: '财政拨款支出表（按功能分类）的“基本支出”分列为“人员经费”、“公用经费”，没有单独的“基本支出”一列，需要这一列的核对未进行' }),
    ]);
  });

  it('several amount columns nobody named make one note that lists them, the others related (深圳 2026: fifteen in its 三公 table)', async () => {
    const rows: CellValue[][] = [['支出预算总表'], ['单位：万元'], ['合计', '基本支出', '项目支出', '待分配资金', '预留资金'], [100, 50, 30, 10, 10]];
    const result = await checkGrid('x.xlsx', wb(sheetFromValues('表3', rows)), await loadCatalogue());
    const notes = result.report.findings.filter((f) => /^recognition\/columns?-(unmatched|memo|other-year)/.test(f.ruleId));
    expect(notes).toEqual([expect.objectContaining({ ruleId: 'recognition/columns-unmatched', cell: 'D3', related: [{ sheet: '表3', cell: 'E3' }] })]);
    expect(notes[0]!.message).toContain('“待分配资金”、“预留资金”');
  });

  it('last year’s columns and the change beside this year’s (西安 2022’s 三公 table, eighteen of them) make one note naming each block and how many it holds', async () => {
    const heads = ['合计', '因公出国(境)费用', '公务接待费', '公务用车购置及运行费'];
    const rows: CellValue[][] = [
      ['2022年财政拨款“三公”经费支出预算表', ...Array<null>(11).fill(_)],
      ['单位：万元', ...Array<null>(11).fill(_)],
      ['2022年', _, _, _, '2021年', _, _, _, '增减变化情况', _, _, _],
      [...heads, ...heads, ...heads],
      [10, 0, 4, 6, 12, 0, 5, 7, -2, 0, -1, -1],
    ];
    const grid = wb(sheetFromValues('表13', rows, ['A1:L1', 'A3:D3', 'E3:H3', 'I3:L3']));
    const catalogue = await loadCatalogue();
    const note = (lang: 'zh-CN' | 'en') => checkGrid('x.xlsx', grid, catalogue, lang).then((r) => r.report.findings.filter((f) => f.ruleId === 'recognition/columns-other-year'));
    const [zh] = await note('zh-CN');
    expect(zh).toMatchObject({ cell: 'E4', message: '财政拨款“三公”经费支出表有 8 列是上年数或增减数，不计入本年合计，未参与核对：“2021年”下 4 列、“增减变化情况”下 4 列' });
    expect(zh!.related).toHaveLength(7);
    expect((await note('en'))[0]!.message).toMatch(/were not checked: 4 under “2021年”, 4 under “增减变化情况”$/);
  });

  it('a 政府采购 memo beside the spending (深圳 2026) is set aside: the row identity stays an equality and still finds a wrong 合计', async () => {
    const rows: CellValue[][] = [['支出总表'], ['单位：万元'], ['合计', '基本支出', '项目支出', '2026年政府采购项目'], [100, 60, 30, 20]];
    const catalogue = await loadCatalogue();
    const result = await checkGrid('x.xlsx', wb(sheetFromValues('表3', rows)), catalogue);
    expect(result.report.findings).toContainEqual(expect.objectContaining({ ruleId: 'recognition/column-memo', severity: 'info', cell: 'D3' }));
    expect(result.report.findings).toContainEqual(expect.objectContaining({ ruleId: 'row-identity', severity: 'error' }));
  });

  it('“其中:经费拨款” under 本级财政拨款 (长沙 2026) is a memo, no unnamed part', async () => {
    const rows: CellValue[][] = [
      ['2026年部门收入总体情况表', _, _, _, _, _],
      [_, _, _, _, _, '单位：万元'],
      ['单位编码', '单位名称', '合计', '本级财政拨款', _, '其它收入'],
      [_, _, _, '金额', '其中:经费拨款', _],
      ['101001', '某局', 120, 100, 100, 10],
    ];
    const merges = ['A3:A4', 'B3:B4', 'C3:C4', 'D3:E3', 'F3:F4'];
    const t = table(await recognizeGrid(wb(sheetFromValues('表2', rows, merges))), 'income-summary');
    expect(t.columns.map((c) => c.role)).toEqual(['unitCode', 'name', 'total', 'fiscal', 'other']);
    expect(t.unmatchedColumns).toEqual([{ col: 5, header: '本级财政拨款/其中:经费拨款', aside: 'memo' }]);
    const result = await checkGrid('x.xlsx', wb(sheetFromValues('表2', rows, merges)), await loadCatalogue());
    expect(result.report.findings).toContainEqual(expect.objectContaining({ ruleId: 'row-identity', severity: 'error', cell: 'C5' }));
  });

  it('a 财政拨款收支总表 whose spending is headed 支出功能分类科目（按大类）beside two economic pairs (西安 2026) reads its classes', async () => {
    const rows: CellValue[][] = [
      ['部门综合预算财政拨款收支总表', _, _, _, _, _],
      [_, _, _, _, _, '单位：元'],
      ['收入', _, '支出', _, _, _],
      ['项目', '预算数', '支出功能分类科目（按大类）', '预算数', '部门预算支出经济分类科目（按大类）', '预算数'],
      ['1、一般公共预算拨款', 100, '1、一般公共服务支出', 70, '1、人员经费和公用经费支出', 80],
      [_, _, '2、教育支出', 30, '2、专项业务经费支出', 20],
      ['本年收入合计', 100, '本年支出合计', 100, '本年支出合计', 100],
    ];
    const merges = ['A3:B3', 'C3:F3'];
    const t = table(await recognizeGrid(wb(sheetFromValues('表4', rows, merges))), 'fiscal-summary');
    expect(t.columns.find((c) => c.role === 'expenseItem')?.col).toBe(3);
    expect(t.rows.flatMap((r) => (r.keys.expenseItem?.startsWith('class') ? [r.keys.expenseItem] : []))).toEqual(['class201', 'class205']);
  });

  it('a “** | 1” row under a one-column header (杭州 2026, 表9) numbers the columns and is no data row', async () => {
    const rows: CellValue[][] = [
      ['表9：2026年市级部门国有资本经营预算支出预算表', _],
      ['部门名称：某局', '单位：万元'],
      ['功能分类科目名称', '项目支出'],
      ['**', '1'],
      ['合计', _],
      ['备注：本部门没有国有资本经营预算拨款安排的支出，故本表无数据。', _],
    ];
    const t = table(await recognizeGrid(wb(sheetFromValues('表9', rows))), 'state-capital-expense');
    expect(t.rows.map((r) => r.labels.name)).toEqual(['合计']);
  });

  it('a first row naming nothing above the items (深圳 2026: the one unit, in a 预算单位 column no role reads) is the total, and its sums are checked', async () => {
    const rows = (total: number): CellValue[][] => [
      ['一般公共预算支出表（按功能分类）', _, _, _, _, _],
      ['部门名称：某局', _, _, _, _, '单位：万元'],
      ['预算单位', '科目编码', '科目名称', '支出总计', '基本支出', '项目支出'],
      ['某局', _, _, total, 60, total - 60],
      [_, '201', '一般公共服务支出', 100, 60, 40],
      [_, '20105', '统计信息事务', 100, 60, 40],
      [_, '2010501', '行政运行', 60, 60, 0],
      [_, '2010505', '专项统计业务', 40, 0, 40],
    ];
    const t = table(await recognizeGrid(wb(sheetFromValues('表7', rows(100)))), 'general-budget-expense');
    expect(t.rows.filter((r) => r.isTotal).map((r) => r.row)).toEqual([4]);
    // Its 支出总计 and 项目支出 off by the same 10, so the row still adds up: only the sum of the classes tells.
    const result = await checkGrid('x.xlsx', wb(sheetFromValues('表7', rows(110))), await loadCatalogue());
    expect(result.report.findings).toContainEqual(expect.objectContaining({ ruleId: 'hierarchy-sum', severity: 'error', cell: 'D4' }));
  });

  it('a table of one unit, its one row the unit its 部门名称 line names (深圳 2026\'s 收入总表), has that row for its total', async () => {
    const rows = (unit: string): CellValue[][] => [
      ['收入总表', _, _, _],
      ['部门名称：深圳市财政局（本级）', _, _, '单位：万元'],
      ['预算单位', '收入总计', '本年收入', '上年结余、结转'],
      [_, _, '一般公共预算拨款', _],
      [unit, 37385.88, 36989.05, 396.83],
    ];
    const of = async (unit: string) => table(await recognizeGrid(wb(sheetFromValues('表2', rows(unit)))), 'income-summary');
    expect((await of('深圳市财政局（本级）')).rows.map((r) => r.isTotal)).toEqual([true]);
    // Another unit's row is no total of this one.
    expect((await of('深圳市财政局机关服务中心')).rows.map((r) => r.isTotal ?? false)).toEqual([false]);
  });

  it('a department of several units (深圳 水务局 2026\'s 收入总表): the row its 部门名称 line names, above its own level （本级） and its other units, is the total, and its sum is checked', async () => {
    const rows = (total: number): CellValue[][] => [
      ['收入总表', _, _, _],
      ['部门名称：深圳市水务局', _, _, '单位：万元'],
      ['预算单位', '收入总计', '本年收入', '上年结余、结转'],
      [_, _, '一般公共预算拨款', _],
      ['深圳市水务局', total, 182217.85, 298.06],
      ['深圳市水务局（本级）', 178214.28, 178214.28, 0],
      ['深圳市水务工程质量安全监督站', 3687.57, 3687.57, 0],
      ['深圳市北部水源工程管理处', 614.06, 316, 298.06],
    ];
    const t = table(await recognizeGrid(wb(sheetFromValues('表2', rows(182515.91)))), 'income-summary');
    expect(t.rows.map((r) => r.isTotal ?? false)).toEqual([true, false, false, false]);
    const result = await checkGrid('x.xlsx', wb(sheetFromValues('表2', rows(182515.91))), await loadCatalogue());
    expect(result.report.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    const slipped = await checkGrid('x.xlsx', wb(sheetFromValues('表2', rows(182551.91))), await loadCatalogue());
    expect(slipped.report.findings).toContainEqual(expect.objectContaining({ severity: 'error', sheet: '表2', cell: 'B5' }));
  });

  it('a list of projects whose 项目名称 heading stands beside the 总计 column (广州 生态环境局 2026) names no project 总计: its projects are its rows', async () => {
    const rows: CellValue[][] = [
      ['广州市生态环境局2026年项目支出绩效目标表（含转移支付项目）', _, _, _, _, _, _],
      ['部门名称：广州市生态环境局', _, _, _, _, _, '单位：万元'],
      ['项目名称（资金使用单位）', '总计：', '财政拨款', '财政专户拨款', '其他资金', '绩效目标', '绩效指标'],
      ['合计：', 857.5, 857.5, _, _, _, _],
      ['广州市镇（街）园区环保监督检查员经费（越秀区）', 238, 238, _, _, '通过开展广州市建立镇（街）园区环境保护监督检查员队伍，强化落实环境监管责任。', '1.1－产出指标，11－数量指标，项目专职环保员数量；实施周期指标值：≦核定人数'],
      ['广州市镇（街）园区环保监督检查员经费（海珠区）', 619.5, 619.5, _, _, '通过开展广州市建立镇（街）园区环境保护监督检查员队伍，强化落实环境监管责任。', '1.1－产出指标，11－数量指标，项目专职环保员数量；实施周期指标值：≦核定人数'],
    ];
    const recognition = await recognizeGrid(wb(sheetFromValues('绩效目标', rows)));
    const targets = recognition.tables.filter((t) => t.id === 'performance-target');
    expect(targets.map((t) => [t.target?.projectName?.text, t.target?.budget?.amount])).toEqual([
      ['广州市镇（街）园区环保监督检查员经费（越秀区）', 238],
      ['广州市镇（街）园区环保监督检查员经费（海珠区）', 619.5],
    ]);
    // The indicators packed in each project's cell (packed-indicators.test.ts) are read from it.
    expect(targets.map((t) => t.target?.indicators.map((i) => i.level3.text))).toEqual([['项目专职环保员数量'], ['项目专职环保员数量']]);
  });

  it('a table with two rows naming nothing has no total made of either', async () => {
    const rows: CellValue[][] = [
      ['一般公共预算支出表（按功能分类）', _, _, _, _, _],
      [_, _, _, _, _, '单位：万元'],
      ['预算单位', '科目编码', '科目名称', '支出总计', '基本支出', '项目支出'],
      ['某局', _, _, 60, 60, 0],
      [_, '201', '一般公共服务支出', 60, 60, 0],
      ['某中心', _, _, 40, 0, 40],
      [_, '201', '一般公共服务支出', 40, 0, 40],
    ];
    const t = table(await recognizeGrid(wb(sheetFromValues('表7', rows))), 'general-budget-expense');
    expect(t.rows.some((r) => r.isTotal)).toBe(false);
    // The sums that start from a total did not run: the person is told so.
    const result = await checkGrid('x.xlsx', wb(sheetFromValues('表7', rows)), await loadCatalogue());
    expect(result.report.findings).toContainEqual(expect.objectContaining({ ruleId: 'recognition/total-missing', severity: 'info', sheet: '表7', cell: 'A1' }));
  });

  it('a 单位编码 column beside a 三公 table by unit (西安 2026) holds codes, no unnamed part', async () => {
    const rows: CellValue[][] = [['“三公”经费支出预算表', _, _, _, _], [_, _, _, _, '单位：元'], ['单位编码', '单位名称', '合计', '公务接待费', '因公出国（境）费用'], ['117', '某局', 30000, 20000, 10000]];
    const t = table(await recognizeGrid(wb(sheetFromValues('表13', rows))), 'three-public');
    expect(t.unmatchedColumns ?? []).toEqual([]);
  });

  it('公共预算拨款 over 小计 (西安 2019–2025’s 支出总表, whose 收入总表 writes 一般公共预算拨款) is the general budget column', async () => {
    const rows: CellValue[][] = [
      ['2022年部门综合预算支出总表', _, _, _, _, _],
      [_, _, _, _, _, '金额单位：元'],
      ['单位编码', '单位名称', '部门预算', _, _, _],
      [_, _, '合计', '公共预算拨款', _, '政府性基金拨款'],
      [_, _, _, '小计', '其中：专项资金列入部门预算的项目', _],
      [_, '合计', 300, 200, 50, 100],
      ['251', '某局', 300, 200, 50, 100],
    ];
    const t = table(await recognizeGrid(wb({ ...sheetFromValues('表3', rows), merges: ['A3:A5', 'B3:B5', 'C3:F3', 'C4:C5', 'D4:E4', 'F4:F5'] })), 'expense-summary');
    expect(t.columns.find((c) => c.role === 'general')?.col).toBe(4);
    // Only the 其中 memo beside it is left unread.
    expect((t.unmatchedColumns ?? []).map((c) => c.col)).toEqual([5]);
  });

  it('a basic table printed with names only (杭州 2026) takes its codes from the economic classification; a table of other names does not', async () => {
    const rows: CellValue[][] = [
      ['一般公共预算财政拨款基本支出表'],
      [_, _, _, '单位：万元'],
      ['部门预算支出经济分类科目', '合计', '人员经费', '公用经费'],
      ['合计', 10, 7, 3],
      ['工资福利支出', 7, 7, _],
      ['基本工资', 7, 7, _],
      ['商品和服务支出', 3, _, 3],
      ['办公费', 3, _, 3],
    ];
    const t = table(await recognizeGrid(wb(sheetFromValues('表6', rows))), 'general-budget-basic');
    expect(t.rows.map((r) => r.code?.code)).toEqual([undefined, '301', '30101', '302', '30201']);
    const units = rows.map((r, i): CellValue[] => (i >= 4 ? [['某局', '某中心', '某所', '某站'][i - 4]!, ...r.slice(1)] : r));
    const other = table(await recognizeGrid(wb(sheetFromValues('表6', units))), 'general-budget-basic');
    expect(other.rows.some((r) => r.code)).toBe(false);
  });

  it('a second pair of code columns (部门 and 政府 economic codes side by side, 烟台 2026) holds codes, not an unnamed amount', async () => {
    const rows: CellValue[][] = [
      ['一般公共预算基本支出情况表', _, _, _, _, _, _, _, _],
      [_, _, _, _, _, _, _, _, '单位：万元'],
      ['科目编码', _, '部门预算支出经济分类科目名称', '科目编码', _, '政府预算支出经济分类科目名称', '基本支出预算', _, _],
      ['类', '款', _, '类', '款', _, '小计', '人员支出', '日常公用支出'],
      [_, _, '合计', _, _, _, 10, 7, 3],
      ['301', _, '工资福利支出', '501', _, '机关工资福利支出', 7, 7, _],
      ['302', _, '商品和服务支出', '502', _, '机关商品和服务支出', 3, _, 3],
    ];
    const merges = ['A3:B3', 'D3:E3', 'C3:C4', 'F3:F4', 'G3:I3'];
    const t = table(await recognizeGrid(wb(sheetFromValues('公开表6', rows, merges))), 'general-budget-basic');
    expect(t.unmatchedColumns ?? []).toEqual([]);
    expect([...rowsByCode(t).keys()]).toEqual(['合计', '301', '302']);
  });
});

describe('performance-target forms as real budgets print them', () => {
  it('a list of projects under a two-row header (北京 2026: 其中： over 财政资金 | 其他资金) is read project by project', async () => {
    const rows: CellValue[][] = [
      ...beijingTargetList('预算12表 项目支出绩效目标表'),
      ['P1-昌平区气象台站运行', 52, 52, _, '保障气象观测业务运行', '产出指标', '数量指标', '区域自动站检定', '≥', '20', '个（套）'],
      [_, _, _, _, _, '满意度指标', '服务对象满意度指标', '气象服务公众满意度', '≥', '90', '%'],
      ['P2-朝阳区气象台站运行', 64, 64, _, '保障观测及预报预警业务', '产出指标', '时效指标', '项目完成时间', '≤', '12', '月'],
    ];
    const merges = ['A3:A4', 'B3:B4', 'C3:D3', 'E3:E4', 'F3:F4', 'G3:G4', 'H3:H4', 'I3:I4', 'J3:J4', 'K3:K4', 'A5:A6', 'B5:B6', 'C5:C6', 'D5:D6', 'E5:E6'];
    const targets = (await recognizeGrid(wb(sheetFromValues('预算12表', rows, merges)))).tables.filter((x) => x.id === 'performance-target');
    expect(targets.map((t) => [t.target!.projectName!.text, t.target!.budget!.amount, t.target!.fiscalFunds!.amount, t.target!.indicators.length])).toEqual([
      ['P1-昌平区气象台站运行', 52, 52, 2],
      ['P2-朝阳区气象台站运行', 64, 64, 1],
    ]);
    expect(targets[1]!.target!.indicators[0]!.unit?.text).toBe('月');
  });

  it('a 重点项目绩效目标表 (西安 2020’s 表14) is a project’s form, not 广东’s list of key projects in the 说明', async () => {
    const rows: CellValue[][] = [
      ['表14', _, _, _, _],
      ['2020年部门专项业务经费重点项目绩效目标表', _, _, _, _],
      ['专项（项目）名称', _, '网络建设维护', _, _],
      ['资金金额（万元）', _, '实施期资金总额：', 1000, _],
      ['总体目标', '目标1：有效保证人社信息系统良好运行。', _, _, _],
      [_, '一级指标', '二级指标', '指标内容', '指标值'],
      ['绩效指标', '产出指标', '数量指标', '指标1：互联网光纤数量', '5条'],
      [_, '满意度指标', '服务对象满意度指标', '指标1：群众满意度', '≥90%'],
    ];
    const found = (await recognizeGrid(wb(sheetFromValues('表14-1', rows, ['A2:E2', 'A3:B3', 'C3:E3', 'A4:B4', 'B5:E5', 'A7:A8'])))).tables;
    expect(found.map((t) => t.id)).toEqual(['performance-target']);
    expect(found[0]!.target!.projectName?.text).toBe('网络建设维护');
    expect(found[0]!.target!.indicators.length).toBe(2);
  });

  it('指标内容 names the indicator where no 三级指标 column stands beside its 指标值 (西安 2022)', async () => {
    const rows: CellValue[][] = [
      ['表14', _, _, _, _],
      ['2022年部门预算专项业务经费绩效目标表', _, _, _, _],
      ['专项（项目）名称', _, '其他履职经费', _, _],
      ['资金金额（万元）', '实施期资金总额：', _, 100, _],
      ['总体目标', '年度目标', _, _, _],
      [_, '目标1：完成气象灾害监测数据收集，确保系统运行正常。', _, _, _],
      ['绩效指标', '一级指标', '二级指标', '指标内容', '指标值'],
      [_, '产出指标', '数量指标', '指标1：区域自动气象站运行正常', '每月站点正常运行率≥95%'],
      [_, '满意度指标', '服务对象满意度指标', '指标1：公共气象服务满意度', '满意度≥92%'],
    ];
    const t = (await recognizeGrid(wb(sheetFromValues('表14', rows, ['A7:A9'])))).tables.find((x) => x.id === 'performance-target')!;
    expect(t.target!.indicators.map((i) => [i.level2.text, i.level3.text, i.value.text])).toEqual([
      ['数量指标', '指标1：区域自动气象站运行正常', '每月站点正常运行率≥95%'],
      ['服务对象满意度指标', '指标1：公共气象服务满意度', '满意度≥92%'],
    ]);
  });
});

describe('partial publications', () => {
  it('a 三公 table published alone gets one note on what could not be checked, not eight warnings', async () => {
    const catalogue = await loadCatalogue();
    const result = await checkGrid('x.xlsx', wb(sheetFromValues('三公', threePublic('2024年“三公”经费预算表'))), catalogue);
    expect(result.report.findings.filter((f) => f.ruleId.startsWith('recognition/'))).toEqual([
      expect.objectContaining({ ruleId: 'recognition/partial-workbook', severity: 'info' }),
    ]);
  });
});

describe('三公 expenses split by source of funds', () => {
  const header = (funds: string[]): { rows: CellValue[][]; merges: string[] } => ({
    rows: [
      ['财政拨款“三公”经费支出表', _, _, _, _, _, _, _, _, _, _],
      ['年度', '总计', _, '因公出国(境)费', _, '公务接待费', _, '公务用车购置及运行维护费', _, _, _],
      [_, _, _, _, _, _, _, '小计', _, '公务用车购置费', _],
      [_, ...funds, ...funds, ...funds, ...funds, ...funds],
      ['2026年', 12, 0, 2, 0, 4, 0, 6, 0, 6, 0],
    ].map((r) => r.slice(0, 11)),
    merges: ['A2:A4', 'B2:C3', 'D2:E3', 'F2:G3', 'H2:K2', 'H3:I3', 'J3:K3'],
  });

  it('reads each expense under each source where the sources head the lowest header row (深圳 2026)', async () => {
    const { rows, merges } = header(['一般公共预算', '政府性基金预算']);
    const t = table(await recognizeGrid(wb(sheetFromValues('表9', rows, merges))), 'three-public');
    expect(t.columns.map((c) => c.role)).toEqual(['year', 'general', 'fund', 'abroadGeneral', 'abroadFund', 'receptionGeneral', 'receptionFund', 'vehicleSubtotalGeneral', 'vehicleSubtotalFund', 'vehiclePurchaseGeneral', 'vehiclePurchaseFund']);
  });

  it('takes the latest year of a 年度 column for the table, its one row the total; last year and the change are no rows of it (深圳 2026)', async () => {
    const { rows, merges } = header(['一般公共预算', '政府性基金预算']);
    const years: CellValue[][] = [
      ['2025年', 13, 0, 2, 0, 5, 0, 6, 0, 6, 0],
      ['2026年', 12, 0, 2, 0, 4, 0, 6, 0, 6, 0],
      ['增减变化金额', -1, 0, 0, 0, -1, 0, 0, 0, 0, 0],
    ];
    const t = table(await recognizeGrid(wb(sheetFromValues('表9', [...rows.slice(0, 4), ...years], merges))), 'three-public');
    expect(t.rows.map((r) => [r.labels.year, r.isTotal, r.cells.general?.amount, r.cells.receptionGeneral?.amount])).toEqual([['2026年', true, 12, 4]]);
    // Last year's row and the change's are read as 西安's blocks beside this year's are, in rows of their own.
    expect(t.yearBlocks?.map((b) => [b.kind, b.heading, b.row])).toEqual([
      ['previous', '2025年', 5],
      ['change', '增减变化金额', 7],
    ]);
  });

  it('keeps the plain roles where a source heads the expenses from above (西安 2026)', async () => {
    const rows: CellValue[][] = [
      ['财政拨款“三公”经费支出表', _, _, _, _, _],
      ['合计', '一般公共预算拨款安排的“三公”经费预算', _, _, _, _],
      [_, '小计', '因公出国(境)费用', '公务接待费', '公务用车购置及运行维护费', _],
      [_, _, _, _, '小计', '公务用车购置费'],
      [12, 12, 2, 4, 6, 6],
    ];
    const t = table(await recognizeGrid(wb(sheetFromValues('表13', rows, ['A2:A4', 'B2:F2', 'B3:B4', 'C3:C4', 'D3:D4', 'E3:F3']))), 'three-public');
    expect(t.columns.map((c) => c.role)).toEqual(['total', 'threePublicSubtotal', 'abroad', 'reception', 'vehicleSubtotal', 'vehiclePurchase']);
  });
});

describe('a 收支总表 with a 支出用途 section beside the functional classes (江苏 2017–2019)', () => {
  it('reads 当年支出小计, printed once under the 支出用途 金额, as the total of both sections', async () => {
    const rows: CellValue[][] = [
      ['收支预算总表', _, _, _, _, _],
      ['收入', _, '支出', _, _, _],
      ['项目名称', '金额', '功能分类', _, '支出用途', _],
      [_, _, '功能科目名称', '金额', '项目名称', '金额'],
      ['一、财政拨款', 100, '一、一般公共服务支出', 70, '一、基本支出', 60],
      [' 1.一般公共预算', 100, '二、住房保障支出', 30, '二、项目支出', 40],
      ['当年收入小计', 100, '当年支出小计', _, _, 100],
    ];
    const t = table(await recognizeGrid(wb(sheetFromValues('公开表一', rows, ['A1:F1', 'A2:B2', 'C2:F2', 'A3:A4', 'B3:B4', 'C3:D3', 'E3:F3', 'C7:E7']))), 'income-expense-summary');
    const total = t.rows.find((r) => r.keys.expenseItem === 'expenseYearTotal')!;
    expect(total.cells.expenseAmount?.cell).toBe('F7');
    expect(total.cells.usageAmount?.amount).toBe(100);
    expect(t.rows.map((r) => r.keys.usageItem).filter(Boolean)).toEqual(['useBasic', 'useProject']);
  });
});

describe('西安 2022: 收支总表 and 财政拨款收支总表 (支出功能分科目, 未安排支出的实户资金)', () => {
  const xian = (title: string): CellValue[][] => [
    [title, _, _, _, _],
    [_, _, _, _, '金额单位：元'],
    ['序号', '收        入', _, '支             出', _],
    [_, '项    目', '预算数', '支出功能分科目（按大类）', '预算数'],
    ['1', '一、财政拨款', 1000, '一、财政拨款', 1000],
    ['2', '本年收入合计', 1000, '本年支出合计', 1000],
    ['3', '上年实户资金余额', 200, '未安排支出的实户资金', 200],
    ['4', '收入总计', 1200, '支出总计', 1200],
  ];
  it.each([
    ['2022年部门综合预算收支总表', 'income-expense-summary'],
    ['2022年部门综合预算财政拨款收支总表', 'fiscal-summary'],
  ])('%s reads its expense labels under the template’s 支出功能分科目', async (title, id) => {
    const t = table(await recognizeGrid(wb(sheetFromValues('表1', xian(title), ['B3:C3', 'D3:E3']))), id);
    expect(t.columns.some((c) => c.role === 'expenseItem' && c.col === 4)).toBe(true);
    expect(t.rows.map((r) => r.keys.expenseItem).filter(Boolean)).toEqual(expect.arrayContaining(['expenseYearTotal', 'expenseGrandTotal']));
  });

  it('counts 未安排支出的实户资金 into 支出总计 (no summary-totals finding)', async () => {
    const catalogue = await loadCatalogue();
    const { report } = await checkGrid('x.xlsx', wb(sheetFromValues('表1', xian('2022年部门综合预算收支总表'), ['B3:C3', 'D3:E3'])), catalogue);
    expect(report.findings.filter((f) => f.ruleId === 'summary-totals')).toEqual([]);
    expect(table(await recognizeGrid(wb(sheetFromValues('表1', xian('2022年部门综合预算收支总表'), ['B3:C3', 'D3:E3']))), 'income-expense-summary').rows.some((r) => r.keys.expenseItem === 'unspentAccountBalance')).toBe(true);
  });
});
