/**
 * The pipeline every front end shares: grid → tables → rules → findings. The CLI, the task pane and
 * the tests all call this and only differ in how they show the result.
 */
import { fromA1, parseRange, toA1 } from './address.js';
import { codedEconomically } from './codes.js';
import type { Finding, TableSummary, WorkbookReport } from './findings.js';
import { cellAt, type GridWorkbook } from './grid.js';
import { message, type Lang, type MessageId } from './messages.js';
import type { Recognition, RecognizedTable } from './model.js';
import { leftOutAsEmpty } from './recognize/not-published.js';
import { recognize } from './recognize/recognize.js';
import type { CheckedRule } from './rules/catalogue.js';
import { runRules, type RuleRun } from './rules/run.js';
import { SourceError } from './source-error.js';
import { renewTextCaches } from './text.js';
import { TABLE_IDS, type TableId, type Vocabulary } from './vocabulary.js';

export interface Catalogue {
  vocab: Vocabulary;
  rules: CheckedRule[];
  /** The config file whose selection made these rules, when one applied (named in every report). */
  config?: string;
}

export interface CheckResult {
  report: WorkbookReport;
  recognition: Recognition;
  runs: RuleRun[];
}

export function summarizeTable(t: RecognizedTable): TableSummary {
  return {
    id: t.id,
    sheet: t.sheet,
    range: t.range,
    unit: t.unit ?? null,
    title: t.title,
    // A project's form names its project; the department-wide form (overall-target) has none.
    ...(t.id === 'performance-target' &&
      t.target && {
        project: t.target.projectName?.text.trim() ?? '',
        projectCode: t.target.projectCode?.text.trim() ?? '',
      }),
  };
}

function tableName(vocab: Vocabulary, t: RecognizedTable, lang: Lang): string {
  const name = vocab.tables.get(t.id)?.name[lang] ?? t.id;
  return t.target?.projectName ? `${name}（${t.target.projectName.text.trim()}）` : name;
}

function basicWithin(recognition: Recognition): RecognizedTable | undefined {
  return recognition.tables.find((t) => t.id === 'general-budget-expense' && t.columns.some((c) => c.role === 'basic') && codedEconomically(t.rows));
}

/** Fewer standard tables than this: the workbook is a partial publication, not a whole budget. */
const WHOLE_BUDGET_MINIMUM = 3;

function recognitionFindings(recognition: Recognition, vocab: Vocabulary, lang: Lang): Finding[] {
  const findings: Finding[] = [];
  const found = new Set(recognition.tables.map((t) => t.id));
  const standardFound = TABLE_IDS.filter((id) => found.has(id)).length;
  if (standardFound < WHOLE_BUDGET_MINIMUM && recognition.missing.length > 0) {
    // A 三公 table published on its own is not a budget with eight tables missing: say once what
    // could not be checked instead of warning about every table it never meant to hold.
    const names = recognition.missing.map((id) => vocab.tables.get(id)!.name);
    // No table at all, only a 说明 (checkGrid lets such a workbook through): its own figures were checked.
    // A table it could not read beside long texts (广州 生态环境局 2026's list of 300 projects and their
    // goals) is no 说明: the workbook is not said to hold only one.
    const code =
      recognition.tables.length > 0 ? 'recognition/partial-workbook' : recognition.unread.length > 0 ? 'recognition/no-table-read' : 'recognition/narrative-only';
    findings.push({
      ruleId: code,
      severity: 'info',
      message: message(code, lang, { tables: names.map((n) => n['zh-CN']).join('、'), tablesEn: names.map((n) => n.en).join(', ') }),
    });
    return findings.concat(sheetFindings(recognition, vocab, lang));
  }
  for (const id of recognition.missing) {
    const table = vocab.tables.get(id)!;
    const name = table.name;
    // A fund or state-capital table may be left out where the fiscal summary has nothing for it.
    const optional = leftOutAsEmpty(recognition, vocab, id);
    // The basic table's content may be published inside a general budget table by economic subject
    // (深圳 2026's 一般公共预算支出表（按经济分类）, with its 基本支出 column).
    const within = id === 'general-budget-basic' ? basicWithin(recognition) : undefined;
    const messageId: MessageId = within ? 'recognition/table-within' : optional ? 'recognition/table-not-published' : 'recognition/table-missing';
    findings.push({
      ruleId: 'recognition/table-missing',
      severity: optional || within ? 'info' : 'warning',
      message: message(messageId, lang, { table: name['zh-CN'], tableEn: name.en, sheet: within?.sheet ?? '' }),
      table: id,
    });
  }
  return findings.concat(sheetFindings(recognition, vocab, lang));
}

