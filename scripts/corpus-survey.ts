/**
 * How much of the real corpus the checks watch: every total-row amount and up to six other amounts of
 * each table are changed, one at a time, by 1.00 in the table's unit (10,000 in a 元 table, past its
 * rounding), and the check is run again. A change no new error or warning reports is a cell nothing
 * checks. Prints the count and the unwatched cells grouped by table, row kind (total, coded by level,
 * keyed, other) and column. `npx tsx scripts/corpus-survey.ts [name-part]`.
 */
import { readdirSync } from 'node:fs';
import { checkGrid } from '../src/core/check.js';
import type { Finding } from '../src/core/findings.js';
import type { CellRef } from '../src/core/model.js';
import { withCellValues } from '../src/core/grid.js';
import { loadCatalogue } from '../src/cli/rule-files.js';
import { readWorkbookFile } from '../src/xlsx/read-file.js';
const catalogue = await loadCatalogue();
const dir = 'samples/real/';
const names = readdirSync(dir).filter((f) => f.endsWith('.xlsx') && (!process.argv[2] || f.includes(process.argv[2])));
const miss: Record<string, string[]> = {};
let tried = 0;
let caught = 0;
for (const f of names) {
  const grid = await readWorkbookFile(dir + f);
  const base = await checkGrid(f, grid, catalogue);
  const key = (x: Finding) => `${x.ruleId}|${x.sheet}|${x.cell}|${x.severity}`;
  const before = new Set(base.report.findings.filter((x) => x.severity !== 'info').map(key));
  for (const t of base.recognition.tables) {
    if (t.id === 'performance-target') continue;
    const cand: { role: string; ref: CellRef; kind: string }[] = [];
    for (const row of t.rows) {
      const kind = row.isTotal ? 'total' : row.code ? `code${row.code.code.length}` : Object.keys(row.keys).length ? 'keyed' : 'other';
      for (const [role, ref] of Object.entries(row.cells)) if (ref.amount) cand.push({ role, ref, kind });
    }
    // every total-row cell, and up to 6 others spread over the table
    const totals = cand.filter((c) => c.kind === 'total');
    const others = cand.filter((c) => c.kind !== 'total');
    const step = Math.max(1, Math.floor(others.length / 6));
    const pick = [...totals, ...others.filter((_, i) => i % step === 0).slice(0, 6)];
    for (const c of pick) {
      tried++;
      const delta = t.unit === '元' ? 10000 : t.unit === '千元' ? 10 : 1;
      const g = withCellValues(grid, [{ sheet: c.ref.sheet, cell: c.ref.cell, value: c.ref.amount! + delta }]);
      const r = await checkGrid(f, g, catalogue);
      const added = r.report.findings.filter((x) => x.severity !== 'info' && !before.has(key(x)));
      if (added.length > 0) { caught++; continue; }
      (miss[`${t.id}|${c.kind}|${c.role}`] ??= []).push(`${f.slice(0, 24)}:${c.ref.sheet.slice(0, 8)}!${c.ref.cell}`);
    }
  }
}
console.log(`tried ${tried}, caught ${caught}, missed ${tried - caught}`);
for (const [k, v] of Object.entries(miss).sort((a, b) => b[1].length - a[1].length)) console.log(String(v.length).padStart(4), k, v.slice(0, 4).join(' '));
