/**
 * npm run bench — medians over repeated runs on this machine.
 * Reading: .xlsx bytes → grid (ExcelJS); recognition: grid → tables; both on the bundled sample.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { recognize } from '../src/core/recognize/recognize.js';
import { loadVocabularyDir } from '../src/cli/rule-files.js';
import { bufferToGrid } from '../src/xlsx/read.js';
import { measure, report } from './stats.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const sample = fileURLToPath(new URL('../samples/caofeidian-hrss-2024.xlsx', import.meta.url));

const bytes = await readFile(sample);
const vocab = await loadVocabularyDir();
const grid = await bufferToGrid(sample, bytes);

const timings = [
  await measure('read sample (.xlsx → grid, ExcelJS)', RUNS, () => bufferToGrid(sample, bytes)),
  await measure('recognize sample (grid → 25 tables)', RUNS * 10, () => recognize(grid, vocab)),
  await measure('read + recognize sample', RUNS, async () => recognize(await bufferToGrid(sample, bytes), vocab)),
];
report(`budget-check benchmark — sample ${(bytes.length / 1024).toFixed(0)} KiB, node ${process.version}`, timings);