/** What recognition met on the sheets, whole budget or part: problems, empty target lists, unread sheets. */
function sheetFindings(recognition: Recognition, vocab: Vocabulary, lang: Lang): Finding[] {
  return problemFindings(recognition, vocab, lang).concat(emptyTargetListFindings(recognition, lang), unreadFindings(recognition, lang));
}

/** A sheet of amounts under a table title the vocabulary does not know: said, never passed over in silence. */
function unreadFindings(recognition: Recognition, lang: Lang): Finding[] {
  return recognition.unread.map((u) => ({
    ruleId: 'recognition/sheet-unread',
    severity: 'info' as const,
    sheet: u.sheet,
    cell: u.cell,
    message: message(u.title === u.sheet.trim() ? 'recognition/sheet-unread-named' : 'recognition/sheet-unread', lang, { sheet: u.sheet, title: u.title }),
  }));
}

/** A list of project target forms printing its header and no project, with no note saying why. */
function emptyTargetListFindings(recognition: Recognition, lang: Lang): Finding[] {
  return recognition.emptyTargetLists.map((e) => ({
    ruleId: 'recognition/target-list-empty',
    severity: 'warning' as const,
    sheet: e.sheet,
    cell: e.cell,
    message: message('recognition/target-list-empty', lang, { title: e.title }),
  }));
}

function problemFindings(recognition: Recognition, vocab: Vocabulary, lang: Lang): Finding[] {
  const findings: Finding[] = [];
  for (const t of recognition.tables) {
    for (const p of t.problems) {
      findings.push({
        ruleId: `recognition/${p.code}`,
        severity: p.severity,
        sheet: p.sheet,
        ...(p.cell && { cell: p.cell }),
        ...(p.related && { related: p.related.map((cell) => ({ sheet: p.sheet, cell })) }),
        ...(p.fix && p.cell && { fix: { sheet: p.sheet, cell: p.cell, ...p.fix } }),
        message: message(`recognition/${p.code}` as MessageId, lang, {
          ...p.params,
          cell: p.cell,
          tableName: tableName(vocab, t, 'zh-CN'),
          tableNameEn: tableName(vocab, t, 'en'),
        }),
        table: t.id,
      });
    }
  }
  return findings;
}

/** Formulas saved without their results (a workbook written by a program, never opened in Excel): one finding per sheet. */
function uncalculatedFindings(grid: GridWorkbook, lang: Lang): Finding[] {
  const findings: Finding[] = [];
  for (const sheet of grid.sheets) {
    let count = 0;
    let first: string | undefined;
    sheet.rows.forEach((cells, r) =>
      cells?.forEach((c, k) => {
        if (c?.formula === undefined || c.value !== null) return;
        count++;
        first ??= toA1(r + 1, k + 1);
      }),
    );
    if (count && first) findings.push({ ruleId: 'workbook/uncalculated', severity: 'warning', sheet: sheet.name, cell: first, message: message('workbook/uncalculated', lang, { sheet: sheet.name, count, cell: first }) });
  }
  return findings;
}

/** Paragraphs of a budget's 说明 that a workbook of the narrative alone holds at least. */
const NARRATIVE_ONLY_PARAGRAPHS = 3;
const BUDGET_SENTENCE = /预算[^。]*?\d[\d,]*(?:\.\d+)?\s*(?:万元|元)/u;

/**
 * A budget's 说明 without its tables (西安 发改委 2019: the tables a separate attachment): its own
 * figures can still be checked — the rates it states, its sums, its wording — and every check
 * against a table is said not to have run. A sheet of other text (a staff list) is no such thing.
 */
