/**
 * The pane's state as a pure reducer and selectors: what is shown, filtered, ignored, explained.
 * Everything the pane decides lives here, so it is tested without a browser.
 */
import { SEVERITY_RANK, type CellAddress, type Finding, type Fix, type Severity, type TableSummary, type WorkbookReport } from '../core/findings.js';
import type { TrainingAnswer } from '../core/training.js';
import type { Lang } from '../core/messages.js';
import type { Family } from '../core/rules/families.js';
import { EMPTY_MEMORY, findingKey, type Highlight, type PaneMemory } from '../core/workbook-port.js';

export type Phase = 'idle' | 'reading' | 'checking' | 'painting' | 'done' | 'failed';

export interface PaneError {
  code: string;
  message: string;
}

export interface Training {
  answers: TrainingAnswer[];
  marks: CellAddress[];
  /** How many answers have been revealed, in answer-key order. */
  revealed: number;
  scored: boolean;
  /** The trainee asked to see every finding of the checker. */
  showAll: boolean;
}

export interface PaneState {
  lang: Lang;
  training?: Training;
  phase: Phase;
  report?: WorkbookReport;
  /** Family of each rule id; recognition findings count as structure. */
  families: Record<string, Family>;
  memory: PaneMemory;
  severityFilter?: Severity;
  familyFilter?: Family;
  showIgnored: boolean;
  autoRecheck: boolean;
  error?: PaneError;
  /** The selected cell (sheet!cell) and, when reached through a finding, that finding's key. */
  selected?: string;
  selectedFinding?: string;
}

export type Action =
  | { type: 'phase'; phase: Phase }
  | { type: 'checked'; report: WorkbookReport; families: Record<string, Family> }
  | { type: 'failed'; error: PaneError }
  | { type: 'dismiss-error' }
  | { type: 'memory'; memory: PaneMemory }
  | { type: 'ignore'; key: string }
  | { type: 'unignore'; key: string }
  | { type: 'explain'; key: string; text: string }
  | { type: 'filter-severity'; severity?: Severity }
  | { type: 'filter-family'; family?: Family }
  | { type: 'show-ignored'; on: boolean }
  | { type: 'auto-recheck'; on: boolean }
  | { type: 'select'; key: string; finding?: string }
  | { type: 'lang'; lang: Lang }
  | { type: 'reset' }
  | { type: 'training'; answers?: TrainingAnswer[] }
  | { type: 'mark'; address: CellAddress }
  | { type: 'unmark'; address: CellAddress }
  | { type: 'reveal-next' }
  | { type: 'score' }
  | { type: 'show-all' };

export function initialState(lang: Lang): PaneState {
  return { lang, phase: 'idle', families: {}, memory: EMPTY_MEMORY, showIgnored: false, autoRecheck: false };
}

export function reducer(state: PaneState, action: Action): PaneState {
  switch (action.type) {
    case 'phase':
      return { ...state, phase: action.phase, ...(action.phase === 'reading' && { error: undefined }) };
    case 'checked':
      return withoutEmptyFilters({ ...state, phase: 'done', report: action.report, families: action.families });
    case 'failed':
      return { ...state, phase: 'failed', error: action.error };
    case 'dismiss-error':
      return { ...state, error: undefined, phase: state.report ? 'done' : 'idle' };
    case 'memory':
      return { ...state, memory: action.memory };
    case 'ignore':
      return state.memory.ignored.includes(action.key) ? state : withoutEmptyFilters({ ...state, memory: { ...state.memory, ignored: [...state.memory.ignored, action.key] } });
    case 'unignore':
      return { ...state, memory: { ...state.memory, ignored: state.memory.ignored.filter((k) => k !== action.key) } };
    case 'explain': {
      const explanations = { ...state.memory.explanations };
      if (action.text.trim()) explanations[action.key] = action.text.trim();
      else delete explanations[action.key];
      return { ...state, memory: { ...state.memory, explanations } };
    }
    case 'filter-severity':
      return { ...state, severityFilter: action.severity };
    case 'filter-family':
      return { ...state, familyFilter: action.family };
    case 'show-ignored':
      return { ...state, showIgnored: action.on };
    case 'auto-recheck':
      return { ...state, autoRecheck: action.on };
    case 'select':
      return { ...state, selected: action.key, selectedFinding: action.finding };
    case 'lang':
      return { ...state, lang: action.lang };
    case 'reset':
      // Another workbook: its findings and memory are its own; the user's settings stay.
      return { ...initialState(state.lang), autoRecheck: false };
    case 'training':
      return action.answers?.length ? { ...state, training: { answers: action.answers, marks: [], revealed: 0, scored: false, showAll: false } } : { ...state, training: undefined };
    case 'mark':
      if (!state.training || state.training.marks.some((m) => sameCell(m, action.address))) return state;
      return { ...state, training: { ...state.training, marks: [...state.training.marks, action.address] } };
    case 'unmark':
      return state.training ? { ...state, training: { ...state.training, marks: state.training.marks.filter((m) => !sameCell(m, action.address)) } } : state;
    case 'reveal-next':
      return state.training ? { ...state, training: { ...state.training, revealed: Math.min(state.training.answers.length, state.training.revealed + 1) } } : state;
    case 'score':
      return state.training ? { ...state, training: { ...state.training, scored: true } } : state;
    case 'show-all':
      return state.training ? { ...state, training: { ...state.training, showAll: true, revealed: state.training.answers.length } } : state;
  }
}

