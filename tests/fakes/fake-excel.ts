/**
 * An in-memory Excel for gateway tests. Strict like office.js: a property read before it was loaded
 * and synced throws; writes take effect at sync(). It counts syncs, keeps undo records (one per sync
 * that wrote, or one per run with mergeUndoGroup) and the change events the add-in would receive.
 */
import { columnLetters, fromA1, parseRange, toA1 } from '../../src/core/address.js';
import type { OfficeLike, RequestContextLike } from '../../src/excel/office-types.js';

export interface FakeFill {
  color: string;
  pattern: string;
  patternColor: string;
  tintAndShade: number;
  patternTintAndShade: number;
}

export interface FakeCell {
  value: string | number | boolean;
  text?: string;
  numberFormat?: string;
  fill?: FakeFill;
}

export const NO_FILL: FakeFill = { color: '#FFFFFF', pattern: 'None', patternColor: '#000000', tintAndShade: 0, patternTintAndShade: 0 };

export class FakeSheet {
  cells = new Map<string, FakeCell>();
  merges: string[] = [];
  visibility = 'Visible';
  constructor(public name: string) {}

  set(address: string, cell: FakeCell): this {
    this.cells.set(address, cell);
    return this;
  }

  cell(row: number, col: number): FakeCell | undefined {
    return this.cells.get(toA1(row, col));
  }

  fillOf(address: string): FakeFill {
    return this.cells.get(address)?.fill ?? NO_FILL;
  }
}

export class FakeExcel implements OfficeLike {
  sheets: FakeSheet[] = [];
  settings = new Map<string, unknown>();
  syncs = 0;
  undoRecords: string[][] = [];
  events: string[] = [];
  enableEvents = true;
  active = '';
  selected = '';
  supported = new Set(['1.4', '1.7', '1.8', '1.9', '1.13']);

  sheet(name: string): FakeSheet {
    let s = this.sheets.find((x) => x.name === name);
    if (!s) {
      s = new FakeSheet(name);
      this.sheets.push(s);
    }
    return s;
  }

  supports(version: string): boolean {
    return this.supported.has(version);
  }

  run: OfficeLike['run'] = async (options, batch) => {
    const ctx = new FakeContext(this, !!options?.mergeUndoGroup);
    const result = await batch(ctx as unknown as RequestContextLike);
    if (ctx.merged.length) this.undoRecords.push(ctx.merged);
    return result;
  };
}

type Pending = () => void;

/** A proxy object whose loaded properties can be read only after sync. */
class Loadable {
  protected requested = new Set<string>();
  protected loaded = new Map<string, unknown>();
  constructor(protected ctx: FakeContext) {}

  load(props: string): this {
    for (const p of props.split(',')) this.requested.add(p.trim());
    this.ctx.toLoad.add(this);
    return this;
  }

  /** Called at sync: take the snapshot of what was requested. */
  resolve(): void {
    for (const p of this.requested) this.loaded.set(p, this.read(p));
    this.requested.clear();
  }

  protected read(_prop: string): unknown {
    return undefined;
  }

  protected get<T>(prop: string): T {
    if (!this.loaded.has(prop)) throw new Error(`PropertyNotLoaded: ${prop} was read before load() and sync()`);
    return this.loaded.get(prop) as T;
  }
}

class FakeContext {
  toLoad = new Set<Loadable>();
  writes: Pending[] = [];
  writeLog: string[] = [];
  merged: string[] = [];
  workbook: unknown;
  runtime: { enableEvents: boolean };

