/**
 * A list of projects whose 绩效指标 cell packs each project's indicators (广州 生态环境局 2026's
 * 项目支出绩效目标表, as 广东's budget system exports it): every project is read as a target of its
 * own, its indicators from that cell, and no fix is ever offered on the cell, which holds them all.
 */
import { describe, expect, it } from 'vitest';
import { checkGrid } from '../../src/core/check.js';
import { sheetFromValues, type CellValue } from '../../src/core/grid.js';
import { packedIndicators } from '../../src/core/recognize/packed-indicators.js';
import { loadCatalogue } from '../../src/cli/rule-files.js';

const _ = null;
const SHEET = '2026年项目支出绩效目标表（含转移支付项目）';

/** Six indicators, every category a project needs, as the export writes them (the numbering restarting included). */
const COMPLETE =
  '1.1－产出指标，11－数量指标，项目专职环保员数量；实施周期指标值：≥20人，年度指标值：≥20人；2、1－产出指标，12－质量指标，环境应急事件响应率；实施周期指标值：100%，年度指标值：100%;' +
  '1、1－产出指标，13－时效指标，项目资金支付及时率；实施周期指标值：100%，年度指标值：100%;2、2－效益指标，22－社会效益，环保信访投诉办结率；实施周期指标值：≥90%，年度指标值：≥90%;' +
  '3、3－满意度指标，31－服务对象满意度，群众满意度；实施周期指标值：≥90%，年度指标值：≥90%;4、4－成本指标，41－经济成本指标，实际支出不超预算；实施周期指标值：不超预算，年度指标值：不超预算；';

/** No 满意度指标, and a rate written as a ceiling (“≤30%”), its period's value typed with 》 for ＞. */
const LACKING =
  '1.1－产出指标，11－数量指标，监测报告数量；实施周期指标值：≥4份，年度指标值：≥4份；2、1－产出指标，12－质量指标，数据质量抽查率；实施周期指标值》30%，年度指标值：≤30%;' +
  '3、1－产出指标，13－时效指标，按时完成率；实施周期指标值：100%，年度指标值：100%;4、2－效益指标，23－生态效益，水质达标率；实施周期指标值：≥80%，年度指标值：≥80%;' +
  '5、4－成本指标，41－经济成本指标，项目支出成本控制率；实施周期指标值：≤100%，年度指标值：≤100%;';

const rows: CellValue[][] = [
  ['广州市生态环境局2026年项目支出绩效目标表（含转移支付项目）', _, _, _, _, _, _],
  ['部门名称：广州市生态环境局', _, _, _, _, _, '单位：万元'],
  ['项目名称（资金使用单位）', '总计：', '财政拨款', '财政专户拨款', '其他资金', '绩效目标', '绩效指标'],
  ['合计：', 400, 400, _, _, _, _],
  ['广州市生态环境局', 400, 400, _, _, _, _],
  ['环保监督检查员经费', 250, 250, _, _, '健全完善基层环保监管责任体系。', COMPLETE],
  ['水环境监测经费', 150, 150, _, _, '完成年度水环境监测任务。', LACKING],
];

describe('indicators packed into one cell', () => {
  it('reads each indicator: its categories, its name, and the year’s value', () => {
    const read = packedIndicators(LACKING)!;
    expect(read.map((i) => `${i.level1}/${i.level2}/${i.name}=${i.value}`)).toEqual([
      '产出指标/数量指标/监测报告数量=≥4份',
      '产出指标/质量指标/数据质量抽查率=≤30%',
      '产出指标/时效指标/按时完成率=100%',
      '效益指标/生态效益/水质达标率=≥80%',
      '成本指标/经济成本指标/项目支出成本控制率=≤100%',
    ]);
    expect(packedIndicators(COMPLETE)).toHaveLength(6);
  });

  it('reads the last indicator’s value to the end, a full stop after it no next number (广州 生态环境局 2026’s 系统数量)', () => {
    const read = packedIndicators('7、1－产出指标，11－数量指标，业务数据增长量；实施周期指标值：≥120000（条），年度指标值：≥60000（条）;8、1－产出指标，11－数量指标，系统数量；实施周期指标值：1，年度指标值：1.')!;
    expect(read.map((i) => `${i.name}=${i.value}`)).toEqual(['业务数据增长量=≥60000（条）', '系统数量=1']);
  });

  it('reads no other text as indicators', () => {
    expect(packedIndicators('完成年度水环境监测任务。')).toBeUndefined();
    expect(packedIndicators('1－产出指标，11－数量指标，监测报告数量')).toBeUndefined();
  });

  it('makes each project of the list a target, with its budget, and checks it as one', async () => {
    const result = await checkGrid('x.xlsx', { sheets: [sheetFromValues(SHEET, rows, ['A1:G1'])] }, await loadCatalogue());
    const targets = result.recognition.tables.filter((t) => t.id === 'performance-target');
    expect(targets.map((t) => [t.target!.projectName!.text, t.target!.budget!.amount, t.target!.indicators.length])).toEqual([
      ['环保监督检查员经费', 250, 6],
      ['水环境监测经费', 150, 5],
    ]);
    const findings = result.report.findings;
    expect(findings.filter((f) => f.ruleId === 'perf-required-categories')).toEqual([expect.objectContaining({ sheet: SHEET, cell: 'A7', message: expect.stringContaining('满意度指标') })]);
    // The rate's ceiling is reported on the cell, but the cell holds every indicator of the project: no value is offered for it.
    const ceiling = findings.find((f) => f.ruleId === 'perf-rate-comparator');
    expect(ceiling).toMatchObject({ sheet: SHEET, cell: 'G7', message: expect.stringContaining('数据质量抽查率') });
    expect(ceiling!.fix).toBeUndefined();
    expect(findings.filter((f) => f.fix)).toEqual([]);
  });
});
