/** The budget-check command as users run it: the built binary, its output, its exit codes. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, mkdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import officeCrypto from 'officecrypto-tool';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/core/findings.js';
import { ROOT, SAMPLE_XLSX } from '../helpers.js';

const BIN = join(ROOT, 'bin', 'budget-check.js');
const SAMPLE = 'samples/caofeidian-hrss-2024.xlsx';

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let dir: string;
const bad: Record<string, string> = {};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'budget-check-cli-'));
  const sample = readFileSync(SAMPLE_XLSX);
  bad.missing = join(dir, 'missing.xlsx');
  bad.directory = join(dir, 'a-folder.xlsx');
  mkdirSync(bad.directory);
  bad.text = join(dir, 'notes.xlsx');
  writeFileSync(bad.text, '这是一个文本文件，不是工作簿。\n');
  bad.truncated = join(dir, 'truncated.xlsx');
  writeFileSync(bad.truncated, sample.subarray(0, Math.floor(sample.length / 2)));
  bad.encrypted = join(dir, 'encrypted.xlsx');
  writeFileSync(bad.encrypted, officeCrypto.encrypt(sample, { password: 'secret' }));
  // An OLE compound file without an EncryptionInfo stream: what a legacy .xls renamed .xlsx looks like.
  bad.legacy = join(dir, 'old.xlsx');
  writeFileSync(bad.legacy, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(1024)]));
  bad.zeroBytes = join(dir, 'zero.xlsx');
  writeFileSync(bad.zeroBytes, '');
  const empty = new ExcelJS.Workbook();
  empty.addWorksheet('Sheet1');
  bad.empty = join(dir, 'empty.xlsx');
  await empty.xlsx.writeFile(bad.empty);
  const other = new ExcelJS.Workbook();
  const ws = other.addWorksheet('人员名单');
  ws.addRow(['姓名', '科室', '电话']);
  ws.addRow(['张三', '办公室', '1234']);
  bad.noTables = join(dir, 'roster.xlsx');
  await other.xlsx.writeFile(bad.noTables);
});

describe('budget-check check on the sample', () => {
  it('prints a Chinese report grouped by table and exits 0', () => {
    const r = run('check', SAMPLE);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('识别到 9 张标准表、1 张政府采购预算表、1 张部门固定资产占用情况表、16 张项目绩效目标表');
    expect(r.stdout).toContain('部门预算支出总表');
    expect(r.stdout).toMatch(/表3!A1:I31\s+单位：万元/);
  });

  it('speaks English when asked', () => {
    const r = run('check', SAMPLE, '--lang', 'en');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Recognised 9 standard tables, 1 government procurement table, 1 fixed-asset table and 16 project target tables');
  });

  it('counts a project spending table apart from the nine standard ones', () => {
    const r = run('check', 'samples/real/zhejiang-huzhou-jiaotong-2026-dept.xlsx');
    expect(r.stdout).toContain('识别到 9 张标准表、1 张项目支出表、1 张项目支出绩效表、0 张项目绩效目标表');
    expect(r.stdout).toMatch(/项目支出表\s+表10 项目支出预算表!A2:H23/);
  });

  it('writes the findings contract as JSON', () => {
    const r = run('check', SAMPLE, '--format', 'json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.version).toBe(1);
    expect(report.workbooks).toHaveLength(1);
    const wb = report.workbooks[0]!;
    expect(wb.file).toBe(SAMPLE);
    expect(Array.isArray(wb.findings)).toBe(true);
    const standard = wb.tables.filter((t) => t.id !== 'performance-target');
    expect(standard.map((t) => t.id).sort()).toEqual(
      ['expense-summary', 'fiscal-summary', 'fixed-assets', 'general-budget-basic', 'general-budget-expense', 'gov-fund-expense', 'income-expense-summary', 'income-summary', 'procurement', 'state-capital-expense', 'three-public'],
    );
    for (const t of wb.tables) {
      expect(t).toMatchObject({ sheet: expect.any(String), range: expect.stringMatching(/^[A-Z]+\d+:[A-Z]+\d+$/), unit: '万元' });
    }
    expect(wb.tables.find((t) => t.id === 'expense-summary')).toMatchObject({ sheet: '表3', range: 'A1:I31' });
    const targets = wb.tables.filter((t) => t.id === 'performance-target');
    expect(targets).toHaveLength(16);
    expect(targets[0]).toMatchObject({ project: '2024年劳动就业社会保障服务协理员补贴及培训经费', projectCode: '13020924P000034100045', range: 'A1:G15' });
  });

  it('stops quietly when its reader stops early (budget-check check … | head): no stack trace', () => {
    // A shell pipe, as a clerk types it: head closes it after its line, before the report is all written.
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" check ${SAMPLE} samples/real/guangdong-guangzhou-shengtai-2026-dept.xlsx | head -n 1`], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stdout).toBe(`${SAMPLE}\n`);
    // Only the batch's progress lines: no error, no stack.
    expect(r.stderr).not.toMatch(/EPIPE|Error|内部错误|\n\s+at /);
  });

  it('never writes to the workbook it checks', () => {
    const before = statSync(SAMPLE_XLSX).mtimeMs;
    const bytes = readFileSync(SAMPLE_XLSX);
    run('check', SAMPLE, '--format', 'json');
    expect(statSync(SAMPLE_XLSX).mtimeMs).toBe(before);
    expect(readFileSync(SAMPLE_XLSX).equals(bytes)).toBe(true);
  });
});

describe('bad input: one clear line, exit 2, no stack trace', () => {
  it.each([
    ['missing', /找不到文件.*File not found/],
    ['directory', /是文件夹，其中没有 \.xlsx 工作簿.*is a folder with no \.xlsx workbook/],
    ['text', /不是 \.xlsx 工作簿（文件内容是纯文本）.*not an \.xlsx workbook \(it contains plain text\)/],
    ['truncated', /已损坏或不完整（文件不完整，可能在下载或复制时被截断）.*truncated/],
    ['encrypted', /已设置打开密码（加密）.*password-protected/],
    ['legacy', /旧版 \.xls 格式.*legacy \.xls/],
    ['zeroBytes', /是空文件（0 字节）.*empty file/],
    ['empty', /没有任何内容.*has no content/],
    ['noTables', /没有找到任何预算表。查找的是：部门预算收支总表、.*实际看到：「人员名单」姓名 \| 科室 \| 电话.*No budget table found/],
  ])('%s', (name, pattern) => {
    const r = run('check', bad[name]!);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(pattern);
    expect(r.stderr).not.toMatch(/\bat .+:\d+:\d+\)?$/m);
  });

  it.each(['missing', 'text', 'encrypted'])('recognize on a %s file says why in one line and exits 2', (name) => {
    const r = run('recognize', bad[name]!, '--explain');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\bat .+:\d+:\d+\)?$/m);
  });

  it('reports the unusable file in JSON and still checks the others', () => {
    const r = run('check', SAMPLE, bad.truncated!, '--format', 'json');
    expect(r.code).toBe(2);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.workbooks.map((w) => w.file)).toEqual([SAMPLE, bad.truncated]);
    expect(report.workbooks[0]!.tables).toHaveLength(27);
    expect(report.workbooks[1]).toMatchObject({ tables: [], findings: [], error: { code: 'corrupt' } });
  });

  it.each([
    [['check'], /请指定要检查的 \.xlsx 文件/],
    [['frobnicate', SAMPLE], /未知命令/],
    [['check', SAMPLE, '--lang', 'fr'], /--lang 只能是 zh-CN 或 en/],
    [['check', SAMPLE, '--format', 'xml'], /--format 只能是 text、json、csv 或 html/],
    [['check', SAMPLE, '--bogus'], /Unknown option/],
  ])('usage mistakes %j exit 2 with the usage', (args, pattern) => {
    const r = run(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(pattern);
  });

  it('--version, help and help <command> answer and exit 0; help for an unknown command exits 2', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(run('--version').stdout).toContain(`budget-check ${pkg.version}`);
    expect(run('help').stdout).toMatch(/用法 \/ Usage/);
    const check = run('help', 'check');
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/budget-check check/);
    expect(check.stdout).not.toMatch(/budget-check train/);
    expect(run('help', 'frobnicate').code).toBe(2);
  });

  it('a missing input or an unwritable output stops before anything is written or claimed', () => {
    const out = mkdtempSync(join(tmpdir(), 'nothing-'));
    const missing = run('check', join(dir, 'no-such-folder'), '--format', 'html', '--out', join(out, '报告.html'), '--annotate', join(out, '标注'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/找不到文件.*File not found/);
    expect(missing.stderr).not.toMatch(/报告已写入/);
    const badOut = run('check', SAMPLE, '--out', join(out, 'no', 'such', 'dir', 'r.json'));
    expect(badOut.code).toBe(2);
    expect(badOut.stderr).toMatch(/无法写入.*cannot write to/);
    expect(readdirSync(out)).toEqual([]);
  });

  it('--help prints the usage and exits 0', () => {
    const r = run('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('budget-check check');
  });
});

describe('budget-check check on a workbook with a mistake', () => {
  it('reports the wrong cell with a fix and exits 1', async () => {
    const { budgetWorkbookBuffer } = await import('../../src/xlsx/budget-writer.js');
    const { transcription } = await import('../helpers.js');
    const data = await transcription();
    // 表3 row 2080505 基本支出: 178.45 → 187.45 (transposed digits)
    const row = data.tables.find((t) => t.id === 'expense-summary')!.rows.find((r) => r[1] === '2080505')!;
    row[4] = '187.45';
    const file = join(dir, 'mistake.xlsx');
    writeFileSync(file, await budgetWorkbookBuffer(data));
    const json = run('check', file, '--format', 'json');
    expect(json.code).toBe(1);
    const findings = (JSON.parse(json.stdout) as Report).workbooks[0]!.findings.filter((f) => f.severity === 'error');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'hierarchy-sum', sheet: '表3', cell: 'E13', fix: { sheet: '表3', cell: 'E13', value: 178.45, safety: 'safe' } });
    expect(findings[0]!.related!.length).toBeGreaterThan(2);
    const text = run('check', file);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/错误\s+表3!E13\s+部门预算支出总表（表3）E13 2080505 机关事业单位基本养老保险缴费支出“基本支出”为 187\.45 万元，应为 178\.45 万元/);
    expect(text.stdout).toContain('→ 建议改为 表3!E13 = 178.45（可直接修正）');
  });
});
