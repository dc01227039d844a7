/**
 * The open workbook through office.js: the only module that talks to Excel. Round trips
 * (context.sync) are few and never one per sheet, row or cell:
 *   read    2 + one per ~80,000 cells (split smaller and retried if Excel reports the payload too
 *           large) + merges: 1, or a few more where a sheet has over 512 merged areas
 *   paint   4 (sheets, our conditional formats, their rules, write)      clear 4
 *   select  2    applyFixes 2, or with its re-check one undo group: 2 + read + paint
 * Every feature states the ExcelApi requirement set it needs (FEATURE_SETS); an older Excel gets
 * WorkbookError('unsupported') naming the feature, never a crash.
 */
import type { CellAddress, Fix } from '../core/findings.js';
import type { CellValue, GridCell, GridSheet, GridWorkbook } from '../core/grid.js';
import {
  EMPTY_MEMORY,
  FEATURE_SETS,
  HIGHLIGHT_COLOURS,
  WorkbookError,
  type Feature,
  type Highlight,
  type PaneMemory,
  type WorkbookPort,
} from '../core/workbook-port.js';
import type { Severity } from '../core/findings.js';
import { ANSWER_SHEET, answerKey, type TrainingAnswer } from '../core/training.js';
import { isDateFormat, serialToIsoDate } from '../xlsx/reader/number-formats.js';
import type { ConditionalFormatLike, OfficeLike, RangeLike, RequestContextLike, WorksheetLike } from './office-types.js';
import { fromA1, rangeToA1, toA1 } from '../core/address.js';
import { asEntry } from './entry.js';

/** Cells per round trip: values, text, number formats and formulas at ~50 bytes a cell stay under Excel on the web's 5 MB. */
export const CELLS_PER_SYNC = 80_000;
/** Smallest batch we split down to before giving up on a payload error. */
const MIN_CELLS_PER_SYNC = 2_000;

const LEGACY_HIGHLIGHTS_KEY = 'budgetCheck.highlights';
const MEMORY_KEY = 'budgetCheck.memory';
const CELL_PROPS = 'values,text,numberFormat,formulas';

/** Our conditional formats carry this formula (always true), so we find them again and never touch anyone else's. */
export function highlightFormula(severity: Severity): string {
  return `=N("budget-check:${severity}")=0`;
}
const OURS = /^=N\("budget-check:(error|warning|info)"\)=0$/;

/** "'表 1'!A1:B2,表3!C4:D5" → ["A1:B2", "C4:D5"]. */
function mergeRanges(address: string): string[] {
  return address
    .split(',')
    .map((part) => part.slice(part.lastIndexOf('!') + 1).trim().replace(/\$/g, ''))
    .filter((a) => a.includes(':'));
}

function toCellValue(v: unknown, numFmt: string): CellValue {
  if (v === '' || v === null || v === undefined) return null;
  // Excel hands dates over as serials; the .xlsx reader gives ISO dates: one grid for both.
  if (typeof v === 'number') return isDateFormat(numFmt) ? serialToIsoDate(v, false) : v;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  return String(v);
}

/** Excel's error codes (OfficeExtension.ErrorCodes), never its messages: those are in the user's language. */
export function translateError(e: unknown): WorkbookError {
  if (e instanceof WorkbookError) return e;
  const code = (e as { code?: string }).code ?? '';
  const message = e instanceof Error ? e.message : String(e);
  switch (code) {
    case 'InvalidOperationInCellEditMode':
    case 'InvalidOperation': // how a batch fails while the user edits a cell (excel-add-ins-delay-in-cell-edit.md)
      return new WorkbookError('editing', message);
    case 'AccessDenied':
      return new WorkbookError('protected', message);
    case 'ApiNotFound':
    case 'NotImplemented':
    case 'FeatureNotAvailable':
    case 'UnsupportedOperation':
      return new WorkbookError('unsupported', message);
    case 'RequestPayloadSizeLimitExceeded':
    case 'ResponsePayloadSizeLimitExceeded':
      return new WorkbookError('busy', message);
    default:
      return new WorkbookError('other', message);
  }
}

/** Excel refused the request or response as too large (Excel on the web: 5 MB). */
const isPayloadError = (e: unknown) => translateError(e).code === 'busy';

interface Block {
  sheet: number;
  ws: WorksheetLike;
  row: number;
  col: number;
  rows: number;
  cols: number;
  range?: RangeLike;
}

