/** Shared test fixtures: the vocabulary, the sample workbook and layout variants built from its data. */
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { GridWorkbook } from '../src/core/grid.js';
import type { Recognition, RecognizedTable, TableRow } from '../src/core/model.js';
import { recognize } from '../src/core/recognize/recognize.js';
import type { Vocabulary } from '../src/core/vocabulary.js';
import { loadCatalogue } from '../src/cli/rule-files.js';
import { budgetWorkbookBuffer, type LayoutOptions } from '../src/xlsx/budget-writer.js';
import { readWorkbookBuffer, readWorkbookFile } from '../src/xlsx/read-file.js';
import type { Transcription } from '../src/xlsx/transcription.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const SAMPLE_XLSX = `${ROOT}samples/caofeidian-hrss-2024.xlsx`;
export const SAMPLE_DATA = `${ROOT}samples/data/caofeidian-hrss-2024.json`;
export const SEED_TEXT = `${ROOT}samples/seed/caofeidian-hrss-2024-budget.txt`;

/** Every workbook of the real corpus (samples/real/*.xlsx), by path. */
export function corpusWorkbooks(): string[] {
  const dir = `${ROOT}samples/real/`;
  return readdirSync(dir)
    .filter((f) => f.endsWith('.xlsx'))
    .sort()
    .map((f) => `${dir}${f}`);
}

let vocab: Promise<Vocabulary> | undefined;
export function vocabulary(): Promise<Vocabulary> {
  return (vocab ??= loadCatalogue().then((c) => c.vocab));
}

export async function transcription(): Promise<Transcription> {
  return JSON.parse(await readFile(SAMPLE_DATA, 'utf8')) as Transcription;
}

export async function sampleGrid(): Promise<GridWorkbook> {
  return readWorkbookFile(SAMPLE_XLSX);
}

export async function recognizeGrid(grid: GridWorkbook): Promise<Recognition> {
  return recognize(grid, await vocabulary());
}

export async function variantGrid(options: Partial<LayoutOptions>, edit?: (t: Transcription) => void): Promise<GridWorkbook> {
  const data = await transcription();
  edit?.(data);
  return readWorkbookBuffer('variant.xlsx', await budgetWorkbookBuffer(data, options));
}

export function table(rec: Recognition, id: string): RecognizedTable {
  const found = rec.tables.filter((t) => t.id === id);
  if (found.length !== 1) throw new Error(`expected one ${id}, found ${found.length}`);
  return found[0]!;
}

/** A row's amounts by role, blanks as null: what the rules will see. */
export function amounts(row: TableRow): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const [role, ref] of Object.entries(row.cells)) if (!ref.invalid) out[role] = ref.amount;
  return out;
}

/** Every coded row as code → amounts, the total row as "合计". */
export function rowsByCode(t: RecognizedTable): Map<string, Record<string, number | null>> {
  const map = new Map<string, Record<string, number | null>>();
  for (const r of t.rows) {
    const key = r.code?.code ?? (r.isTotal ? '合计' : `${r.labels.incomeItem ?? ''}|${r.labels.expenseItem ?? r.labels.item ?? r.labels.name ?? ''}`);
    map.set(key, amounts(r));
  }
  return map;
}
