/**
 * The sample workbook against the published text itself (not against our transcription): every
 * amount of the coded tables, the summaries and the target budgets must be what the seed says.
 */
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Recognition } from '../../src/core/model.js';
import { RowCells } from '../../src/core/recognize/row-cells.js';
import { recognizeGrid, sampleGrid, SEED_TEXT, table } from '../helpers.js';

/** The seed's text layer: one cell per tab-indented line, rows separated by blank lines. */
function seedRows(text: string, title: string): string[][] {
  const start = text.indexOf(`]${title}\n`);
  if (start < 0) throw new Error(`title not in seed: ${title}`);
  const rows: string[][] = [];
  for (const block of text.slice(start).split('\n\n').slice(1)) {
    const lines = block.split('\n');
    if (!lines.every((l) => l.startsWith('\t') || l === '')) break;
    rows.push(lines.filter((l) => l.startsWith('\t')).map((l) => l.slice(1)));
  }
  return rows;
}

const AMOUNT = /^\d+\.\d{2}$/;

let seed: string;
let rec: Recognition;
let rowCells: RowCells;
let compared = 0;

beforeAll(async () => {
  seed = await readFile(SEED_TEXT, 'utf8');
  const grid = await sampleGrid();
  rec = await recognizeGrid(grid);
  rowCells = new RowCells(grid);
});

describe('sample numbers equal the published seed', () => {
  it.each([
    ['income-summary', '部门预算收入总表'],
    ['expense-summary', '部门预算支出总表'],
    ['general-budget-expense', '部门预算一般公共预算财政拨款支出表'],
    ['general-budget-basic', '部门预算一般公共预算财政拨款基本支出表'],
  ])('%s: every amount of every coded row', (id, title) => {
    const t = table(rec, id);
    const amountCols = t.columns.filter((c) => !['seq', 'code', 'name'].includes(c.role));
    expect(amountCols.length).toBeGreaterThan(1);
    for (const cells of seedRows(seed, title)) {
      const code = cells[1] ?? '';
      if (!/^\d+$/.test(cells[0] ?? '')) continue;
      const row = t.rows.find((r) => (code ? r.code?.code === code : r.isTotal));
      expect(row, `row ${code || '合计'} of ${title}`).toBeDefined();
      expect(row!.labels.name).toBe(cells[2]);
      for (const col of amountCols) {
        const published = cells[col.col - 1] ?? '';
        const got = row!.cells[col.role]!.amount;
        if (AMOUNT.test(published)) {
          expect(got, `${title} ${code} ${col.header}`).toBe(Number(published));
          compared++;
        } else {
          expect(got, `${title} ${code} ${col.header} is blank`).toBeNull();
        }
      }
    }
  });

  it('the two-sided summaries: every amount, matched by row label', () => {
    for (const [id, title] of [
      ['income-expense-summary', '部门预算收支总表'],
      ['fiscal-summary', '部门预算财政拨款收支总表'],
    ] as const) {
      const t = table(rec, id);
      for (const cells of seedRows(seed, title)) {
        if (!/^\d+$/.test(cells[0] ?? '')) continue;
        const row = t.rows.find((r) => rowCells.cell(t, r, 'seq')?.text === cells[0]);
        expect(row, `${title} row ${cells[0]}`).toBeDefined();
        for (const col of t.columns.filter((c) => c.role !== 'seq')) {
          const published = cells[col.col - 1] ?? '';
          if (AMOUNT.test(published)) {
            expect(row!.cells[col.role]!.amount, `${title} row ${cells[0]} ${col.header}`).toBe(Number(published));
            compared++;
          } else if (!col.role.endsWith('Item')) {
            expect(row!.cells[col.role]!.amount).toBeNull();
          } else {
            expect(row!.labels[col.role] ?? '').toBe(published.trim());
          }
        }
      }
    }
  });

  it('the three-public table', () => {
    const t = table(rec, 'three-public');
    for (const cells of seedRows(seed, '部门预算财政拨款“三公”经费支出表')) {
      if (!/^\d+$/.test(cells[0] ?? '')) continue;
      const row = t.rows.find((r) => rowCells.cell(t, r, 'seq')?.text === cells[0])!;
      expect(row.labels.item).toBe(cells[1]!.trim());
      for (const [i, role] of ['total', 'general', 'fund', 'capital'].entries()) {
        const published = cells[2 + i] ?? '';
        expect(row.cells[role]!.amount).toBe(AMOUNT.test(published) ? Number(published) : null);
        if (AMOUNT.test(published)) compared++;
      }
    }
  });

  it('every project’s code, budget and fiscal funds', () => {
    const targets = rec.tables.filter((t) => t.id === 'performance-target');
    const codes = [...seed.matchAll(/\t项目编码\n\t(\S+)\n\t项目名称\n\t([^\n]+)/g)];
    const budgets = [...seed.matchAll(/\t预算数\n\t([\d.]+)\n\t其中：财政 +资金\n\t([\d.]+)/g)];
    expect(codes).toHaveLength(16);
    expect(budgets).toHaveLength(16);
    codes.forEach((m, i) => {
      const t = targets.find((x) => x.target!.projectCode!.text === m[1])!;
      expect(t.target!.projectName!.text).toBe(m[2]!.trim());
      expect(t.target!.budget!.amount).toBe(Number(budgets[i]![1]));
      expect(t.target!.fiscalFunds!.amount).toBe(Number(budgets[i]![2]));
      compared += 2;
    });
  });

  it('compared well over fifty published numbers', () => {
    expect(compared).toBeGreaterThanOrEqual(50);
  });
});
