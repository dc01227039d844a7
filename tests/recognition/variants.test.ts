/**
 * The same budget laid out the ways real workbooks are: every variant must yield the same tables and
 * the same numbers as the sample, whatever the sheet names, positions, code style, units or number
 * format.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Recognition, RecognizedTable } from '../../src/core/model.js';
import { TABLE_IDS } from '../../src/core/vocabulary.js';
import type { LayoutOptions } from '../../src/xlsx/budget-writer.js';
import { recognizeGrid, rowsByCode, sampleGrid, table, variantGrid } from '../helpers.js';

let reference: Recognition;
beforeAll(async () => {
  reference = await recognizeGrid(await sampleGrid());
});

function scaled(map: Map<string, Record<string, number | null>>, factor: number): Map<string, Record<string, number | null>> {
  return new Map(
    [...map].map(([k, v]) => [k, Object.fromEntries(Object.entries(v).map(([role, n]) => [role, n === null ? null : Math.round(n * factor * 100) / 100]))]),
  );
}

function targetsOf(rec: Recognition): RecognizedTable[] {
  return rec.tables.filter((t) => t.id === 'performance-target');
}

const VARIANTS: [string, Partial<LayoutOptions>][] = [
  ['codes split into 类/款/项 columns', { codes: 'split' }],
  ['spaced codes ("208 05 01")', { codes: 'spaced' }],
  ['合计 row last', { totalRow: 'last' }],
  ['every table stacked in one sheet', { oneSheet: true }],
  ['元 units with text numbers and thousands separators', { unit: '元', numbers: 'text' }],
  ['元 units with full-width text numbers', { unit: '元', numbers: 'fullwidth' }],
  ['one target table per sheet', { targetsPerSheet: true }],
  ['other templates’ title wording', { titles: 'alternate' }],
  ['no 栏次 row, tables not at A1', { columnNumbers: false, offset: { rows: 2, cols: 1 } }],
  [
    'all of it at once',
    { oneSheet: true, codes: 'split', totalRow: 'last', titles: 'alternate', columnNumbers: false, unit: '元', numbers: 'text', offset: { rows: 1, cols: 2 } },
  ],
];

describe.each(VARIANTS)('layout variant: %s', (_name, options) => {
  let rec: Recognition;
  beforeAll(async () => {
    rec = await recognizeGrid(await variantGrid(options));
  });

  it('finds all nine standard tables and the sixteen target tables', () => {
    expect(rec.missing).toEqual([]);
    for (const id of TABLE_IDS) expect(rec.tables.filter((t) => t.id === id).map((t) => t.id)).toEqual([id]);
    expect(targetsOf(rec)).toHaveLength(16);
  });

  it('reads the unit each table states', () => {
    // The 说明 prints the procurement and fixed-asset tables as published (单位：万元); the layout rewrites only the tables it writes.
    const published = new Set(['procurement', 'fixed-assets']);
    for (const t of rec.tables.filter((x) => !published.has(x.id))) expect(t.unit).toBe(options.unit ?? '万元');
    expect(rec.tables.filter((x) => published.has(x.id)).map((x) => [x.id, x.unit])).toEqual([
      ['procurement', '万元'],
      ['fixed-assets', '万元'],
    ]);
  });

  it('reads the same codes and amounts as the sample', () => {
    const factor = options.unit === '元' ? 10000 : 1;
    for (const id of TABLE_IDS) {
      const got = rowsByCode(table(rec, id));
      expect(got).toEqual(scaled(rowsByCode(table(reference, id)), factor));
    }
  });

  it('reports no recognition problem', () => {
    expect(rec.tables.flatMap((t) => t.problems)).toEqual([]);
  });

  it('reads the same projects and budgets', () => {
    const factor = options.unit === '元' ? 10000 : 1;
    const summary = (r: Recognition, f: number) =>
      targetsOf(r).map((t) => [t.target!.projectCode!.text, t.target!.projectName!.text, Math.round(t.target!.budget!.amount! * f * 100) / 100, t.target!.indicators.length]);
    expect(summary(rec, 1)).toEqual(summary(reference, factor));
  });
});
