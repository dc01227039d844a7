/**
 * An in-memory Excel for gateway tests, written from Microsoft's API reference and its remarks — and
 * never kinder than Excel:
 * - strict proxies: a property read before load() and sync() throws PropertyNotLoaded; queued
 *   commands run in order at sync(), and the first failure fails the sync (earlier commands stay done);
 * - requirement sets per Excel version (PROFILES): a method above the version fails the sync with
 *   ApiNotFound, an event getter above it throws at once; error messages are in Office's language;
 * - worksheets.onChanged fires for values *and* formats (conditional formats included), for the
 *   add-in's own writes too, delivered asynchronously; triggerSource only from ExcelApi 1.14, details
 *   from 1.9; runtime.enableEvents (1.8) silences what is written while it is off; a handler is
 *   removed only through the context that registered it;
 * - getMergedAreasOrNullObject returns only areas whose top-left cell lies in the range and fails the
 *   sync above 512 of them; an unfilled cell reports color #FFFFFF with pattern and tintAndShade null;
 * - Excel on the web fails a sync whose response passes 5 MB; any platform fails a read over 5M cells;
 * - a batch run while the user edits a cell fails (InvalidOperation) unless delayForCellEdit waits;
 * - undo: from ExcelApi 1.20 each sync that writes is an undo record (one per run with
 *   mergeUndoGroup); before it, an add-in's write clears the user's undo stack;
 * - workbook.onSelectionChanged (ExcelApi 1.2) names no cell, and is raised for the add-in's own
 *   range.select() too, even of the cell already selected (as on the desktop: office-js #4691).
 */
import { fromA1, parseRange, rangeToA1, toA1 } from '../../src/core/address.js';
import type { OfficeLike, RequestContextLike } from '../../src/excel/office-types.js';

export interface ExcelProfile {
  name: string;
  /** The highest ExcelApi 1.x requirement set it supports (the minor number). */
  api: number;
  /** Excel on the web: 5 MB per request and response. */
  web: boolean;
  language: 'zh-CN' | 'en-US';
}

/** From the requirement-set table (excel-api-requirement-sets.md): volume-licensed builds stop at these sets. */
export const PROFILES: ExcelProfile[] = [
  { name: 'Excel 2016 (volume licensed)', api: 1, web: false, language: 'zh-CN' },
  { name: 'Excel 2019 (volume licensed)', api: 7, web: false, language: 'zh-CN' },
  { name: 'Excel 2021 (volume licensed)', api: 14, web: false, language: 'zh-CN' },
  { name: 'Microsoft 365 on Windows', api: 20, web: false, language: 'zh-CN' },
  { name: 'Excel on the web', api: 20, web: true, language: 'en-US' },
];

export const M365 = PROFILES[3]!;

export interface FakeFill {
  color: string;
  pattern: string | null;
  patternColor: string | null;
  tintAndShade: number | null;
  patternTintAndShade: number | null;
}

/** What Excel reports for a cell nobody filled (office-js #4900, #6218): white, no pattern, no tint. */
export const NO_FILL: FakeFill = { color: '#FFFFFF', pattern: null, patternColor: null, tintAndShade: null, patternTintAndShade: null };

/**
 * What a value set through Range.values becomes, as Excel takes it: like an entry typed into the cell.
 * The reference says a string starting with “=”, “+” or “-” is taken as a formula; a leading apostrophe
 * keeps the rest as text; a string that reads as a number (“001”, “50%”, “1,234.5”) becomes one, and
 * TRUE/FALSE a boolean. The formula is not evaluated here: its value is Excel's #NAME? for what it cannot.
 */
export function enteredAs(value: string | number | boolean): Pick<FakeCell, 'value' | 'text' | 'formula'> {
  if (typeof value !== 'string') return { value, text: String(value) };
  if (value.startsWith("'")) return { value: value.slice(1), text: value.slice(1) };
  const number = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?$/.test(value.trim()) ? Number(value.trim().replace(/[,%]/g, '')) / (value.trim().endsWith('%') ? 100 : 1) : undefined;
  if (number !== undefined && Number.isFinite(number)) return { value: number, text: value.trim() };
  if (/^[=+-]/.test(value)) return { value: '#NAME?', text: '#NAME?', formula: value.startsWith('=') ? value : `=${value}` };
  if (/^(true|false)$/i.test(value)) return { value: value.toLowerCase() === 'true', text: value.toUpperCase() };
  return { value, text: value };
}

