/**
 * How much of the corpus' narrative the checks watch: every amount a sentence writes in 万元 or 元 (up
 * to PER_WORKBOOK of them, spread over the workbook) is changed, one at a time, by one in its whole
 * part (58.44 → 59.44, 109.22 → 110.22: a slip of a key), and the check is run again. Thresholds
 * (“单价100万元以上”) say what no table holds and are left alone. A change no new error or
 * warning reports (on that cell or on another it is held to: a total its paragraphs add up to) is a
 * figure nothing ties to a table or to the narrative's other figures. Prints the count and the unwatched
 * figures grouped by the words before them, the most frequent first: a kind of figure many workbooks
 * write and no rule reads is a rule to write. `npx tsx scripts/narrative-survey.ts [name-part]`.
 */
import { readdirSync } from 'node:fs';
import { checkGrid } from '../src/core/check.js';
import type { Finding } from '../src/core/findings.js';
import { toA1 } from '../src/core/address.js';
import { withCellValues } from '../src/core/grid.js';
import { loadCatalogue } from '../src/cli/rule-files.js';
import { readWorkbookFile } from '../src/xlsx/read-file.js';

const PER_WORKBOOK = Number(process.env.PER_WORKBOOK ?? 30);
const AMOUNT = /(\d[\d,]*)(\.\d+)?\s*(万元|元)/g;
const THRESHOLD = /(?:单价|单位价值|价值)在?$/;
const catalogue = await loadCatalogue();
const dir = process.env.CORPUS_DIR ?? 'samples/real/';
const names = readdirSync(dir).filter((f) => f.endsWith('.xlsx') && (!process.argv[2] || f.includes(process.argv[2])));
const missed = new Map<string, string[]>();
let tried = 0;
let caught = 0;

/** The words a figure follows, up to the clause's start: what the figure is said to be. */
function subjectOf(text: string, at: number): string {
  const before = text.slice(Math.max(0, at - 24), at);
  const clause = before.split(/[，。；：,;:（(]/).pop() ?? before;
  return clause.replace(/\d{4}年(?:度)?|本(?:部门|单位)|[为是共计安排预算数支出]+$/g, '').trim() || '—';
}

for (const f of names) {
  const grid = await readWorkbookFile(dir + f);
  const base = await checkGrid(f, grid, catalogue);
  const key = (x: Finding) => `${x.ruleId}|${x.sheet}|${x.cell}|${x.severity}|${x.message}`;
  const before = new Set(base.report.findings.filter((x) => x.severity !== 'info').map(key));
  const figures: { sheet: string; cell: string; text: string; changed: string; subject: string }[] = [];
  for (const sheet of grid.sheets) {
    sheet.rows.forEach((cells, r) =>
      cells.forEach((c, col) => {
        if (typeof c?.value !== 'string' || c.value.length < 20) return;
        for (const m of c.value.matchAll(AMOUNT)) {
          const whole = m[1]!;
          if (THRESHOLD.test(c.value.slice(Math.max(0, m.index! - 8), m.index))) continue;
          const bumped = String(Number(whole.replace(/,/g, '')) + 1);
          const changed = c.value.slice(0, m.index) + bumped + c.value.slice(m.index! + whole.length);
          figures.push({ sheet: sheet.name, cell: toA1(r + 1, col + 1), text: m[0], changed, subject: subjectOf(c.value, m.index!) });
        }
      }),
    );
  }
  const step = Math.max(1, Math.ceil(figures.length / PER_WORKBOOK));
  for (const x of figures.filter((_, i) => i % step === 0)) {
    tried++;
    const r = await checkGrid(f, withCellValues(grid, [{ sheet: x.sheet, cell: x.cell, value: x.changed }]), catalogue);
    const added = r.report.findings.filter((y) => y.severity !== 'info' && !before.has(key(y)));
    if (added.length > 0) {
      caught++;
      continue;
    }
    const list = missed.get(x.subject) ?? [];
    list.push(`${f.slice(0, 28)}:${x.sheet.slice(0, 6)}!${x.cell} ${x.text}`);
    missed.set(x.subject, list);
  }
}
console.log(`figures changed ${tried}, reported ${caught}, unreported ${tried - caught}`);
for (const [subject, list] of [...missed].sort((a, b) => b[1].length - a[1].length)) console.log(String(list.length).padStart(4), subject, '|', list.slice(0, 3).join(' '));
