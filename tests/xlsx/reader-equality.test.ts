/**
 * Our reader against the one it replaced: on every workbook we have — the sample, the real corpus,
 * generated layouts, training workbooks, an annotated copy and the county-size benchmark workbook —
 * the grid is the same cell by cell (value, displayed text, number format, formula flag, indent) and
 * so are the sheets and merges. ExcelJS stays here as the oracle; nothing in src/ reads with it.
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { syntheticBudget } from '../../bench/synthetic.js';
import { checkGrid, type Catalogue } from '../../src/core/check.js';
import { loadCatalogue } from '../../src/cli/rule-files.js';
import { generateTraining } from '../../src/train/generate.js';
import { annotatedCopy } from '../../src/xlsx/annotate.js';
import { budgetWorkbookBuffer, type LayoutOptions } from '../../src/xlsx/budget-writer.js';
import { readWorkbookBuffer } from '../../src/xlsx/read-file.js';
import { bufferToGrid } from '../../src/xlsx/read.js';
import { corpusWorkbooks, SAMPLE_XLSX, transcription } from '../helpers.js';
import { compareGrids } from '../oracle/compare-grids.js';
import { excelJsGrid } from '../oracle/exceljs-grid.js';

async function sameGrid(name: string, bytes: Uint8Array): Promise<string[]> {
  const expected = await excelJsGrid(name, bytes);
  const actual = await readWorkbookBuffer(name, bytes);
  return compareGrids(expected, actual).map((d) => `${name}: ${d}`);
}

const LAYOUTS: Partial<LayoutOptions>[] = [
  {},
  { codes: 'spaced', totalRow: 'last' },
  { codes: 'split', columnNumbers: false },
  { unit: '元', numbers: 'text' },
  { numbers: 'fullwidth', titles: 'alternate' },
  { oneSheet: true, offset: { rows: 2, cols: 1 } },
  { targetsPerSheet: true },
];

let catalogue: Catalogue;
beforeAll(async () => {
  catalogue = await loadCatalogue();
});

describe('the grid our reader builds equals the ExcelJS grid', () => {
  it('on the sample and every workbook of the real corpus', async () => {
    const files = [SAMPLE_XLSX, ...corpusWorkbooks()];
    expect(files.length).toBeGreaterThan(20);
    const diffs = [];
    for (const f of files) diffs.push(...(await sameGrid(f, readFileSync(f))));
    expect(diffs).toEqual([]);
  }, 60_000);

  it('on every generated layout', async () => {
    const data = await transcription();
    const diffs = [];
    for (const layout of LAYOUTS) diffs.push(...(await sameGrid(JSON.stringify(layout), await budgetWorkbookBuffer(data, layout))));
    expect(diffs).toEqual([]);
  }, 60_000);

  it('on training workbooks and an annotated copy (written by ExcelJS from the sample)', async () => {
    const out = mkdtempSync(join(tmpdir(), 'reader-eq-'));
    await generateTraining({ from: SAMPLE_XLSX, mistakes: ['all'], count: 3, seed: 11, out, catalogue });
    const { report } = await checkGrid(SAMPLE_XLSX, await readWorkbookBuffer(SAMPLE_XLSX, readFileSync(SAMPLE_XLSX)), catalogue);
    writeFileSync(join(out, 'annotated.xlsx'), await annotatedCopy(report));
    const files = readdirSync(out).filter((f) => f.endsWith('.xlsx'));
    expect(files).toHaveLength(4);
    const diffs = [];
    for (const f of files) diffs.push(...(await sameGrid(f, readFileSync(join(out, f)))));
    expect(diffs).toEqual([]);
  }, 90_000);

  it('on the county-size workbook of the benchmark, in Node and in the browser reader', async () => {
    const bytes = await budgetWorkbookBuffer(syntheticBudget({ classes: ['201', '205', '208', '210', '212', '213', '214', '221'], sections: 10, items: 9, projects: 300, seed: 2024 }));
    expect(await sameGrid('county.xlsx', bytes)).toEqual([]);
    expect(await bufferToGrid('county.xlsx', bytes)).toEqual(await readWorkbookBuffer('county.xlsx', bytes));
  }, 90_000);
});