export interface FakeCell {
  value: string | number | boolean;
  text?: string;
  numberFormat?: string;
  /** "=SUM(E6:E9)": the value is then its result. */
  formula?: string;
  error?: boolean;
  fill?: FakeFill;
}

export interface FakeConditionalFormat {
  type: 'Custom' | 'CellValue';
  address: string;
  formula: string;
  color: string;
}

const MESSAGES: Record<string, Record<ExcelProfile['language'], string>> = {
  ApiNotFound: { 'zh-CN': '找不到所请求的 API。', 'en-US': 'The requested API could not be found.' },
  AccessDenied: { 'zh-CN': '您尝试更改的单元格或图表位于受保护的工作表上。', 'en-US': "The cell or chart you're trying to change is on a protected sheet." },
  InvalidOperation: { 'zh-CN': '该操作无效。', 'en-US': 'The operation is invalid for the object.' },
  GeneralException: { 'zh-CN': '处理请求时出现内部错误。', 'en-US': 'An internal error has occurred while processing the request.' },
  ResponsePayloadSizeLimitExceeded: { 'zh-CN': '响应负载大小超出了限制。', 'en-US': 'The response payload size has exceeded the limit.' },
  ItemNotFound: { 'zh-CN': '请求的资源不存在。', 'en-US': 'The requested resource doesn’t exist.' },
  PropertyNotLoaded: { 'zh-CN': '属性尚未加载。', 'en-US': 'The property has not been loaded.' },
};

export class FakeSheet {
  cells = new Map<string, FakeCell>();
  merges: string[] = [];
  conditionalFormats: FakeConditionalFormat[] = [];
  visibility = 'Visible';
  protected = false;
  constructor(public name: string) {}

  set(address: string, cell: FakeCell): this {
    this.cells.set(address, cell);
    return this;
  }

  cell(row: number, col: number): FakeCell | undefined {
    return this.cells.get(toA1(row, col));
  }

  private parsed?: { from: string[]; list: { a1: string; bounds: ReturnType<typeof parseRange> }[] };
  /** The merges parsed once (a county workbook asks for them in 64 slices). */
  parsedMerges(): { a1: string; bounds: ReturnType<typeof parseRange> }[] {
    if (this.parsed?.from !== this.merges) this.parsed = { from: this.merges, list: this.merges.map((a1) => ({ a1, bounds: parseRange(a1) })) };
    return this.parsed.list;
  }

  fillOf(address: string): FakeFill {
    return this.cells.get(address)?.fill ?? NO_FILL;
  }

  /** The colour a cell shows: the highest-priority conditional format over it, else its own fill. */
  shownColour(address: string): string {
    const at = fromA1(address);
    const cf = this.conditionalFormats.find((c) => c.address.split(',').some((a) => inside(parseRange(a.trim()), at.row, at.col)));
    return cf?.color ?? this.fillOf(address).color;
  }
}

function inside(r: { top: number; left: number; bottom: number; right: number }, row: number, col: number): boolean {
  return row >= r.top && row <= r.bottom && col >= r.left && col <= r.right;
}

export interface ChangedEvent {
  type: 'WorksheetChanged';
  changeType: 'RangeEdited';
  source: 'Local';
  address: string;
  worksheetId: string;
  triggerSource?: 'ThisLocalAddin' | 'Unknown';
  details?: { valueBefore: unknown; valueAfter: unknown };
}

interface Registration<E = ChangedEvent> {
  context: FakeContext;
  handler: (e: E) => Promise<void>;
  active: boolean;
}

interface Change {
  sheet: string;
  address: string;
  before: unknown;
  after: unknown;
}

export class FakeExcel implements OfficeLike {
  sheets: FakeSheet[] = [];
  settings = new Map<string, unknown>();
  syncs = 0;
  /** Undo records, each the list of writes it holds; cleared where an add-in write is not undoable. */
  undoRecords: string[][] = [];
  enableEvents = true;
  registrations: Registration[] = [];
  selectionRegistrations: Registration<unknown>[] = [];
  active = '';
  selected = '';
  /** The user is typing in a cell: batches fail unless they ask to wait (delayForCellEdit). */
  editing = false;
  private waiting: (() => void)[] = [];
  private delivering: Promise<void>[] = [];