/** Cells of one severity on one sheet as column runs ("E5:E9"): one conditional format per run. */
function runs(cells: string[]): string[] {
  const points = cells.map(fromA1).sort((a, b) => a.col - b.col || a.row - b.row);
  const out: string[] = [];
  for (let i = 0; i < points.length; ) {
    let j = i;
    while (j + 1 < points.length && points[j + 1]!.col === points[i]!.col && points[j + 1]!.row <= points[j]!.row + 1) j++;
    const a = points[i]!, b = points[j]!;
    out.push(a.row === b.row ? toA1(a.row, a.col) : rangeToA1({ top: a.row, left: a.col, bottom: b.row, right: b.col }));
    i = j + 1;
  }
  return out;
}

export class ExcelGateway implements WorkbookPort {
  readonly kind = 'excel' as const;

  constructor(private readonly office: OfficeLike) {}

  has(feature: Feature): boolean {
    return this.office.supports(FEATURE_SETS[feature]);
  }

  missingFeatures(): Feature[] {
    return (Object.keys(FEATURE_SETS) as Feature[]).filter((f) => !this.has(f));
  }

  private need(feature: Feature): void {
    if (!this.has(feature)) throw new WorkbookError('unsupported', feature);
  }

  private async run<T>(batch: (ctx: RequestContextLike) => Promise<T>, options: { mergeUndoGroup?: boolean } = {}): Promise<T> {
    try {
      // A batch that meets the user typing in a cell waits for them instead of failing.
      return await this.office.run({ delayForCellEdit: true, ...options }, batch);
    } catch (e) {
      throw translateError(e);
    }
  }

  read(): Promise<GridWorkbook> {
    return this.run((ctx) => this.readIn(ctx));
  }

  private async readIn(ctx: RequestContextLike): Promise<GridWorkbook> {
    const worksheets = ctx.workbook.worksheets;
    worksheets.load('items/name,items/visibility');
    await ctx.sync();
    const used = worksheets.items.map((ws) => {
      const r = this.office.supports('1.4') ? ws.getUsedRangeOrNullObject(true) : ws.getUsedRange(this.office.supports('1.2') || undefined);
      r.load('rowIndex,columnIndex,rowCount,columnCount');
      return r;
    });
    await ctx.sync();
    const sheets: GridSheet[] = worksheets.items.map((ws) => ({ name: ws.name, rows: [], merges: [], ...(ws.visibility !== 'Visible' && { hidden: true }) }));
    // Each sheet's used range as one block: split by cell count for the values, by row slices for merges.
    const wholes: Block[] = worksheets.items.flatMap((ws, i) => {
      const u = used[i]!;
      return u.isNullObject || u.rowCount === 0 ? [] : [{ sheet: i, ws, row: u.rowIndex, col: u.columnIndex, rows: u.rowCount, cols: u.columnCount }];
    });
    await this.readCells(ctx, wholes.flatMap((b) => this.split(b, CELLS_PER_SYNC)), sheets);
    if (this.has('merges')) await this.readMerges(ctx, wholes, sheets);
    for (const s of sheets) for (let i = 0; i < s.rows.length; i++) s.rows[i] ??= [];
    return { sheets };
  }

  /** Row blocks of at most `cells` cells (at least one row each). */
  private split(b: Block, cells: number): Block[] {
    const rowsPer = Math.max(1, Math.floor(cells / b.cols));
    const out: Block[] = [];
    for (let r = 0; r < b.rows; r += rowsPer) out.push({ ...b, row: b.row + r, rows: Math.min(rowsPer, b.rows - r), range: undefined });
    return out;
  }

  private rangeOf(b: Block): RangeLike {
    return this.office.supports('1.7')
      ? b.ws.getRangeByIndexes(b.row, b.col, b.rows, b.cols)
      : b.ws.getRange(rangeToA1({ top: b.row + 1, left: b.col + 1, bottom: b.row + b.rows, right: b.col + b.cols }));
  }

  /** Blocks go out in as few round trips as the payload allows; a payload error halves the batch and retries it. */
  private async readCells(ctx: RequestContextLike, blocks: Block[], sheets: GridSheet[]): Promise<void> {
    let budget = CELLS_PER_SYNC;
    const pending = [...blocks];
    while (pending.length) {
      const batch: Block[] = [];
      let cells = 0;
      while (pending.length && (batch.length === 0 || cells + pending[0]!.rows * pending[0]!.cols <= budget)) {
        const b = pending.shift()!;
        cells += b.rows * b.cols;
        b.range = this.rangeOf(b);
        b.range.load(CELL_PROPS);
        batch.push(b);
      }
      try {
        await ctx.sync();
      } catch (e) {
        if (!isPayloadError(e) || budget <= MIN_CELLS_PER_SYNC) throw e;
        budget = Math.floor(budget / 2);
        pending.unshift(...batch.flatMap((b) => this.split(b, budget)));
        continue;
      }
      for (const b of batch) this.take(b, sheets[b.sheet]!);
    }
  }