  constructor(
    readonly excel: FakeExcel,
    private readonly mergeUndo: boolean,
  ) {
    const ctx = this;
    const worksheets = new (class extends Loadable {
      get items() {
        return this.get<FakeWorksheet[]>('items');
      }
      getItem(name: string) {
        if (!excel.sheets.some((s) => s.name === name)) throw Object.assign(new Error(`ItemNotFound: ${name}`), { code: 'ItemNotFound' });
        return new FakeWorksheet(ctx, name);
      }
      getItemOrNullObject(name: string) {
        const exists = excel.sheets.some((s) => s.name === name);
        const ws = new FakeWorksheet(ctx, exists ? name : '__missing__');
        return Object.assign(ws, { isNullObject: !exists });
      }
      override load(props: string) {
        this.requested.add('items');
        ctx.toLoad.add(this);
        void props;
        return this;
      }
      protected override read() {
        return excel.sheets.map((s) => new FakeWorksheet(ctx, s.name, true));
      }
    })(this);
    this.workbook = {
      getSelectedRange: () => {
        const [sheet, cell] = excel.selected.split('!');
        return new FakeWorksheet(ctx, sheet!).getRange(cell!);
      },
      worksheets,
      settings: {
        add: (key: string, value: unknown) => this.write(`setting ${key}`, () => excel.settings.set(key, value)),
        getItemOrNullObject: (key: string) => new FakeSetting(ctx, key),
      },
    };
    const runtime = { enableEvents: true };
    this.runtime = new Proxy(runtime, {
      set: (_t, p, v) => {
        if (p === 'enableEvents') this.writes.push(() => (excel.enableEvents = v as boolean));
        return true;
      },
    });
  }

  write(what: string, apply: () => void): void {
    this.writeLog.push(what);
    this.writes.push(() => {
      apply();
      if (what.startsWith('value ') && this.excel.enableEvents) this.excel.events.push(what);
    });
  }

  async sync(): Promise<void> {
    this.excel.syncs++;
    for (const w of this.writes) w();
    this.writes = [];
    for (const l of this.toLoad) l.resolve();
    this.toLoad.clear();
    const wrote = this.writeLog.filter((w) => !w.startsWith('setting'));
    if (wrote.length) {
      if (this.mergeUndo) this.merged.push(...wrote);
      else this.excel.undoRecords.push(wrote);
    }
    this.writeLog = [];
  }
}

class FakeSetting extends Loadable {
  constructor(
    ctx: FakeContext,
    private key: string,
  ) {
    super(ctx);
  }
  get value() {
    return this.get('value');
  }
  get isNullObject() {
    return !this.ctx.excel.settings.has(this.key);
  }
  protected override read() {
    return this.ctx.excel.settings.get(this.key);
  }
}

class FakeWorksheet extends Loadable {
  constructor(
    ctx: FakeContext,
    private sheetName: string,
    preloaded = false,
  ) {
    super(ctx);
    if (preloaded) {
      this.loaded.set('name', sheetName);
      this.loaded.set('visibility', this.model.visibility);
    }
  }
  get model() {
    return this.ctx.excel.sheets.find((s) => s.name === this.sheetName) ?? new FakeSheet(this.sheetName);
  }
  get name() {
    return this.get<string>('name');
  }
  get visibility() {
    return this.get<string>('visibility');
  }
  activate() {
    this.ctx.writes.push(() => (this.ctx.excel.active = this.sheetName));
  }
  getRange(address: string) {
    const r = parseRange(address);
    return new FakeRange(this.ctx, this.model, r.top, r.left, r.bottom - r.top + 1, r.right - r.left + 1);
  }
  getRangeByIndexes(row: number, col: number, rows: number, cols: number) {
    return new FakeRange(this.ctx, this.model, row + 1, col + 1, rows, cols);
  }
  getUsedRangeOrNullObject() {
    let top = Infinity, left = Infinity, bottom = 0, right = 0;
    for (const key of this.model.cells.keys()) {
      const p = fromA1(key);
      top = Math.min(top, p.row); left = Math.min(left, p.col); bottom = Math.max(bottom, p.row); right = Math.max(right, p.col);
    }
    return bottom === 0 ? new FakeRange(this.ctx, this.model, 1, 1, 0, 0, true) : new FakeRange(this.ctx, this.model, top, left, bottom - top + 1, right - left + 1);
  }
}

