/**
 * Layouts the sample generator never produces, written by hand as grids: recognition has to work
 * from titles, header words and code shapes alone.
 */
import { describe, expect, it } from 'vitest';
import { sheetFromValues, type CellValue, type GridSheet } from '../../src/core/grid.js';
import { amounts, recognizeGrid, rowsByCode, table } from '../helpers.js';

const _ = null;

function wb(...sheets: GridSheet[]) {
  return { sheets };
}

describe('hand-made layouts', () => {
  it('a compact expense summary: code and name in one column, columns reordered, 合计 last, 元 as text, unit line below the title', async () => {
    const rows: CellValue[][] = [
      ['表3-1', _, _, _],
      ['2026年部门支出预算总表', _, _, _],
      ['编制单位：某某局', _, _, '金额单位：元'],
      ['科目编码及名称', '项目支出', '基本支出', '合计'],
      ['208 社会保障和就业支出', '1,000.00', '2,500.50', '3,500.50'],
      ['20801 人力资源和社会保障管理事务', '1,000.00', '2,500.50', '3,500.50'],
      ['2080101   行政运行', _, '2,500.50', '2,500.50'],
      ['2080104   综合业务管理', '1,000.00', _, '1,000.00'],
      ['合计', '1,000.00', '2,500.50', '3,500.50'],
    ];
    const rec = await recognizeGrid(wb(sheetFromValues('支出', rows)));
    const t = table(rec, 'expense-summary');
    expect(t.unit).toBe('元');
    expect(t.range).toBe('A2:D9');
    expect(t.columns.map((c) => c.role)).toEqual(['code', 'project', 'basic', 'total']);
    expect(t.problems).toEqual([]);
    const byCode = rowsByCode(t);
    expect(byCode.get('2080101')).toEqual({ project: null, basic: 2500.5, total: 2500.5 });
    expect(byCode.get('合计')).toEqual({ project: 1000, basic: 2500.5, total: 3500.5 });
    expect(t.rows.find((r) => r.code?.code === '2080104')!.labels.name).toBe('综合业务管理');
  });

  it('an empty fund table whose 合计 row has no amount: the 合计 row is not a second header row (Jiangsu 2017–2019)', async () => {
    const rows: CellValue[][] = [
      ['财政拨款政府性基金支出预算表', _, _],
      ['部门：某某厅', _, '单位：万元'],
      ['功能科目代码', '功能科目名称', '金    额'],
      [_, '合计', _],
      [_, _, _],
      ['注：本部门无相关收支项目', _, _],
    ];
    const t = table(await recognizeGrid(wb(sheetFromValues('十', rows))), 'gov-fund-expense');
    expect(t.columns.map((c) => [c.role, c.col])).toEqual([['code', 1], ['name', 2], ['total', 3]]);
    expect(t.problems.filter((p) => p.code === 'column-missing')).toEqual([]);
    expect(t.rows.map((r) => r.isTotal)).toEqual([true]);
  });

  it('江苏 2026 公开11表: the total column headed 本年支出合计, above 功能分类科目编码 | 科目名称 and a 栏次 row (无锡 商务局, 苏州 数据局)', async () => {
    const rows: CellValue[][] = [
      ['公开 11 表', _, _, _, _],
      ['国有资本经营预算支出预算表', _, _, _, _],
      ['部门：某某局', _, _, _, '单位：万元'],
      ['项目', _, '本年支出合计', '基本支出', '项目支出'],
      ['功能分类科目编码', '科目名称', _, _, _],
      ['栏次', _, '1', '2', '3'],
      ['合计', _, _, _, _],
    ];
    const t = table(await recognizeGrid(wb(sheetFromValues('公开11表', rows))), 'state-capital-expense');
    expect(t.columns.find((c) => c.role === 'total')?.col).toBe(3);
    expect(t.problems.filter((p) => p.code === 'column-missing')).toEqual([]);
  });

  it('上海 普陀 2023: a 财政项目支出绩效目标填报表 states its unit where its money is (“项目资金（元）”), four rows under its title', async () => {
    const rows: CellValue[][] = [
      ['财政项目支出绩效目标填报表', _, _, _, _, _, _],
      ['（2023年度）', _, _, _, _, _, _],
      ['项目名称', '新建万里街道社区公共服务中心', _, '项目性质', '阶段性项目', '项目类别', '特定目标类'],
      ['主管部门', '上海市普陀区人民政府万里街道办事处', _, '实施单位', '上海市普陀区人民政府万里街道办事处', _, _],
      ['项目资金\n（元）', '项目资金总额', 4100000, '年度资金申请总额', 4100000, _, _],
      [_, '其中：财政资金', 4100000, '其中：当年财政拨款', 4100000, _, _],
      ['项目\n绩效\n目标', '项目总目标', _, '年度总体目标', _, _, _],
      [_, '建成后作为社区事务受理场所', _, '建成后作为社区事务受理场所', _, _, _],
      ['绩效指标', '一级指标', '二级指标', '三级指标', _, _, '年度(/项目)指标值'],
      [_, '产出指标', '数量指标', '规划建筑面积', _, _, '≥13459.00(平方米)'],
    ];
    const rec = await recognizeGrid(wb(sheetFromValues('项目绩效目标表', rows)));
    const [t] = rec.tables.filter((x) => x.id === 'performance-target');
    expect([t!.unit, t!.target!.budget!.amount]).toEqual(['元', 4100000]);
  });

  it('湖州 2026 表11: the unit alone (“万元”) top right, and a row of “**” under every column heading is no data row', async () => {
    const rows: CellValue[][] = [
      [_, _, _, '表11'],
      ['2026年市级部门项目支出绩效表', _, _, _],
      ['606-湖州市某局', _, _, '万元'],
      ['单位名称', '项目名称', '金额', '项目总体绩效目标'],
      ['**', '**', '**', '**'],
      ['湖州市某局', '综合管理', '136.8', '保障运转'],
    ];
    const t = table(await recognizeGrid(wb(sheetFromValues('表11 项目支出绩效表', rows))), 'project-performance');
    expect(t.unit).toBe('万元');
    expect(t.problems).toEqual([]);
    expect(t.rows.map((r) => r.labels.project)).toEqual(['综合管理']);
  });

  it('西安 2019 表5: column numbers marked “**” on both sides (“** | ** | 1 | 2 | 3 | 4 | **”, the last over 备注) are no data row', async () => {
    const rows: CellValue[][] = [
      ['表5', _, _, _, _, _, _],
      ['2019年部门综合预算一般公共预算支出明细表（按支出功能分类科目）', _, _, _, _, _, _],
      [_, _, _, _, _, _, '单位：万元'],
      ['功能科目编码', '功能科目名称', '合计', '人员经费支出', '公用经费支出', '专项业务经费支出', '备注'],
      ['**', '**', '1', '2', '3', '4', '**'],
      [_, '合计', 115.11, 83.06, 32.05, _, _],
      ['2080505', '机关事业单位基本养老保险缴费支出', 81.23, 81.23, _, _, _],
      ['2080506', '机关事业单位职业年金缴费支出', 33.88, 1.83, 32.05, _, _],
    ];
    const t = table(await recognizeGrid(wb(sheetFromValues('表5', rows))), 'general-budget-expense');
    expect(t.rows.map((r) => r.labels.name ?? r.code?.code)).toEqual(['合计', '机关事业单位基本养老保险缴费支出', '机关事业单位职业年金缴费支出']);
    expect(t.rows[0]!.isTotal).toBe(true);
  });

  it('西安 2019 表5: units’ rows (“125001 | 西安市安全生产监督管理局”) are named, not coded, and a 款 printed as two digits (“05”) is read under its 类', async () => {
    const rows: CellValue[][] = [
      ['2019年部门综合预算一般公共预算支出明细表（按支出功能分类科目）', _, _, _],
      [_, _, _, '单位：万元'],
      ['功能科目编码', '功能科目名称', '合计', '人员经费支出'],
      [_, '合计', 115.11, 115.11],
      ['125001', '西安市安全生产监督管理局', 115.11, 115.11],
      ['208', '社会保障和就业支出', 115.11, 115.11],
      ['05', '行政事业单位离退休', 113.28, 113.28],
      ['2080505', '机关事业单位基本养老保险缴费支出', 113.28, 113.28],
      ['2089901', '其他社会保障和就业支出', 1.83, 1.83],
      ['99', '其他社会保障和就业支出', 1.83, 1.83],
      ['12', '某个编码', 1, 1],
    ];
    const t = table(await recognizeGrid(wb(sheetFromValues('表5', rows))), 'general-budget-expense');
    expect(t.rows.map((r) => r.code?.code ?? r.labels.name)).toEqual(['合计', '西安市安全生产监督管理局', '208', '20805', '2080505', '2089901', '20899', '某个编码']);
    // After a 款, two digits could be a 项 as well: not read, and said.
    expect(t.problems.filter((p) => p.code.startsWith('code-')).map((p) => [p.code, p.cell])).toEqual([['code-invalid', 'A11']]);
  });

  it('西安 2019 表9: a “政府性基金收支总表”, printed empty in the 收支总表’s two-sided layout, is the fund table, not a second 收支总表', async () => {
    const rows: CellValue[][] = [
      ['表9', _, _, _],
      ['2019年部门综合预算政府性基金收支总表', _, _, _],
      [_, _, _, '单位：万元'],
      ['收 入', _, '支 出', _],
      ['项 目', '预算数', '支出功能分类科目（按大类）', '预算数'],
      ['一、政府性基金拨款', _, '一、科学技术', _],
      [_, _, '二、文化旅游体育与传媒', _],
      ['收入合计', _, '支出合计', _],
    ];
    const recognition = await recognizeGrid(wb(sheetFromValues('表9', rows)));
    expect(recognition.tables.map((t) => t.id)).toEqual(['gov-fund-expense']);
  });

  it('notes one under another under an empty table: the one that says it is empty is its note (曹妃甸 2024’s 政府采购预算)', async () => {
    const rows: CellValue[][] = [
      ['部门政府采购预算', _, _, _],
      ['单位：万元', _, _, _],
      ['项目名称', '采购品目', '数量', '预算金额'],
      ['注：同一采购目录序号的物品，其单价会因配置不同而不同。', _, _, _],
      ['注：无政府采购预算，空表列示。', _, _, _],
    ];
    const t = table(await recognizeGrid(wb(sheetFromValues('政府采购预算', rows))), 'procurement');
    expect(t.rows).toEqual([]);
    expect(t.note).toEqual({ cell: 'A5', text: '注：无政府采购预算，空表列示。' });
  });

  it('长春 2026 三公 table: a “说明：” line and numbered notes under the one row of amounts are notes, not rows', async () => {
    const rows: CellValue[][] = [
      ['本年一般公共预算“三公”经费支出表(预算表 7)', _, _, _, _, _, _],
      ['预算单位：某局', _, _, _, _, _, '单位：万元'],
      ['“三公”经费合计', '因公出国（境）费', '公务用车购置及运行费', _, _, '公务接待费', _],
      [_, _, '小计', '公务用车购置费', '公务用车运行费', _, _],
      [7.61, 0, 6.75, 0, 6.75, 0.86, _],
      ['说明：', _, _, _, _, _, _],
      ['1、“本年预算数”的单位范围包括部门本级及所属0 个预算单位。', _, _, _, _, _, _],
    ];
    const merges = ['A1:G1', 'A3:A4', 'B3:B4', 'C3:E3', 'F3:F4'];
    const t = table(await recognizeGrid(wb(sheetFromValues('七', rows, merges))), 'three-public');
    expect(t.problems.filter((p) => p.code === 'amount-invalid')).toEqual([]);
    expect(t.rows.map((r) => r.cells.total?.amount)).toEqual([7.61]);
  });

  it('烟台 2026 三公 table: “2025年预算数” and “2026年预算数” side by side — the later year is read', async () => {
    const rows: CellValue[][] = [
      ['一般公共预算“三公”经费支出情况表', _, _, _, _, _, _, _],
      ['部门（单位）：某局', _, _, _, _, _, _, '单位：万元'],
      ['2025年预算数', _, _, _, '2026年预算数', _, _, _],
      ['合计', '因公出国(境)经费', '公务用车购置及运行维护费', '公务接待费', '合计', '因公出国(境)经费', '公务用车购置及运行维护费', '公务接待费'],
      [20.5, 8.5, 9, 3, 12.4, _, 9, 3.4],
    ];
    const merges = ['A1:H1', 'A3:D3', 'E3:H3'];
    const t = table(await recognizeGrid(wb(sheetFromValues('七', rows, merges))), 'three-public');
    expect(t.columns.filter((c) => ['total', 'abroad', 'vehicleSubtotal', 'reception'].includes(c.role)).map((c) => [c.role, c.col])).toEqual([
      ['total', 5],
      ['abroad', 6],
      ['vehicleSubtotal', 7],
      ['reception', 8],
    ]);
  });

  it('Jiangsu 2017 收支总表: two expense sections side by side; 功能科目名称 is the expense item, and 支出合计 over C:E has its amount in F', async () => {
    const rows: CellValue[][] = [
      ['一、2017年度某某厅部门收支预算总表', _, _, _, _, _],
      [_, _, _, _, _, '单位：万元'],
      ['收入', _, '支出', _, _, _],
      ['项目名称', '金额', '功能分类', _, '支出用途', _],
      [_, _, '功能科目名称', '金额', '项目名称', '金额'],
      ['一、财政拨款', 300, '一、一般公共服务支出', 200, '一、基本支出', 250],
      [' 1.一般公共预算', 300, '二、社会保障和就业支出', 100, '二、项目支出', 50],
      ['当年收入小计', 300, '当年支出小计', _, _, 300],
      ['收入合计', 300, '支出合计', _, _, 300],
    ];
    const merges = ['A1:F1', 'A3:B3', 'C3:F3', 'A4:A5', 'B4:B5', 'C4:D4', 'E4:F4', 'C8:E8', 'C9:E9'];
    const t = table(await recognizeGrid(wb(sheetFromValues('一', rows, merges))), 'income-expense-summary');
    expect(t.columns.filter((c) => c.role.startsWith('expense')).map((c) => [c.role, c.col])).toEqual([['expenseItem', 3], ['expenseAmount', 4]]);
    const byItem = new Map(t.rows.map((r) => [r.labels.expenseItem ?? '', r]));
    expect(byItem.get('二、社会保障和就业支出')!.keys.expenseItem).toBe('class208');
    // The total's amount is the one after the merge, not a blank under it.
    expect(byItem.get('支出合计')!.cells.expenseAmount).toMatchObject({ cell: 'F9', amount: 300 });
    expect(byItem.get('当年支出小计')!.cells.expenseAmount).toMatchObject({ cell: 'F8', amount: 300 });
  });

  it('Jiangsu 2017 支出总表: one row of amounts under 合计 | 基本支出 | 项目支出, no name or code column, is the total', async () => {
    const rows: CellValue[][] = [
      ['三、支出预算总表', _, _, _],
      ['部门：', '某某厅', _, '单位：万元'],
      ['合计', '基本支出', '项目支出', '单位预留机动经费'],
      [300, 250, 40, 10],
    ];
    const t = table(await recognizeGrid(wb(sheetFromValues('三', rows, ['A1:D1']))), 'expense-summary');
    expect(t.rows).toHaveLength(1);
    expect(t.rows[0]!.isTotal).toBe(true);
    expect(amounts(t.rows[0]!)).toMatchObject({ total: 300, basic: 250, project: 40 });
  });

  it('a 合计 under a heading merged across its columns is still a header (本年支出 over 合计 | 基本支出 | 项目支出)', async () => {
    const rows: CellValue[][] = [
      ['部门预算支出总表', _, _, _, _],
      ['单位：万元', _, _, _, _],
      ['科目编码', '科目名称', '本年支出', _, _],
      [_, _, '合计', '基本支出', '项目支出'],
      [_, '合计', 30, 20, 10],
      ['208', '社会保障和就业支出', 30, 20, 10],
    ];
    const t = table(await recognizeGrid(wb(sheetFromValues('表3', rows, ['C3:E3']))), 'expense-summary');
    expect(t.columns.map((c) => c.role)).toEqual(['code', 'name', 'total', 'basic', 'project']);
  });

  it('codes stored as numbers, the title and unit on one merged row, the table placed at C4', async () => {
    const rows: CellValue[][] = [[], [], [],
      [_, _, '部门预算收入总表', _, _, _, '单位：万元'],
      [_, _, '科目代码', '科目名称', '合计', '一般公共预算拨款', '政府性基金预算拨款'],
      [_, _, _, '合计', 100, 100, _],
      [_, _, 201, '一般公共服务支出', 100, 100, _],
      [_, _, 20101, '人大事务', 100, 100, _],
      [_, _, 2010101, '行政运行', 100, 100, _],
    ];
    const rec = await recognizeGrid(wb(sheetFromValues('Sheet1', rows, ['C4:F4'])));
    const t = table(rec, 'income-summary');
    expect(t.range).toBe('C4:G9');
    expect(t.unit).toBe('万元');
    expect([...rowsByCode(t).keys()]).toEqual(['合计', '201', '20101', '2010101']);
  });

  it('a two-sided summary with no 收入/支出 group row reads income on the left', async () => {
    const rows: CellValue[][] = [
      ['部门财务收支预算总表'],
      ['单位：万元'],
      ['项目', '预算数', '项目', '预算数'],
      ['一、一般公共预算拨款收入', 120.5, '一、一般公共服务支出', 100],
      ['二、政府性基金预算拨款收入', _, '二、社会保障和就业支出', 20.5],
      ['收入总计', 120.5, '支出总计', 120.5],
    ];
    const rec = await recognizeGrid(wb(sheetFromValues('总表', rows)));
    const t = table(rec, 'income-expense-summary');
    expect(t.columns.map((c) => `${c.role}@${c.col}`)).toEqual(['incomeItem@1', 'incomeAmount@2', 'expenseItem@3', 'expenseAmount@4']);
    expect(t.rows.map((r) => [r.keys.incomeItem, r.keys.expenseItem])).toEqual([
      ['incomeGeneral', 'class201'],
      ['incomeFund', 'class208'],
      ['incomeGrandTotal', 'expenseGrandTotal'],
    ]);
  });

  it('a horizontal three-public table (one column per expense) maps each expense to its column', async () => {
    const rows: CellValue[][] = [
      ['2026年“三公”经费预算表'],
      [_, _, _, _, _, '单位：万元'],
      ['合计', '因公出国（境）费', '公务用车购置及运行费', _, _, '公务接待费'],
      [_, _, '小计', '购置费', '运行费', _],
      [12.5, 2, 8.5, 5, 3.5, 2],
    ];
    const rec = await recognizeGrid(wb(sheetFromValues('三公', rows, ['A3:A4', 'B3:B4', 'C3:E3', 'F3:F4'])));
    const t = table(rec, 'three-public');
    expect(Object.fromEntries(t.columns.map((c) => [c.role, c.col]))).toEqual({
      total: 1, abroad: 2, vehicleSubtotal: 3, vehiclePurchase: 4, vehicleRunning: 5, reception: 6,
    });
    expect(t.rows).toHaveLength(1);
    expect(t.rows[0]!.cells.vehicleRunning!.amount).toBe(3.5);
  });

  it('a vertical three-public table headed 支出 | 预算数 (Chongqing 2024) names its rows by their labels', async () => {
    const rows: CellValue[][] = [
      ['2024年市级“三公”经费预算表', _],
      [_, '单位:亿元'],
      ['支出', '预算数'],
      ['合计', 6.08],
      ['因公出国(境)费', 0.66],
      ['公务用车购置及运行费', 4.72],
      ['其中:公务用车购置费', 1.77],
      ['公务用车运行费', 2.95],
      ['公务接待费', 0.7],
    ];
    const t = table(await recognizeGrid(wb(sheetFromValues('三公', rows))), 'three-public');
    expect(t.columns.map((c) => [c.role, c.col])).toEqual([['item', 1], ['total', 2]]);
    expect(t.rows.map((r) => r.keys.item)).toEqual(['total', 'abroad', 'vehicle', 'vehiclePurchase', 'vehicleRunning', 'reception']);
    expect(t.problems).toEqual([]);
  });

  it('says the row sums did not run when a table listed down its rows has no label column it knows', async () => {
    const rows: CellValue[][] = [
      ['2024年“三公”经费预算表', _],
      [_, '单位:万元'],
      ['开支类别', '预算数'],
      ['合计', 6.08],
      ['因公出国(境)费', 0.66],
      ['公务接待费', 5.42],
    ];
    const t = table(await recognizeGrid(wb(sheetFromValues('三公', rows))), 'three-public');
    expect(t.problems).toEqual([expect.objectContaining({ code: 'column-missing', severity: 'info', cell: 'A1', params: expect.objectContaining({ role: 'item', zh: '项目' }) })]);
  });

  it('untitled target tables stacked in one sheet, with other label wording, are told apart by 项目编码', async () => {
    const project = (code: string, name: string, budget: number): CellValue[][] => [
      ['项目名称', name, '项目编码', code],
      ['年度资金总额', budget, '其中：财政拨款', budget],
      ['年度绩效目标', '完成年度任务'],
      ['一级指标', '二级指标', '三级指标', '指标值'],
      ['产出指标', '数量指标', '培训人数', '≥100人'],
      [_, '时效指标', '完成时间', '12月底前'],
      ['满意度指标', '服务对象满意度指标', '学员满意度', '≥90%'],
      [],
    ];
    const rows = [...project('P001', '职业技能培训', 50), ...project('P002', '劳动监察', 20)];
    const rec = await recognizeGrid(wb(sheetFromValues('绩效', rows)));
    const targets = rec.tables.filter((t) => t.id === 'performance-target');
    expect(targets.map((t) => [t.target!.projectCode!.text, t.target!.projectName!.text, t.target!.budget!.amount, t.target!.indicators.length])).toEqual([
      ['P001', '职业技能培训', 50, 3],
      ['P002', '劳动监察', 20, 3],
    ]);
    expect(targets[0]!.target!.indicators[1]!.level1.text).toBe('产出指标');
    expect(targets[0]!.target!.goal!.text).toBe('完成年度任务');
  });

  it('a target table naming its project with no project code (国家信访局 2026), or only in its title (泉州 2026), lacks nothing; one naming no project says so', async () => {
    const rows = (nameRow: CellValue[], title = '信息化运行维护绩效目标表'): CellValue[][] => [
      [title, _, _, _],
      ['(2026年度)', _, _, _],
      nameRow,
      ['主管部门及代码', '[292]国家信访局', '实施单位', '国家信访局本级'],
      ['项目资金（万元）', '年度资金总额：', 2134.87, _],
      ['年度总体目标', '确保系统正常运转', _, _],
      ['一级指标', '二级指标', '三级指标', '指标值'],
      ['产出指标', '数量指标', '数据中心设备维护量', '≥330台（套）'],
      ['满意度指标', '服务对象满意度指标', '使用部门满意率', '≥85%'],
    ];
    const named = (await recognizeGrid(wb(sheetFromValues('绩效', rows(['项目名称', '信息化运行维护', _, _]))))).tables.find((t) => t.id === 'performance-target')!;
    expect(named.target!.projectName!.text).toBe('信息化运行维护');
    expect(named.problems).toEqual([]);
    const titled = (await recognizeGrid(wb(sheetFromValues('绩效', rows([_, _, _, _], '市行政中心保安服务项目绩效目标表'))))).tables.find((t) => t.id === 'performance-target')!;
    expect([titled.target!.projectName!.text, titled.target!.projectName!.cell, titled.problems]).toEqual(['市行政中心保安服务', 'A1', []]);
    const unnamed = (await recognizeGrid(wb(sheetFromValues('绩效', rows([_, _, _, _], '2026年项目支出绩效目标表'))))).tables.find((t) => t.id === 'performance-target')!;
    expect(unnamed.target!.projectName).toBeUndefined();
    expect(unnamed.problems).toEqual([expect.objectContaining({ code: 'column-missing', severity: 'warning', params: expect.objectContaining({ role: 'projectName', zh: '项目名称' }) })]);
  });

  it('a target table listing its projects down the rows (长春 2026) is one target table per project, placed on the project’s name', async () => {
    const rows: CellValue[][] = [
      ['长春市信访局2026年项目支出绩效目标表', _, _, _, _, _, _, _],
      ['单位名称', '项目名称', '年度资金总额(万元)', '年度绩效目标', '一级指标', '二级指标', '三级指标', '指标值'],
      ['105001长春市信访局', '2026年信访专项经费', 30, '维护社会稳定', '产出指标', '数量指标', '专家评审', '>=2次'],
      [_, _, _, _, '成本指标', '经济成本指标', '运维成本', '<=17万元'],
      [_, '信访局临聘人员经费', 16.56, '按月发放工资', '产出指标', '数量指标', '录入条数', '>=100条'],
      [_, _, _, _, '满意度指标', '服务对象满意度指标', '满意度', '>=90%'],
      [_, _, _, _, _, _, '人员配备', '合理'],
    ];
    const rec = await recognizeGrid(wb(sheetFromValues('预算表11', rows)));
    const targets = rec.tables.filter((t) => t.id === 'performance-target');
    expect(targets.map((t) => [t.titleCell, t.range, t.target!.projectName!.text, t.target!.budget!.amount, t.target!.goal!.text, t.target!.indicators.map((i) => i.level3.text)])).toEqual([
      ['B3', 'A3:H4', '2026年信访专项经费', 30, '维护社会稳定', ['专家评审', '运维成本']],
      ['B5', 'A5:H7', '信访局临聘人员经费', 16.56, '按月发放工资', ['录入条数', '满意度', '人员配备']],
    ]);
    expect(targets.every((t) => t.problems.length === 0 && t.unit === '万元')).toBe(true);
    // A name merged down its block belongs to the block's first row only.
    const merged = await recognizeGrid(wb(sheetFromValues('预算表11', rows, ['B3:B4', 'C3:C4', 'B5:B7', 'C5:C7'])));
    expect(merged.tables.filter((t) => t.id === 'performance-target').map((t) => [t.target!.projectName!.text, t.target!.indicators.length])).toEqual([
      ['2026年信访专项经费', 2],
      ['信访局临聘人员经费', 3],
    ]);
    // The same merges unmerged and filled (取消合并并填充): each row repeats its project, which it continues.
    const filled: CellValue[][] = rows.map((r, i) => (i === 3 ? [r[0] ?? null, ...rows[2]!.slice(1, 4), ...r.slice(4)] : i >= 5 ? [r[0] ?? null, ...rows[4]!.slice(1, 4), ...r.slice(4)] : r));
    const refilled = await recognizeGrid(wb(sheetFromValues('预算表11', filled)));
    expect(refilled.tables.filter((t) => t.id === 'performance-target').map((t) => [t.target!.projectName!.text, t.target!.budget!.amount, t.target!.indicators.length])).toEqual([
      ['2026年信访专项经费', 30, 2],
      ['信访局临聘人员经费', 16.56, 3],
    ]);
  });

  it('北京 市场监管局 2026: one project name over several blocks, each with its amount, goal and indicators, is a target table per block, merged or with the merge undone', async () => {
    const rows: CellValue[][] = [
      ['2026年项目支出绩效目标表', _, _, _, _, _, _],
      ['项目名称', '年度资金总额', '财政资金', '年度目标', '一级指标', '三级指标', '指标值'],
      ['390843-信息系统运维类项目', 8, 8, '提高档案利用的便利性', '产出指标', '运维次数', '≥12次'],
      [_, _, _, _, '满意度指标', '使用人员满意度', '≥90%'],
      [_, 88.992, 88.992, '开展软件系统维护', '产出指标', '维护系统数', '≥5个'],
      [_, _, _, _, '成本指标', '运维成本', '≤88.992万元'],
      [_, _, _, _, '满意度指标', '使用人员满意度', '≥90%'],
      ['430423-办公设备购置', 20, 20, '更新办公设备', '产出指标', '购置台数', '≥10台'],
    ];
    const blocks = (rec: Awaited<ReturnType<typeof recognizeGrid>>) =>
      rec.tables.filter((t) => t.id === 'performance-target').map((t) => [t.range, t.target!.projectName!.cell, t.target!.projectName!.text, t.target!.budget!.amount, t.target!.indicators.length]);
    const merged = await recognizeGrid(wb(sheetFromValues('预算表12', rows, ['A3:A7', 'B3:B4', 'C3:C4', 'D3:D4', 'B5:B7', 'C5:C7', 'D5:D7'])));
    const expected = [
      ['A3:G4', 'A3', '390843-信息系统运维类项目', 8, 2],
      ['A5:G7', 'A3', '390843-信息系统运维类项目', 88.992, 3],
      ['A8:G8', 'A8', '430423-办公设备购置', 20, 1],
    ];
    expect(blocks(merged)).toEqual(expected);
    // The merges undone (the values left in their first cells): the same three tables, the second of the name above.
    expect(blocks(await recognizeGrid(wb(sheetFromValues('预算表12', rows))))).toEqual(expected);
  });

  it('长沙 2025 target list: a header of two rows, its 合计 and unit rows above the projects, and the template’s unused categories, which are no indicators', async () => {
    const rows: CellValue[][] = [
      ['2025年项目支出绩效目标表', _, _, _, _, _, _, _, _, _, _],
      ['单位名称：某局', _, _, _, _, _, _, _, _, _, '单位：万元'],
      ['单位编码', '单位（项目）名称', '资金总额', '绩效目标', '绩效指标', _, _, _, _, _, _],
      [_, _, _, _, '一级指标', '二级指标', '三级指标', '指标值', '指标值内容', '度量单位', '指标值类型'],
      ['合计', _, 40, _, _, _, _, _, _, _, _],
      ['106001', '某局', 40, _, _, _, _, _, _, _, _],
      ['106001', '警保卫工作经费', 30, '做好警保卫工作', '成本指标', '经济成本指标', '成本控制率', '100', '成本控制在预算内', '%', '≤'],
      [_, _, _, _, _, '社会成本指标', _, _, _, _, _],
      [_, _, _, _, '产出指标', '数量指标', '巡检次数', '每月一次', '系统巡检每月一次', _, '定性'],
      [_, _, _, _, '效益指标', '经济效益指标', _, _, _, _, _],
      [_, _, _, _, _, '社会效益指标', '群众安全感', '有效提升', '群众安全感有效提升', _, '定性'],
      ['106001', '民警训练经费', 10, '提升训练水平', '产出指标', '数量指标', '训练人数', '500', '训练民警500人', '人', '≥'],
    ];
    const merges = ['A1:K1', 'A3:A4', 'B3:B4', 'C3:C4', 'D3:D4', 'E3:K3', 'B7:B11', 'C7:C11', 'D7:D11'];
    const rec = await recognizeGrid(wb(sheetFromValues('项目绩效', rows, merges)));
    const targets = rec.tables.filter((t) => t.id === 'performance-target');
    expect(targets.map((t) => [t.range, t.target!.projectName!.text, t.target!.budget!.amount, t.target!.goal!.text])).toEqual([
      ['A7:K11', '警保卫工作经费', 30, '做好警保卫工作'],
      ['A12:K12', '民警训练经费', 10, '提升训练水平'],
    ]);
    // Both projects share the list's 合计 (perf-list-total holds it to their sum).
    expect(targets.map((t) => t.target!.listTotal?.cell)).toEqual(['C5', 'C5']);
    // 社会成本指标 and 经济效益指标, named and left blank, are no indicators; 社会效益指标 keeps its 一级 (效益指标).
    expect(targets[0]!.target!.indicators.map((i) => [i.level1.text, i.level2.text, i.level3.text, i.value.text, i.description?.text, i.comparator?.text])).toEqual([
      ['成本指标', '经济成本指标', '成本控制率', '100', '成本控制在预算内', '≤'],
      ['产出指标', '数量指标', '巡检次数', '每月一次', '系统巡检每月一次', '定性'],
      ['效益指标', '社会效益指标', '群众安全感', '有效提升', '群众安全感有效提升', '定性'],
    ]);
  });

  it('重庆 2026 target forms: a list with 指标名称 | 指标性质 | 指标值 | 计量单位 and no categories; forms left blank (重庆, 西安 2026) are no project', async () => {
    const list: CellValue[][] = [
      ['表十二', _, _, _, _, _, _, _, _],
      ['2026年市级一般性项目绩效目标表(一级项目)', _, _, _, _, _, _, _, _],
      ['资金主管部门:重庆市气象局', _, _, _, _, _, _, _, '单位:万元'],
      ['序号', '项目名称', '当年财政拨款预算金额', '当年绩效目标', '指标名称', '指标性质', '指标值', '计量单位', '指标权重(%)'],
      [1, '气象事务', 4902.34, '全力做好规划编制', '气候预测准确率', '≥', 68, '%', 10],
      [_, _, _, _, '气象台站改造数量', '≥', 4, '个', 11],
    ];
    const blank: CellValue[][] = [
      ['2026年市级重点专项资金绩效目标表(一级项目)', _, _, _, _],
      ['项目名称', _, _, '主管部门', _],
      ['当年预算', _, _, '市级支出', _],
      ['绩效指标', '指标名称', '指标性质', '指标值', '计量单位'],
      [_, _, _, _, _],
      ['备注:本单位主管无市级财力安排的重点专项资金,故此表无数据。', _, _, _, _],
    ];
    // 西安 2026's 专项资金总体绩效目标表: a blank form whose categories are printed, no indicator in them —
    // or (统计局 2026) the template's “......”, or (医保局 2022) its numbering, in every 三级指标.
    const printed = (level3: CellValue): CellValue[][] => [
      ['专项资金总体绩效目标表', _, _, _, _],
      ['项目名称', _, _, _, _],
      ['年度绩效指标', '一级指标', '二级指标', '三级指标', '指标值'],
      [_, '产出指标', '数量指标', level3, _],
      [_, '满意度指标', '服务对象满意度指标', level3, _],
    ];
    const rec = await recognizeGrid(
      wb(
        sheetFromValues('表十二', list, ['A5:A6', 'B5:B6', 'C5:C6', 'D5:D6']),
        sheetFromValues('表十一', blank),
        sheetFromValues('表16', printed(_)),
        sheetFromValues('表16 统计局', printed('......')),
        // 西安 医保局 2022: the template's numbering alone, “指标1：”.
        sheetFromValues('表16 医保局', printed('指标1：')),
      ),
    );
    const targets = rec.tables.filter((t) => t.id === 'performance-target');
    expect(targets.map((t) => [t.sheet, t.target!.projectName!.text, t.target!.budget!.amount, t.target!.goal!.text, t.target!.categorized])).toEqual([['表十二', '气象事务', 4902.34, '全力做好规划编制', false]]);
    expect(targets[0]!.target!.indicators.map((i) => [i.level1.text, i.level3.text, i.comparator!.text, i.value.text, i.unit!.text])).toEqual([
      ['', '气候预测准确率', '≥', '68', '%'],
      ['', '气象台站改造数量', '≥', '4', '个'],
    ]);
  });

  it('重庆 2026’s 部门整体绩效目标表, weighted indicators and no money, is the department-wide form: its indicators and weight header read, no unit asked of it; a project form keeps its weights', async () => {
    const overall: CellValue[][] = [
      ['表十', _, _, _, _, _, _],
      ['2026年部门整体绩效目标表', _, _, _, _, _, _],
      ['单位名称：重庆市水利局', _, _, _, _, _, _],
      ['当年整体绩效目标', _, _, _, _, _, _],
      ['完善全市水网建设布局，续建大中型水库27个。', _, _, _, _, _, _],
      ['绩效指标', '指标名称', '指标性质', '指标值', '计量单位', '指标权重(%)', '是否核心'],
      [_, '续建大中型水库', '≥', 27, '座', 60, '是'],
      [_, '农村饮水项目受益人口', '≥', 150, '万人次', 40, '否'],
    ];
    const project: CellValue[][] = [
      ['2026年市级一般性项目绩效目标表(一级项目)', _, _, _, _, _, _, _, _],
      ['序号', '项目名称', '当年财政拨款预算金额', '当年绩效目标', '指标名称', '指标性质', '指标值', '计量单位', '指标权重(%)'],
      [1, '水利事务', 100, '续建水库', '续建大中型水库', '≥', 27, '座', 100],
    ];
    const rec = await recognizeGrid(wb(sheetFromValues('表十', overall, ['A2:G2', 'A4:G4', 'A5:G5', 'A6:A8']), sheetFromValues('表十二', project)));
    expect(rec.unread).toEqual([]);
    const form = table(rec, 'overall-target');
    expect([form.sheet, form.range, form.rows, form.columns, form.problems]).toEqual(['表十', 'A2:G8', [], [], []]);
    expect(form.target!.weightHeader!.cell).toBe('F6');
    expect(form.target!.indicators.map((i) => [i.level3.text, i.comparator!.text, i.value.amount, i.unit!.text, i.weight!.amount])).toEqual([
      ['续建大中型水库', '≥', 27, '座', 60],
      ['农村饮水项目受益人口', '≥', 150, '万人次', 40],
    ]);
    // The department's form is no project's: the project target tables are the project form's alone.
    expect(rec.tables.filter((t) => t.id === 'performance-target').map((t) => [t.sheet, t.target!.weightHeader!.cell, t.target!.indicators.map((i) => i.weight!.amount)])).toEqual([['表十二', 'I2', [100]]]);
  });

  it('a fiscal summary printed without amounts (烟台 信访局 2026) ends its header at its first numbered row label', async () => {
    const rows: CellValue[][] = [
      ['财政拨款收支总体情况表', _, _, _, _, _, _],
      ['部门（单位）：烟台市信访局', _, _, _, _, _, '单位：万元'],
      ['收 入', _, '支 出', _, _, _, _],
      ['项目', '预算数', '项目', '预算数', _, _, _],
      [_, _, _, '总计', '一般公共预算', '政府性基金预算', '国有资本经营预算'],
      ['一、一般公共预算收入', _, '一、一般公共服务支出', _, _, _, _],
      ['二、政府性基金预算收入', _, '二、外交支出', _, _, _, _],
      ['本 年 收 入 合 计', _, '本 年 支 出 合 计', _, _, _, _],
      ['（注：2026年没有使用财政拨款收入和支出。）', _, _, _, _, _, _],
    ];
    const t = table(await recognizeGrid(wb(sheetFromValues('公开表4', rows, ['A3:B3', 'C3:G3', 'A4:A5', 'B4:B5', 'C4:C5', 'D4:G4']))), 'fiscal-summary');
    expect(t.headerRows).toEqual({ top: 3, bottom: 5 });
    expect(t.columns.find((c) => c.col === 1)?.role).toBe('incomeItem');
    expect(t.problems.filter((p) => p.code === 'amount-invalid')).toEqual([]);
  });

  it('reports what it looked for when a table’s header lacks a column', async () => {
    const rows: CellValue[][] = [
      ['部门预算支出总表'],
      ['单位：万元'],
      ['科目编码', '科目名称', '合计', '基本支出'],
      [_, '合计', 10, 10],
      ['208', '社会保障和就业支出', 10, 10],
    ];
    const rec = await recognizeGrid(wb(sheetFromValues('表3', rows)));
    const t = table(rec, 'expense-summary');
    expect(t.problems).toEqual([expect.objectContaining({ code: 'column-missing', cell: 'A1', params: expect.objectContaining({ role: 'project', zh: '项目支出' }) })]);
    expect(rec.missing).toContain('income-summary');
  });

  it('flags amounts that are not numbers and codes that are malformed, on their cells', async () => {
    const rows: CellValue[][] = [
      ['部门预算支出总表'],
      ['单位：万元'],
      ['科目编码', '科目名称', '合计', '基本支出', '项目支出'],
      [_, '合计', 10, 10, _],
      ['208', '社会保障和就业支出', '十万', 10, _],
      ['20801x', '人力资源和社会保障管理事务', 10, 10, _],
    ];
    const rec = await recognizeGrid(wb(sheetFromValues('表3', rows)));
    const t = table(rec, 'expense-summary');
    expect(t.problems.map((p) => [p.code, p.cell])).toEqual([
      ['amount-invalid', 'C5'],
      ['code-invalid', 'A6'],
    ]);
  });

  it('a 类 misprinted in split columns (普陀 社会福利院 2024: “7 | 11 | 02”) is read from the row above and reported on its own cell, with the 类 to type', async () => {
    const rows: CellValue[][] = [
      ['2024年预算单位支出预算总表'],
      [_, _, _, _, _, _, '单位：元'],
      ['功能分类科目编码', _, _, '功能分类科目名称', '合计', '基本支出', '项目支出'],
      ['类', '款', '项', _, _, _, _],
      ['210', _, _, '卫生健康支出', 503724, 503724, _],
      ['210', '11', _, '行政事业单位医疗', 503724, 503724, _],
      [7, '11', '02', '事业单位医疗', 503724, 503724, _],
      ['合计', _, _, _, 503724, 503724, _],
    ];
    const rec = await recognizeGrid(wb(sheetFromValues('表3', rows)));
    const t = table(rec, 'expense-summary');
    expect(rowsByCode(t).get('2101102')).toEqual(expect.objectContaining({ total: 503724 }));
    expect(t.problems).toEqual([expect.objectContaining({ code: 'code-class-misprint', cell: 'A7', params: { text: '7', expected: '210', code: '2101102' }, fix: { value: 210, safety: 'unsafe' } })]);
  });

  it('a functional table printed by name alone (杭州 2026’s 表5) is read as an outline: 类, 款 and 项 take their codes, a name used twice at two levels included', async () => {
    const rows: CellValue[][] = [
      ['表5：2026年市级部门一般公共预算支出预算表', _, _, _, _, _],
      ['部门名称：某局单位：万元', _, _, _, _, _],
      ['功能分类科目名称', '合计', '基本支出', _, _, '项目支出'],
      [_, _, '小计', '人员经费', '日常公用支出', _],
      ['合计', 1165.2, 51.5, 41.2, 10.3, 1113.7],
      ['交通运输支出', 1165.2, 51.5, 41.2, 10.3, 1113.7],
      ['公路水路运输', 965.2, 51.5, 41.2, 10.3, 913.7],
      ['行政运行', 43.2, 43.2, 34.1, 9.1, _],
      ['一般行政管理事务', 9.2, _, _, _, 9.2],
      ['其他公路水路运输支出', 912.8, 8.3, 7.1, 1.2, 904.5],
      ['其他交通运输支出', 200, _, _, _, 200],
      ['公共交通运营补助', 180, _, _, _, 180],
      ['其他交通运输支出', 20, _, _, _, 20],
    ];
    const rec = await recognizeGrid(wb(sheetFromValues('表5', rows)));
    const t = table(rec, 'general-budget-expense');
    expect(t.rows.filter((r) => !r.isTotal).map((r) => r.code?.code)).toEqual(['214', '21401', '2140101', '2140102', '2140199', '21499', '2149901', '2149999']);
    expect(t.rows.every((r) => r.isTotal || r.codeFromName)).toBe(true);
    expect(t.problems).toContainEqual(expect.objectContaining({ code: 'codes-from-names', cell: 'A1' }));
    expect(t.problems.map((p) => p.params.role)).not.toContain('code');
  });

  it('a names-only table with a name no published budget gives a code is left uncoded, every row: an outline read in part would put rows under the wrong parent', async () => {
    const rows: CellValue[][] = [
      ['表5：2026年市级部门一般公共预算支出预算表', _, _, _],
      ['部门名称：某局单位：万元', _, _, _],
      ['功能分类科目名称', '合计', '基本支出', '项目支出'],
      ['合计', 100, 60, 40],
      ['交通运输支出', 100, 60, 40],
      ['公路水路运输', 100, 60, 40],
      ['行政运行', 60, 60, _],
      ['某某新设科目', 40, _, 40],
    ];
    const rec = await recognizeGrid(wb(sheetFromValues('表5', rows)));
    const t = table(rec, 'general-budget-expense');
    expect(t.rows.some((r) => r.code)).toBe(false);
    expect(t.problems).toContainEqual(expect.objectContaining({ code: 'column-missing', params: expect.objectContaining({ role: 'code' }) }));
  });
});
