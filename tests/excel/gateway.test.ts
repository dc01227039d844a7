/** The office.js gateway against an in-memory Excel that counts round trips. */
import { beforeAll, describe, expect, it } from 'vitest';
import { toA1 } from '../../src/core/address.js';
import { checkGrid, type Catalogue } from '../../src/core/check.js';
import type { GridWorkbook } from '../../src/core/grid.js';
import { recognize } from '../../src/core/recognize/recognize.js';
import { ExcelGateway } from '../../src/excel/gateway.js';
import { loadCatalogue } from '../../src/cli/rule-files.js';
import { FakeExcel, NO_FILL } from '../fakes/fake-excel.js';
import { sampleGrid } from '../helpers.js';

let sample: GridWorkbook;
let catalogue: Catalogue;
beforeAll(async () => {
  sample = await sampleGrid();
  catalogue = await loadCatalogue();
});

/** Puts a grid into the fake Excel, `copies` times over (sheet names suffixed). */
function load(excel: FakeExcel, grid: GridWorkbook, copies = 1): void {
  for (let k = 0; k < copies; k++) {
    for (const s of grid.sheets) {
      const sheet = excel.sheet(copies === 1 ? s.name : `${s.name}-${k + 1}`);
      s.rows.forEach((row, r) =>
        row?.forEach((cell, c) => {
          if (cell) sheet.set(toA1(r + 1, c + 1), { value: cell.value as string | number, text: cell.text, ...(cell.numFmt && { numberFormat: cell.numFmt }) });
        }),
      );
      sheet.merges = [...s.merges];
    }
  }
}

function snapshot(excel: FakeExcel) {
  return JSON.stringify(excel.sheets.map((s) => [s.name, [...s.cells.entries()].sort()]));
}

