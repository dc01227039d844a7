/**
 * Regenerates samples/real/*.xlsx from their cell-by-cell transcriptions (samples/real/*.json, not the
 * *.ledger.json files). Run: npm run real [name …]
 * A path to a transcription elsewhere (a staged or new one: `npm run real -- samples/staged/x.json`)
 * writes its workbook beside it.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { layoutWorkbookBuffer, type LayoutTranscription } from '../src/xlsx/layout-transcription.js';

const dir = fileURLToPath(new URL('../samples/real/', import.meta.url));
const wanted = process.argv.slice(2);
const paths = wanted.filter((w) => w.endsWith('.json'));
const names = wanted.filter((w) => !w.endsWith('.json'));
const inCorpus = paths.length && !names.length
  ? []
  : (await readdir(dir))
      .filter((f) => f.endsWith('.json') && !f.endsWith('.ledger.json'))
      .map((f) => `${dir}${f}`)
      .filter((f) => names.length === 0 || names.some((n) => f.endsWith(`/${n}.json`)));
for (const file of [...inCorpus, ...paths]) {
  const data = JSON.parse(await readFile(file, 'utf8')) as LayoutTranscription;
  const buf = await layoutWorkbookBuffer(data);
  const out = file.replace(/\.json$/, '.xlsx');
  await writeFile(out, buf);
  console.log(`wrote ${out} (${data.sheets.length} sheets, ${buf.length} bytes)`);
}
