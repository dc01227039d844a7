/**
 * How the checker holds up when a real workbook's layout shifts the way real copies of it do: every
 * corpus workbook is checked as published and again after one change that leaves its meaning alone,
 * and the workbooks whose tables or findings (cells mapped back) differ are listed.
 *
 *   npx tsx scripts/corpus-sweep.ts <change> [name-part] [--all]
 *
 * Changes: blank-column (one before column A of every sheet), blank-rows (two above row 1),
 * numbers-as-text (every fractional number stored as its displayed text), renamed-sheets (Sheet1 …;
 * a table named only by its sheet is then lost, as a reader would lose it), merges-dropped (the
 * value stays in the top-left cell), merges-filled (取消合并并填充: every covered cell holds the value),
 * sheets-reversed (the sheets in the opposite order), empty-column (an empty column inserted at C of
 * every sheet), note-appended (a note on the unit and rounding two rows under every sheet), text-padded
 * (a space after every text), text-indented (a full-width space before every short text).
 */
import { readdirSync } from 'node:fs';
import { fromA1, parseRange, toA1 } from '../src/core/address.js';
import { checkGrid } from '../src/core/check.js';
import type { Finding } from '../src/core/findings.js';
import { cellBeforeColumnInserted, withColumnInserted, withMergesFilled, type GridCell, type GridSheet, type GridWorkbook } from '../src/core/grid.js';
import { loadCatalogue } from '../src/cli/rule-files.js';
import { readWorkbookFile } from '../src/xlsx/read-file.js';
import { CORPUS_DIR } from './corpus-score.js';

type Change = (sheet: GridSheet, index: number) => GridSheet;

const shifted = (range: string, rows: number, cols: number) => {
  const b = parseRange(range)!;
  return `${toA1(b.top + rows, b.left + cols)}:${toA1(b.bottom + rows, b.right + cols)}`;
};

const UNIT_NOTE = '注：本表金额单位为万元，合计数与分项之和因四舍五入可能存在尾差。';

const CHANGES: Record<string, { change: Change; workbook?: (w: GridWorkbook) => GridWorkbook; cellBack?: (cell: string) => string; renamed?: boolean }> = {
  'blank-column': {
    change: (s) => ({ ...s, rows: s.rows.map((r) => (r ? [undefined, ...r] : r)), merges: s.merges.map((m) => shifted(m, 0, 1)) }),
    cellBack: (cell) => toA1(fromA1(cell).row, fromA1(cell).col - 1),
  },
  'blank-rows': {
    change: (s) => ({ ...s, rows: [[], [], ...s.rows], merges: s.merges.map((m) => shifted(m, 2, 0)), ...(s.hiddenRows && { hiddenRows: s.hiddenRows.map((r) => r + 2) }) }),
    cellBack: (cell) => toA1(fromA1(cell).row - 2, fromA1(cell).col),
  },
  'numbers-as-text': {
    change: (s) => ({ ...s, rows: s.rows.map((r) => r?.map((c): GridCell | undefined => (c && typeof c.value === 'number' && !Number.isInteger(c.value) ? { value: c.text, text: c.text } : c))) }),
  },
  'renamed-sheets': { change: (s, i) => ({ ...s, name: `Sheet${i + 1}` }), renamed: true },
  'merges-dropped': { change: (s) => ({ ...s, merges: [] }) },
  'merges-filled': { change: (s) => withMergesFilled({ sheets: [s] }).sheets[0]! },
  'sheets-reversed': { change: (s) => s, workbook: (w) => ({ sheets: [...w.sheets].reverse() }) },
  'empty-column': {
    change: (s) => withColumnInserted({ sheets: [s] }, 3).sheets[0]!,
    cellBack: (cell) => cellBeforeColumnInserted(cell, 3),
  },
  'text-padded': { change: (s) => ({ ...s, rows: s.rows.map((r) => r?.map((c) => (c && typeof c.value === 'string' ? { ...c, value: `${c.value} `, text: `${c.text} ` } : c))) }) },
  'text-indented': {
    change: (s) => ({ ...s, rows: s.rows.map((r) => r?.map((c) => (c && typeof c.value === 'string' && c.value.length < 30 ? { ...c, value: `\u3000${c.value}`, text: `\u3000${c.text}` } : c))) }),
  },
  'note-appended': { change: (s) => ({ ...s, rows: [...s.rows, [], [{ value: UNIT_NOTE, text: UNIT_NOTE }]] }) },
};

const [kind = '', ...rest] = process.argv.slice(2);
const only = rest.find((a) => !a.startsWith('--'));
// --all lists every finding lost or gained, not the first three of each.
const shown = rest.includes('--all') ? Infinity : 3;
const how = CHANGES[kind];
if (!how) {
  console.error(`usage: npx tsx scripts/corpus-sweep.ts <${Object.keys(CHANGES).join('|')}> [name-part] [--all]`);
  process.exit(2);
}
const catalogue = await loadCatalogue();
const names = readdirSync(CORPUS_DIR).filter((f) => f.endsWith('.xlsx') && (!only || f.includes(only)));
let changed = 0;
for (const name of names) {
  const grid = await readWorkbookFile(`${CORPUS_DIR}${name}`);
  const perSheet: GridWorkbook = { sheets: grid.sheets.map(how.change) };
  const variant = how.workbook ? how.workbook(perSheet) : perSheet;
  const sheetBack = new Map(how.renamed ? grid.sheets.map((s, i) => [`Sheet${i + 1}`, s.name]) : []);
  const key = (f: Finding, back: boolean) =>
    `${f.ruleId}|${f.severity}|${back ? (sheetBack.get(f.sheet ?? '') ?? f.sheet) : f.sheet}|${back && f.cell && how.cellBack ? how.cellBack(f.cell) : f.cell}`;
  const before = await checkGrid(name, grid, catalogue);
  const after = await checkGrid(name, variant, catalogue).catch((e: unknown) => e as Error);
  if (after instanceof Error) {
    changed++;
    console.log(`${name}: refused — ${after.message.slice(0, 160)}`);
    continue;
  }
  const tables = (r: typeof before) => r.recognition.tables.map((t) => `${t.id}@${sheetBack.get(t.sheet) ?? t.sheet}`).sort().join(',');
  const had = new Set(before.report.findings.map((f) => key(f, false)));
  const has = new Set(after.report.findings.map((f) => key(f, true)));
  const lost = [...had].filter((k) => !has.has(k));
  const gained = [...has].filter((k) => !had.has(k));
  if (lost.length || gained.length || tables(before) !== tables(after)) {
    changed++;
    const t = tables(before) === tables(after) ? '' : ` tables ${before.recognition.tables.length}→${after.recognition.tables.length};`;
    console.log(`${name}:${t} lost ${lost.length} [${lost.slice(0, shown).join('; ')}], gained ${gained.length} [${gained.slice(0, shown).join('; ')}]`);
  }
}
console.log(`${kind}: ${changed} of ${names.length} workbooks read or judged differently`);
