/**
 * What the pane's buttons do: read through the port, check with the core, paint, fix, remember.
 * No React and no office.js here — the same controller drives Excel and the demo.
 */
import { checkGrid, type Catalogue } from '../core/check.js';
import type { CellAddress, Finding, Fix } from '../core/findings.js';
import { cellAt, type GridWorkbook } from '../core/grid.js';
import { SourceError } from '../core/source-error.js';
import { findingKey, WorkbookError, type Highlight, type WorkbookPort } from '../core/workbook-port.js';
import type { Family } from '../core/rules/families.js';
import { highlights, stepFrom, stepOrder, type Action, type PaneState } from './state.js';
import type { Checker } from './worker-checker.js';

export class PaneController {
  private unsubscribe?: () => Promise<void>;
  private stopFollowingSelection?: () => void;
  private timer?: ReturnType<typeof setTimeout>;
  private lastGrid?: GridWorkbook;

  constructor(
    private readonly port: WorkbookPort,
    private readonly catalogue: Catalogue,
    private readonly dispatch: (a: Action) => void,
    private readonly getState: () => PaneState,
    /** Where the check runs: in a Web Worker in the browser; on this thread when absent (tests, no Worker). */
    private readonly checker?: Checker,
  ) {}

  async start(): Promise<void> {
    await this.guard(async () => {
      this.dispatch({ type: 'memory', memory: await this.port.loadMemory() });
      this.dispatch({ type: 'training', answers: await this.port.trainingKey() });
    });
    this.stopFollowingSelection ??= this.port.onSelectionChanged?.((address) => this.selectedInWorkbook(address));
  }

  /**
   * A cell the user selected in the workbook: its first finding in the list's order is the one chosen.
   * The cell the pane has just selected comes back too (Excel raises the event for the add-in's own
   * select): it is the one already chosen, and the finding chosen with it stays. A late event reads the
   * selection as it is when handled, so it too finds the pane's latest choice.
   */
  private selectedInWorkbook(address: CellAddress): void {
    if (this.getState().selected === `${address.sheet}!${address.cell}`) return;
    const finding = stepOrder(this.getState()).find((f) => f.sheet === address.sheet && f.cell === address.cell);
    this.dispatch({ type: 'select', key: `${address.sheet}!${address.cell}`, finding: finding && findingKey(finding) });
  }

  /** Training: marks the cell the trainee has selected. */
  async markSelected(): Promise<void> {
    await this.guard(async () => {
      const address = await this.port.selectedCell();
      if (!address) return;
      this.dispatch({ type: 'mark', address });
      await this.port.paint(highlights(this.getState()));
    });
  }

  /** Training: takes a mark back, and its colour off the cell. */
  async unmark(address: CellAddress): Promise<void> {
    this.dispatch({ type: 'unmark', address });
    await this.guard(() => this.port.paint(highlights(this.getState())));
  }

  /** Training: shows the next answer, on its cell. */
  async revealNext(): Promise<void> {
    this.dispatch({ type: 'reveal-next' });
    const t = this.getState().training;
    const a = t?.answers[t.revealed - 1];
    await this.guard(async () => {
      await this.port.paint(highlights(this.getState()));
      if (a) await this.port.select({ sheet: a.sheet, cell: a.cell });
    });
  }

  async showAll(): Promise<void> {
    this.dispatch({ type: 'show-all' });
    if (!this.getState().report) await this.check();
    else await this.guard(() => this.port.paint(highlights(this.getState())));
  }

  /** Reads, checks, paints: the 检查 button. */
  async check(): Promise<void> {
    await this.guard(async () => {
      this.dispatch({ type: 'phase', phase: 'reading' });
      const grid = await this.port.read();
      const wanted = await this.judge(grid);
      this.dispatch({ type: 'phase', phase: 'painting' });
      await this.port.paint(wanted);
      this.dispatch({ type: 'phase', phase: 'done' });
    });
  }

