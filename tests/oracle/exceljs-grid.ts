/**
 * The reader we replaced, kept as a test oracle: .xlsx bytes → grid through ExcelJS. The grid-equality
 * test compares our own reader with it on every workbook we have; nothing in src/ uses it.
 */
import ExcelJS from 'exceljs';
import type { CellValue, GridCell, GridSheet, GridWorkbook } from '../../src/core/grid.js';
import { SourceError } from '../../src/core/source-error.js';
import { displayText } from '../../src/core/text.js';
import { assertLooksLikeXlsx } from '../../src/xlsx/classify.js';

type ExcelValue = ExcelJS.CellValue;

/** Flattens ExcelJS's value shapes (formula, rich text, hyperlink, error, date) into a plain value. */
function plainValue(v: ExcelValue): { value: CellValue; formula?: string } {
  if (v === null || v === undefined) return { value: null };
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return { value: v };
  if (v instanceof Date) return { value: v.toISOString().slice(0, 10) };
  if (typeof v === 'object') {
    if ('formula' in v || 'sharedFormula' in v) {
      const f = v as ExcelJS.CellFormulaValue | ExcelJS.CellSharedFormulaValue;
      const inner = plainValue((f.result ?? null) as ExcelValue);
      const formula = 'formula' in f ? f.formula : f.sharedFormula;
      return { value: inner.value, ...(formula && { formula }) };
    }
    if ('richText' in v) return { value: (v as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join('') };
    if ('hyperlink' in v) return { value: (v as ExcelJS.CellHyperlinkValue).text };
    if ('error' in v) return { value: (v as ExcelJS.CellErrorValue).error };
  }
  return { value: String(v) };
}

export function worksheetToGrid(ws: ExcelJS.Worksheet): GridSheet {
  const rows: (GridCell | undefined)[][] = [];
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    const cells: (GridCell | undefined)[] = [];
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      // ExcelJS repeats the master's value in every merged cell; only the master holds it in Excel.
      if (cell.isMerged && cell.master !== cell) return;
      const { value, formula } = plainValue(cell.value);
      if (value === null && !formula) return;
      const numFmt = cell.numFmt || undefined;
      const indent = cell.alignment?.indent;
      cells[c - 1] = {
        value,
        text: displayText(value, numFmt),
        ...(numFmt && { numFmt }),
        ...(formula && { formula }),
        ...(indent && { indent }),
      };
    });
    rows[r - 1] = cells;
  });
  for (let i = 0; i < rows.length; i++) rows[i] ??= [];
  const merges = ((ws.model as { merges?: string[] }).merges ?? []).slice();
  return { name: ws.name, rows, merges, ...(ws.state !== 'visible' && { hidden: true }) };
}

/** ExcelJS/JSZip failures in the reader's words; the raw text stays in the English part. */
function describeLoadFailure(e: unknown): { detail: string; detailEn: string } {
  const raw = (e instanceof Error ? e.message : String(e)).split('\n')[0]!.slice(0, 120);
  if (/central directory|end of data|Corrupted zip|invalid zip|unexpected end/i.test(raw)) {
    return { detail: '文件不完整，可能在下载或复制时被截断', detailEn: `the file is truncated: ${raw}` };
  }
  return { detail: '压缩包里不是有效的 Excel 工作簿内容', detailEn: `not valid workbook content: ${raw}` };
}

export async function excelJsGrid(file: string, buf: Uint8Array): Promise<GridWorkbook> {
  assertLooksLikeXlsx(file, buf);
  const wb = new ExcelJS.Workbook();
  try {
    // ExcelJS takes an ArrayBuffer in browsers and a Buffer (also a Uint8Array) in Node.
    const NodeBuffer = (globalThis as { Buffer?: { from(b: Uint8Array): Uint8Array } }).Buffer;
    await wb.xlsx.load((NodeBuffer ? NodeBuffer.from(buf) : buf.slice().buffer) as unknown as ExcelJS.Buffer);
  } catch (e) {
    throw new SourceError('corrupt', { file, ...describeLoadFailure(e) });
  }
  return { sheets: wb.worksheets.map(worksheetToGrid) };
}
