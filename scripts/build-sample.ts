/**
 * Regenerates samples/caofeidian-hrss-2024.xlsx from the data transcription of the published budget
 * (samples/data/caofeidian-hrss-2024.json). Run: npm run sample
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { budgetWorkbookBuffer } from '../src/xlsx/budget-writer.js';
import type { Transcription } from '../src/xlsx/transcription.js';

const root = fileURLToPath(new URL('..', import.meta.url));
export const SAMPLE_DATA = `${root}samples/data/caofeidian-hrss-2024.json`;
export const SAMPLE_XLSX = `${root}samples/caofeidian-hrss-2024.xlsx`;

const data = JSON.parse(await readFile(SAMPLE_DATA, 'utf8')) as Transcription;
const buf = await budgetWorkbookBuffer(data);
await writeFile(SAMPLE_XLSX, buf);
console.log(`wrote ${SAMPLE_XLSX} (${buf.length} bytes)`);