  constructor(readonly profile: ExcelProfile = M365) {}

  sheet(name: string): FakeSheet {
    let s = this.sheets.find((x) => x.name === name);
    if (!s) {
      s = new FakeSheet(name);
      this.sheets.push(s);
    }
    return s;
  }

  supports(version: string): boolean {
    return Number(version.split('.')[1]) <= this.profile.api;
  }

  error(code: string): Error {
    return Object.assign(new Error(MESSAGES[code]?.[this.profile.language] ?? code), { code });
  }

  run: OfficeLike['run'] = async (options, batch) => {
    const reuse = options instanceof FakeContext ? options : undefined;
    const opts = (reuse ? null : options) as { mergeUndoGroup?: boolean; delayForCellEdit?: boolean } | null;
    if (this.editing) {
      if (!opts?.delayForCellEdit) throw this.error('InvalidOperation');
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    const ctx = reuse ?? new FakeContext(this, !!opts?.mergeUndoGroup && this.profile.api >= 20);
    const result = await batch(ctx as unknown as RequestContextLike);
    if (ctx.merged.length) this.undoRecords.push(ctx.merged.splice(0));
    return result;
  };

  /** The user leaves cell-edit mode: delayed batches go ahead. */
  finishEditing(): void {
    this.editing = false;
    for (const w of this.waiting.splice(0)) w();
  }

  /** The user types a value into a cell. */
  userEdit(sheet: string, address: string, value: string | number): void {
    const s = this.sheet(sheet);
    const before = s.cells.get(address)?.value ?? '';
    s.cells.set(address, { ...(s.cells.get(address) ?? {}), value, text: String(value) });
    if (this.enableEvents) this.emit([{ sheet, address, before, after: value }], 'Unknown');
  }

  /** The user selects a cell (a click in the sheet). */
  userSelect(sheet: string, cell: string): void {
    this.active = sheet;
    this.selected = `${sheet}!${cell}`;
    this.emitSelection();
  }

  /** Delivers the selection event, later, never inside the batch that caused it; it names no cell. */
  emitSelection(): void {
    for (const r of this.selectionRegistrations) {
      if (!r.active) continue;
      this.delivering.push(new Promise<void>((resolve) => setTimeout(() => void r.handler({ type: 'SelectionChanged' }).finally(resolve), 0)));
    }
  }

  /** The user changes a cell's fill: a change event with the same value before and after. */
  userFill(sheet: string, address: string, color: string): void {
    const s = this.sheet(sheet);
    const cell = s.cells.get(address) ?? { value: '' };
    s.cells.set(address, { ...cell, fill: { color, pattern: 'Solid', patternColor: null, tintAndShade: 0, patternTintAndShade: 0 } });
    if (this.enableEvents) this.emit([{ sheet, address, before: cell.value, after: cell.value }], 'Unknown');
  }

  /** Resolves once every event delivered so far has been handled. */
  async settle(): Promise<void> {
    while (this.delivering.length) await Promise.all(this.delivering.splice(0));
  }

  /** Delivers change events to the registered handlers (Excel raises them only while events are enabled). */
  emit(changes: Change[], trigger: 'ThisLocalAddin' | 'Unknown'): void {
    for (const change of changes) {
      const event: ChangedEvent = {
        type: 'WorksheetChanged',
        changeType: 'RangeEdited',
        source: 'Local',
        address: change.address,
        worksheetId: change.sheet,
        ...(this.profile.api >= 14 && { triggerSource: trigger }),
        ...(this.profile.api >= 9 && !change.address.includes(':') && { details: { valueBefore: change.before, valueAfter: change.after } }),
      };
      for (const r of this.registrations) {
        if (!r.active) continue;
        // Events arrive later, never inside the batch that caused them.
        this.delivering.push(new Promise<void>((resolve) => setTimeout(() => void r.handler(event).finally(resolve), 0)));
      }
    }
  }
}

type Command = () => void;

/** Loaded properties of one proxy object; reading one not loaded throws. */
class ClientObject {
  protected loaded = new Map<string, unknown>();
  constructor(readonly context: FakeContext) {}

  load(props: string | string[]): this {
    const list = (Array.isArray(props) ? props : props.split(',')).map((p) => p.trim()).filter(Boolean);
    this.context.queue(() => {
      for (const p of list) this.loaded.set(p, this.read(p));
    }, list.length ? this.loadBytes(list) : () => 0);
    return this;
  }

