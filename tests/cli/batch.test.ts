/** A bureau's batch: a folder of department workbooks, some broken, into JSON, CSV, HTML and annotated copies. */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/core/findings.js';
import { HIGHLIGHT_COLOURS } from '../../src/core/workbook-port.js';
import { budgetWorkbookBuffer } from '../../src/xlsx/budget-writer.js';
import { ROOT, SAMPLE_XLSX, transcription } from '../helpers.js';

const BIN = join(ROOT, 'bin', 'budget-check.js');
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: ROOT });
let folder: string;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'bureau-'));
  copyFileSync(SAMPLE_XLSX, join(folder, '人社局.xlsx'));
  const data = await transcription();
  data.tables.find((t) => t.id === 'expense-summary')!.rows.find((r) => r[1] === '2080505')![4] = '187.45';
  writeFileSync(join(folder, '财政局.xlsx'), await budgetWorkbookBuffer(data));
  writeFileSync(join(folder, '教育局.xlsx'), await budgetWorkbookBuffer(await transcription(), { unit: '元', codes: 'split' }));
  writeFileSync(join(folder, '损坏的.xlsx'), readFileSync(SAMPLE_XLSX).subarray(0, 5000));
  writeFileSync(join(folder, '说明.txt'), 'not a workbook, and not an .xlsx either');
  writeFileSync(join(folder, '~$人社局.xlsx'), 'Excel lock file');
});

describe('budget-check check <folder>', () => {
  it('returns one workbooks[] entry per .xlsx in a stable order; a broken one carries an error and the rest are checked', () => {
    const r = run('check', folder, '--format', 'json');
    expect(r.status).toBe(2);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.workbooks.map((w) => w.file.split('/').pop())).toEqual(['财政局.xlsx', '教育局.xlsx', '人社局.xlsx', '损坏的.xlsx']);
    expect(report.workbooks[3]).toMatchObject({ tables: [], findings: [], error: { code: 'corrupt' } });
    expect(report.workbooks[0]!.findings.filter((f) => f.severity === 'error')).toEqual([expect.objectContaining({ sheet: '表3', cell: 'E13' })]);
    expect(report.workbooks[1]!.tables).toHaveLength(27);
    expect(report.workbooks[1]!.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(r.stderr).toMatch(/\[4\/4\]/);
    expect(r.stderr).toMatch(/损坏的\.xlsx 已损坏或不完整/);
  });

  it('gives the same report with one worker and with two', () => {
    const one = JSON.parse(run('check', folder, '--format', 'json', '--jobs', '1').stdout) as Report;
    const two = JSON.parse(run('check', folder, '--format', 'json', '--jobs', '2').stdout) as Report;
    expect(two).toEqual(one);
  });

  it('writes CSV, one row per finding, that Excel opens in Chinese', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'csv-')), 'report.csv');
    run('check', folder, '--format', 'csv', '--out', out);
    const csv = readFileSync(out, 'utf8');
    expect(csv.startsWith('\ufeff文件,表,工作表,单元格,严重程度,规则,说明,建议修改单元格,建议值,修正安全性')).toBe(true);
    const json = JSON.parse(run('check', folder, '--format', 'json').stdout) as Report;
    const rows = csv.trim().split('\r\n').slice(1);
    expect(rows).toHaveLength(json.workbooks.reduce((n, w) => n + w.findings.length + (w.error ? 1 : 0), 0));
    expect(rows.some((row) => row.includes('表3,E13,错误,hierarchy-sum') && row.includes('表3!E13,178.45,可直接修正'))).toBe(true);
    expect(csv).not.toMatch(/,(error|warning|info),/);
  }, 90_000);

  it('writes a self-contained HTML report with a summary per workbook and every finding', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'html-')), 'report.html');
    run('check', folder, '--format', 'html', '--out', out);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('<h1>预算表审核报告</h1>');
    expect(html).not.toMatch(/<(script|link)\b|src="http/);
    expect(html).toMatch(/<td><a href="#wb0">财政局\.xlsx<\/a><\/td><td>27<\/td><td class="n">1<\/td>/);
    expect(html).toContain('表3!E13 改为 <b>178.45</b>');
    expect(html).toContain('<span class="bad">无法读取</span>');
  });

  it('--annotate writes highlighted copies with notes and never touches the originals', async () => {
    const out = mkdtempSync(join(tmpdir(), 'annotated-'));
    const before = readFileSync(join(folder, '财政局.xlsx'));
    const mtime = statSync(join(folder, '财政局.xlsx')).mtimeMs;
    run('check', folder, '--annotate', out, '--format', 'json');
    expect(readdirSync(out).sort()).toEqual(['人社局-审核.xlsx', '教育局-审核.xlsx', '财政局-审核.xlsx'].sort());
    expect(readFileSync(join(folder, '财政局.xlsx')).equals(before)).toBe(true);
    expect(statSync(join(folder, '财政局.xlsx')).mtimeMs).toBe(mtime);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, '财政局-审核.xlsx'));
    const cell = wb.getWorksheet('表3')!.getCell('E13');
    expect((cell.fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');
    expect(String(cell.note)).toContain('建议改为：178.45');
    expect(wb.getWorksheet('审核结果')!.rowCount).toBeGreaterThan(1);
  });

  it('an annotated copy changes only the cells with findings: every other cell keeps its style, each finding cell its severity colour', async () => {
    const out = mkdtempSync(join(tmpdir(), 'annotated-styles-'));
    const training = mkdtempSync(join(tmpdir(), 'annotated-training-'));
    expect(run('train', '--from', SAMPLE_XLSX, '--mistakes', 'transposed-digits,plan-not-100', '--count', '1', '--seed', '4', '--out', training).status).toBe(0);
    const trainee = join(training, 'caofeidian-hrss-2024-练习01.xlsx');
    const r = run('check', join(folder, '人社局.xlsx'), join(folder, '财政局.xlsx'), trainee, '--annotate', out, '--format', 'json');
    const report = JSON.parse(r.stdout) as Report;
    for (const w of report.workbooks) {
      const original = new ExcelJS.Workbook();
      await original.xlsx.readFile(w.file);
      const copy = new ExcelJS.Workbook();
      await copy.xlsx.readFile(join(out, `${w.file.split('/').pop()!.replace('.xlsx', '')}-审核.xlsx`));
      // The most severe finding on a cell gives its colour (findings come most severe first).
      const painted = new Map<string, string>();
      for (const f of w.findings) if (f.sheet && f.cell && !painted.has(`${f.sheet}!${f.cell}`)) painted.set(`${f.sheet}!${f.cell}`, `FF${HIGHLIGHT_COLOURS[f.severity].slice(1)}`);
      expect(painted.size).toBeGreaterThan(0);
      let compared = 0;
      original.eachSheet((ws) => {
        const other = copy.getWorksheet(ws.name)!;
        ws.eachRow({ includeEmpty: true }, (row, r) =>
          row.eachCell({ includeEmpty: true }, (cell, c) => {
            const mirror = other.getRow(r).getCell(c);
            const colour = painted.get(`${ws.name}!${cell.address}`);
            if (colour) expect((mirror.fill as ExcelJS.FillPattern).fgColor?.argb, `${ws.name}!${cell.address}`).toBe(colour);
            else expect(mirror.style, `${ws.name}!${cell.address}`).toEqual(cell.style);
            compared++;
          }),
        );
      });
      expect(compared).toBeGreaterThan(1000);
    }
  });
});
