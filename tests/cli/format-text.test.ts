/** The text report as a clerk reads it in a terminal: the tables found, then the findings. */
import { describe, expect, it } from 'vitest';
import type { TableSummary, WorkbookReport } from '../../src/core/findings.js';
import { formatText } from '../../src/cli/format-text.js';
import { loadCatalogue } from '../../src/cli/rule-files.js';

const target = (k: number, sheet = '项目支出绩效目标表'): TableSummary => ({ id: 'performance-target', sheet, range: `A${k + 5}:G${k + 5}`, unit: '万元', title: '项目支出绩效目标表', project: `项目${k}` });
const report = (targets: TableSummary[]): WorkbookReport => ({ file: 'x.xlsx', tables: targets, findings: [] });

describe('the text report', () => {
  it('names every project target table of an ordinary budget', async () => {
    const { vocab } = await loadCatalogue();
    const text = formatText(report(Array.from({ length: 16 }, (_, k) => target(k + 1))), vocab, 'zh-CN');
    for (let k = 1; k <= 16; k++) expect(text).toContain(`项目${k} `);
    expect(text).not.toContain('另有');
  });

  it('names the first of hundreds and counts the rest, so the findings are not buried (广州 生态环境局 2026: 300)', async () => {
    const { vocab } = await loadCatalogue();
    const targets = [...Array.from({ length: 299 }, (_, k) => target(k + 1)), target(300, '续表')];
    const text = formatText(report(targets), vocab, 'zh-CN');
    expect(text).toContain('识别到 0 张标准表、300 张项目绩效目标表');
    expect(text).toContain('项目10 ');
    expect(text).not.toContain('项目11 ');
    expect(text).toContain('…… 另有 290 张，在「项目支出绩效目标表」、「续表」（逐表见 --format json 的报告）');
    expect(text.split('\n').length).toBeLessThan(20);
    expect(formatText(report(targets), vocab, 'en')).toContain('… and 290 more, on “项目支出绩效目标表”, “续表” (each in the --format json report)');
  });

  it('lists a finding of no table under its sheet, and only one of no cell under the whole workbook', async () => {
    const { vocab } = await loadCatalogue();
    const text = formatText(
      {
        file: 'x.xlsx',
        tables: [],
        findings: [
          { ruleId: 'text-common-slip', severity: 'warning', sheet: '说明', cell: 'A42', message: '“宣传最训调研”疑为“宣传培训调研”' },
          { ruleId: 'recalculation-needed', severity: 'info', message: '工作簿需要重新计算' },
        ],
      },
      vocab,
      'zh-CN',
    );
    expect(text).toMatch(/【说明】\n\s+警告\s+说明!A42/);
    expect(text).toMatch(/【整个工作簿】\n\s+提示\s+工作簿需要重新计算/);
  });

  it('two tables of one kind on two sheets are two headings, as in the pane; one on another sheet keeps the kind’s name (西安 国资委 2022’s 表5 and 表6)', async () => {
    const { vocab } = await loadCatalogue();
    const table = (sheet: string): TableSummary => ({ id: 'general-budget-expense', sheet, range: 'A2:H26', unit: '元', title: '一般公共预算支出表' });
    const finding = (sheet: string, cell: string) => ({ ruleId: 'row-identity', severity: 'error' as const, sheet, cell, message: `${sheet}!${cell}`, table: 'general-budget-expense' as const });
    const text = formatText({ file: 'x.xlsx', tables: [table('表5'), table('表6')], findings: [finding('表5', 'C7'), finding('表6', 'F15'), finding('说明', 'A9')] }, vocab, 'zh-CN');
    expect(text).toMatch(/【一般公共预算财政拨款支出表（表5）】\n\s+错误\s+表5!C7/);
    expect(text).toMatch(/【一般公共预算财政拨款支出表（表6）】\n\s+错误\s+表6!F15/);
    expect(text).toMatch(/【一般公共预算财政拨款支出表】\n\s+错误\s+说明!A9/);
    const single = formatText({ file: 'x.xlsx', tables: [table('表5')], findings: [finding('表5', 'C7')] }, vocab, 'zh-CN');
    expect(single).toContain('【一般公共预算财政拨款支出表】');
  });
});
