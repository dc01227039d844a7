/**
 * What the task pane needs from a workbook, whichever it is: the open Excel workbook (through
 * office.js) or an .xlsx held in memory (demo mode). The pane only talks to this.
 */
import type { CellAddress, Finding, Fix, Severity } from './findings.js';
import type { GridWorkbook } from './grid.js';
import type { TrainingAnswer } from './training.js';

export interface PaneMemory {
  /** Explanations typed for warnings, by finding key (ruleId|sheet!cell). */
  explanations: Record<string, string>;
  /** Findings the user chose to ignore, by key. */
  ignored: string[];
}

export const EMPTY_MEMORY: PaneMemory = { explanations: {}, ignored: [] };

/**
 * A finding's identity across checks (kept in the workbook for 说明 and 忽略): its rule and cell, and
 * the cells it is compared with when it names them — two findings of one rule on one cell differ there.
 */
export function findingKey(f: Pick<Finding, 'ruleId' | 'sheet' | 'cell' | 'related'>): string {
  const base = `${f.ruleId}|${f.sheet ?? ''}!${f.cell ?? ''}`;
  return f.related?.length ? `${base}|${f.related.map((a) => `${a.sheet}!${a.cell}`).join(',')}` : base;
}

export type Highlight = CellAddress & { severity: Severity };

/** What an older Excel may lack; the demo has everything. */
export type Feature = 'highlight' | 'memory' | 'training' | 'merges' | 'autoRecheck' | 'undoGroup';

/** The ExcelApi requirement set each feature needs (from the API reference's remarks). */
export const FEATURE_SETS: Record<Feature, string> = {
  highlight: '1.6', // conditional formats
  memory: '1.4', // workbook settings
  training: '1.4',
  merges: '1.13', // getMergedAreasOrNullObject
  autoRecheck: '1.14', // worksheets.onChanged (1.9) and triggerSource (1.14) to tell our writes from the user's
  undoGroup: '1.20', // mergeUndoGroup; before it an add-in's write clears the undo stack
};

export interface WorkbookPort {
  readonly kind: 'excel' | 'demo';
  /** Features this workbook's host cannot offer (an old Excel), for the pane to say so up front. */
  missingFeatures(): Feature[];
  /** The whole workbook as a grid; Excel: a constant number of round trips whatever its size. */
  read(): Promise<GridWorkbook>;
  /** Shows exactly these highlights: cells no longer listed get back exactly what they had. */
  paint(highlights: Highlight[]): Promise<void>;
  /** Removes every highlight this tool made. */
  clear(): Promise<void>;
  /** Activates the cell's sheet and selects the cell. */
  select(address: CellAddress): Promise<void>;
  /** The cell the user has selected (the first of a range), for marking cells in training mode. */
  selectedCell(): Promise<CellAddress | null>;
  /** A training workbook's answer key (from its very hidden sheet), or undefined. */
  trainingKey(): Promise<TrainingAnswer[] | undefined>;
  /**
   * Writes the fixes; with `recheck`, reads the workbook again, asks it for the new highlights and
   * paints them — as one undo step where the host allows.
   */
  applyFixes(fixes: Fix[], recheck?: (grid: GridWorkbook) => Promise<Highlight[]>): Promise<void>;
  loadMemory(): Promise<PaneMemory>;
  saveMemory(memory: PaneMemory): Promise<void>;
  /** Calls back after the user edits the workbook; returns the unsubscribe function. */
  onChanged(handler: () => void): Promise<() => Promise<void>>;
  /**
   * Calls back when the user selects a cell in the workbook itself, so the pane can show that cell's
   * finding; returns the unsubscribe function. Excel raises it for the pane's own selections too (the
   * pane ignores the cell it has just chosen); demo mode only for the user's.
   */
  onSelectionChanged?(handler: (address: CellAddress) => void): () => void;
}

/** Errors the pane shows as plain messages: what happened and what to do. */
export class WorkbookError extends Error {
  constructor(
    readonly code: 'protected' | 'editing' | 'unsupported' | 'busy' | 'formula' | 'other',
    readonly detail: string,
  ) {
    super(detail);
    this.name = 'WorkbookError';
  }
}

export const HIGHLIGHT_COLOURS: Record<Severity, string> = {
  error: '#FFC7CE',
  warning: '#FFEB9C',
  info: '#DDEBF7',
};
