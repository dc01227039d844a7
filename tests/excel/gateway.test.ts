/**
 * The office.js gateway against a fake Excel written from the API reference, for each Excel version
 * we claim (PROFILES): what it reads, paints, fixes and listens to, and what it says when Excel is too old.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { fromA1, toA1 } from '../../src/core/address.js';
import { checkGrid, type Catalogue } from '../../src/core/check.js';
import type { GridWorkbook } from '../../src/core/grid.js';
import { recognize } from '../../src/core/recognize/recognize.js';
import { ExcelGateway, highlightFormula } from '../../src/excel/gateway.js';
import { loadCatalogue } from '../../src/cli/rule-files.js';
import { PaneController } from '../../src/taskpane/controller.js';
import { findingKey } from '../../src/core/workbook-port.js';
import { initialState, reducer, type Action, type PaneState } from '../../src/taskpane/state.js';
import { budgetWorkbookBuffer } from '../../src/xlsx/budget-writer.js';
import { readWorkbookBuffer } from '../../src/xlsx/read-file.js';
import { syntheticBudget } from '../../bench/synthetic.js';
import { FakeExcel, M365, NO_FILL, PROFILES, type ExcelProfile } from '../fakes/fake-excel.js';
import { sampleGrid } from '../helpers.js';

let sample: GridWorkbook;
let catalogue: Catalogue;
let county: GridWorkbook;
beforeAll(async () => {
  sample = await sampleGrid();
  catalogue = await loadCatalogue();
  // The county bench workbook: 300 project tables, 5,130 merged areas, most on one sheet.
  const data = syntheticBudget({ classes: ['201', '205', '208', '210', '212', '213', '214', '221'], sections: 10, items: 9, projects: 300, seed: 2024 });
  county = await readWorkbookBuffer('county.xlsx', await budgetWorkbookBuffer(data));
}, 60_000);

/** Puts a grid into the fake Excel, `copies` times over (sheet names suffixed). */
function load(excel: FakeExcel, grid: GridWorkbook, copies = 1): FakeExcel {
  for (let k = 0; k < copies; k++) {
    for (const s of grid.sheets) {
      const sheet = excel.sheet(copies === 1 ? s.name : `${s.name}-${k + 1}`);
      s.rows.forEach((row, r) =>
        row?.forEach((cell, c) => {
          if (cell) sheet.set(toA1(r + 1, c + 1), { value: cell.value as string | number, text: cell.text, ...(cell.numFmt && { numberFormat: cell.numFmt }), ...(cell.formula && { formula: `=${cell.formula}` }) });
        }),
      );
      sheet.merges = [...s.merges];
    }
  }
  return excel;
}

const values = (g: GridWorkbook) => g.sheets.map((s) => s.rows.flatMap((r) => (r ?? []).map((c) => c?.value ?? null)).filter((v) => v !== null));

