/** Training mode: the answer key read from a training workbook, marks, reveals and the score. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { toA1 } from '../../src/core/address.js';
import type { Catalogue } from '../../src/core/check.js';
import { answerKey, formerValue, score, ANSWER_SHEET } from '../../src/core/training.js';
import { ExcelGateway } from '../../src/excel/gateway.js';
import { loadCatalogue } from '../../src/cli/rule-files.js';
import { PaneController } from '../../src/taskpane/controller.js';
import { DemoWorkbook } from '../../src/taskpane/demo/demo-workbook.js';
import { highlights, initialState, reducer, visibleFindings, type Action, type PaneState } from '../../src/taskpane/state.js';
import { generateTraining } from '../../src/train/generate.js';
import { bufferToGrid } from '../../src/xlsx/read.js';
import { FakeExcel } from '../fakes/fake-excel.js';
import { SAMPLE_XLSX } from '../helpers.js';

let catalogue: Catalogue;
let file: string;
beforeAll(async () => {
  catalogue = await loadCatalogue();
  const out = mkdtempSync(join(tmpdir(), 'training-pane-'));
  await generateTraining({ from: SAMPLE_XLSX, mistakes: ['transposed-digits', 'missing-indicator-value', 'plan-not-100'], count: 1, seed: 4, out, catalogue });
  file = join(out, 'caofeidian-hrss-2024-练习01.xlsx');
});

describe('training workbooks in the pane', () => {
  it('carry their answer key, which the pane reads back in Chinese', async () => {
    const grid = await bufferToGrid(file, readFileSync(file));
    const key = answerKey(grid)!;
    expect(key.map((a) => a.name)).toEqual(['数字颠倒', '指标值未填', '资金支出计划未达到 100%']);
    expect(grid.sheets.find((s) => s.name === ANSWER_SHEET)!.hidden).toBe(true);
    expect(answerKey(await bufferToGrid(SAMPLE_XLSX, readFileSync(SAMPLE_XLSX)))).toBeUndefined();
  });

  it('holds the findings back, scores the marks, reveals the answers one by one on their cells', async () => {
    const grid = await bufferToGrid(file, readFileSync(file));
    let state: PaneState = initialState('zh-CN');
    const demo = new DemoWorkbook(grid, 'training.xlsx');
    const controller = new PaneController(demo, catalogue, (a: Action) => (state = reducer(state, a)), () => state);
    await controller.start();
    expect(state.training!.answers).toHaveLength(3);
    await controller.check();
    expect(state.report!.findings.length).toBeGreaterThan(0);
    expect(visibleFindings(state)).toEqual([]);
    expect(highlights(state)).toEqual([]);

    const [first, second] = state.training!.answers;
    await demo.select({ sheet: first!.sheet, cell: first!.cell });
    await controller.markSelected();
    await demo.select({ sheet: '表1', cell: 'A1' });
    await controller.markSelected();
    expect(score(state.training!.answers, state.training!.marks)).toMatchObject({ found: [first], missed: [second, state.training!.answers[2]], wrong: [{ sheet: '表1', cell: 'A1' }] });
    // The marks are painted on the sheet (blue, 提示's colour), not only listed in the pane.
    const marked = [
      { sheet: first!.sheet, cell: first!.cell, severity: 'info' },
      { sheet: '表1', cell: 'A1', severity: 'info' },
    ];
    expect(highlights(state)).toEqual(marked);
    let painted: unknown[] = [];
    demo.subscribe((v) => (painted = v.highlights));
    expect(painted).toEqual(marked);
    await controller.unmark({ sheet: '表1', cell: 'A1' });
    expect(painted).toEqual(marked.slice(0, 1));
    await demo.select({ sheet: '表1', cell: 'A1' });
    await controller.markSelected();

    // A revealed answer is red, over the trainee's mark on it; the other mark stays blue.
    await controller.revealNext();
    expect(highlights(state)).toEqual([
      { sheet: first!.sheet, cell: first!.cell, severity: 'error' },
      { sheet: '表1', cell: 'A1', severity: 'info' },
    ]);
    expect(await demo.selectedCell()).toEqual({ sheet: first!.sheet, cell: first!.cell });
    await controller.showAll();
    expect(visibleFindings(state).length).toBeGreaterThan(0);
  });

  it('Excel reads the key in two round trips and the selected cell in one', async () => {
    const excel = new FakeExcel();
    const grid = await bufferToGrid(file, readFileSync(file));
    for (const s of grid.sheets) {
      const sheet = excel.sheet(s.name);
      s.rows.forEach((row, r) => row?.forEach((c, col) => c && sheet.set(toA1(r + 1, col + 1), { value: c.value as string | number })));
    }
    const gw = new ExcelGateway(excel);
    expect(await gw.trainingKey()).toEqual(answerKey(grid));
    expect(excel.syncs).toBe(2);
    excel.selected = '表3!E13';
    expect(await gw.selectedCell()).toEqual({ sheet: '表3', cell: 'E13' });
    const plain = new FakeExcel();
    plain.sheet('表1');
    expect(await new ExcelGateway(plain).trainingKey()).toBeUndefined();
  });

  it('an answer quotes a figure whole, and a paragraph by the words around what the mistake changed', () => {
    expect(formerValue(1699.78, 1969.78)).toBe('1699.78');
    expect(formerValue('单位：万元', '单位：元')).toBe('单位：万元');
    const paragraph = '2024年本部门一般公共预算“三公”经费预算数为6.30万元，比上年减少0.50万元，主要原因是厉行节约，压减公务接待费支出。';
    const planted = paragraph.replace('压减公务接待费', '压减公务接侍费');
    const quoted = formerValue(paragraph, planted);
    expect(quoted).toContain('压减公务接待费');
    expect(quoted.startsWith('…')).toBe(true);
    expect(quoted.length).toBeLessThanOrEqual(42);
  });
});
