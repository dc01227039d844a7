/**
 * Checks a transcription's numbers against the PDF it was transcribed from, before it is staged or
 * admitted: every number the JSON holds must be among the PDF's printed amounts (a decimal or a
 * comma-grouped token of its text layer), counted as a multiset, so a figure typed twice or mistyped
 * shows. Whole numbers printed without decimals or commas (a count, “618”) are not among the tokens
 * read and are listed for a look at the page, not as errors.
 * Run: npx tsx scripts/transcription-numbers.ts <name>.json <pdf> [<pdf> …]   (needs poppler's pdftotext)
 * Exit code: 0 when every number is found, 1 when some are not, 2 on unusable input.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { LayoutTranscription } from '../src/xlsx/layout-transcription.js';

/** A printed amount: comma-grouped digits, or digits with decimals. */
const AMOUNT_TOKEN = /(?<![\d.])-?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|(?<![\d.,])-?\d+\.\d+(?!\d)/g;

const key = (n: number) => Math.round(n * 1e6) / 1e6;

function count<T>(items: Iterable<T>): Map<T, number> {
  const m = new Map<T, number>();
  for (const x of items) m.set(x, (m.get(x) ?? 0) + 1);
  return m;
}

function transcribedNumbers(file: string): number[] {
  const t = JSON.parse(readFileSync(file, 'utf8')) as LayoutTranscription;
  const out: number[] = [];
  for (const sheet of t.sheets) {
    for (const row of sheet.rows) {
      for (const cell of row) {
        const v = cell !== null && typeof cell === 'object' ? cell.v : cell;
        if (typeof v === 'number') out.push(key(v));
      }
    }
  }
  return out;
}

function printedAmounts(pdfs: readonly string[]): number[] {
  const text = pdfs.map((pdf) => execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 1 << 28 })).join('\n');
  return [...text.matchAll(AMOUNT_TOKEN)].map((m) => key(Number(m[0].replace(/,/g, ''))));
}

const [json, ...pdfs] = process.argv.slice(2);
if (!json || pdfs.length === 0) {
  process.stderr.write('用法 / usage: npx tsx scripts/transcription-numbers.ts <name>.json <pdf> [<pdf> …]\n');
  process.exit(2);
}
let ours: number[];
let theirs: number[];
try {
  ours = transcribedNumbers(json);
  theirs = printedAmounts(pdfs);
} catch (e) {
  process.stderr.write(`无法读取 / cannot read: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(2);
}
const printed = count(theirs);
const missing = new Map<number, number>();
for (const [n, k] of count(ours)) {
  const left = k - (printed.get(n) ?? 0);
  if (left > 0) missing.set(n, left);
}
const wholes = [...missing].filter(([n]) => Number.isInteger(n));
const unexplained = [...missing].filter(([n]) => !Number.isInteger(n));
console.log(`${json}: ${ours.length} numbers transcribed, ${theirs.length} amounts printed (decimal or comma-grouped)`);
console.log(`not among the printed amounts: ${unexplained.reduce((s, [, k]) => s + k, 0)} with decimals, ${wholes.reduce((s, [, k]) => s + k, 0)} whole numbers (look at the page: a count or an amount printed without decimals is not read as a token)`);
for (const [n, k] of [...unexplained, ...wholes].slice(0, 30)) console.log(`  ${n}${k > 1 ? ` ×${k}` : ''}`);
process.exit(unexplained.length > 0 ? 1 : 0);