  protected loadBytes(_props: string[]): () => number {
    return () => 0;
  }

  protected read(_prop: string): unknown {
    return undefined;
  }

  protected get<T>(prop: string): T {
    if (!this.loaded.has(prop)) throw Object.assign(new Error(`PropertyNotLoaded: ${prop}`), { code: 'PropertyNotLoaded' });
    return this.loaded.get(prop) as T;
  }
}

class FakeContext {
  private commands: { run: Command; bytes: () => number }[] = [];
  /** Writes in this run that went into an undo group (mergeUndoGroup). */
  merged: string[] = [];
  private wrote: string[] = [];
  private changes: Change[] = [];
  workbook: unknown;
  runtime: unknown;

  constructor(
    readonly excel: FakeExcel,
    private readonly mergeUndo: boolean,
  ) {
    const ctx = this;
    const worksheets = new (class extends ClientObject {
      get items() {
        return this.get<FakeWorksheet[]>('items');
      }
      getItem(name: string) {
        ctx.queue(() => {
          if (!excel.sheets.some((s) => s.name === name)) throw excel.error('ItemNotFound');
        });
        return new FakeWorksheet(ctx, name);
      }
      getItemOrNullObject(name: string) {
        ctx.need(4);
        return new FakeWorksheet(ctx, name, true);
      }
      get onChanged() {
        return ctx.event(9, excel.registrations);
      }
      override load() {
        return super.load('items');
      }
      protected override read() {
        return excel.sheets.map((s) => new FakeWorksheet(ctx, s.name, false, true));
      }
    })(this);
    const settings = {
      add: (key: string, value: unknown) => {
        this.need(4);
        this.queue(() => excel.settings.set(key, value));
      },
      getItemOrNullObject: (key: string) => {
        this.need(4);
        return new FakeSetting(ctx, key);
      },
    };
    this.workbook = {
      getSelectedRange: () => {
        const [sheet, cell] = excel.selected.split('!');
        return new FakeWorksheet(ctx, sheet!).getRange(cell!);
      },
      get onSelectionChanged() {
        return ctx.event(2, excel.selectionRegistrations);
      },
      worksheets,
      settings,
    };
    this.runtime = {
      set enableEvents(v: boolean) {
        ctx.need(8);
        ctx.queue(() => (excel.enableEvents = v));
      },
    };
  }

  /**
   * An event's handler collection (`add` only): the event's getter throws at once on an Excel below its
   * requirement set; a handler is registered at the next sync, and removed only through the context
   * that registered it (excel-add-ins-events.md).
   */
  event<E>(minor: number, list: Registration<E>[]) {
    if (this.excel.profile.api < minor) throw this.excel.error('ApiNotFound');
    return {
      add: (handler: (e: E) => Promise<void>) => {
        const registration: Registration<E> = { context: this, handler, active: false };
        this.queue(() => {
          registration.active = true;
          list.push(registration);
        });
        return {
          context: this,
          remove: () =>
            this.queue(() => {
              if (this === registration.context) registration.active = false;
            }),
        };
      },
    };
  }

  /** An API above the profile's requirement set fails the sync it is queued in. */
  need(minor: number): void {
    if (this.excel.profile.api < minor) this.queue(() => {
      throw this.excel.error('ApiNotFound');
    });
  }

  queue(run: Command, bytes: () => number = () => 0): void {
    this.commands.push({ run, bytes });
  }

  /**
   * A format write (a fill, a conditional format): Excel raises a change event for it too, the value
   * of the range's top-left cell the same before and after.
   */
  writeFormat(kind: string, sheet: FakeSheet, address: string, apply: Command): void {
    const first = parseRange(address.split(',')[0]!.trim());
    const value = sheet.cells.get(toA1(first.top, first.left))?.value ?? '';
    this.write(`${kind} ${sheet.name}!${address}`, { sheet: sheet.name, address, before: value, after: value }, apply);
  }

  write(what: string, change: Change | undefined, apply: Command): void {
    this.queue(() => {
      apply();
      this.wrote.push(what);
      // Whether Excel raises an event is decided when the change happens.
      if (change && this.excel.enableEvents) this.changes.push(change);
    });
  }