/** A filter whose last finding has gone (fixed or ignored) is switched off, or the list would claim there is nothing left. */
function withoutEmptyFilters(state: PaneState): PaneState {
  const open = openFindings(state);
  const severityFilter = state.severityFilter && open.some((f) => f.severity === state.severityFilter) ? state.severityFilter : undefined;
  const familyFilter = state.familyFilter && open.some((f) => familyOf(state, f) === state.familyFilter) ? state.familyFilter : undefined;
  return severityFilter === state.severityFilter && familyFilter === state.familyFilter ? state : { ...state, severityFilter, familyFilter };
}

export function familyOf(state: PaneState, f: Finding): Family {
  return state.families[f.ruleId] ?? 'format';
}

function isIgnored(state: PaneState, f: Finding): boolean {
  return state.memory.ignored.includes(findingKey(f));
}

function sameCell(a: CellAddress, b: CellAddress): boolean {
  return a.sheet === b.sheet && a.cell === b.cell;
}

/** In training mode the checker's findings stay hidden until the trainee asks for them. */
export function holdingBack(state: PaneState): boolean {
  return !!state.training && !state.training.showAll;
}

/** Findings still open: not ignored, in any family or severity. */
export function openFindings(state: PaneState): Finding[] {
  if (holdingBack(state)) return [];
  return (state.report?.findings ?? []).filter((f) => !isIgnored(state, f));
}

/** What the list shows: filters applied, ignored ones only when asked. */
export function visibleFindings(state: PaneState): Finding[] {
  if (holdingBack(state)) return [];
  return (state.report?.findings ?? []).filter(
    (f) =>
      (state.showIgnored || !isIgnored(state, f)) &&
      (!state.severityFilter || f.severity === state.severityFilter) &&
      (!state.familyFilter || familyOf(state, f) === state.familyFilter),
  );
}

export function countsBySeverity(state: PaneState): Record<Severity, number> {
  const c: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of openFindings(state)) c[f.severity]++;
  return c;
}

export function countsByFamily(state: PaneState): Partial<Record<Family, number>> {
  const c: Partial<Record<Family, number>> = {};
  for (const f of openFindings(state)) {
    const fam = familyOf(state, f);
    c[fam] = (c[fam] ?? 0) + 1;
  }
  return c;
}

export interface TableGroup {
  key: string;
  /** Set when the group gathers one rule's single findings from many tables ("300 张项目表：…"). */
  repeated?: { ruleId: string; tables: number };
  /** The table’s title as the workbook writes it; for findings of no table, their sheet’s name; null for workbook-level findings. */
  title: string | null;
  sheet: string | null;
  findings: Finding[];
}

/**
 * Findings grouped by the table they belong to (a project's target table by project); errors first:
 * groups by their most severe finding, then in workbook order; inside a group, errors before warnings.
 */
export function groupByTable(state: PaneState, findings: Finding[]): TableGroup[] {
  const tables = state.report?.tables ?? [];
  const groups = new Map<string, TableGroup>();
  for (const f of findings) {
    const table = tableOf(tables, f);
    // A finding of no table the report lists (a sentence of the 说明, a title) is grouped by its sheet;
    // only one with no cell at all is the whole workbook's.
    const key = table ? `${table.sheet}!${table.range}` : f.sheet ? `sheet:${f.sheet}` : '';
    const group = groups.get(key) ?? { key, title: table ? (table.project || table.title) : (f.sheet ?? null), sheet: table?.sheet ?? null, findings: [] };
    group.findings.push(f);
    groups.set(key, group);
  }
  // The whole workbook's first, then sheets holding no table (the report knows no order of those), then the tables in workbook order.
  const order = (g: TableGroup) => (g.key === '' ? -2 : g.sheet === null ? -1 : tables.findIndex((t) => `${t.sheet}!${t.range}` === g.key));
  const worst = (g: TableGroup) => Math.min(...g.findings.map((f) => SEVERITY_RANK[f.severity]));
  for (const g of groups.values()) g.findings.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
  return [...groups.values()].sort((a, b) => worst(a) - worst(b) || order(a) - order(b));
}