class FakeFillProxy extends Loadable {
  constructor(
    ctx: FakeContext,
    private sheet: FakeSheet,
    private address: string,
  ) {
    super(ctx);
  }
  private setProp(p: keyof FakeFill, v: unknown) {
    this.ctx.write(`fill ${this.sheet.name}!${this.address}`, () => {
      const cell = this.sheet.cells.get(this.address) ?? (this.sheet.cells.set(this.address, { value: '' }).get(this.address)!);
      cell.fill = { ...(cell.fill ?? NO_FILL), [p]: v };
    });
  }
  protected override read(p: string) {
    return (this.sheet.fillOf(this.address) as unknown as Record<string, unknown>)[p];
  }
  get color() { return this.get<string>('color'); }
  set color(v: string) { this.setProp('color', v); }
  get pattern() { return this.get<string>('pattern'); }
  set pattern(v: string) { this.setProp('pattern', v); }
  get patternColor() { return this.get<string>('patternColor'); }
  set patternColor(v: string) { this.setProp('patternColor', v); }
  get tintAndShade() { return this.get<number>('tintAndShade'); }
  set tintAndShade(v: number) { this.setProp('tintAndShade', v); }
  get patternTintAndShade() { return this.get<number>('patternTintAndShade'); }
  set patternTintAndShade(v: number) { this.setProp('patternTintAndShade', v); }
  clear() {
    this.ctx.write(`fill ${this.sheet.name}!${this.address}`, () => {
      const cell = this.sheet.cells.get(this.address);
      if (!cell) return;
      delete cell.fill;
      if (cell.value === '') this.sheet.cells.delete(this.address);
    });
  }
}

class FakeRange extends Loadable {
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
  get isNullObject() { return this.nullObject; }
  get address() { return this.get<string>('address'); }
  get rowIndex() { return this.get<number>('rowIndex'); }
  get columnIndex() { return this.get<number>('columnIndex'); }
  get rowCount() { return this.get<number>('rowCount'); }
  get columnCount() { return this.get<number>('columnCount'); }
  get values() { return this.get<unknown[][]>('values'); }
  set values(v: unknown[][]) {
    const at = toA1(this.top, this.left);
    this.ctx.write(`value ${this.sheet.name}!${at}`, () => {
      const cell = this.sheet.cells.get(at);
      const value = v[0]![0] as string | number;
      this.sheet.cells.set(at, { ...(cell ?? {}), value, text: String(value) });
    });
  }
  get text() { return this.get<string[][]>('text'); }
  get numberFormat() { return this.get<string[][]>('numberFormat'); }
  get format() {
    return { fill: new FakeFillProxy(this.ctx, this.sheet, toA1(this.top, this.left)) };
  }
  select() {
    this.ctx.writes.push(() => (this.ctx.excel.selected = `${this.sheet.name}!${toA1(this.top, this.left)}`));
  }
  getMergedAreasOrNullObject() {
    const sheet = this.sheet;
    return new (class extends Loadable {
      get isNullObject() { return sheet.merges.length === 0; }
      get address() { return this.get<string>('address'); }
      protected override read() { return sheet.merges.map((m) => `'${sheet.name}'!${m}`).join(','); }
    })(this.ctx);
  }
  private grid<T>(f: (c: FakeCell | undefined) => T): T[][] {
    return Array.from({ length: this.rows }, (_, r) => Array.from({ length: this.cols }, (_, c) => f(this.sheet.cell(this.top + r, this.left + c))));
  }
  protected override read(p: string) {
    switch (p) {
      case 'address': return `${this.sheet.name}!${toA1(this.top, this.left)}:${columnLetters(this.left + this.cols - 1)}${this.top + this.rows - 1}`;
      case 'rowIndex': return this.top - 1;
      case 'columnIndex': return this.left - 1;
      case 'rowCount': return this.rows;
      case 'columnCount': return this.cols;
      case 'values': return this.grid((c) => c?.value ?? '');
      case 'text': return this.grid((c) => c?.text ?? (c ? String(c.value) : ''));
      case 'numberFormat': return this.grid((c) => c?.numberFormat ?? 'General');
      default: return undefined;
    }
  }
}
