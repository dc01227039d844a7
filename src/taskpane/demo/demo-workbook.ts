/**
 * Demo mode's workbook: an .xlsx held in memory. Same port as Excel, so the pane, the checks and the
 * fixes behave the same; the preview subscribes to see highlights, selection and edits.
 */
import { fromA1 } from '../../core/address.js';
import type { CellAddress, Fix } from '../../core/findings.js';
import type { GridSheet, GridWorkbook } from '../../core/grid.js';
import { displayText } from '../../core/text.js';
import { answerKey, type TrainingAnswer } from '../../core/training.js';
import { EMPTY_MEMORY, type Feature, type Highlight, type PaneMemory, type WorkbookPort } from '../../core/workbook-port.js';

export interface DemoView {
  grid: GridWorkbook;
  highlights: Highlight[];
  selected?: CellAddress;
  /** Cells changed by fixes, for a moment's emphasis in the preview. */
  changed: string[];
  version: number;
}

export class DemoWorkbook implements WorkbookPort {
  readonly kind = 'demo' as const;
  private view: DemoView;
  private listeners = new Set<(v: DemoView) => void>();
  private changeHandlers = new Set<() => void>();
  private memory: PaneMemory = EMPTY_MEMORY;
  private undoStack: { fixes: Fix[]; before: (string | number | null)[] }[] = [];
  private redoStack: { fixes: Fix[]; before: (string | number | null)[] }[] = [];
  /** Every fix applied and not undone, in order, each with the value its cell held before: what the person has changed so far. */
  get changes(): { fix: Fix; before: string | number | null }[] {
    return this.undoStack.flatMap((u) => u.fixes.map((fix, i) => ({ fix, before: u.before[i]! })));
  }

  /** The same fixes alone: what a downloaded copy carries. */
  get applied(): Fix[] {
    return this.changes.map((c) => c.fix);
  }

  constructor(
    grid: GridWorkbook,
    readonly fileName: string,
    /** The file as opened, for a fixed copy that keeps everything else exactly. */
    readonly bytes?: Uint8Array,
  ) {
    this.view = { grid, highlights: [], changed: [], version: 0 };
  }

  subscribe(listener: (v: DemoView) => void): () => void {
    this.listeners.add(listener);
    listener(this.view);
    return () => this.listeners.delete(listener);
  }

  private update(change: Partial<DemoView>): void {
    this.view = { ...this.view, ...change, version: this.view.version + 1 };
    for (const l of this.listeners) l(this.view);
  }

  missingFeatures(): Feature[] {
    return [];
  }

  async read(): Promise<GridWorkbook> {
    return structuredClone(this.view.grid);
  }

  async paint(highlights: Highlight[]): Promise<void> {
    this.update({ highlights });
  }

  async clear(): Promise<void> {
    this.update({ highlights: [] });
  }

  async select(address: CellAddress): Promise<void> {
    this.update({ selected: address });
  }

  private readonly selectionHandlers = new Set<(address: CellAddress) => void>();

  onSelectionChanged(handler: (address: CellAddress) => void): () => void {
    this.selectionHandlers.add(handler);
    return () => this.selectionHandlers.delete(handler);
  }

  /** The user selects a cell in the preview (a click, the arrow keys): as select(), and the pane is told. */
  async userSelect(address: CellAddress): Promise<void> {
    await this.select(address);
    for (const handler of this.selectionHandlers) handler(address);
  }

  async trainingKey(): Promise<TrainingAnswer[] | undefined> {
    return answerKey(this.view.grid);
  }

  async selectedCell(): Promise<CellAddress | null> {
    return this.view.selected ?? null;
  }

  private sheet(name: string): GridSheet {
    const s = this.view.grid.sheets.find((x) => x.name === name);
    if (!s) throw new Error(`no sheet ${name}`);
    return s;
  }

  private setValue(sheet: GridSheet, cell: string, value: string | number | null): string | number | null {
    const p = fromA1(cell);
    const row = (sheet.rows[p.row - 1] ??= []);
    const old = row[p.col - 1];
    row[p.col - 1] = value === null ? undefined : { ...old, value, text: displayText(value, old?.numFmt) };
    return (old?.value as string | number | undefined) ?? null;
  }

  async applyFixes(fixes: Fix[], recheck?: (grid: GridWorkbook) => Promise<Highlight[]>): Promise<void> {
    const before = fixes.map((f) => this.setValue(this.sheet(f.sheet), f.cell, f.value));
    this.undoStack.push({ fixes, before });
    this.redoStack = [];
    this.update({ changed: fixes.map((f) => `${f.sheet}!${f.cell}`) });
    if (recheck) await this.paint(await recheck(await this.read()));
  }

  /** The person types a value into a cell: the only change that calls the change handlers. */
  edit(address: CellAddress, value: string | number | null): void {
    this.setValue(this.sheet(address.sheet), address.cell, value);
    this.update({ changed: [`${address.sheet}!${address.cell}`] });
    for (const h of this.changeHandlers) h();
  }

  get canUndo(): boolean {
    return this.undoStack.length > 0;
  }

  get canRedo(): boolean {
    return this.redoStack.length > 0;
  }

  /** Undoes the last applied batch of fixes, as Excel's undo would. */
  undo(): boolean {
    const last = this.undoStack.pop();
    if (!last) return false;
    // Put back in reverse, so a cell fixed twice in one batch ends as it began.
    for (let i = last.fixes.length - 1; i >= 0; i--) this.setValue(this.sheet(last.fixes[i]!.sheet), last.fixes[i]!.cell, last.before[i]!);
    this.redoStack.push(last);
    this.update({ changed: last.fixes.map((f) => `${f.sheet}!${f.cell}`) });
    return true;
  }

  /** Applies again the batch last undone. */
  redo(): boolean {
    const next = this.redoStack.pop();
    if (!next) return false;
    for (const f of next.fixes) this.setValue(this.sheet(f.sheet), f.cell, f.value);
    this.undoStack.push(next);
    this.update({ changed: next.fixes.map((f) => `${f.sheet}!${f.cell}`) });
    return true;
  }

  async loadMemory(): Promise<PaneMemory> {
    return this.memory;
  }

  async saveMemory(memory: PaneMemory): Promise<void> {
    this.memory = memory;
  }

  async onChanged(handler: () => void): Promise<() => Promise<void>> {
    this.changeHandlers.add(handler);
    return async () => void this.changeHandlers.delete(handler);
  }
}