  private take(b: Block, sheet: GridSheet): void {
    const { values, text, numberFormat, formulas } = b.range!;
    values.forEach((rowValues, r) => {
      rowValues.forEach((v, c) => {
        const numFmt = String(numberFormat[r]?.[c] ?? 'General');
        const value = toCellValue(v, numFmt);
        if (value === null) return;
        const f = formulas[r]?.[c];
        const cell: GridCell = {
          value,
          text: String(text[r]?.[c] ?? value),
          ...(numFmt !== 'General' && { numFmt }),
          ...(typeof f === 'string' && f.startsWith('=') && { formula: f.slice(1) }),
        };
        (sheet.rows[b.row + r] ??= [])[b.col + c] = cell;
      });
    });
  }

  /**
   * Merged areas in their own round trip: a sheet with more than 512 fails the request, so on failure
   * every sheet is asked again in more row slices (each area is returned by the slice holding its
   * top-left cell), until it succeeds or slices are one row.
   */
  private async readMerges(ctx: RequestContextLike, wholes: Block[], sheets: GridSheet[]): Promise<void> {
    const tallest = Math.max(0, ...wholes.map((b) => b.rows));
    for (let slices = 1; wholes.length; slices *= 8) {
      const asked = wholes
        .flatMap((whole) => this.split(whole, Math.ceil(whole.rows / slices) * whole.cols))
        .map((slice) => {
          const areas = this.rangeOf(slice).getMergedAreasOrNullObject();
          areas.load('address');
          return { sheet: slice.sheet, areas };
        });
      try {
        await ctx.sync();
      } catch (e) {
        if (slices >= tallest) throw e;
        continue;
      }
      for (const a of asked) if (!a.areas.isNullObject) sheets[a.sheet]!.merges.push(...mergeRanges(a.areas.address));
      return;
    }
  }

  async paint(highlights: Highlight[]): Promise<void> {
    this.need('highlight');
    return this.run((ctx) => this.paintIn(ctx, highlights));
  }

  /**
   * Highlights are conditional formats of our own, never the cells' fills: Excel reports an unfilled
   * cell as white (office-js #4900, #6218) and cannot give back theme colours, gradients or table
   * styles, so a fill saved and put back is not always the fill the user had. A conditional format
   * covers the cell while it is there and leaves its formatting untouched when removed.
   */
  private async paintIn(ctx: RequestContextLike, highlights: Highlight[]): Promise<void> {
    const worksheets = ctx.workbook.worksheets;
    worksheets.load('items/name');
    const legacy = this.has('memory') ? ctx.workbook.settings.getItemOrNullObject(LEGACY_HIGHLIGHTS_KEY) : undefined;
    legacy?.load('value');
    await ctx.sync();
    const sheets = worksheets.items;
    const protections = this.office.supports('1.2') ? sheets.map(protectionOf) : [];
    const collections = sheets.map((ws) => {
      const c = ws.getRange().conditionalFormats;
      c.load('items/type');
      return c;
    });
    await ctx.sync();
    const rules = collections.map((c) => c.items.filter((cf) => cf.type === 'Custom').map((cf) => ({ cf, rule: cf.custom.rule })));
    for (const list of rules) for (const r of list) r.rule.load('formula');
    await ctx.sync();

    const locked = new Set(sheets.filter((_, i) => protections[i]?.protected).map((ws) => ws.name));
    await this.quietly(ctx, () => this.queueHighlights(sheets, rules, locked, highlights, legacy && !legacy.isNullObject ? String(legacy.value) : undefined, ctx));
    const skipped = [...new Set(highlights.filter((h) => locked.has(h.sheet)).map((h) => h.sheet))];
    if (skipped.length) throw new WorkbookError('protected', skipped.join('、'));
  }

