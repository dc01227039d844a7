/** The findings contract shared by the CLI, the task pane and the tests (DESIGN.md §2). */
import type { Unit } from './model.js';
import type { TableId } from './vocabulary.js';

export type Severity = 'error' | 'warning' | 'info';
export type FixSafety = 'safe' | 'unsafe' | 'display-only';

/** Most severe first: how findings are sorted everywhere. */
export const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export interface CellAddress {
  sheet: string;
  cell: string;
}

export interface Fix extends CellAddress {
  value: number | string;
  safety: FixSafety;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  /** Absent only for workbook-level findings (a table that is missing altogether). */
  sheet?: string;
  cell?: string;
  message: string;
  related?: CellAddress[];
  fix?: Fix;
  /**
   * When several cells explain a failure equally well: each of them, with the value that would
   * restore the sums. No fix is offered then; the person chooses.
   */
  candidates?: (CellAddress & { value: number | string })[];
  /** The table the finding belongs to, for grouping. */
  table?: TableId;
}

export interface TableSummary {
  id: TableId;
  sheet: string;
  range: string;
  unit: Unit | null;
  title: string;
  /** Performance-target tables: the project they describe. */
  project?: string;
  projectCode?: string;
}

export interface WorkbookReport {
  file: string;
  tables: TableSummary[];
  findings: Finding[];
  /** Set when the workbook could not be used at all; then tables and findings are empty. */
  error?: { code: string; message: string };
  /** The config file (budget-check.json beside the workbook, or --config) whose choices were applied. */
  config?: string;
}

export interface Report {
  version: 1;
  workbooks: WorkbookReport[];
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}