/** Tables with one finding each, all of one rule: from this many on they are shown as one group. */
const REPEATED_FROM = 5;

/**
 * One rule firing once in each of many tables (the county workbook: 300 project tables) becomes one
 * group with a count, in the place of its first table.
 */
export function gatherRepeats(groups: TableGroup[]): TableGroup[] {
  const single = (g: TableGroup) => (g.findings.length === 1 ? `${g.findings[0]!.ruleId}|${g.findings[0]!.severity}` : undefined);
  const counts = new Map<string, number>();
  for (const g of groups) {
    const k = single(g);
    if (k) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const gathered = new Map<string, TableGroup>();
  const out: TableGroup[] = [];
  for (const g of groups) {
    const k = single(g);
    if (!k || counts.get(k)! < REPEATED_FROM) {
      out.push(g);
      continue;
    }
    let r = gathered.get(k);
    if (!r) {
      r = { key: `repeated:${k}`, title: null, sheet: null, findings: [], repeated: { ruleId: g.findings[0]!.ruleId, tables: 0 } };
      gathered.set(k, r);
      out.push(r);
    }
    r.findings.push(g.findings[0]!);
    r.repeated!.tables++;
  }
  return out;
}

/** The list as the pane shows it: visible findings by table, errors first, repeats gathered. */
export function listGroups(state: PaneState): TableGroup[] {
  return gatherRepeats(groupByTable(state, visibleFindings(state)));
}

/** The findings with a cell, in the order the list shows them: what 下一处 / 上一处 step through. */
export function stepOrder(state: PaneState): Finding[] {
  return listGroups(state).flatMap((g) => g.findings.filter((f) => f.sheet && f.cell));
}

/** The finding after (or before) the selected one, wrapping around; the first when none is selected. */
export function stepFrom(state: PaneState, direction: 1 | -1): Finding | undefined {
  const list = stepOrder(state);
  if (list.length === 0) return undefined;
  const at = list.findIndex((f) => state.selectedFinding === findingKey(f));
  if (at < 0) return direction === 1 ? list[0] : list[list.length - 1];
  return list[(at + direction + list.length) % list.length];
}

/**
 * The table a finding belongs to: of the tables its rule names by id, the one holding its cell, else one
 * on its sheet, else the first (a 说明 sentence held to 表13). A workbook may hold two tables of one id
 * (西安 国资委 2022's 表5 by function and 表6 by economic subject): the first is not always the one.
 */
function tableOf(tables: readonly TableSummary[], f: Finding): TableSummary | undefined {
  const candidates = tables.filter((t) => t.id === f.table);
  const onSheet = candidates.filter((t) => t.sheet === f.sheet);
  if (f.table === 'performance-target') return onSheet.find((t) => containsRow(t.range, f.cell));
  return onSheet.find((t) => containsRow(t.range, f.cell)) ?? onSheet[0] ?? candidates[0];
}

function containsRow(range: string, cell: string | undefined): boolean {
  if (!cell) return false;
  const [top, bottom] = range.split(':').map((a) => Number(/\d+/.exec(a)?.[0]));
  const row = Number(/\d+/.exec(cell)?.[0]);
  return row >= top! && row <= bottom!;
}

/** Fixes that restore every identity they touch and that the user has not set aside. */
export function safeFixes(state: PaneState): Fix[] {
  return openFindings(state)
    .map((f) => f.fix)
    .filter((fix): fix is Fix => !!fix && fix.safety === 'safe');
}

/**
 * One highlight per cell, the most severe finding's colour winning; in training, the revealed answers
 * (red) and the trainee's own marks (blue), so what was marked is seen on the sheet, not only listed.
 */
export function highlights(state: PaneState): Highlight[] {
  if (holdingBack(state)) {
    const revealed = state.training!.answers.slice(0, state.training!.revealed).map((a) => ({ sheet: a.sheet, cell: a.cell, severity: 'error' as const }));
    const marks = state.training!.marks.filter((m) => !revealed.some((r) => sameCell(r, m))).map((m) => ({ sheet: m.sheet, cell: m.cell, severity: 'info' as const }));
    return [...revealed, ...marks];
  }
  const byCell = new Map<string, Highlight>();
  for (const f of openFindings(state)) {
    if (!f.sheet || !f.cell) continue;
    const key = `${f.sheet}!${f.cell}`;
    const current = byCell.get(key);
    if (!current || SEVERITY_RANK[f.severity] < SEVERITY_RANK[current.severity]) byCell.set(key, { sheet: f.sheet, cell: f.cell, severity: f.severity });
  }
  return [...byCell.values()];
}