  private queueHighlights(
    sheets: WorksheetLike[],
    rules: { cf: ConditionalFormatLike; rule: { formula: string } }[][],
    locked: Set<string>,
    highlights: Highlight[],
    legacy: string | undefined,
    ctx: RequestContextLike,
  ): void {
    sheets.forEach((ws, i) => {
      if (locked.has(ws.name)) return;
      for (const r of rules[i]!) if (OURS.test(r.rule.formula)) r.cf.delete();
      const bySeverity = new Map<Severity, string[]>();
      for (const h of highlights) if (h.sheet === ws.name) (bySeverity.get(h.severity) ?? bySeverity.set(h.severity, []).get(h.severity)!).push(h.cell);
      for (const [severity, cells] of bySeverity) {
        for (const address of runs(cells)) {
          const cf = ws.getRange(address).conditionalFormats.add('Custom');
          cf.custom.rule.formula = highlightFormula(severity);
          cf.custom.format.fill.color = HIGHLIGHT_COLOURS[severity];
        }
      }
    });
    if (legacy !== undefined) this.undoLegacyFills(ctx, legacy, new Set(sheets.map((s) => s.name)), locked);
  }

  /**
   * Queues our writes with events off (runtime.enableEvents, ExcelApi 1.8) so they do not look like
   * the user's edits, and syncs. Events are switched back on even when the writes fail.
   */
  private async quietly(ctx: RequestContextLike, queue: () => void): Promise<void> {
    const runtime = this.office.supports('1.8') ? ctx.runtime : undefined;
    if (runtime) runtime.enableEvents = false;
    queue();
    if (runtime) runtime.enableEvents = true;
    try {
      await ctx.sync();
    } catch (e) {
      if (runtime) {
        runtime.enableEvents = true;
        await ctx.sync().catch(() => undefined);
      }
      throw e;
    }
  }

  /**
   * Version 0.1 painted fills and kept the originals in a setting. Put back what it recorded, once.
   * It recorded Excel's white for unfilled cells, so white comes back as no fill.
   */
  private undoLegacyFills(ctx: RequestContextLike, json: string, sheetNames: Set<string>, locked: Set<string>): void {
    let book: { cells?: Record<string, { none?: boolean; color?: string; pattern?: string | null }> };
    try {
      book = JSON.parse(json) as typeof book;
    } catch {
      book = {};
    }
    for (const [key, saved] of Object.entries(book.cells ?? {})) {
      const sheet = key.slice(0, key.lastIndexOf('!'));
      if (!sheetNames.has(sheet) || locked.has(sheet)) continue;
      const fill = ctx.workbook.worksheets.getItem(sheet).getRange(key.slice(key.lastIndexOf('!') + 1)).format.fill;
      if (saved.none || !saved.color || saved.color.toUpperCase() === '#FFFFFF') fill.clear();
      else fill.color = saved.color;
    }
    ctx.workbook.settings.getItemOrNullObject(LEGACY_HIGHLIGHTS_KEY).delete();
  }

  clear(): Promise<void> {
    return this.paint([]);
  }

