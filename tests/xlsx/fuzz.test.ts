/**
 * Damaged workbooks never crash the checker: the sample with flipped bytes, cut short, with its XML
 * cut or filled with odd values, odd merges and broken relationships. Each either checks or is
 * refused with a SourceError that says why — never another exception. Seeded, so a failure repeats.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkGrid } from '../../src/core/check.js';
import { SourceError } from '../../src/core/source-error.js';
import { loadCatalogue } from '../../src/cli/rule-files.js';
import { zlibInflate } from '../../src/xlsx/inflate-node.js';
import { readWorkbookBuffer } from '../../src/xlsx/read-file.js';
import { decodeUtf8, ZipArchive } from '../../src/xlsx/zip.js';
import { zip, type ZipPart } from '../fixtures/xlsx-package.js';
import { SAMPLE_XLSX } from '../helpers.js';

const CASES = 60;

describe('damaged workbooks', () => {
  it(`${CASES} seeded mutations of the sample: each checked or refused with a reason, none crashes`, async () => {
    let seed = 20261128;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pick = <T>(a: readonly T[]) => a[Math.floor(rnd() * a.length)]!;
    const sample = readFileSync(SAMPLE_XLSX);
    const archive = new ZipArchive(sample, zlibInflate);
    const parts: ZipPart[] = [];
    for (const name of archive.names()) parts.push({ name, data: decodeUtf8((await archive.read(name, 1 << 30))!) });
    const edit = (match: (p: ZipPart) => boolean, change: (xml: string) => string) => zip(parts.map((p) => (match(p) && rnd() < 0.5 ? { ...p, data: change(p.data as string) } : p)));
    const mutations: Record<string, () => Uint8Array> = {
      flip: () => {
        const b = Buffer.from(sample);
        for (let k = 0; k < 1 + rnd() * 20; k++) b[Math.floor(rnd() * b.length)] = Math.floor(rnd() * 256);
        return b;
      },
      truncate: () => sample.subarray(0, Math.floor(rnd() * sample.length)),
      'xml cut': () => edit((p) => p.name.endsWith('.xml'), (x) => { const i = Math.floor(rnd() * x.length); return x.slice(0, i) + x.slice(i + Math.floor(rnd() * 200)); }),
      'odd values': () =>
        edit((p) => p.name.includes('worksheets/'), (x) =>
          x
            .replace(/<v>[^<]*<\/v>/g, (m) => (rnd() < 0.05 ? pick(['<v>1e308</v>', '<v>NaN</v>', '<v>99999999999999999999</v>', '<v>&#0;</v>', '<v>abc</v>']) : m))
            .replace(/ r="[A-Z]+\d+"/g, (m) => (rnd() < 0.02 ? pick([' r="XFD1048576"', ' r="A0"', ' r="ZZZZ1"', ' r=""']) : m))
            .replace(/ s="\d+"/g, (m) => (rnd() < 0.02 ? ' s="99999"' : m))
            .replace(/ t="s"/g, (m) => (rnd() < 0.02 ? pick([' t="b"', ' t="e"', ' t="str"', ' t="inlineStr"', ' t="d"', ' t="x"']) : m)),
        ),
      'odd merges': () => edit((p) => p.name.includes('worksheets/'), (x) => x.replace(/<mergeCell ref="[^"]*"\/>/, pick(['<mergeCell ref="A1:A1048576"/>', '<mergeCell ref="C3:A1"/>', '<mergeCell ref="garbage"/>', '<mergeCell ref="A1:D4"/><mergeCell ref="B2:C3"/>']))),
      'broken relationships': () => edit((p) => p.name.endsWith('.rels'), (x) => x.replace(/Target="[^"]*"/, pick(['Target="../../../etc/passwd"', 'Target=""', 'Target="/xl/worksheets/none.xml"']))),
    };
    const catalogue = await loadCatalogue();
    const crashes: string[] = [];
    const outcomes = new Set<string>();
    for (let k = 0; k < CASES; k++) {
      const [name, make] = Object.entries(mutations)[k % Object.keys(mutations).length]!;
      try {
        await checkGrid('f.xlsx', await readWorkbookBuffer('f.xlsx', make()), catalogue);
        outcomes.add('checked');
      } catch (e) {
        if (e instanceof SourceError) outcomes.add(e.code);
        else crashes.push(`${name} #${k}: ${e instanceof Error ? e.stack : String(e)}`);
      }
    }
    expect(crashes).toEqual([]);
    // The mutations reach both outcomes: some workbooks still check, some are refused as damaged.
    expect(outcomes).toContain('checked');
    expect(outcomes).toContain('corrupt');
  }, 120_000);
});
