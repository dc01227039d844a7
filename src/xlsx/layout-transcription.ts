/**
 * A published budget transcribed cell by cell in its own layout (samples/real/*.json) → .xlsx.
 * Unlike budget-writer.ts, which lays a data transcription out in templates we chose, this keeps the
 * layout the publisher used: titles with their section numbers, multi-row merged headers, 栏次 rows,
 * notes, narrative paragraphs, performance forms — so the real corpus tests recognition on the
 * variety the world makes.
 */
import ExcelJS from 'exceljs';
import { parseRange, toA1 } from '../core/address.js';

/** A cell: text stays text, a number becomes a number cell, an object sets the number format. */
export type LayoutCell = string | number | null | { v: string | number; fmt?: string };

export interface LayoutSheet {
  name: string;
  rows: LayoutCell[][];
  merges?: string[];
  /** Number format of plain number cells on this sheet (default "#,##0.00", as published amounts show). */
  numFmt?: string;
  /** Column widths in characters, first column first. */
  widths?: number[];
  hidden?: boolean;
}

export interface LayoutSource {
  title: string;
  department: string;
  province: string;
  year: number;
  document: string;
  /** Where the published document came from (repository and path, or address) and its pages. */
  origin: string;
  notes?: string;
}

export interface LayoutTranscription {
  source: LayoutSource;
  sheets: LayoutSheet[];
}

const DEFAULT_NUMFMT = '#,##0.00';

/**
 * Cells a merge covers but does not start, that hold something: Excel shows only a merge's top-left
 * cell, so such text is lost to every reader (西安 2026's “合计” typed beside its A:B merge, read as a
 * total row with no name). A transcription puts what a merged cell shows in its top-left cell.
 */
export function hiddenByMerges(sheet: LayoutSheet): string[] {
  const hidden: string[] = [];
  for (const m of sheet.merges ?? []) {
    const r = parseRange(m);
    // Only the cells written are looked at: a merge may cover far more of the sheet than its rows.
    for (let row = r.top; row <= Math.min(r.bottom, sheet.rows.length); row++) {
      const cells = sheet.rows[row - 1] ?? [];
      for (let col = r.left; col <= Math.min(r.right, cells.length); col++) {
        const cell = cells[col - 1];
        if ((row !== r.top || col !== r.left) && cell !== undefined && cell !== null && cell !== '') hidden.push(`${sheet.name}!${toA1(row, col)} (${m})`);
      }
    }
  }
  return hidden;
}

export function buildLayoutWorkbook(data: LayoutTranscription): ExcelJS.Workbook {
  const hidden = data.sheets.flatMap(hiddenByMerges);
  if (hidden.length > 0) {
    throw new Error(`合并单元格盖住了有内容的格（Excel 只显示合并区左上角的值，请把内容移到左上角）/ a merge hides cells that hold something (Excel shows only its top-left cell: move the content there): ${hidden.join(', ')}`);
  }
  const wb = new ExcelJS.Workbook();
  wb.creator = 'budget-check corpus';
  wb.created = new Date(Date.UTC(2026, 0, 1));
  wb.modified = wb.created;
  for (const sheet of data.sheets) {
    const ws = wb.addWorksheet(sheet.name, sheet.hidden ? { state: 'hidden' } : {});
    const numFmt = sheet.numFmt ?? DEFAULT_NUMFMT;
    sheet.rows.forEach((row, r) => {
      row.forEach((cell, c) => {
        if (cell === null || cell === '') return;
        const target = ws.getCell(r + 1, c + 1);
        if (typeof cell === 'object') {
          target.value = cell.v;
          if (cell.fmt) target.numFmt = cell.fmt;
        } else {
          target.value = cell;
          if (typeof cell === 'number') target.numFmt = numFmt;
        }
      });
    });
    for (const m of sheet.merges ?? []) ws.mergeCells(m);
    sheet.widths?.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  }
  return wb;
}

export async function layoutWorkbookBuffer(data: LayoutTranscription): Promise<Buffer> {
  return Buffer.from(await buildLayoutWorkbook(data).xlsx.writeBuffer());
}
