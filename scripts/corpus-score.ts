/**
 * Scores the checker against the real corpus (samples/real): runs the CLI once over every workbook,
 * then compares its tables and findings with each hand-made ledger. Precision: every error and
 * warning must sit on a ledger defect's cell; recall: every ledger defect must be reported (error or
 * warning) on one of its cells; tables: each of the nine found on its sheet, none invented.
 * Run: npx tsx scripts/corpus-score.ts [--verbose]   (the corpus test uses scoreCorpus()).
 */
import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CORPUS_DIR = `${ROOT}samples/real/`;

interface Place {
  sheet: string;
  cell: string;
}

export interface LedgerDefect {
  id: string;
  severity: 'error' | 'warning';
  cells: Place[];
  what: string;
  arithmetic?: string;
}

export interface Ledger {
  tables: { id: string; sheet: string }[];
  others?: { sheet: string; title: string }[];
  targets: number;
  defects: LedgerDefect[];
  rounding?: { cells: Place[]; arithmetic: string }[];
  checked?: string;
}

interface JsonFinding {
  ruleId: string;
  severity: 'error' | 'warning' | 'info';
  sheet?: string;
  cell?: string;
  message: string;
}

interface JsonWorkbook {
  file: string;
  error?: unknown;
  tables?: { id: string; sheet: string }[];
  findings?: JsonFinding[];
}

export interface WorkbookScore {
  name: string;
  readable: boolean;
  tablesExpected: number;
  tablesMissing: string[];
  tablesInvented: string[];
  targetsExpected: number;
  targetsFound: number;
  trueErrors: number;
  falseErrors: JsonFinding[];
  trueWarnings: number;
  falseWarnings: JsonFinding[];
  defectsFound: string[];
  defectsMissed: LedgerDefect[];
}

export interface CorpusScore {
  workbooks: WorkbookScore[];
  totals: {
    workbooks: number;
    unreadable: number;
    tablesExpected: number;
    tablesMissing: number;
    tablesInvented: number;
    errors: number;
    falseErrors: number;
    warnings: number;
    falseWarnings: number;
    defects: number;
    defectsFound: number;
    /** Share of errors and warnings that are ledger defects; share of defects reported. */
    warningPrecision: number;
    recall: number;
  };
}

const key = (p: { sheet?: string; cell?: string }) => `${p.sheet ?? ''}!${p.cell ?? ''}`;

export async function corpusNames(): Promise<string[]> {
  return (await readdir(CORPUS_DIR)).filter((f) => f.endsWith('.ledger.json')).map((f) => f.slice(0, -'.ledger.json'.length)).sort();
}

export async function runCorpusCli(names: string[]): Promise<JsonWorkbook[]> {
  const files = names.map((n) => `${CORPUS_DIR}${n}.xlsx`);
  const { stdout } = await promisify(execFile)(process.execPath, [`${ROOT}bin/budget-check.js`, 'check', ...files, '--format', 'json', '--jobs', '1'], { maxBuffer: 64 << 20 }).catch((e: { stdout?: string; code?: number }) => {
    // Exit 1 (errors found) and 2 (an unusable file among them) still print the report.
    if ((e.code === 1 || e.code === 2) && e.stdout) return { stdout: e.stdout };
    throw e;
  });
  return (JSON.parse(stdout) as { workbooks: JsonWorkbook[] }).workbooks;
}

export function scoreWorkbook(name: string, ledger: Ledger, wb: JsonWorkbook | undefined): WorkbookScore {
  const readable = !!wb && !wb.error;
  const tableKey = (t: { id: string; sheet: string }) => `${t.id}@${t.sheet}`;
  const foundTables = new Set((wb?.tables ?? []).filter((t) => t.id !== 'performance-target').map(tableKey));
  const expected = new Set(ledger.tables.map(tableKey));
  const defectByCell = new Map<string, LedgerDefect[]>();
  for (const d of ledger.defects) for (const c of d.cells) defectByCell.set(key(c), [...(defectByCell.get(key(c)) ?? []), d]);
  const score: WorkbookScore = {
    name,
    readable,
    tablesExpected: expected.size,
    tablesMissing: [...expected].filter((t) => !foundTables.has(t)),
    tablesInvented: [...foundTables].filter((t) => !expected.has(t)),
    targetsExpected: ledger.targets,
    targetsFound: (wb?.tables ?? []).filter((t) => t.id === 'performance-target').length,
    trueErrors: 0,
    falseErrors: [],
    trueWarnings: 0,
    falseWarnings: [],
    defectsFound: [],
    defectsMissed: [],
  };
  const reported = new Set<string>();
  for (const f of wb?.findings ?? []) {
    if (f.severity === 'info') continue;
    const defects = defectByCell.get(key(f));
    if (defects) for (const d of defects) reported.add(d.id);
    if (f.severity === 'error') defects ? score.trueErrors++ : score.falseErrors.push(f);
    else defects ? score.trueWarnings++ : score.falseWarnings.push(f);
  }
  for (const d of ledger.defects) (reported.has(d.id) ? score.defectsFound.push(d.id) : score.defectsMissed.push(d));
  return score;
}