function holdsBudgetNarrative(grid: GridWorkbook): boolean {
  let found = 0;
  for (const s of grid.sheets) {
    for (const row of s.rows) {
      for (const c of row ?? []) {
        if (c && typeof c.value === 'string' && c.text.length >= 20 && BUDGET_SENTENCE.test(c.text) && ++found >= NARRATIVE_ONLY_PARAGRAPHS) return true;
      }
    }
  }
  return false;
}

function isEmpty(grid: GridWorkbook): boolean {
  return grid.sheets.every((s) => s.rows.every((r) => !r || r.every((c) => !c || c.text.trim() === '')));
}

/** A finding on a cell inside a recognised table belongs to that table (for grouping), even from a rule that reads text anywhere. */
function withTable(f: Finding, recognition: Recognition): Finding {
  if (f.table || !f.sheet || !f.cell) return f;
  const at = fromA1(f.cell);
  const t = recognition.tables.find((x) => {
    if (x.sheet !== f.sheet) return false;
    const r = parseRange(x.range);
    return at.row >= r.top && at.row <= r.bottom && at.col >= r.left && at.col <= r.right;
  });
  return t ? { ...f, table: t.id } : f;
}

/** A fix never replaces a formula with a constant: on a formula cell the value is shown, not offered. */
function keepFormulas(f: Finding, grid: GridWorkbook): Finding {
  if (!f.fix || f.fix.safety === 'display-only') return f;
  return cellAt(grid, f.fix.sheet, f.fix.cell)?.formula === undefined ? f : { ...f, fix: { ...f.fix, safety: 'display-only' } };
}

/** The cells each holding a project's indicators written out together (TargetDetails.packed). */
function packedCells(recognition: Recognition): Set<string> {
  const cells = new Set<string>();
  for (const t of recognition.tables) if (t.target?.packed) for (const ind of t.target.indicators) cells.add(`${ind.level3.sheet}!${ind.level3.cell}`);
  return cells;
}

/** A fix names one value for a cell; a cell holding a project's every indicator would lose the others to it. */
function keepPackedCells(f: Finding, packed: ReadonlySet<string>): Finding {
  if (!f.fix || !packed.has(`${f.fix.sheet}!${f.fix.cell}`)) return f;
  const { fix: _dropped, ...rest } = f;
  return rest;
}

/**
 * Checks one workbook. Throws SourceError when the workbook is empty or holds no budget table at
 * all: that is input the tool cannot use, not a finding.
 */
export async function checkGrid(file: string, grid: GridWorkbook, catalogue: Catalogue, lang: Lang = 'zh-CN'): Promise<CheckResult> {
  const { vocab } = catalogue;
  if (isEmpty(grid)) throw new SourceError('empty-workbook', { file });
  renewTextCaches();
  const recognition = recognize(grid, vocab);
  if (recognition.tables.length === 0 && !holdsBudgetNarrative(grid)) {
    const names = TABLE_IDS.filter((id) => vocab.tables.has(id)).map((id) => vocab.tables.get(id)!.name);
    throw new SourceError('no-tables', {
      file,
      lookedFor: names.map((n) => n['zh-CN']).join('、') + '、项目绩效目标表',
      lookedForEn: names.map((n) => n.en).join(', ') + ', project performance targets',
      seen: recognition.seen.map((s) => `「${s.sheet}」${s.sample}`).join('；') || '—',
    });
  }
  const outcome = await runRules(catalogue.rules, recognition, vocab, grid, lang);
  const packed = packedCells(recognition);
  const findings = [...uncalculatedFindings(grid, lang), ...recognitionFindings(recognition, vocab, lang), ...outcome.findings].map((f) => keepPackedCells(keepFormulas(withTable(f, recognition), grid), packed));
  return {
    report: { file, ...(catalogue.config && { config: catalogue.config }), tables: recognition.tables.map(summarizeTable), findings },
    recognition,
    runs: outcome.runs,
  };
}
