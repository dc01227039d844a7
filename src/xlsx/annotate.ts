/**
 * Annotated copies for departments: the workbook with each problem cell filled by severity and the
 * message as a note, plus a sheet listing the findings. The original file is only read.
 */
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { WorkbookReport } from '../core/findings.js';
import { HIGHLIGHT_COLOURS } from '../core/workbook-port.js';

const SEVERITY = { error: '错误', warning: '警告', info: '提示' } as const;

/** The annotated copy's bytes; the caller decides where they may be written. */
export async function annotatedCopy(report: WorkbookReport): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await readFile(report.file)) as unknown as ExcelJS.Buffer);
  const notes = new Map<string, string[]>();
  for (const f of report.findings) {
    if (!f.sheet || !f.cell) continue;
    const ws = wb.getWorksheet(f.sheet);
    if (!ws) continue;
    const key = `${f.sheet}!${f.cell}`;
    const cell = ws.getCell(f.cell);
    if (!notes.has(key)) {
      // ExcelJS shares one style object among the cells that had one style in the file: the cell
      // gets its own copy, or the fill would paint every cell sharing it.
      cell.style = { ...cell.style, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${HIGHLIGHT_COLOURS[f.severity].slice(1)}` } } };
      notes.set(key, []);
    }
    notes.get(key)!.push(`【${SEVERITY[f.severity]}】${f.message}${f.fix ? `\n建议改为：${f.fix.value}` : ''}`);
    cell.note = notes.get(key)!.join('\n\n');
  }
  const list = wb.addWorksheet('审核结果');
  list.columns = [
    { header: '单元格', key: 'where', width: 18 },
    { header: '程度', key: 'severity', width: 8 },
    { header: '问题与依据', key: 'message', width: 100 },
    { header: '建议值', key: 'fix', width: 16 },
  ];
  for (const f of report.findings) list.addRow({ where: f.sheet ? `${f.sheet}!${f.cell ?? ''}` : '', severity: SEVERITY[f.severity], message: f.message, fix: f.fix ? String(f.fix.value) : '' });
  list.getRow(1).font = { bold: true };
  list.getColumn('message').alignment = { wrapText: true, vertical: 'top' };
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