export async function scoreCorpus(): Promise<CorpusScore> {
  const names = await corpusNames();
  const results = await runCorpusCli(names);
  const byName = new Map(results.map((w) => [basename(w.file, '.xlsx'), w]));
  const workbooks: WorkbookScore[] = [];
  for (const name of names) {
    const ledger = JSON.parse(await readFile(`${CORPUS_DIR}${name}.ledger.json`, 'utf8')) as Ledger;
    workbooks.push(scoreWorkbook(name, ledger, byName.get(name)));
  }
  const sum = (f: (w: WorkbookScore) => number) => workbooks.reduce((a, w) => a + f(w), 0);
  const errors = sum((w) => w.trueErrors + w.falseErrors.length);
  const warnings = sum((w) => w.trueWarnings + w.falseWarnings.length);
  const falseErrors = sum((w) => w.falseErrors.length);
  const falseWarnings = sum((w) => w.falseWarnings.length);
  const defects = sum((w) => w.defectsFound.length + w.defectsMissed.length);
  const defectsFound = sum((w) => w.defectsFound.length);
  return {
    workbooks,
    totals: {
      workbooks: workbooks.length,
      unreadable: workbooks.filter((w) => !w.readable).length,
      tablesExpected: sum((w) => w.tablesExpected),
      tablesMissing: sum((w) => w.tablesMissing.length),
      tablesInvented: sum((w) => w.tablesInvented.length),
      errors,
      falseErrors,
      warnings,
      falseWarnings,
      defects,
      defectsFound,
      warningPrecision: errors + warnings === 0 ? 1 : (errors + warnings - falseErrors - falseWarnings) / (errors + warnings),
      recall: defects === 0 ? 1 : defectsFound / defects,
    },
  };
}

function printScore(s: CorpusScore, verbose: boolean): void {
  for (const w of s.workbooks) {
    console.log(
      `${w.name}: ${w.readable ? '' : 'UNREADABLE '}tables missing ${w.tablesMissing.length}, invented ${w.tablesInvented.length}, targets ${w.targetsFound}/${w.targetsExpected}; ` +
        `errors ${w.trueErrors} true / ${w.falseErrors.length} false; warnings ${w.trueWarnings} true / ${w.falseWarnings.length} false; defects ${w.defectsFound.length}/${w.defectsFound.length + w.defectsMissed.length}`,
    );
    if (!verbose) continue;
    for (const t of w.tablesMissing) console.log(`    missing table ${t}`);
    for (const t of w.tablesInvented) console.log(`    invented table ${t}`);
    for (const f of [...w.falseErrors, ...w.falseWarnings]) console.log(`    false ${f.severity} ${f.ruleId} ${f.sheet ?? ''}!${f.cell ?? ''} ${f.message.slice(0, 140)}`);
    for (const d of w.defectsMissed) console.log(`    missed ${d.id} ${d.cells.map(key).join(' ')} ${d.what.slice(0, 100)}`);
  }
  const t = s.totals;
  console.log(
    `\ncorpus: ${t.workbooks} workbooks (${t.unreadable} unreadable); tables missing ${t.tablesMissing}, invented ${t.tablesInvented}; ` +
      `errors ${t.errors} (${t.falseErrors} false); warnings ${t.warnings} (${t.falseWarnings} false); ` +
      `precision ${(t.warningPrecision * 100).toFixed(1)}%; ledger defects reported ${t.defectsFound}/${t.defects} (${(t.recall * 100).toFixed(1)}%)`,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  printScore(await scoreCorpus(), process.argv.includes('--verbose'));
}