  /** Checks a grid the port has read and returns the highlights the new findings call for. */
  private async judge(grid: GridWorkbook): Promise<Highlight[]> {
    this.lastGrid = grid;
    this.dispatch({ type: 'phase', phase: 'checking' });
    // Let the progress indicator paint before the checks take the thread.
    await new Promise((r) => setTimeout(r, 0));
    const file = this.port.kind === 'excel' ? '当前工作簿' : 'workbook';
    const lang = this.getState().lang;
    const report = this.checker ? await this.checker(file, grid, lang) : (await checkGrid(file, grid, this.catalogue, lang)).report;
    const families: Record<string, Family> = {};
    for (const r of this.catalogue.rules) families[r.id] = r.family;
    this.dispatch({ type: 'checked', report, families });
    return highlights(this.getState());
  }

  async select(f: Finding): Promise<void> {
    if (f.sheet && f.cell) await this.goTo({ sheet: f.sheet, cell: f.cell }, findingKey(f));
  }

  async goTo(address: CellAddress, finding?: string): Promise<void> {
    this.dispatch({ type: 'select', key: `${address.sheet}!${address.cell}`, finding });
    await this.guard(() => this.port.select(address));
  }

  /** 下一处 / 上一处: the next finding in the list's order, selected in the workbook. */
  async step(direction: 1 | -1): Promise<Finding | undefined> {
    const next = stepFrom(this.getState(), direction);
    if (next) await this.select(next);
    return next;
  }

  /** The value a cell held when the workbook was last read, for a fix's before/after. */
  valueAt(address: CellAddress): string | number | boolean | null {
    return (this.lastGrid ? cellAt(this.lastGrid, address.sheet, address.cell)?.value : undefined) ?? null;
  }

  /** Applies fixes, then checks again so fixed findings disappear: one undo step where Excel allows. */
  async apply(fixes: Fix[]): Promise<void> {
    if (!fixes.length) return;
    await this.guard(async () => {
      this.dispatch({ type: 'phase', phase: 'reading' });
      await this.port.applyFixes(fixes, (grid) => this.judge(grid));
      this.dispatch({ type: 'phase', phase: 'done' });
    });
  }

  async clear(): Promise<void> {
    await this.guard(() => this.port.clear());
  }

  async ignore(key: string): Promise<void> {
    this.dispatch({ type: 'ignore', key });
    await this.repaintAndRemember();
  }

  async unignore(key: string): Promise<void> {
    this.dispatch({ type: 'unignore', key });
    await this.repaintAndRemember();
  }

  async explain(key: string, text: string): Promise<void> {
    this.dispatch({ type: 'explain', key, text });
    await this.guard(() => this.port.saveMemory(this.getState().memory));
  }

  /** This controller is being replaced (another rule pack, another workbook): stop listening to the workbook. */
  async dispose(): Promise<void> {
    this.stopFollowingSelection?.();
    this.stopFollowingSelection = undefined;
    await this.stopWatchingEdits();
  }

  private async stopWatchingEdits(): Promise<void> {
    clearTimeout(this.timer);
    const stop = this.unsubscribe;
    this.unsubscribe = undefined;
    if (stop) await this.guard(stop);
  }

  /** Re-check after edits, debounced, only while the user wants it. */
  async setAutoRecheck(on: boolean, delayMs = 1500): Promise<void> {
    this.dispatch({ type: 'auto-recheck', on });
    await this.stopWatchingEdits();
    if (!on) return;
    const ok = await this.guard(async () => {
      this.unsubscribe = await this.port.onChanged(() => {
        clearTimeout(this.timer);
        this.timer = setTimeout(() => void this.check(), delayMs);
      });
    });
    if (!ok) this.dispatch({ type: 'auto-recheck', on: false });
  }

  private async repaintAndRemember(): Promise<void> {
    await this.guard(async () => {
      await this.port.saveMemory(this.getState().memory);
      await this.port.paint(highlights(this.getState()));
    });
  }

  /** Any failure becomes a message in the pane; the pane never freezes. */
  private async guard(work: () => Promise<void>): Promise<boolean> {
    try {
      await work();
      return true;
    } catch (e) {
      const lang = this.getState().lang;
      if (e instanceof WorkbookError) this.dispatch({ type: 'failed', error: { code: e.code, message: e.detail } });
      else if (e instanceof SourceError) this.dispatch({ type: 'failed', error: { code: 'source', message: e.localized(lang) } });
      else this.dispatch({ type: 'failed', error: { code: 'other', message: e instanceof Error ? e.message : String(e) } });
      return false;
    }
  }
}