  async sync(): Promise<void> {
    this.excel.syncs++;
    const commands = this.commands.splice(0);
    let bytes = 0;
    try {
      for (const c of commands) {
        bytes += c.bytes();
        if (this.excel.profile.web && bytes > 5 * 1024 * 1024) throw this.excel.error('ResponsePayloadSizeLimitExceeded');
        c.run();
      }
    } finally {
      this.record();
    }
    await Promise.resolve();
  }

  private record(): void {
    const wrote = this.wrote.splice(0);
    const changes = this.changes.splice(0);
    if (wrote.length) {
      if (this.excel.profile.api < 20) this.excel.undoRecords = [];
      else if (this.mergeUndo) this.merged.push(...wrote);
      else this.excel.undoRecords.push(wrote);
    }
    this.excel.emit(changes, 'ThisLocalAddin');
  }
}

class FakeSetting extends ClientObject {
  constructor(
    ctx: FakeContext,
    private key: string,
  ) {
    super(ctx);
    ctx.queue(() => this.loaded.set('isNullObject', !ctx.excel.settings.has(key)));
  }
  delete() {
    this.context.queue(() => this.context.excel.settings.delete(this.key));
  }
  get value() {
    return this.get('value');
  }
  get isNullObject() {
    return this.get<boolean>('isNullObject');
  }
  protected override read() {
    return this.context.excel.settings.get(this.key);
  }
}

class FakeWorksheet extends ClientObject {
  constructor(
    ctx: FakeContext,
    private sheetName: string,
    orNull = false,
    preloaded = false,
  ) {
    super(ctx);
    if (orNull) ctx.queue(() => this.loaded.set('isNullObject', !ctx.excel.sheets.some((s) => s.name === sheetName)));
    if (preloaded) {
      this.loaded.set('name', sheetName);
      this.loaded.set('visibility', this.model.visibility);
    }
  }
  get model(): FakeSheet {
    return this.context.excel.sheets.find((s) => s.name === this.sheetName) ?? new FakeSheet(this.sheetName);
  }
  get isNullObject() {
    return this.get<boolean>('isNullObject');
  }
  get name() {
    return this.get<string>('name');
  }
  get visibility() {
    return this.get<string>('visibility');
  }
  get protection() {
    const ws = this;
    this.context.need(2);
    return new (class extends ClientObject {
      get protected() {
        return this.get<boolean>('protected');
      }
      protected override read() {
        return ws.model.protected;
      }
    })(this.context);
  }
  protected override read(p: string) {
    return p === 'name' ? this.sheetName : p === 'visibility' ? this.model.visibility : undefined;
  }
  activate() {
    this.context.queue(() => (this.context.excel.active = this.sheetName));
  }
  getRange(address?: string) {
    if (address === undefined) return new FakeRange(this.context, this.model, 1, 1, 1_048_576, 16_384);
    const r = parseRange(address);
    return new FakeRange(this.context, this.model, r.top, r.left, r.bottom - r.top + 1, r.right - r.left + 1);
  }
  getRangeByIndexes(row: number, col: number, rows: number, cols: number) {
    this.context.need(7);
    return new FakeRange(this.context, this.model, row + 1, col + 1, rows, cols);
  }
  private used(): FakeRange | undefined {
    let top = Infinity, left = Infinity, bottom = 0, right = 0;
    for (const [key, cell] of this.model.cells) {
      if (cell.value === '') continue;
      const p = fromA1(key);
      top = Math.min(top, p.row); left = Math.min(left, p.col); bottom = Math.max(bottom, p.row); right = Math.max(right, p.col);
    }
    return bottom === 0 ? undefined : new FakeRange(this.context, this.model, top, left, bottom - top + 1, right - left + 1);
  }
  /** ExcelApi 1.1: a blank sheet gives A1. */
  getUsedRange() {
    return this.used() ?? new FakeRange(this.context, this.model, 1, 1, 1, 1);
  }
  getUsedRangeOrNullObject() {
    this.context.need(4);
    return this.used() ?? new FakeRange(this.context, this.model, 1, 1, 0, 0, true);
  }
}

class FakeFillProxy extends ClientObject {
  constructor(
    ctx: FakeContext,
    private sheet: FakeSheet,
    private address: string,
  ) {
    super(ctx);
  }
  private setProp(p: keyof FakeFill, v: unknown) {
    const cell = () => this.sheet.cells.get(this.address) ?? this.sheet.cells.set(this.address, { value: '' }).get(this.address)!;
    this.context.writeFormat('fill', this.sheet, this.address, () => {
      const c = cell();
      c.fill = { ...(c.fill ?? NO_FILL), [p]: v };
    });
  }
  protected override read(p: string) {
    return (this.sheet.fillOf(this.address) as unknown as Record<string, unknown>)[p];
  }
  get color() { return this.get<string>('color'); }
  set color(v: string) { this.setProp('color', v); }
  clear() {
    this.context.writeFormat('fill', this.sheet, this.address, () => {
      const cell = this.sheet.cells.get(this.address);
      if (!cell) return;
      delete cell.fill;
      if (cell.value === '') this.sheet.cells.delete(this.address);
    });
  }
}

/** Cells a read returns past which any platform fails (resource-limits-and-performance-optimization.md). */
const MAX_READ_CELLS = 5_000_000;
/** Merged areas past which getMergedAreasOrNullObject fails (its API reference remarks). */
const MAX_MERGED_AREAS = 512;

class FakeRange extends ClientObject {
  constructor(
    ctx: FakeContext,
    private sheet: FakeSheet,
    private top: number,
    private left: number,
    private rows: number,
    private cols: number,
    private nullObject = false,
  ) {
    super(ctx);
  }
  private get a1() {
    return this.rows === 1 && this.cols === 1 ? toA1(this.top, this.left) : rangeToA1({ top: this.top, left: this.left, bottom: this.top + this.rows - 1, right: this.left + this.cols - 1 });
  }
  get isNullObject() { return this.nullObject; }
  get address() { return this.get<string>('address'); }
  get rowIndex() { return this.get<number>('rowIndex'); }
  get columnIndex() { return this.get<number>('columnIndex'); }
  get rowCount() { return this.get<number>('rowCount'); }
  get columnCount() { return this.get<number>('columnCount'); }
  get values() { return this.get<unknown[][]>('values'); }
  set values(v: unknown[][]) {
    const at = toA1(this.top, this.left);
    const value = v[0]![0] as string | number;
    const before = this.sheet.cells.get(at)?.value ?? '';
    this.context.write(`value ${this.sheet.name}!${at}`, { sheet: this.sheet.name, address: at, before, after: value }, () => {
      if (this.sheet.protected) throw this.context.excel.error('AccessDenied');
      const cell = this.sheet.cells.get(at);
      const rest = { ...(cell ?? {}) };
      delete rest.formula;
      this.sheet.cells.set(at, { ...rest, ...enteredAs(value) });
    });
  }
  get text() { return this.get<string[][]>('text'); }
  get numberFormat() { return this.get<string[][]>('numberFormat'); }
  get formulas() { return this.get<unknown[][]>('formulas'); }
  get valueTypes() { return this.get<string[][]>('valueTypes'); }
  get format() {
    return { fill: new FakeFillProxy(this.context, this.sheet, toA1(this.top, this.left)) };
  }
  get conditionalFormats() {
    this.context.need(6);
    return new FakeConditionalFormats(this.context, this.sheet, { top: this.top, left: this.left, bottom: this.top + this.rows - 1, right: this.left + this.cols - 1 }, this.a1);
  }
  select() {
    this.context.queue(() => {
      this.context.excel.selected = `${this.sheet.name}!${toA1(this.top, this.left)}`;
      this.context.excel.emitSelection();
    });
  }
  getMergedAreasOrNullObject() {
    this.context.need(13);
    const { sheet, top, left, rows, cols } = this;
    const excel = this.context.excel;
    // Only areas whose top-left cell lies in the range; above 512 the whole request fails.
    const areas = () => sheet.parsedMerges().filter(({ bounds }) => inside({ top, left, bottom: top + rows - 1, right: left + cols - 1 }, bounds.top, bounds.left)).map((m) => m.a1);
    return new (class extends ClientObject {
      get isNullObject() { return this.get<boolean>('isNullObject'); }
      get address() { return this.get<string>('address'); }
      protected override read(p: string) {
        const found = areas();
        if (found.length > MAX_MERGED_AREAS) throw excel.error('GeneralException');
        return p === 'isNullObject' ? found.length === 0 : found.map((m) => `'${sheet.name}'!${m}`).join(',');
      }
      override load(props: string) {
        return super.load(`isNullObject,${props}`);
      }
    })(this.context);
  }
  private grid<T>(f: (c: FakeCell | undefined) => T): T[][] {
    if (this.rows * this.cols > MAX_READ_CELLS) throw this.context.excel.error('GeneralException');
    return Array.from({ length: this.rows }, (_, r) => Array.from({ length: this.cols }, (_, c) => f(this.sheet.cell(this.top + r, this.left + c))));
  }
  protected override loadBytes(props: string[]) {
    // Only Excel on the web limits the response; elsewhere there is nothing to count.
    if (!this.context.excel.profile.web) return () => 0;
    return () => {
      let bytes = 0;
      // UTF-8 bytes, as the limit counts them: a Chinese character is three.
      for (const p of props) if (['values', 'text', 'numberFormat', 'formulas', 'valueTypes'].includes(p)) bytes += new TextEncoder().encode(JSON.stringify(this.read(p))).length;
      return bytes;
    };
  }
  protected override read(p: string) {
    switch (p) {
      case 'address': return `${this.sheet.name}!${this.a1}`;
      case 'rowIndex': return this.top - 1;
      case 'columnIndex': return this.left - 1;
      case 'rowCount': return this.rows;
      case 'columnCount': return this.cols;
      case 'values': return this.grid((c) => c?.value ?? '');
      case 'text': return this.grid((c) => c?.text ?? (c ? String(c.value) : ''));
      case 'numberFormat': return this.grid((c) => c?.numberFormat ?? 'General');
      case 'formulas': return this.grid((c) => c?.formula ?? c?.value ?? '');
      case 'valueTypes':
        return this.grid((c) => (!c || c.value === '' ? 'Empty' : c.error ? 'Error' : typeof c.value === 'number' ? (Number.isInteger(c.value) ? 'Integer' : 'Double') : typeof c.value === 'boolean' ? 'Boolean' : 'String'));
      default: return undefined;
    }
  }
}

class FakeConditionalFormats extends ClientObject {
  constructor(
    ctx: FakeContext,
    private sheet: FakeSheet,
    private bounds: { top: number; left: number; bottom: number; right: number },
    private a1: string,
  ) {
    super(ctx);
  }
  get items() { return this.get<FakeConditionalFormatProxy[]>('items'); }
  override load() {
    return super.load('items');
  }
  protected override read() {
    const b = this.bounds;
    const touches = (cf: FakeConditionalFormat) =>
      cf.address.split(',').some((a) => {
        const r = parseRange(a.trim());
        return r.top <= b.bottom && r.bottom >= b.top && r.left <= b.right && r.right >= b.left;
      });
    return this.sheet.conditionalFormats.filter(touches).map((cf) => new FakeConditionalFormatProxy(this.context, this.sheet, cf));
  }
  /** Adds at the top priority (ConditionalFormatCollection.add). Only custom formats are modelled. */
  add(type: string) {
    const cf: FakeConditionalFormat = { type: type as 'Custom', address: this.a1, formula: '', color: '' };
    this.context.writeFormat('conditional format', this.sheet, this.a1, () => {
      if (this.sheet.protected) throw this.context.excel.error('AccessDenied');
      this.sheet.conditionalFormats.unshift(cf);
    });
    return new FakeConditionalFormatProxy(this.context, this.sheet, cf);
  }
}

class FakeConditionalFormatProxy extends ClientObject {
  constructor(
    ctx: FakeContext,
    private sheet: FakeSheet,
    private cf: FakeConditionalFormat,
  ) {
    super(ctx);
    this.loaded.set('type', cf.type);
  }
  get type() { return this.get<string>('type'); }
  get custom() {
    const { cf, context } = this;
    if (cf.type !== 'Custom') throw context.excel.error('InvalidOperation');
    return {
      rule: new (class extends ClientObject {
        get formula() { return this.get<string>('formula'); }
        set formula(v: string) { context.queue(() => (cf.formula = v)); }
        protected override read() { return cf.formula; }
      })(context),
      format: { fill: { set color(v: string) { context.queue(() => (cf.color = v)); } } },
    };
  }
  delete() {
    this.context.writeFormat('conditional format', this.sheet, this.cf.address, () => {
      if (this.sheet.protected) throw this.context.excel.error('AccessDenied');
      this.sheet.conditionalFormats = this.sheet.conditionalFormats.filter((c) => c !== this.cf);
    });
  }
}