function paneOn(excel: FakeExcel) {
  let state: PaneState = initialState('zh-CN');
  const dispatch = (a: Action) => (state = reducer(state, a));
  const gateway = new ExcelGateway(excel);
  let reads = 0;
  const read = gateway.read.bind(gateway);
  gateway.read = () => (reads++, read());
  const controller = new PaneController(gateway, catalogue, dispatch, () => state);
  return { gateway, controller, get state() { return state; }, get reads() { return reads; } };
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
const newer = (api: number) => PROFILES.filter((p) => p.api >= api);
const older = (api: number) => PROFILES.filter((p) => p.api < api);

describe.each(PROFILES)('$name (ExcelApi 1.$api)', (profile: ExcelProfile) => {
  it('reads the sample into the grid the .xlsx reader gives; tables are recognised alike', async () => {
    const excel = load(new FakeExcel(profile), sample);
    const gateway = new ExcelGateway(excel);
    const grid = await gateway.read();
    expect(excel.syncs).toBeLessThanOrEqual(4);
    expect(grid.sheets.map((s) => s.name)).toEqual(sample.sheets.map((s) => s.name));
    expect(values(grid)).toEqual(values(sample));
    if (profile.api >= 13) {
      expect(grid.sheets.map((s) => s.merges.sort())).toEqual(sample.sheets.map((s) => [...s.merges].sort()));
      const tables = (g: GridWorkbook) => recognize(g, catalogue.vocab).tables.map((t) => [t.id, t.sheet, t.range]);
      expect(tables(grid)).toEqual(tables(sample));
    } else {
      expect(gateway.missingFeatures()).toContain('merges');
    }
  });

  it('an unsupported feature is a message naming it, never a crash', async () => {
    const excel = load(new FakeExcel(profile), sample);
    const h = paneOn(excel);
    const missing = h.gateway.missingFeatures();
    expect(missing).toEqual((['highlight', 'memory', 'training', 'merges', 'autoRecheck', 'undoGroup'] as const).filter((f) => !excel.supports({ highlight: '1.6', memory: '1.4', training: '1.4', merges: '1.13', autoRecheck: '1.14', undoGroup: '1.20' }[f])));
    await h.controller.start();
    await h.controller.check();
    if (missing.includes('highlight')) expect(h.state.error).toMatchObject({ code: 'unsupported' });
    else expect(h.state.error).toBeUndefined();
    expect(h.state.report?.findings.length).toBeGreaterThan(0);
    await h.controller.setAutoRecheck(true, 5);
    if (missing.includes('autoRecheck')) {
      expect(h.state.error).toMatchObject({ code: 'unsupported' });
      expect(h.state.autoRecheck).toBe(false);
    } else {
      expect(h.state.autoRecheck).toBe(true);
      await h.controller.setAutoRecheck(false);
    }
  });
});

describe.each(newer(13))('large workbooks on $name', (profile) => {
  it('reads the county workbook: 5,130 merged areas, over 512 on one sheet, every one once', async () => {
    const excel = load(new FakeExcel(profile), county);
    expect(Math.max(...excel.sheets.map((s) => s.merges.length))).toBeGreaterThan(512);
    const grid = await new ExcelGateway(excel).read();
    expect(grid.sheets.map((s) => s.merges.sort())).toEqual(county.sheets.map((s) => [...s.merges].sort()));
    expect(values(grid)).toEqual(values(county));
    expect(excel.syncs).toBeLessThanOrEqual(8);
  });
});

describe('payload limits', () => {
  it('Excel on the web: a read that would pass 5 MB is split and retried; the grid is whole', async () => {
    const web = PROFILES.find((p) => p.web)!;
    const excel = new FakeExcel(web);
    const sheet = excel.sheet('说明');
    const long = '部门预算编制说明：'.repeat(12);
    for (let r = 1; r <= 3_000; r++) for (let c = 1; c <= 10; c++) sheet.set(toA1(r, c), { value: `${long}${r}-${c}` });
    const grid = await new ExcelGateway(excel).read();
    expect(grid.sheets[0]!.rows).toHaveLength(3_000);
    expect(grid.sheets[0]!.rows[2_999]![9]!.value).toBe(`${long}3000-10`);
    // 30,000 cells of ~120 bytes in four properties: refused whole, read in smaller batches.
    expect(excel.syncs).toBeGreaterThan(4);
  });

  it('a wide sheet is split into row blocks by cell count, not by a fixed 2,000 rows', async () => {
    const excel = new FakeExcel(M365);
    const sheet = excel.sheet('宽表');
    for (let r = 1; r <= 1_000; r++) for (let c = 1; c <= 200; c++) sheet.set(toA1(r, c), { value: r + c });
    const grid = await new ExcelGateway(excel).read();
    expect(grid.sheets[0]!.rows[999]![199]!.value).toBe(1_200);
    // 200,000 cells at 80,000 a round trip: 3, plus worksheets, used ranges and merges.
    expect(excel.syncs).toBe(6);
  });
});

describe('highlights', () => {
  function coloured(profile = M365) {
    const excel = new FakeExcel(profile);
    const s = excel.sheet('表3');
    s.set('A1', { value: '未填充' });
    s.set('B1', { value: 5, fill: { color: '#FFFFFF', pattern: 'Solid', patternColor: null, tintAndShade: 0, patternTintAndShade: 0 } });
    s.set('C1', { value: 6, fill: { color: '#00B050', pattern: 'Gray50', patternColor: '#FF0000', tintAndShade: 0.4, patternTintAndShade: -0.2 } });
    s.set('D1', { value: 7 });
    s.conditionalFormats.push({ type: 'CellValue', address: 'D1:D9', formula: '>100', color: '#FF0000' });
    excel.sheet('表5').set('E12', { value: 215.32 });
    return excel;
  }
  const cellsOf = (excel: FakeExcel) => JSON.stringify(excel.sheets.map((s) => [s.name, [...s.cells.entries()].sort()]));
  const formatsOf = (excel: FakeExcel) => JSON.stringify(excel.sheets.map((s) => s.conditionalFormats));

  it.each(newer(6))('$name: highlight then clear leaves every fill and the user’s conditional formats exactly as they were', async (profile) => {
    const excel = coloured(profile);
    const [cells, formats] = [cellsOf(excel), formatsOf(excel)];
    const gw = new ExcelGateway(excel);
    await gw.paint([
      { sheet: '表3', cell: 'A1', severity: 'error' },
      { sheet: '表3', cell: 'A2', severity: 'error' },
      { sheet: '表3', cell: 'B1', severity: 'warning' },
      { sheet: '表3', cell: 'C1', severity: 'info' },
      { sheet: '表5', cell: 'E12', severity: 'error' },
    ]);
    expect(excel.syncs).toBe(4);
    expect(excel.sheet('表3').shownColour('A2')).toBe('#FFC7CE');
    expect(excel.sheet('表3').shownColour('B1')).toBe('#FFEB9C');
    expect(excel.sheet('表3').conditionalFormats.filter((c) => c.formula === highlightFormula('error'))).toHaveLength(1);
    expect(cellsOf(excel)).toBe(cells);
    // Repainting replaces ours, never stacks them; a reopened workbook (new gateway) finds them too.
    await new ExcelGateway(excel).paint([{ sheet: '表3', cell: 'D1', severity: 'info' }]);
    expect(excel.sheets.flatMap((s) => s.conditionalFormats).filter((c) => c.formula.startsWith('=N("budget-check'))).toHaveLength(1);
    await new ExcelGateway(excel).clear();
    expect(cellsOf(excel)).toBe(cells);
    expect(formatsOf(excel)).toBe(formats);
    expect(excel.sheet('表3').fillOf('A1')).toEqual(NO_FILL);
  });

  it('a protected sheet is left alone and named; the others are painted', async () => {
    const excel = coloured();
    excel.sheet('表5').protected = true;
    await expect(new ExcelGateway(excel).paint([{ sheet: '表3', cell: 'A1', severity: 'error' }, { sheet: '表5', cell: 'E12', severity: 'error' }])).rejects.toMatchObject({ code: 'protected', detail: '表5' });
    expect(excel.sheet('表3').shownColour('A1')).toBe('#FFC7CE');
    expect(excel.sheet('表5').conditionalFormats).toEqual([]);
  });

  it('fills painted by version 0.1 are put back once, an unfilled cell as no fill', async () => {
    const excel = coloured();
    excel.sheet('表3').set('A1', { value: '未填充', fill: { ...NO_FILL, color: '#FFC7CE', pattern: 'Solid' } });
    excel.sheet('表3').set('D1', { value: 7, fill: { ...NO_FILL, color: '#FFEB9C', pattern: 'Solid' } });
    excel.settings.set('budgetCheck.highlights', JSON.stringify({ version: 1, cells: { '表3!A1': { none: false, color: '#FFFFFF', pattern: null }, '表3!D1': { none: false, color: '#92D050', pattern: 'Solid' } } }));
    await new ExcelGateway(excel).clear();
    expect(excel.sheet('表3').cells.get('A1')!.fill).toBeUndefined();
    expect(excel.sheet('表3').fillOf('D1').color).toBe('#92D050');
    expect(excel.settings.has('budgetCheck.highlights')).toBe(false);
  });
});

describe('fixes', () => {
  function withError(profile: ExcelProfile) {
    const grid = structuredClone(sample);
    const s = grid.sheets.find((x) => x.name === '表3')!;
    const p = fromA1('E13');
    s.rows[p.row - 1]![p.col - 1] = { ...s.rows[p.row - 1]![p.col - 1]!, value: 187.45, text: '187.45' };
    return load(new FakeExcel(profile), grid);
  }

  it.each(PROFILES)('$name: a fix writes the value; from ExcelApi 1.20 the fix and its repaint are one undo step', async (profile) => {
    const excel = withError(profile);
    const h = paneOn(excel);
    await h.controller.check();
    const finding = h.state.report!.findings.find((f) => f.cell === 'E13' && f.fix?.safety === 'safe')!;
    excel.undoRecords = [['the user’s own typing']];
    await h.controller.apply([finding.fix!]);
    expect(excel.sheet('表3').cells.get('E13')!.value).toBe(finding.fix!.value);
    expect(h.state.report!.findings.some((f) => f.cell === 'E13' && f.severity === 'error')).toBe(false);
    if (profile.api >= 20) {
      expect(excel.undoRecords).toHaveLength(2);
      expect(excel.undoRecords[1]).toEqual(expect.arrayContaining(['value 表3!E13', expect.stringMatching(/^conditional format/)]));
    } else {
      // Before ExcelApi 1.20 an add-in's write clears the undo stack: the README says so.
      expect(excel.undoRecords).toEqual([]);
    }
  });

  it('a text fix lands as the text written, though Excel would take “=100%” for a formula and “001” for a number', async () => {
    const excel = withError(M365);
    const texts = ['=100%', '≥100%', '+5%', '-', '001', '50%', '2026/6/1', 'TRUE', '12月底前', '#N/A'];
    const fixes = texts.map((value, i) => ({ sheet: '表3', cell: `H${40 + i}`, value, safety: 'unsafe' as const }));
    await new ExcelGateway(excel).applyFixes([...fixes, { sheet: '表3', cell: 'E13', value: 187.5, safety: 'safe' }]);
    const cells = texts.map((_, i) => excel.sheet('表3').cells.get(`H${40 + i}`)!);
    expect(cells.map((c) => c.value)).toEqual(texts);
    expect(cells.every((c) => c.formula === undefined)).toBe(true);
    // A number is written as a number, without an apostrophe.
    expect(excel.sheet('表3').cells.get('E13')!.value).toBe(187.5);
    // Without the apostrophe, as the reference describes Excel, the first would have become a formula.
    await excel.run({}, async (ctx) => {
      ctx.workbook.worksheets.getItem('表3').getRange('H60').values = [['=100%']];
      await ctx.sync();
    });
    expect(excel.sheet('表3').cells.get('H60')!.formula).toBe('=100%');
  });

  it('a formula cell is never overwritten: the check offers its value for reference only, and the gateway refuses a stale fix', async () => {
    const excel = withError(M365);
    excel.sheet('表3').cells.get('E13')!.formula = '=SUM(E14:E15)';
    const h = paneOn(excel);
    await h.controller.check();
    const finding = h.state.report!.findings.find((f) => f.cell === 'E13' && f.fix)!;
    expect(finding.fix!.safety).toBe('display-only');
    await expect(new ExcelGateway(excel).applyFixes([{ ...finding.fix!, safety: 'safe' }])).rejects.toMatchObject({ code: 'formula' });
    expect(excel.sheet('表3').cells.get('E13')).toMatchObject({ value: 187.45, formula: '=SUM(E14:E15)' });
  });

  it('a protected sheet: nothing is written and the message comes from the error code, whatever Office’s language', async () => {
    const excel = withError(M365);
    excel.sheet('表3').protected = true;
    await expect(new ExcelGateway(excel).applyFixes([{ sheet: '表3', cell: 'E13', value: 1, safety: 'safe' }])).rejects.toMatchObject({ code: 'protected' });
    expect(excel.sheet('表3').cells.get('E13')!.value).toBe(187.45);
    // Excel's own refusal, in Chinese, maps by its code.
    excel.sheet('表3').protected = false;
    const refusing = new FakeExcel(M365);
    refusing.run = async () => {
      throw refusing.error('AccessDenied');
    };
    await expect(new ExcelGateway(refusing).read()).rejects.toMatchObject({ code: 'protected', detail: expect.stringMatching(/受保护/) });
  });

  it('while the user types in a cell, a fix waits for them instead of failing', async () => {
    const excel = withError(M365);
    excel.editing = true;
    const done = new ExcelGateway(excel).applyFixes([{ sheet: '表3', cell: 'E13', value: 1, safety: 'safe' }]);
    await wait(5);
    expect(excel.sheet('表3').cells.get('E13')!.value).toBe(187.45);
    excel.finishEditing();
    await done;
    expect(excel.sheet('表3').cells.get('E13')!.value).toBe(1);
  });
});

describe.each(newer(14))('auto re-check on $name', (profile) => {
  it('reads once per user edit, ignores its own writes and format changes, and stops when switched off', async () => {
    const excel = load(new FakeExcel(profile), sample);
    const h = paneOn(excel);
    await h.controller.check();
    expect(h.reads).toBe(1);
    await h.controller.setAutoRecheck(true, 5);
    excel.userEdit('表3', 'E13', 187.45);
    await excel.settle();
    await wait(30);
    await excel.settle();
    await wait(30);
    // One read for the edit; the repaint it caused raised events of our own, which were ignored.
    expect(h.reads).toBe(2);
    expect(h.state.report!.findings.some((f) => f.cell === 'E13' && f.severity === 'error')).toBe(true);
    excel.userFill('表3', 'B2', '#FFFF00');
    await excel.settle();
    await wait(30);
    expect(h.reads).toBe(2);
    await h.controller.setAutoRecheck(false);
    expect(excel.registrations.filter((r) => r.active)).toHaveLength(0);
    excel.userEdit('表3', 'E13', 100);
    await excel.settle();
    await wait(30);
    expect(h.reads).toBe(2);
  });
});

describe.each(older(14))('auto re-check on $name', (profile) => {
  it('is refused with a message: before ExcelApi 1.14 our own writes cannot be told from the user’s', async () => {
    const excel = load(new FakeExcel(profile), sample);
    await expect(new ExcelGateway(excel).onChanged(() => undefined)).rejects.toMatchObject({ code: 'unsupported' });
  });
});

describe('selection, memory and training', () => {
  it('selects a finding’s cell on its own sheet: activate, then select', async () => {
    const excel = new FakeExcel(M365);
    excel.sheet('表1');
    excel.sheet('表3').set('E12', { value: 1 });
    await new ExcelGateway(excel).select({ sheet: '表3', cell: 'E12' });
    expect(excel.syncs).toBe(2);
    expect([excel.active, excel.selected]).toEqual(['表3', '表3!E12']);
  });

  it('a cell the user selects in Excel chooses its finding in the pane; the pane’s own select, raised back by Excel, overrules nothing', async () => {
    const excel = load(new FakeExcel(M365), sample);
    const pane = paneOn(excel);
    await pane.controller.start();
    await pane.controller.check();
    await excel.settle();
    const onCell = pane.state.report!.findings.filter((f) => f.sheet === '项目绩效目标表' && f.cell === 'E251');
    expect(onCell).toHaveLength(2);
    excel.userSelect('项目绩效目标表', 'E251');
    await excel.settle();
    expect(pane.state.selectedFinding).toBe(findingKey(onCell[0]!));
    // The pane chooses the second: Excel raises the selection back, and the second stays chosen.
    await pane.controller.select(onCell[1]!);
    await excel.settle();
    expect(pane.state.selectedFinding).toBe(findingKey(onCell[1]!));
    // Two cards chosen quickly: the first one's selection, raised back after the second was chosen, overrules nothing.
    const other = pane.state.report!.findings.find((f) => f.sheet === '说明' && f.cell === 'A55')!;
    await pane.controller.select(onCell[0]!);
    await pane.controller.select(other);
    await excel.settle();
    expect(pane.state.selectedFinding).toBe(findingKey(other));
    // Switched off with the controller: the user's selection no longer reaches the pane.
    await pane.controller.dispose();
    await excel.settle();
    excel.userSelect('表3', 'E13');
    await excel.settle();
    expect(pane.state.selected).toBe('说明!A55');
  });

  it('Excel 2016 has no selection event (ExcelApi 1.2): the pane starts and selects all the same', async () => {
    const excel = new FakeExcel(PROFILES[0]!);
    excel.sheet('表3').set('E12', { value: 1 });
    const pane = paneOn(excel);
    await pane.controller.start();
    excel.userSelect('表3', 'E12');
    await excel.settle();
    expect(pane.state.selected).toBeUndefined();
    expect(pane.state.error).toBeUndefined();
  });

  it('keeps explanations and ignored findings in the workbook', async () => {
    const excel = new FakeExcel(M365);
    await new ExcelGateway(excel).saveMemory({ explanations: { 'code-coverage|表3!A6': '该科目由上级部门代编' }, ignored: ['perf-value-comparator|绩效!E12'] });
    expect(await new ExcelGateway(excel).loadMemory()).toEqual({ explanations: { 'code-coverage|表3!A6': '该科目由上级部门代编' }, ignored: ['perf-value-comparator|绩效!E12'] });
  });

  it('before ExcelApi 1.4 there is no memory: loading gives none, saving says why', async () => {
    const excel = new FakeExcel(PROFILES[0]!);
    expect(await new ExcelGateway(excel).loadMemory()).toEqual({ explanations: {}, ignored: [] });
    await expect(new ExcelGateway(excel).saveMemory({ explanations: {}, ignored: ['x'] })).rejects.toMatchObject({ code: 'unsupported' });
  });
});

describe('the check itself', () => {
  it('reports the sample read through Excel without errors', async () => {
    const grid = await new ExcelGateway(load(new FakeExcel(M365), sample)).read();
    const { report } = await checkGrid('open workbook', grid, catalogue);
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});