  /** Activate, then select, in two round trips: both in one batch is unreliable on some builds. */
  select(address: CellAddress): Promise<void> {
    return this.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(address.sheet);
      ws.activate();
      await ctx.sync();
      ws.getRange(address.cell).select();
      await ctx.sync();
    });
  }

  selectedCell(): Promise<CellAddress | null> {
    return this.run(async (ctx) => {
      const range = ctx.workbook.getSelectedRange();
      range.load('address');
      await ctx.sync();
      const [sheet, cells] = [range.address.slice(0, range.address.lastIndexOf('!')).replace(/^'|'$/g, '').replace(/''/g, "'"), range.address.slice(range.address.lastIndexOf('!') + 1)];
      return { sheet, cell: cells.split(':')[0]!.replace(/\$/g, '') };
    });
  }

  /**
   * Calls back with the cell the user selects (ExcelApi 1.2; nothing on an older Excel). The event
   * names no cell, so the handler reads the selection in a batch of its own. Excel raises it for the
   * add-in's own select() too (on the desktop even for the same cell): the pane ignores the cell it
   * has just chosen. The event is known to be late or missing on some builds (office-js #533, #6311),
   * so the pane never depends on it: a failure here is dropped, the cards work as before.
   */
  onSelectionChanged(handler: (address: CellAddress) => void): () => void {
    if (!this.office.supports('1.2')) return () => undefined;
    const registration = this.run(async (ctx) => {
      const r = ctx.workbook.onSelectionChanged.add(async () => {
        const address = await this.selectedCell().catch(() => null);
        if (address) handler(address);
      });
      await ctx.sync();
      return r;
    }).catch(() => undefined);
    return () =>
      void registration.then((r) =>
        r ? this.office.run(r.context, async (ctx) => {
          r.remove();
          await ctx.sync();
        }).catch(() => undefined) : undefined,
      );
  }

  /** Two round trips: is the answer sheet there, then its first cell. */
  trainingKey(): Promise<TrainingAnswer[] | undefined> {
    if (!this.has('training')) return Promise.resolve(undefined);
    return this.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItemOrNullObject(ANSWER_SHEET);
      sheet.load('name');
      await ctx.sync();
      if (sheet.isNullObject) return undefined;
      const a1 = sheet.getRange('A1');
      a1.load('values');
      await ctx.sync();
      const value = a1.values[0]?.[0];
      return typeof value === 'string' ? answerKey({ sheets: [{ name: ANSWER_SHEET, rows: [[{ value, text: value }]], merges: [] }] }) : undefined;
    });
  }

  /**
   * Writes the fixes. Nothing is written when a target sheet is protected or a target cell now holds
   * a formula (a fix never replaces a formula with a constant). With `recheck`, the workbook is read,
   * checked and repainted in the same run: from ExcelApi 1.20 that is one undo group, so one Ctrl+Z
   * takes back the fix and its highlights together.
   */
  applyFixes(fixes: Fix[], recheck?: (grid: GridWorkbook) => Promise<Highlight[]>): Promise<void> {
    if (fixes.length === 0) return Promise.resolve();
    return this.run(
      async (ctx) => {
        const targets = fixes.map((fix) => {
          const ws = ctx.workbook.worksheets.getItem(fix.sheet);
          const range = ws.getRange(fix.cell);
          range.load('formulas');
          return { fix, range, protection: this.office.supports('1.2') ? protectionOf(ws) : undefined };
        });
        await ctx.sync();
        const locked = [...new Set(targets.filter((t) => t.protection?.protected).map((t) => t.fix.sheet))];
        if (locked.length) throw new WorkbookError('protected', locked.join('、'));
        const formulas = targets.filter((t) => String(t.range.formulas[0]?.[0] ?? '').startsWith('='));
        if (formulas.length) throw new WorkbookError('formula', formulas.map((t) => `${t.fix.sheet}!${t.fix.cell}`).join('、'));
        await this.quietly(ctx, () => {
          for (const t of targets) t.range.values = [[asEntry(t.fix.value)]];
        });
        if (recheck) {
          const highlights = await recheck(await this.readIn(ctx));
          if (this.has('highlight')) await this.paintIn(ctx, highlights);
        }
      },
      this.has('undoGroup') ? { mergeUndoGroup: true } : {},
    );
  }

  loadMemory(): Promise<PaneMemory> {
    if (!this.has('memory')) return Promise.resolve({ ...EMPTY_MEMORY });
    return this.run(async (ctx) => {
      const s = ctx.workbook.settings.getItemOrNullObject(MEMORY_KEY);
      s.load('value');
      await ctx.sync();
      return s.isNullObject ? { ...EMPTY_MEMORY } : { ...EMPTY_MEMORY, ...(JSON.parse(String(s.value)) as PaneMemory) };
    });
  }

  async saveMemory(memory: PaneMemory): Promise<void> {
    this.need('memory');
    return this.run(async (ctx) => {
      // Workbook settings are saved in the file: explanations survive save and reopen.
      ctx.workbook.settings.add(MEMORY_KEY, JSON.stringify(memory));
      await ctx.sync();
    });
  }

  /**
   * Calls back when the user changes a value. Our own writes (triggerSource, ExcelApi 1.14) and
   * format-only changes (the same value before and after) are ignored. The handler is removed
   * through the context that registered it, as Excel requires.
   */
  async onChanged(handler: () => void): Promise<() => Promise<void>> {
    this.need('autoRecheck');
    const registration = await this.run(async (ctx) => {
      const r = ctx.workbook.worksheets.onChanged.add(async (e) => {
        if (isUserValueChange(e)) handler();
      });
      await ctx.sync();
      return r;
    });
    return async () => {
      try {
        await this.office.run(registration.context, async (ctx) => {
          registration.remove();
          await ctx.sync();
        });
      } catch (e) {
        throw translateError(e);
      }
    };
  }
}

/** ExcelApi 1.2: whether the sheet is protected, once synced. */
function protectionOf(ws: WorksheetLike): { protected: boolean } {
  const p = ws.protection;
  p.load('protected');
  return p;
}

interface ChangedEventArgs {
  triggerSource?: string;
  details?: { valueBefore?: unknown; valueAfter?: unknown };
}

function isUserValueChange(e: unknown): boolean {
  const event = e as ChangedEventArgs;
  if (event.triggerSource === 'ThisLocalAddin') return false;
  if (event.details && event.details.valueBefore === event.details.valueAfter) return false;
  return true;
}
