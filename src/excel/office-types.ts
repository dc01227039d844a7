/**
 * The slice of office.js the gateway uses, as plain interfaces: the real Excel API satisfies them,
 * and so does the in-memory fake the tests run against.
 */
export interface Loadable {
  load(props: string): unknown;
}

export interface FillLike extends Loadable {
  color: string;
  clear(): void;
}

export interface ConditionalFormatLike {
  type: string;
  custom: {
    rule: Loadable & { formula: string };
    format: { fill: { color: string } };
  };
  delete(): void;
}

export interface RangeLike extends Loadable {
  address: string;
  values: unknown[][];
  text: string[][];
  numberFormat: unknown[][];
  formulas: unknown[][];
  rowIndex: number;
  columnIndex: number;
  rowCount: number;
  columnCount: number;
  isNullObject: boolean;
  format: { fill: FillLike };
  conditionalFormats: Loadable & { items: ConditionalFormatLike[]; add(type: string): ConditionalFormatLike };
  select(): void;
  getMergedAreasOrNullObject(): { address: string; isNullObject: boolean } & Loadable;
}

export interface WorksheetLike extends Loadable {
  name: string;
  visibility: string;
  protection: Loadable & { protected: boolean };
  activate(): void;
  /** Without an address: the whole sheet. */
  getRange(address?: string): RangeLike;
  getRangeByIndexes(row: number, column: number, rowCount: number, columnCount: number): RangeLike;
  getUsedRange(valuesOnly?: boolean): RangeLike;
  getUsedRangeOrNullObject(valuesOnly?: boolean): RangeLike;
}

export interface SettingLike extends Loadable {
  value: unknown;
  isNullObject: boolean;
  delete(): void;
}

export interface EventRegistration {
  /** The context that registered the handler: the only one that can remove it. */
  context: RequestContextLike;
  remove(): void;
}

export interface RequestContextLike {
  workbook: {
    getSelectedRange(): RangeLike;
    /** ExcelApi 1.2. The event names no cell: the handler reads the selection itself. */
    onSelectionChanged: { add(handler: (e: unknown) => Promise<void>): EventRegistration };
    worksheets: Loadable & {
      items: WorksheetLike[];
      getItem(name: string): WorksheetLike;
      getItemOrNullObject(name: string): WorksheetLike & { isNullObject: boolean };
      onChanged: { add(handler: (e: unknown) => Promise<void>): EventRegistration };
    };
    settings: {
      add(key: string, value: unknown): unknown;
      getItemOrNullObject(key: string): SettingLike;
    };
  };
  runtime?: { enableEvents: boolean };
  sync(): Promise<void>;
}

export interface RunOptionsLike {
  mergeUndoGroup?: boolean;
  delayForCellEdit?: boolean;
}

/** Excel.run: with options, or inside an existing context (to remove an event handler). */
export type RunLike = <T>(options: RunOptionsLike | RequestContextLike | null, batch: (context: RequestContextLike) => Promise<T>) => Promise<T>;

export interface OfficeLike {
  run: RunLike;
  /** Office.context.requirements.isSetSupported('ExcelApi', version). */
  supports(version: string): boolean;
}
