/**
 * The open workbook through office.js: the only module that talks to Excel. Every operation costs a
 * fixed number of round trips (context.sync), never one per sheet, row or cell.
 *   read    2 + one per ~100k cells (3 for any ordinary budget workbook)
 *   paint   2    clear 2    select 1    applyFixes 1 (one undo step)
 */
import type { CellAddress, Fix } from '../core/findings.js';
import type { CellValue, GridCell, GridSheet, GridWorkbook } from '../core/grid.js';
import {
  EMPTY_MEMORY,
  HIGHLIGHT_COLOURS,
  WorkbookError,
  type Highlight,
  type PaneMemory,
  type WorkbookPort,
} from '../core/workbook-port.js';
import { ANSWER_SHEET, answerKey, type TrainingAnswer } from '../core/training.js';
import type { FillLike, OfficeLike, RangeLike, RequestContextLike } from './office-types.js';

/** Cells per round trip: about 4 MB of values, text and formats, under Excel on the web's 5 MB. */
export const CELLS_PER_SYNC = 100_000;
/** Rows per range request, so no single range is huge either. */
const ROWS_PER_BLOCK = 2_000;

const HIGHLIGHTS_KEY = 'budgetCheck.highlights';
const MEMORY_KEY = 'budgetCheck.memory';

/** A cell's fill as it was before we painted it, to put back exactly. */
interface SavedFill {
  /** No fill at all (restored with fill.clear()). */
  none: boolean;
  color?: string;
  pattern?: string;
  patternColor?: string;
  tintAndShade?: number | null;
  patternTintAndShade?: number | null;
}

interface HighlightBook {
  version: 1;
  cells: Record<string, SavedFill>;
}

function splitAddress(key: string): CellAddress {
  const i = key.lastIndexOf('!');
  return { sheet: key.slice(0, i), cell: key.slice(i + 1) };
}

function keyOf(a: CellAddress): string {
  return `${a.sheet}!${a.cell}`;
}

/** "'表 1'!A1:B2, 表3!C4:D5" → ["A1:B2", "C4:D5"]. */
function mergeRanges(address: string): string[] {
  return address
    .split(',')
    .map((part) => part.slice(part.lastIndexOf('!') + 1).trim())
    .filter((a) => a.includes(':'));
}

