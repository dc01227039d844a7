/**
 * Cell-by-cell comparison of two grids of the same workbook: sheet names and visibility, every cell's
 * value, displayed text, number format, formula flag and indent, and the merged ranges. Returns the
 * differences in words (empty when the grids agree), at most `max` of them.
 */
import type { GridCell, GridSheet, GridWorkbook } from '../../src/core/grid.js';

function lastRowWithContent(s: GridSheet): number {
  let n = s.rows.length;
  while (n > 0 && !s.rows[n - 1]?.some(Boolean)) n--;
  return n;
}

/** ExcelJS keeps single-cell "merges" (A1:A1), which merge nothing; ours drops them. */
function realMerges(s: GridSheet): string[] {
  return s.merges.filter((m) => {
    const [a, b] = m.split(':');
    return b !== undefined && a !== b;
  });
}

function describe(c: GridCell | undefined): string {
  if (!c) return 'empty';
  return JSON.stringify({ value: c.value, text: c.text, numFmt: c.numFmt, formula: c.formula !== undefined, indent: c.indent });
}

export function compareGrids(expected: GridWorkbook, actual: GridWorkbook, max = 20): string[] {
  const out: string[] = [];
  const add = (s: string) => out.length < max && out.push(s);
  if (expected.sheets.length !== actual.sheets.length) add(`sheet count ${expected.sheets.length} ≠ ${actual.sheets.length}`);
  expected.sheets.forEach((e, k) => {
    const a = actual.sheets[k];
    if (!a) return;
    if (e.name !== a.name) add(`sheet ${k + 1} name ${e.name} ≠ ${a.name}`);
    if (!!e.hidden !== !!a.hidden) add(`${e.name}: hidden ${!!e.hidden} ≠ ${!!a.hidden}`);
    const em = realMerges(e).sort().join(' ');
    const am = realMerges(a).sort().join(' ');
    if (em !== am) add(`${e.name}: merges ${em.slice(0, 200)} ≠ ${am.slice(0, 200)}`);
    const rows = Math.max(lastRowWithContent(e), lastRowWithContent(a));
    for (let r = 0; r < rows; r++) {
      const er = e.rows[r] ?? [];
      const ar = a.rows[r] ?? [];
      for (let c = 0; c < Math.max(er.length, ar.length); c++) {
        const x = describe(er[c]);
        const y = describe(ar[c]);
        if (x !== y) add(`${e.name} R${r + 1}C${c + 1}: ${x} ≠ ${y}`);
      }
    }
  });
  return out;
}
