/**
 * Regenerates samples/real/*.xlsx from their cell-by-cell transcriptions (samples/real/*.json, not the
 * *.ledger.json files). Run: npm run real [name …]
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { layoutWorkbookBuffer, type LayoutTranscription } from '../src/xlsx/layout-transcription.js';

const dir = fileURLToPath(new URL('../samples/real/', import.meta.url));
const wanted = process.argv.slice(2);
const names = (await readdir(dir))
  .filter((f) => f.endsWith('.json') && !f.endsWith('.ledger.json'))
  .map((f) => f.slice(0, -'.json'.length))
  .filter((n) => wanted.length === 0 || wanted.includes(n));
for (const name of names) {
  const data = JSON.parse(await readFile(`${dir}${name}.json`, 'utf8')) as LayoutTranscription;
  const buf = await layoutWorkbookBuffer(data);
  await writeFile(`${dir}${name}.xlsx`, buf);
  console.log(`wrote samples/real/${name}.xlsx (${data.sheets.length} sheets, ${buf.length} bytes)`);
}
