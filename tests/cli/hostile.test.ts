/**
 * Hostile input and the user's files, through the built command as users run it: outputs that would
 * replace a workbook or go through a symlink, colliding annotated copies, resource bombs in a batch,
 * untrusted rules and configs, reports that could run formulas or rewrite a terminal. Every crafted
 * input is built here; nothing large is committed. No case may crash (exit other than 0/1/2), hang
 * (the test's timeout) or lose a byte of a file it did not create.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/core/findings.js';
import { csvCell, terminalSafe, toHtml } from '../../src/cli/reports.js';
import { loadCatalogue } from '../../src/cli/rule-files.js';
import { checkGrid } from '../../src/core/check.js';
import { ROOT, SAMPLE_XLSX, sampleGrid } from '../helpers.js';
import { xlsxPackage } from '../fixtures/xlsx-package.js';

const BIN = join(ROOT, 'bin', 'budget-check.js');

function run(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let dir: string;
let sample: Buffer;
const fresh = (name: string) => {
  const d = join(dir, name);
  mkdirSync(d, { recursive: true });
  return d;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'budget-check-hostile-'));
  sample = readFileSync(SAMPLE_XLSX);
});

describe('the user’s files are never overwritten', () => {
  it('a report is not written over the workbook being checked, directly or through a symlink', () => {
    const d = fresh('self');
    const wb = join(d, 'a.xlsx');
    writeFileSync(wb, sample);
    symlinkSync(wb, join(d, 'link.html'));
    for (const out of ['a.xlsx', 'link.html']) {
      const r = run(d, 'check', 'a.xlsx', '--format', 'html', '--out', out);
      expect(r.code, out).toBe(2);
      expect(r.stderr).toMatch(/不能覆盖|符号链接/);
    }
    expect(readFileSync(wb).equals(sample)).toBe(true);
  });

  it('nor over another workbook; an earlier report is replaced', () => {
    const d = fresh('other');
    writeFileSync(join(d, 'a.xlsx'), sample);
    writeFileSync(join(d, '汇总.xlsx'), sample);
    expect(run(d, 'check', 'a.xlsx', '--format', 'csv', '--out', '汇总.xlsx').code).toBe(2);
    expect(readFileSync(join(d, '汇总.xlsx')).equals(sample)).toBe(true);
    writeFileSync(join(d, 'report.json'), '{"old": true}');
    expect(run(d, 'check', 'a.xlsx', '--format', 'json', '--out', 'report.json').code).toBe(0);
    expect((JSON.parse(readFileSync(join(d, 'report.json'), 'utf8')) as Report).workbooks).toHaveLength(1);
  });

  it('annotated copies never replace a file: an existing copy, a planted symlink; twin names from two folders stay apart', () => {
    const d = fresh('copies');
    mkdirSync(join(d, 'a'));
    mkdirSync(join(d, 'b'));
    writeFileSync(join(d, 'a', '预算.xlsx'), sample);
    writeFileSync(join(d, 'b', '预算.xlsx'), sample);
    const out = fresh('copies/out');
    mkdirSync(join(out, 'a'));
    mkdirSync(join(out, 'b'));
    writeFileSync(join(out, 'a', '预算-审核.xlsx'), 'an earlier copy, kept');
    const victim = join(d, 'unrelated.txt');
    writeFileSync(victim, 'must stay');
    symlinkSync(victim, join(out, 'b', '预算-审核.xlsx'));
    const r = run(d, 'check', 'a/预算.xlsx', 'b/预算.xlsx', '--annotate', 'out');
    expect(r.code).toBe(0);
    expect(readFileSync(join(out, 'a', '预算-审核.xlsx'), 'utf8')).toBe('an earlier copy, kept');
    expect(readFileSync(victim, 'utf8')).toBe('must stay');
    expect(readdirSync(join(out, 'a')).sort()).toEqual(['预算-审核 (2).xlsx', '预算-审核.xlsx']);
    expect(readdirSync(join(out, 'b')).sort()).toEqual(['预算-审核 (2).xlsx', '预算-审核.xlsx']);
    for (const f of ['a/预算-审核 (2).xlsx', 'b/预算-审核 (2).xlsx']) expect(readFileSync(join(out, f)).subarray(0, 2).toString()).toBe('PK');
    // The inputs themselves are untouched.
    expect(readFileSync(join(d, 'a', '预算.xlsx')).equals(sample)).toBe(true);
  });

  it('a symlinked folder inside the output folder is not written through', () => {
    const d = fresh('copies-linked');
    mkdirSync(join(d, 'a'));
    writeFileSync(join(d, 'a', '预算.xlsx'), sample);
    const elsewhere = fresh('copies-linked-elsewhere');
    const out = fresh('copies-linked/out');
    symlinkSync(elsewhere, join(out, 'a'));
    const r = run(d, 'check', 'a/预算.xlsx', '--annotate', 'out');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/符号链接/);
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it('a batch over a missing folder writes no report and says so', () => {
    const d = fresh('missing');
    const r = run(d, 'check', 'no-such-folder', '--format', 'json', '--out', 'r.json');
    expect(r.code).toBe(2);
    expect(existsSync(join(d, 'r.json'))).toBe(false);
  });

  it('training workbooks never replace what the folder holds', () => {
    const d = fresh('train');
    const out = fresh('train/out');
    writeFileSync(join(out, 'answers.json'), '[]');
    const r = run(d, 'train', '--from', SAMPLE_XLSX, '--count', '1', '--out', 'out');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('answers.json');
    expect(readFileSync(join(out, 'answers.json'), 'utf8')).toBe('[]');
  });
});

describe('resource bombs are refused, and a batch goes on without them', () => {
  // Deflating 300 MB takes seconds: the bomb is made once for both runs.
  let bomb: Uint8Array | undefined;
  const bombs = () => {
    const d = fresh(`bombs-${Math.random().toString(36).slice(2)}`);
    writeFileSync(join(d, '1-good.xlsx'), sample);
    // One merge over the whole sheet: 17 billion cells if expanded.
    writeFileSync(join(d, '2-merge.xlsx'), xlsxPackage({ sheets: [{ name: 'S', body: '<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>' }] }));
    // 300 MB of spaces in a sheet part, about 300 KB zipped.
    writeFileSync(join(d, '3-bomb.xlsx'), (bomb ??= xlsxPackage({ sheets: [{ name: 'S', body: `<sheetData>${' '.repeat(300 * 1024 * 1024)}</sheetData>` }] })));
    writeFileSync(join(d, '4-good.xlsx'), sample);
    return d;
  };

  it.each([['1'], ['2']])('with %s worker(s): exit 2, every good workbook reported, the bombs named', (jobs) => {
    const d = bombs();
    const r = run(d, 'check', '.', '--jobs', jobs, '--format', 'json', '--out', 'r.json');
    expect(r.code).toBe(2);
    const report = JSON.parse(readFileSync(join(d, 'r.json'), 'utf8')) as Report;
    expect(report.workbooks.map((w) => [w.file.replace(/.*\//, ''), w.error?.code ?? 'ok'])).toEqual([
      ['1-good.xlsx', 'ok'],
      ['2-merge.xlsx', 'too-large'],
      ['3-bomb.xlsx', 'too-large'],
      ['4-good.xlsx', 'ok'],
    ]);
    expect(r.stderr).toMatch(/A1:XFD1048576/);
    expect(r.stderr).toMatch(/压缩炸弹|zip bomb/);
  }, 60_000);
});

describe('limits can be set for the run', () => {
  it('--max-cells below a workbook’s size refuses it with the flag named; a bad value is a usage error', () => {
    const d = fresh('flags');
    writeFileSync(join(d, 'a.xlsx'), sample);
    const r = run(d, 'check', 'a.xlsx', '--max-cells', '100');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/100.*--max-cells/s);
    expect(run(d, 'check', 'a.xlsx', '--max-cells', 'many').code).toBe(2);
    expect(run(d, 'check', 'a.xlsx', '--max-cells', '100000').code).toBe(0);
  });
});

describe('a workbook that takes too long in a batch', () => {
  it.each([['1'], ['2']])('with %s worker(s): becomes its own error entry when it passes --timeout, and the batch still finishes', (jobs) => {
    const d = fresh(`timeout-${jobs}`);
    writeFileSync(join(d, 'a.xlsx'), sample);
    writeFileSync(join(d, 'b.xlsx'), sample);
    const r = run(d, 'check', '.', '--jobs', jobs, '--timeout', '0.001', '--format', 'json', '--out', 'r.json');
    expect(r.code).toBe(2);
    const report = JSON.parse(readFileSync(join(d, 'r.json'), 'utf8')) as Report;
    expect(report.workbooks.map((w) => w.error?.code)).toEqual(['timeout', 'timeout']);
    expect(r.stderr).toMatch(/0\.001 秒/);
  }, 60_000);
});

describe('rules and configs are untrusted', () => {
  const rulesCopy = (name: string, edit: (dir: string) => void) => {
    const d = fresh(name);
    cpSync(join(ROOT, 'rules'), join(d, 'rules'), { recursive: true });
    edit(join(d, 'rules'));
    return d;
  };

  it('a catastrophic regex is refused by lint and stops a check with its position, before any workbook is read', () => {
    const d = rulesCopy('redos', (rules) => {
      const f = join(rules, 'text-doubled-word.json');
      const rule = JSON.parse(readFileSync(f, 'utf8'));
      rule.conditions = { all: [{ fact: 'word', operator: 'matches', value: '^(a+)+$' }] };
      writeFileSync(f, JSON.stringify(rule, null, 2));
    });
    const lint = run(d, 'rules', 'lint', 'rules');
    expect(lint.code).toBe(1);
    expect(lint.stdout + lint.stderr).toMatch(/text-doubled-word\.json:\d+:\d+.*回溯/);
    writeFileSync(join(d, 'a.xlsx'), sample);
    expect(run(d, 'check', 'a.xlsx', '--rules', 'rules').code).toBe(2);
  });

  it('a rule file nested 1,000 deep is reported with its name, not a stack overflow', () => {
    const d = rulesCopy('deep', (rules) => writeFileSync(join(rules, 'deep.json'), `${'['.repeat(1000)}${']'.repeat(1000)}`));
    const r = run(d, 'rules', 'lint', 'rules');
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toMatch(/deep\.json:1:\d+.*嵌套/);
    expect(r.stdout + r.stderr).not.toMatch(/Maximum call stack/);
  });

  it('a 30-star wildcard in a config is matched at once', () => {
    const d = fresh('stars');
    writeFileSync(join(d, 'a.xlsx'), sample);
    writeFileSync(join(d, 'c.json'), JSON.stringify({ disable: [`${'a*'.repeat(30)}b`] }));
    const r = run(d, 'check', 'a.xlsx', '--config', 'c.json');
    // The pattern matches no rule: reported as a config mistake, promptly.
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no rule matches/);
  });

  it('a budget-check.json beside the workbook is named in every report format', () => {
    const d = fresh('config-beside');
    writeFileSync(join(d, 'a.xlsx'), sample);
    writeFileSync(join(d, 'budget-check.json'), JSON.stringify({ disable: ['*'] }));
    const text = run(d, 'check', 'a.xlsx');
    expect(text.stdout).toMatch(/采用配置: .*budget-check\.json/);
    for (const format of ['json', 'csv', 'html']) expect(run(d, 'check', 'a.xlsx', '--format', format).stdout, format).toContain('budget-check.json');
  });

  it('a config’s rule paths stay inside its folder', () => {
    const d = fresh('config-escape');
    writeFileSync(join(d, 'a.xlsx'), sample);
    writeFileSync(join(d, 'c.json'), JSON.stringify({ rules: ['../../../etc'] }));
    const r = run(d, 'check', 'a.xlsx', '--config', 'c.json');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/配置文件所在文件夹之外/);
  });
});

describe('reports are safe to open', () => {
  it('CSV cells that would start a formula are neutralised; numbers stay numbers', () => {
    expect(csvCell('=HYPERLINK("http://x","点击")')).toBe(`"'=HYPERLINK(""http://x"",""点击"")"`);
    expect(csvCell('@SUM(A1)')).toBe(`"'@SUM(A1)"`);
    expect(csvCell('+1+1')).toBe(`"'+1+1"`);
    expect(csvCell('-12.5')).toBe('-12.5');
    expect(csvCell('表3')).toBe('表3');
  });

  it('terminal output loses control characters and direction overrides, keeps line breaks', () => {
    expect(terminalSafe('表\u001b[2J1\u0007\n第二行\u202e')).toBe('表[2J1\n第二行');
  });

  it('the HTML report escapes what workbooks hold', () => {
    const html = toHtml({ version: 1, workbooks: [{ file: '<img src=x onerror=alert(1)>.xlsx', tables: [], findings: [{ ruleId: 'r', severity: 'error', sheet: '<b>', cell: 'A1', message: '<script>alert(1)</script>' }] }] }, { tables: new Map(), metaRow: [], noteRow: [], totalRow: [] }, new Date(0));
    expect(html).not.toMatch(/<script>alert|<img src=x/);
    expect(html).toContain('&lt;script&gt;');
  });
});

describe('formulas saved without their results', () => {
  it('are reported once per sheet, and the sums they sit in are not judged as if they were blank', async () => {
    const catalogue = await loadCatalogue();
    const grid = await sampleGrid();
    const clean = (await checkGrid(SAMPLE_XLSX, grid, catalogue)).report.findings.filter((f) => f.severity === 'error');
    // A leaf amount of the expense table becomes a formula nobody calculated.
    const sheet = grid.sheets.find((s) => s.rows.some((r) => r?.some((c) => c?.text === '2080101')))!;
    const r = sheet.rows.findIndex((row) => row?.some((c) => c?.text === '2080101'));
    const c = sheet.rows[r]!.findIndex((cell, k) => k > 1 && typeof cell?.value === 'number');
    sheet.rows[r]![c] = { value: null, text: '', formula: 'SUM(X1:X2)' };
    const findings = (await checkGrid(SAMPLE_XLSX, grid, catalogue)).report.findings;
    const notes = findings.filter((f) => f.ruleId === 'workbook/uncalculated');
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ sheet: sheet.name, severity: 'warning' });
    expect(notes[0]!.message).toContain('请在 Excel 中重新计算并保存');
    expect(findings.filter((f) => f.severity === 'error')).toEqual(clean);
  });

  it('are flagged by the reader from a file with <f> and no <v>', async () => {
    const { readWorkbookBuffer } = await import('../../src/xlsx/read-file.js');
    const grid = await readWorkbookBuffer('t.xlsx', xlsxPackage({ sheets: [{ name: 'S', body: '<sheetData><row r="1"><c r="A1"><f>1+1</f></c></row></sheetData>' }] }));
    expect(grid.sheets[0]!.rows[0]![0]).toMatchObject({ value: null, formula: '1+1' });
  });
});
