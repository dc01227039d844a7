/**
 * What a rule maintainer does with JSON alone — add a header synonym, declare a new tie, change a
 * severity, choose a pack — proven by a rule test and visible in budget-check check.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/core/findings.js';
import { budgetWorkbookBuffer } from '../../src/xlsx/budget-writer.js';
import { ROOT, transcription } from '../helpers.js';

const BIN = join(ROOT, 'bin', 'budget-check.js');
const SAMPLE = join(ROOT, 'samples', 'caofeidian-hrss-2024.xlsx');
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: ROOT });
const json = (r: ReturnType<typeof run>) => JSON.parse(r.stdout) as Report;

function rulesCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rules-'));
  cpSync(join(ROOT, 'rules'), dir, { recursive: true });
  return dir;
}

function edit(file: string, change: (j: Record<string, any>) => void): void {
  const j = JSON.parse(readFileSync(file, 'utf8'));
  change(j);
  writeFileSync(file, `${JSON.stringify(j, null, 2)}\n`);
}

describe('a rule maintainer, with JSON alone', () => {
  it('adds a header synonym: a workbook saying 本年拨款 for 财政拨款收入 is read once the synonym is added', async () => {
    const data = await transcription();
    data.tables.find((t) => t.id === 'income-summary')!.header[1]![5] = '本年拨款';
    const dir = mkdtempSync(join(tmpdir(), 'wb-'));
    const file = join(dir, 'synonym.xlsx');
    writeFileSync(file, await budgetWorkbookBuffer(data));

    // Without the synonym the fiscal column is unknown, so the tie on it cannot be made.
    const before = json(run('check', file, '--format', 'json'));
    const rules = rulesCopy();
    edit(join(rules, 'vocabulary', 'tables.json'), (v) => {
      v.tables.find((t: any) => t.id === 'income-summary').columns.find((c: any) => c.role === 'fiscal').match.push({ all: ['本年拨款'] });
    });
    expect(run('rules', 'lint', rules).status).toBe(0);
    // recognize --explain shows the column unmatched before, and its role and header after.
    const explainedBefore = run('recognize', file, '--explain');
    expect(explainedBefore.status).toBe(0);
    expect(explainedBefore.stdout).toMatch(/未识别的金额列: .*F “[^”]*本年拨款”/);
    const explained = run('recognize', file, '--explain', '--rules', rules);
    expect(explained.stdout).toMatch(/F\s+fiscal\s+财政拨款收入\s+← “[^”]*本年拨款”\s+\(“本年拨款”\)/);
    const after = json(run('check', file, '--format', 'json', '--rules', rules));
    expect(after.workbooks[0]!.findings.filter((f) => f.severity === 'error')).toEqual([]);

    // Planting a mistake in that column proves it is now checked: found only with the synonym.
    const fiscalTotal = data.tables.find((t) => t.id === 'income-summary')!.rows[0]!;
    fiscalTotal[5] = '16000.49';
    writeFileSync(file, await budgetWorkbookBuffer(data));
    const caughtWith = json(run('check', file, '--format', 'json', '--rules', rules)).workbooks[0]!.findings;
    const caughtWithout = json(run('check', file, '--format', 'json')).workbooks[0]!.findings;
    expect(caughtWith).toContainEqual(expect.objectContaining({ sheet: '表2', cell: 'F6', severity: 'error', fix: expect.objectContaining({ value: 16500.49 }) }));
    expect(caughtWithout.some((f) => f.cell === 'F6')).toBe(false);
    expect(before.workbooks[0]!.findings.some((f) => f.ruleId === 'recognition/column-missing' || f.cell === 'F6')).toBe(false);
  }, 90_000);

  it('declares a new cross-table tie, proves it with a rule test, and the CLI applies it', () => {
    const rules = rulesCopy();
    // A new rule: the 三公 vehicle purchase row must not exceed the general budget's 31013 (an invented policy).
    const rule = JSON.parse(readFileSync(join(rules, 'three-public-basic-bound.json'), 'utf8'));
    rule.id = 'vehicle-running-equals-basic';
    rule.severity = 'warning';
    rule.params = { ties: [{ left: { table: 'three-public', column: 'total', row: { key: 'vehicleRunning', side: 'item' } }, right: { table: 'general-budget-basic', column: 'total', row: { code: '30231' } } }] };
    rule.message = { 'zh-CN': '{{left}}为 {{actualText}}，{{relation}}{{right}}（{{expectedText}}）', en: '{{left}} is {{actualText}}; it {{relation}} {{right}} ({{expectedText}})' };
    rule.tests = {
      valid: [rule.tests.valid[0]],
      invalid: [{ ...rule.tests.invalid[0], name: 'running costs differ', findings: [{ sheet: '表9', cell: 'B9' }] }],
    };
    writeFileSync(join(rules, 'vehicle-running-equals-basic.json'), JSON.stringify(rule, null, 2));
    expect(run('rules', 'lint', rules).status).toBe(0);
    const tested = run('rules', 'test', rules);
    expect(tested.stdout).toContain('✓ vehicle-running-equals-basic  应报告 / invalid  “running costs differ”');
    expect(tested.status).toBe(0);
    // The sample satisfies it (6.30 both sides): the new rule runs and stays silent.
    const r = json(run('check', SAMPLE, '--format', 'json', '--rules', rules));
    expect(r.workbooks[0]!.findings.some((f) => f.ruleId === 'vehicle-running-equals-basic')).toBe(false);
  });

  it('sets the tolerance of a tie in JSON: a difference within it passes, one beyond it is reported', () => {
    const rules = rulesCopy();
    const base = JSON.parse(readFileSync(join(rules, 'three-public-basic-bound.json'), 'utf8'));
    const snippet = (basic: number) => {
      const w = structuredClone(base.tests.valid[0].workbook);
      for (const row of w.sheets[0].rows) for (let i = 2; i < row.length; i++) if (typeof row[i] === 'number') row[i] = basic;
      return w;
    };
    // 表6 30231 against 表9 公务用车运行维护费 (6.30): 6.60 is within half a 万元, 8.00 is not.
    const rule = {
      ...base,
      id: 'vehicle-running-within-half',
      severity: 'warning',
      params: {
        ties: [
          {
            left: { table: 'general-budget-basic', column: 'total', row: { code: '30231' } },
            right: { table: 'three-public', column: 'total', row: { key: 'vehicleRunning', side: 'item' } },
            tolerance: { amount: 0.5, unit: '万元' },
          },
        ],
      },
      message: { 'zh-CN': '{{left}}为 {{actualText}}，{{relation}}{{right}}（{{expectedText}}）', en: '{{left}} is {{actualText}}; it {{relation}} {{right}} ({{expectedText}})' },
      tests: {
        valid: [{ name: 'within half a 万元', workbook: snippet(6.6) }],
        invalid: [{ name: 'beyond it', workbook: snippet(8), findings: [{ sheet: '表6', cell: 'C6', severity: 'warning' }] }],
      },
    };
    const file = join(rules, 'vehicle-running-within-half.json');
    writeFileSync(file, JSON.stringify(rule, null, 2));
    expect(run('rules', 'lint', rules).status).toBe(0);
    const tested = run('rules', 'test', rules);
    expect(tested.stdout).toContain('✓ vehicle-running-within-half  不应报告 / valid  “within half a 万元”');
    expect(tested.status).toBe(0);
    // Without the tolerance the same 0.30 is a difference: the valid case fails, so the tolerance is what passed it.
    writeFileSync(file, JSON.stringify({ ...rule, params: { ties: [{ ...rule.params.ties[0], tolerance: undefined }] } }, null, 2));
    expect(run('rules', 'test', rules).stdout).toContain('✗ vehicle-running-within-half  不应报告 / valid  “within half a 万元”');
  });

  it('adds a new check over the indicators: a satisfaction target below 95% is reported where the forms say so', async () => {
    const rules = rulesCopy();
    const rule = {
      $schema: './schema.json',
      id: 'satisfaction-at-least-95',
      family: 'performance',
      severity: 'warning',
      title: { 'zh-CN': '满意度目标不低于 95%', en: 'Satisfaction targets of at least 95%' },
      description: { 'zh-CN': '本地要求：满意度指标的目标值不低于 95%。', en: 'A local policy: satisfaction targets are at least 95%.' },
      iterator: 'indicators',
      params: JSON.parse(readFileSync(join(rules, 'perf-value-unit.json'), 'utf8')).params,
      conditions: { all: [{ fact: 'level2', operator: 'matches', value: '满意度' }, { fact: 'number', operator: 'lessThan', value: 95 }] },
      message: { 'zh-CN': '项目“{{project}}”的满意度目标为“{{value}}”，本地要求不低于 95%', en: 'the satisfaction target of “{{project}}” is “{{value}}”; at least 95% is required' },
      tests: {
        valid: [{ name: '98%', workbook: { sheets: [{ name: '绩效', rows: [['满意度指标', '服务对象满意度指标', '服务对象满意度', '≥98%']] }] } }],
        invalid: [],
      },
    };
    writeFileSync(join(rules, 'satisfaction-at-least-95.json'), JSON.stringify(rule, null, 2));
    expect(run('rules', 'lint', rules).status).toBe(0);
    const findings = json(run('check', SAMPLE, '--format', 'json', '--rules', rules)).workbooks[0]!.findings.filter((f) => f.ruleId === 'satisfaction-at-least-95');
    // Read independently from the transcription: the satisfaction values under 95.
    const data = await transcription();
    const low = data.targets.flatMap((t) => t.indicators.filter((i) => i[1]!.includes('满意度') && Number(/(\d+(?:\.\d+)?)%/.exec(i[4]!)?.[1] ?? 100) < 95).map((i) => `${t.projectName}|${i[4]}`));
    expect(low.length).toBeGreaterThan(0);
    expect(findings.map((f) => f.message).sort()).toEqual(low.map((l) => `项目“${l.split('|')[0]}”的满意度目标为“${l.split('|')[1]}”，本地要求不低于 95%`).sort());
  });

  it('lowers one rule to info: its findings are info, and a cell other rules also fail stays an error under their name', async () => {
    const data = await transcription();
    // 表3's first 项 row typed ×10 in 基本支出: the hierarchy, the row's own sum and the ties all fail on it.
    const dir = mkdtempSync(join(tmpdir(), 'sev-'));
    const file = join(dir, 'slip.xlsx');
    const t3 = data.tables.find((t) => t.id === 'expense-summary')!;
    const row = t3.rows.find((r) => /^\d{7}$/.test(String(r[1] ?? '')) && Number(r[4]) > 0)!;
    row[4] = String(Number(row[4]) * 10);
    writeFileSync(file, await budgetWorkbookBuffer(data));
    const config = join(dir, 'cfg.json');
    writeFileSync(config, JSON.stringify({ severity: { 'hierarchy-sum': 'info' } }));
    const plain = json(run('check', file, '--format', 'json')).workbooks[0]!.findings;
    const lowered = json(run('check', file, '--format', 'json', '--config', config)).workbooks[0]!.findings;
    expect(plain.some((f) => f.ruleId === 'hierarchy-sum' && f.severity === 'error')).toBe(true);
    expect(lowered.filter((f) => f.ruleId === 'hierarchy-sum').every((f) => f.severity === 'info')).toBe(true);
    // Every cell reported before is still reported; those another rule also fails on stay errors.
    for (const f of plain) expect(lowered.some((g) => g.sheet === f.sheet && g.cell === f.cell)).toBe(true);
    expect(lowered.some((f) => f.severity === 'error' && f.ruleId !== 'hierarchy-sum')).toBe(true);
  });

  it('a rule test that fails says what was expected and what came, and exits 1', () => {
    const rules = rulesCopy();
    edit(join(rules, 'hierarchy-sum.json'), (r) => {
      r.tests.invalid[0].findings = [{ sheet: '表3', cell: 'E7' }];
    });
    const r = run('rules', 'test', rules);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('✗ hierarchy-sum');
    expect(r.stdout).toContain('expected finding on 表3!E7, got none (findings on: 表3!E8)');
    expect(r.stdout).toMatch(/- 预期 expected: 表3!E7\n\s+\+ 实际 actual:\s+表3!E8 = 10/);
  });

  it('changes a severity and disables a rule with a config, or picks a pack, without copying rules', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
    const config = join(dir, 'my.json');
    writeFileSync(config, JSON.stringify({ severity: { 'perf-value-unit': 'error' }, disable: ['perf-level3-placeholder'] }));
    const r = run('check', SAMPLE, '--format', 'json', '--config', config);
    expect(r.status).toBe(1);
    const findings = json(r).workbooks[0]!.findings;
    expect(findings.find((f) => f.ruleId === 'perf-value-unit')!.severity).toBe('error');
    expect(findings.some((f) => f.ruleId === 'perf-level3-placeholder')).toBe(false);

    const lenient = json(run('check', SAMPLE, '--format', 'json', '--rules', 'lenient-performance')).workbooks[0]!.findings;
    expect(lenient.some((f) => f.ruleId === 'perf-value-comparator')).toBe(false);
    expect(lenient.filter((f) => f.ruleId === 'perf-level3-placeholder').every((f) => f.severity === 'info')).toBe(true);
  });

  it('a budget-check.json beside the workbook applies to it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'beside-'));
    cpSync(SAMPLE, join(dir, 'budget.xlsx'));
    writeFileSync(join(dir, 'budget-check.json'), JSON.stringify({ pack: 'lenient-performance' }));
    const findings = json(run('check', join(dir, 'budget.xlsx'), '--format', 'json')).workbooks[0]!.findings;
    expect(findings.some((f) => f.ruleId === 'perf-value-comparator')).toBe(false);
  });

  it('a config naming a rule that does not exist is refused with its position', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
    const config = join(dir, 'typo.json');
    writeFileSync(config, JSON.stringify({ disable: ['perf-level3-placehodler'] }, null, 2));
    const r = run('check', SAMPLE, '--config', config);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${config}:3:5  $.disable[0]  没有规则匹配“perf-level3-placehodler”`);
    expect(r.stderr).toMatch(/是否应为“perf-level3-placeholder”/);
  });
});