describe('reading the workbook', () => {
  it('reads the sample into the same grid the .xlsx reader gives, in 3 round trips', async () => {
    const excel = new FakeExcel();
    load(excel, sample);
    const grid = await new ExcelGateway(excel).read();
    expect(excel.syncs).toBe(3);
    expect(grid.sheets.map((s) => s.name)).toEqual(sample.sheets.map((s) => s.name));
    for (const [i, s] of grid.sheets.entries()) {
      expect(s.merges.sort()).toEqual([...sample.sheets[i]!.merges].sort());
      const values = (g: typeof s) => g.rows.map((r) => (r ?? []).map((c) => c?.value ?? null));
      expect(values(s).flat().filter((v) => v !== null)).toEqual(values(sample.sheets[i]!).flat().filter((v) => v !== null));
    }
    const ours = recognize(grid, catalogue.vocab).tables.map((t) => [t.id, t.sheet, t.range]);
    expect(ours).toEqual(recognize(sample, catalogue.vocab).tables.map((t) => [t.id, t.sheet, t.range]));
    const { report } = await checkGrid('open workbook', grid, catalogue);
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('takes the same 3 round trips for a workbook ten times larger', async () => {
    const excel = new FakeExcel();
    load(excel, sample, 10);
    const grid = await new ExcelGateway(excel).read();
    expect(grid.sheets).toHaveLength(sample.sheets.length * 10);
    expect(excel.syncs).toBe(3);
  });

  it('splits only past the payload limit: a 300,000-cell sheet needs 2 more round trips, not one per row', async () => {
    const excel = new FakeExcel();
    const sheet = excel.sheet('大表');
    for (let r = 1; r <= 30_000; r++) for (let c = 1; c <= 10; c++) sheet.set(toA1(r, c), { value: r * c });
    await new ExcelGateway(excel).read();
    expect(excel.syncs).toBe(5);
  });

  it('reads an empty workbook', async () => {
    const excel = new FakeExcel();
    excel.sheet('Sheet1');
    const grid = await new ExcelGateway(excel).read();
    expect(grid.sheets[0]!.rows).toEqual([]);
  });
});

describe('highlights', () => {
  function prepared() {
    const excel = new FakeExcel();
    const s = excel.sheet('表3');
    s.set('A1', { value: 'plain' });
    s.set('B1', { value: 5, fill: { ...NO_FILL, color: '#FFFF00', pattern: 'Solid' } });
    s.set('C1', { value: 6, fill: { color: '#00B050', pattern: 'Gray50', patternColor: '#FF0000', tintAndShade: 0.4, patternTintAndShade: -0.2 } });
    s.set('D1', { value: 7 });
    excel.sheet('表5').set('E12', { value: 215.32 });
    return excel;
  }

  it('paints in 2 round trips and clear leaves every cell exactly as it was', async () => {
    const excel = prepared();
    const before = snapshot(excel);
    const gw = new ExcelGateway(excel);
    await gw.paint([
      { sheet: '表3', cell: 'A1', severity: 'error' },
      { sheet: '表3', cell: 'B1', severity: 'warning' },
      { sheet: '表3', cell: 'C1', severity: 'info' },
      { sheet: '表5', cell: 'E12', severity: 'error' },
      { sheet: '表5', cell: 'F20', severity: 'error' },
    ]);
    expect(excel.syncs).toBe(2);
    expect(excel.sheet('表3').fillOf('A1').color).toBe('#FFC7CE');
    expect(excel.sheet('表3').fillOf('B1').color).toBe('#FFEB9C');
    expect(snapshot(excel)).not.toBe(before);
    await gw.clear();
    expect(excel.syncs).toBe(4);
    expect(snapshot(excel)).toBe(before);
  });

  it('repainting keeps the first original; the bookkeeping survives reopening the workbook', async () => {
    const excel = prepared();
    const before = snapshot(excel);
    await new ExcelGateway(excel).paint([{ sheet: '表3', cell: 'B1', severity: 'warning' }, { sheet: '表3', cell: 'C1', severity: 'error' }]);
    await new ExcelGateway(excel).paint([{ sheet: '表3', cell: 'B1', severity: 'error' }, { sheet: '表3', cell: 'D1', severity: 'info' }]);
    expect(excel.sheet('表3').fillOf('C1')).toEqual(prepared().sheet('表3').fillOf('C1'));
    // A new gateway is a reopened workbook: only what is saved in it can restore the fills.
    await new ExcelGateway(excel).clear();
    expect(snapshot(excel)).toBe(before);
    expect(excel.settings.get('budgetCheck.highlights')).toBe(JSON.stringify({ version: 1, cells: {} }));
  });

  it('without pattern support (before ExcelApi 1.9) white is restored as no fill', async () => {
    const excel = prepared();
    excel.supported.delete('1.9');
    await new ExcelGateway(excel).paint([{ sheet: '表3', cell: 'A1', severity: 'error' }, { sheet: '表3', cell: 'B1', severity: 'error' }]);
    await new ExcelGateway(excel).clear();
    expect(excel.sheet('表3').cells.get('A1')!.fill).toBeUndefined();
    expect(excel.sheet('表3').fillOf('B1').color).toBe('#FFFF00');
  });
});

describe('fixes, selection and memory', () => {
  it('applies several fixes as one undo step, in one round trip, with events suspended', async () => {
    const excel = new FakeExcel();
    excel.sheet('表3').set('E12', { value: 215.32, numberFormat: '0.00' });
    excel.sheet('表3').set('E13', { value: 1 });
    excel.sheet('项目绩效目标表').set('E266', { value: '≤100%' });
    await new ExcelGateway(excel).applyFixes([
      { sheet: '表3', cell: 'E12', value: 251.32, safety: 'safe' },
      { sheet: '表3', cell: 'E13', value: 10, safety: 'safe' },
      { sheet: '项目绩效目标表', cell: 'E266', value: '≥100%', safety: 'unsafe' },
    ]);
    expect(excel.syncs).toBe(1);
    expect(excel.undoRecords).toHaveLength(1);
    expect(excel.undoRecords[0]).toHaveLength(3);
    expect(excel.events).toEqual([]);
    expect(excel.enableEvents).toBe(true);
    expect(excel.sheet('表3').cells.get('E12')).toMatchObject({ value: 251.32, numberFormat: '0.00' });
    expect(excel.sheet('项目绩效目标表').cells.get('E266')!.value).toBe('≥100%');
  });

  it('asks Excel to merge the undo group where ExcelApi 1.20 allows', async () => {
    const excel = new FakeExcel();
    excel.supported.add('1.20');
    excel.sheet('表3').set('E12', { value: 1 });
    let options: unknown;
    const run = excel.run;
    excel.run = (o, b) => ((options = o), run(o, b));
    await new ExcelGateway(excel).applyFixes([{ sheet: '表3', cell: 'E12', value: 2, safety: 'safe' }]);
    expect(options).toEqual({ mergeUndoGroup: true });
  });

  it('selects a finding’s cell on its own sheet in one round trip', async () => {
    const excel = new FakeExcel();
    excel.sheet('表1');
    excel.sheet('表3').set('E12', { value: 1 });
    await new ExcelGateway(excel).select({ sheet: '表3', cell: 'E12' });
    expect(excel.syncs).toBe(1);
    expect([excel.active, excel.selected]).toEqual(['表3', '表3!E12']);
  });

  it('keeps explanations and ignored findings in the workbook', async () => {
    const excel = new FakeExcel();
    await new ExcelGateway(excel).saveMemory({ explanations: { 'code-coverage|表3!A6': '该科目由上级部门代编' }, ignored: ['perf-value-comparator|绩效!E12'] });
    expect(await new ExcelGateway(excel).loadMemory()).toEqual({ explanations: { 'code-coverage|表3!A6': '该科目由上级部门代编' }, ignored: ['perf-value-comparator|绩效!E12'] });
  });

  it('turns Excel’s errors into plain ones', async () => {
    const excel = new FakeExcel();
    excel.run = async () => {
      throw Object.assign(new Error('The cell or chart you are trying to change is on a protected sheet.'), { code: 'AccessDenied' });
    };
    await expect(new ExcelGateway(excel).applyFixes([{ sheet: '表3', cell: 'E12', value: 2, safety: 'safe' }])).rejects.toMatchObject({ code: 'protected' });
    excel.run = async () => {
      throw Object.assign(new Error('cell edit mode'), { code: 'InvalidOperationInCellEditMode' });
    };
    await expect(new ExcelGateway(excel).read()).rejects.toMatchObject({ code: 'editing' });
  });
});