function toCellValue(v: unknown): CellValue {
  if (v === '' || v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  return String(v);
}

export function translateError(e: unknown): WorkbookError {
  const code = (e as { code?: string }).code ?? '';
  const message = e instanceof Error ? e.message : String(e);
  if (code === 'InvalidOperationInCellEditMode') return new WorkbookError('editing', message);
  if (code === 'AccessDenied' || /protect/i.test(message)) return new WorkbookError('protected', message);
  if (code === 'ApiNotFound' || code === 'NotImplemented' || code === 'FeatureNotAvailable') return new WorkbookError('unsupported', message);
  if (code === 'RequestPayloadSizeLimitExceeded' || code === 'ResponsePayloadSizeLimitExceeded') return new WorkbookError('busy', message);
  return new WorkbookError('other', message);
}

export class ExcelGateway implements WorkbookPort {
  readonly kind = 'excel' as const;

  constructor(private readonly office: OfficeLike) {}

  private async run<T>(batch: (ctx: RequestContextLike) => Promise<T>, options: { mergeUndoGroup?: boolean } | null = null): Promise<T> {
    try {
      return await this.office.run(options, batch);
    } catch (e) {
      throw translateError(e);
    }
  }

  read(): Promise<GridWorkbook> {
    return this.run(async (ctx) => {
      const worksheets = ctx.workbook.worksheets;
      worksheets.load('items/name,items/visibility');
      await ctx.sync();
      const used = worksheets.items.map((ws) => {
        const r = ws.getUsedRangeOrNullObject(true);
        r.load('address,rowIndex,columnIndex,rowCount,columnCount');
        return r;
      });
      await ctx.sync();

      const withMerges = this.office.supports('1.13');
      const blocks: { sheet: number; range: RangeLike; row: number; col: number; cells: number }[] = [];
      const merges: ({ address: string; isNullObject: boolean } | undefined)[] = [];
      worksheets.items.forEach((ws, i) => {
        const u = used[i]!;
        if (u.isNullObject) return;
        for (let r = 0; r < u.rowCount; r += ROWS_PER_BLOCK) {
          const rows = Math.min(ROWS_PER_BLOCK, u.rowCount - r);
          blocks.push({ sheet: i, range: ws.getRangeByIndexes(u.rowIndex + r, u.columnIndex, rows, u.columnCount), row: u.rowIndex + r, col: u.columnIndex, cells: rows * u.columnCount });
        }
        if (withMerges) {
          const m = u.getMergedAreasOrNullObject();
          m.load('address');
          merges[i] = m;
        }
      });
      // Blocks go out in as few round trips as the payload limit allows.
      let pending = 0;
      for (const b of blocks) {
        if (pending > 0 && pending + b.cells > CELLS_PER_SYNC) {
          await ctx.sync();
          pending = 0;
        }
        b.range.load('values,text,numberFormat');
        pending += b.cells;
      }
      await ctx.sync();

      const sheets: GridSheet[] = worksheets.items.map((ws, i) => ({
        name: ws.name,
        rows: [],
        merges: merges[i] && !merges[i]!.isNullObject ? mergeRanges(merges[i]!.address) : [],
        ...(ws.visibility !== 'Visible' && { hidden: true }),
      }));
      for (const b of blocks) {
        const sheet = sheets[b.sheet]!;
        b.range.values.forEach((rowValues, r) => {
          rowValues.forEach((v, c) => {
            const value = toCellValue(v);
            if (value === null) return;
            const numFmt = String(b.range.numberFormat[r]?.[c] ?? 'General');
            const cell: GridCell = { value, text: String(b.range.text[r]?.[c] ?? value), ...(numFmt !== 'General' && { numFmt }) };
            ((sheet.rows[b.row + r] ??= [])[b.col + c] = cell);
          });
        });
      }
      for (const s of sheets) for (let i = 0; i < s.rows.length; i++) s.rows[i] ??= [];
      return { sheets };
    });
  }

  paint(highlights: Highlight[]): Promise<void> {
    const withPatterns = this.office.supports('1.9');
    return this.run(async (ctx) => {
      const setting = ctx.workbook.settings.getItemOrNullObject(HIGHLIGHTS_KEY);
      setting.load('value');
      ctx.workbook.worksheets.load('items/name');
      const wanted = new Map(highlights.map((h) => [keyOf(h), h]));
      const fills = new Map<string, FillLike>();
      const fillOf = (key: string) => {
        let f = fills.get(key);
        if (!f) {
          const a = splitAddress(key);
          f = ctx.workbook.worksheets.getItem(a.sheet).getRange(a.cell).format.fill;
          fills.set(key, f);
        }
        return f;
      };
      for (const key of wanted.keys()) fillOf(key).load(withPatterns ? 'color,pattern,patternColor,tintAndShade,patternTintAndShade' : 'color');
      await ctx.sync();

      const book: HighlightBook = setting.isNullObject ? { version: 1, cells: {} } : (JSON.parse(String(setting.value)) as HighlightBook);
      const sheetNames = new Set(ctx.workbook.worksheets.items.map((w) => w.name));
      // Cells painted before but not wanted now get back exactly what they had.
      for (const [key, saved] of Object.entries(book.cells)) {
        if (wanted.has(key)) continue;
        // A sheet deleted or renamed since took its cells (and their fills) with it.
        if (!sheetNames.has(splitAddress(key).sheet)) {
          delete book.cells[key];
          continue;
        }
        restore(fillOf(key), saved);
        delete book.cells[key];
      }
      for (const [key, h] of wanted) {
        const fill = fillOf(key);
        // The first time we paint a cell, its own fill is what must come back later.
        book.cells[key] ??= save(fill, withPatterns);
        if (withPatterns) fill.pattern = 'Solid';
        fill.color = HIGHLIGHT_COLOURS[h.severity];
      }
      ctx.workbook.settings.add(HIGHLIGHTS_KEY, JSON.stringify(book));
      await ctx.sync();
    });
  }

  clear(): Promise<void> {
    return this.paint([]);
  }

  select(address: CellAddress): Promise<void> {
    return this.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(address.sheet);
      ws.activate();
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

  /** Two round trips: is the answer sheet there, then its first cell. */
  trainingKey(): Promise<TrainingAnswer[] | undefined> {
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

  applyFixes(fixes: Fix[]): Promise<void> {
    if (fixes.length === 0) return Promise.resolve();
    // One sync is one undo record; ExcelApi 1.20 also merges explicitly.
    return this.run(
      async (ctx) => {
        // Our own writes must not trigger our own re-check (runtime.enableEvents: ExcelApi 1.8).
        const quiet = ctx.runtime && this.office.supports('1.8');
        if (quiet) ctx.runtime!.enableEvents = false;
        for (const fix of fixes) ctx.workbook.worksheets.getItem(fix.sheet).getRange(fix.cell).values = [[fix.value]];
        if (quiet) ctx.runtime!.enableEvents = true;
        await ctx.sync();
      },
      this.office.supports('1.20') ? { mergeUndoGroup: true } : null,
    );
  }

  loadMemory(): Promise<PaneMemory> {
    return this.run(async (ctx) => {
      const s = ctx.workbook.settings.getItemOrNullObject(MEMORY_KEY);
      s.load('value');
      await ctx.sync();
      return s.isNullObject ? { ...EMPTY_MEMORY } : { ...EMPTY_MEMORY, ...(JSON.parse(String(s.value)) as PaneMemory) };
    });
  }

  saveMemory(memory: PaneMemory): Promise<void> {
    return this.run(async (ctx) => {
      // Workbook settings are saved in the file: explanations survive save and reopen.
      ctx.workbook.settings.add(MEMORY_KEY, JSON.stringify(memory));
      await ctx.sync();
    });
  }

  onChanged(handler: () => void): Promise<() => void> {
    return this.run(async (ctx) => {
      const collection = ctx.workbook.worksheets.onChanged;
      if (!collection) throw new WorkbookError('unsupported', 'worksheets.onChanged');
      const registration = collection.add(async () => handler()) as { remove?: () => void; context?: RequestContextLike };
      await ctx.sync();
      return () => {
        void this.run(async (c) => {
          registration.remove?.();
          await c.sync();
        });
      };
    });
  }
}

function save(fill: FillLike, withPatterns: boolean): SavedFill {
  if (withPatterns) {
    if (fill.pattern === 'None') return { none: true };
    return { none: false, color: fill.color, pattern: fill.pattern!, patternColor: fill.patternColor!, tintAndShade: fill.tintAndShade ?? null, patternTintAndShade: fill.patternTintAndShade ?? null };
  }
  // Without pattern information, white is how Excel reports "no fill".
  return fill.color.toUpperCase() === '#FFFFFF' ? { none: true } : { none: false, color: fill.color };
}

function restore(fill: FillLike, saved: SavedFill): void {
  if (saved.none) {
    fill.clear();
    return;
  }
  if (saved.pattern !== undefined) fill.pattern = saved.pattern;
  if (saved.color !== undefined) fill.color = saved.color;
  if (saved.patternColor !== undefined) fill.patternColor = saved.patternColor;
  if (saved.tintAndShade !== undefined && saved.tintAndShade !== null) fill.tintAndShade = saved.tintAndShade;
  if (saved.patternTintAndShade !== undefined && saved.patternTintAndShade !== null) fill.patternTintAndShade = saved.patternTintAndShade;
}
