/** A fixed copy of a workbook: the changed cells and nothing else — styles, other parts, other cells kept. */
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { fromA1 } from '../../src/core/address.js';
import type { GridWorkbook } from '../../src/core/grid.js';
import { patchValues, PatchRefused, setCellValue } from '../../src/xlsx/patch-values.js';
import { readWorkbookBuffer } from '../../src/xlsx/read-file.js';
import { ZipArchive, streamInflate } from '../../src/xlsx/zip.js';
import { SAMPLE_XLSX } from '../helpers.js';
import { xlsxPackage } from '../fixtures/xlsx-package.js';

const cellOf = (g: GridWorkbook, sheet: string, a1: string) => {
  const p = fromA1(a1);
  return g.sheets.find((s) => s.name === sheet)!.rows[p.row - 1]?.[p.col - 1];
};

describe('patching values into a copy of the workbook', () => {
  it('changes exactly the fixed cells; every other part is copied byte for byte and the cell keeps its style', async () => {
    const original = new Uint8Array(readFileSync(SAMPLE_XLSX));
    const before = await readWorkbookBuffer('a.xlsx', original);
    const patched = await patchValues(original, [{ sheet: '表3', cell: 'E13', value: 123.45 }, { sheet: '项目绩效目标表', cell: 'E266', value: '≥100%' }], streamInflate);
    const after = await readWorkbookBuffer('b.xlsx', patched);
    expect(cellOf(after, '表3', 'E13')!.value).toBe(123.45);
    expect(cellOf(after, '项目绩效目标表', 'E266')!.value).toBe('≥100%');
    // Everything else reads the same.
    const flat = (g: GridWorkbook) => g.sheets.flatMap((s) => s.rows.flatMap((r, i) => (r ?? []).map((c, k) => [s.name, i, k, c?.value ?? null])));
    const changed = flat(after).filter((x, i) => JSON.stringify(x) !== JSON.stringify(flat(before)[i]));
    expect(changed).toHaveLength(2);
    expect(after.sheets.map((s) => s.merges)).toEqual(before.sheets.map((s) => s.merges));
    // Untouched parts: the same stored bytes.
    const raw = (b: Uint8Array) => new Map(new ZipArchive(b, streamInflate).rawEntries().map((e) => [e.entry.name, Buffer.from(e.data).toString('base64')]));
    const [a, b] = [raw(original), raw(patched)];
    expect([...b.keys()]).toEqual([...a.keys()]);
    // Only the workbook (recalculate on opening) and the two sheets changed.
    const differ = [...a.keys()].filter((k) => a.get(k) !== b.get(k));
    expect(differ).toHaveLength(3);
    expect(differ).toContain('xl/workbook.xml');
    expect(differ.filter((k) => k.startsWith('xl/worksheets/'))).toHaveLength(2);
    // Excel's own model of the file (ExcelJS as the oracle) sees the same style on the fixed cell.
    const load = async (bytes: Uint8Array) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(bytes) as never);
      return wb.getWorksheet('表3')!.getCell('E13');
    };
    const [x, y] = [await load(original), await load(patched)];
    expect(y.value).toBe(123.45);
    expect(y.style).toEqual(x.style);
  });

  it('inserts a cell that was blank, in column order, and a row that was missing', () => {
    const xml = '<worksheet><sheetData><row r="2"><c r="A2"><v>1</v></c><c r="C2"><v>3</v></c></row><row r="5"/></sheetData></worksheet>';
    let out = setCellValue(xml, '', 'B2', 2, 'S!B2');
    expect(out).toContain('<c r="A2"><v>1</v></c><c r="B2"><v>2</v></c><c r="C2">');
    out = setCellValue(out, '', 'A3', '说明 <1>', 'S!A3');
    expect(out).toContain('</row><row r="3"><c r="A3" t="inlineStr"><is><t xml:space="preserve">说明 &lt;1&gt;</t></is></c></row><row r="5"/>');
    expect(setCellValue(out, '', 'D5', 4, 'S!D5')).toContain('<row r="5"><c r="D5"><v>4</v></c></row>');
  });

  it('refuses to put a constant over a formula, or into a sheet the file does not have', async () => {
    const bytes = xlsxPackage({ sheets: [{ name: 'S', body: '<sheetData><row r="1"><c r="A1"><f>1+1</f><v>2</v></c></row></sheetData>' }] });
    await expect(patchValues(bytes, [{ sheet: 'S', cell: 'A1', value: 3 }], streamInflate)).rejects.toBeInstanceOf(PatchRefused);
    await expect(patchValues(bytes, [{ sheet: '无', cell: 'A1', value: 3 }], streamInflate)).rejects.toMatchObject({ reason: 'no-sheet' });
  });
});
