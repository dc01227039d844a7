/** Recognition of the real sample workbook: every table, its range, unit, columns and rows. */
import { beforeAll, describe, expect, it } from 'vitest';
import { toA1 } from '../../src/core/address.js';
import type { Recognition } from '../../src/core/model.js';
import { TABLE_IDS } from '../../src/core/vocabulary.js';
import type { Transcription } from '../../src/xlsx/transcription.js';
import { recognizeGrid, rowsByCode, sampleGrid, table, transcription } from '../helpers.js';

let rec: Recognition;
let data: Transcription;
beforeAll(async () => {
  rec = await recognizeGrid(await sampleGrid());
  data = await transcription();
});

describe('the sample workbook', () => {
  it('holds all nine standard tables, each once, and nothing is missing', () => {
    expect(rec.missing).toEqual([]);
    for (const id of TABLE_IDS) expect(rec.tables.filter((t) => t.id === id)).toHaveLength(1);
  });

  it('finds each standard table on its own sheet with the range the layout implies', () => {
    for (const t of data.tables) {
      const found = table(rec, t.id);
      expect(found.sheet).toBe(t.sheet);
      // title, meta line, header rows, 栏次 row, then the data (an empty table: one blank row and its note)
      const dataRows = t.rows.length || 1 + (t.note ? 1 : 0);
      const bottom = 2 + t.header.length + 1 + dataRows;
      expect(found.range).toBe(`A1:${toA1(bottom, t.header[0]!.length)}`);
      expect(found.unit).toBe('万元');
      expect(found.title).toBe(t.title);
    }
  });

  it('reads every data row of the coded tables with its code', () => {
    for (const t of data.tables.filter((x) => x.columnNumbers.length && x.header.at(-1)!.some((h) => h?.replace(/\s/g, '') === '科目编码'))) {
      const found = table(rec, t.id);
      expect(found.rows).toHaveLength(t.rows.length);
      const codes = found.rows.filter((r) => r.code).map((r) => r.code!.code);
      expect(codes).toEqual(t.rows.map((r) => r[1]).filter((c) => c !== ''));
      expect(found.rows.filter((r) => r.isTotal)).toHaveLength(t.rows.length ? 1 : 0);
    }
  });

  it('maps the columns of the income summary from its two-row merged header', () => {
    const t = table(rec, 'income-summary');
    const roles = Object.fromEntries(t.columns.map((c) => [c.role, c.header]));
    expect(roles).toMatchObject({
      code: '功能分类科目/科目编码',
      name: '功能分类科目/科目名称',
      total: '合计',
      subtotal: '本年收入/小计',
      fiscal: '本年收入/财政拨款收入',
      other: '本年收入/其他收入',
      carriedOver: '上年结转',
    });
  });

  it('reads both sides of the two-sided summaries and tags the functional classes', () => {
    const t = table(rec, 'fiscal-summary');
    const social = t.rows.find((r) => r.keys.expenseItem === 'class208')!;
    expect(social.labels.expenseItem).toBe('八、社会保障和就业支出');
    expect(social.cells.expenseTotal!.amount).toBe(16192.65);
    expect(social.cells.expenseGeneral!.amount).toBe(16192.65);
    const general = t.rows.find((r) => r.keys.incomeItem === 'incomeGeneral')!;
    expect(general.cells.incomeAmount!.amount).toBe(16500.49);
    // "二十二、国有资本经营预算支出" is a row of this table, not the title of another one.
    expect(t.rows.find((r) => r.keys.expenseItem === 'class223')).toBeDefined();
    expect(t.rows.find((r) => r.keys.expenseItem === 'expenseGrandTotal')!.cells.expenseTotal!.amount).toBe(16500.49);
  });

  it('keeps the empty tables with their 空表列示 note', () => {
    for (const id of ['gov-fund-expense', 'state-capital-expense']) {
      const t = table(rec, id);
      expect(t.rows).toEqual([]);
      expect(t.note?.text).toMatch(/空表列示/);
      expect(t.problems).toEqual([]);
    }
  });

  it('reads the three-public rows by their meaning', () => {
    const t = table(rec, 'three-public');
    const byKey = Object.fromEntries(t.rows.map((r) => [r.keys.item, r]));
    expect(Object.keys(byKey)).toEqual(['total', 'subtotal', 'abroad', 'abroadTeaching', 'abroadOther', 'vehicle', 'vehiclePurchase', 'vehicleRunning', 'reception']);
    expect(byKey.vehicleRunning!.cells.total!.amount).toBe(6.3);
    expect(byKey.reception!.cells.total!.amount).toBeNull();
  });

  it('finds the sixteen project target tables with their projects, budgets, plans and indicators', () => {
    const targets = rec.tables.filter((t) => t.id === 'performance-target');
    expect(targets).toHaveLength(16);
    targets.forEach((t, i) => {
      const d = data.targets[i]!;
      const top = 1 + i * 17;
      expect(t.range).toBe(`A${top}:G${top + 8 + d.indicators.length}`);
      expect(t.unit).toBe('万元');
      expect(t.target!.projectCode!.text).toBe(d.projectCode);
      expect(t.target!.projectName!.text).toBe(d.projectName);
      expect(t.target!.budget!.amount).toBe(Number(d.budget));
      expect(t.target!.fiscalFunds!.amount).toBe(Number(d.fiscalFunds));
      expect(t.target!.otherFunds!.amount).toBeNull();
      expect(t.target!.plan.map((p) => p.label)).toEqual(['3月底', '6月底', '10月底', '12月底']);
      expect(t.target!.plan.map((p) => p.cell.text)).toEqual(d.plan);
      expect(t.target!.goal!.text).toBe(d.goal);
      expect(t.target!.indicators.map((x) => [x.level1.text, x.level2.text, x.level3.text, x.value.text])).toEqual(
        d.indicators.map((x, j) => [x[0] || d.indicators.slice(0, j).reverse().find((y) => y[0])![0], x[1], x[2], x[4]]),
      );
    });
  });

  it('keeps the seed’s oddities as data', () => {
    const pension = rec.tables.find((t) => t.target?.projectName?.text === '2024年机关事业养老保险财政补助')!;
    expect(pension.target!.indicators.some((x) => x.value.text === '≤3400入')).toBe(true);
    const subsidy = rec.tables.find((t) => t.target?.projectName?.text === '2024年城乡居民养老保险区级补助')!;
    expect(subsidy.target!.plan.map((p) => p.cell.text)).toEqual(['19%', '40%', '100%', '']);
  });

  it('is not fooled by the narrative sheet: its tables are the procurement table its section 八 prints and the fixed assets below it', () => {
    // 河北's template titles it “部门政府采购预算”, without 表; the narrative's headings and sentences are no tables.
    const onNarrative = rec.tables.filter((t) => t.sheet === '说明');
    expect(onNarrative.map((t) => [t.id, t.title, t.rows.length])).toEqual([
      ['procurement', '部门政府采购预算', 0],
      ['fixed-assets', '部门固定资产占用情况表', 6],
    ]);
    expect(onNarrative[0]!.columns.map((c) => c.role)).toEqual(['project', 'item', 'total', 'general', 'fund', 'capital', 'specialAccount', 'unitFunds', 'carriedOver']);
    const assets = onNarrative[1]!;
    expect(assets.rows.map((r) => [Object.values(r.keys)[0] ?? '', r.cells.value?.amount ?? null])).toEqual([
      ['total', 2602.91],
      ['buildings', 1707.08],
      ['offices', 1707.08],
      ['vehicles', 48.17],
      ['equipment', null],
      ['other', 847.66],
    ]);
  });

  it('rows by code agree across tables that share codes', () => {
    const income = rowsByCode(table(rec, 'income-summary'));
    const expense = rowsByCode(table(rec, 'expense-summary'));
    for (const [code, a] of income) expect(expense.get(code)?.total).toBe(a.total);
  });
});
