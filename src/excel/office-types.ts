/**
 * The slice of office.js the gateway uses, as plain interfaces: the real Excel API satisfies them,
 * and so does the in-memory fake the tests count round trips with.
 */
export interface Loadable {
  load(props: string): unknown;
}

export interface FillLike extends Loadable {
  color: string;
  pattern?: string;
  patternColor?: string;
  tintAndShade?: number | null;
  patternTintAndShade?: number | null;
  clear(): void;
}

export interface RangeLike extends Loadable {
  address: string;
  values: unknown[][];
  text: string[][];
  numberFormat: unknown[][];
  rowIndex: number;
  columnIndex: number;
  rowCount: number;
  columnCount: number;
  isNullObject: boolean;
  format: { fill: FillLike };
  select(): void;
  getMergedAreasOrNullObject(): { address: string; isNullObject: boolean } & Loadable;
}

export interface WorksheetLike extends Loadable {
  name: string;
  visibility: string;
  activate(): void;
  getRange(address: string): RangeLike;
  getRangeByIndexes(row: number, column: number, rowCount: number, columnCount: number): RangeLike;
  getUsedRangeOrNullObject(valuesOnly?: boolean): RangeLike;
}

export interface SettingLike extends Loadable {
  value: unknown;
  isNullObject: boolean;
}

export interface RequestContextLike {
  workbook: {
    getSelectedRange(): RangeLike;
    worksheets: Loadable & {
      items: WorksheetLike[];
      getItem(name: string): WorksheetLike;
      getItemOrNullObject(name: string): WorksheetLike & { isNullObject: boolean };
      onChanged?: { add(handler: (e: unknown) => Promise<void>): unknown };
    };
    settings: {
      add(key: string, value: unknown): unknown;
      getItemOrNullObject(key: string): SettingLike;
    };
  };
  runtime?: { enableEvents: boolean };
  sync(): Promise<void>;
}

export type RunLike = <T>(options: { mergeUndoGroup?: boolean } | null, batch: (context: RequestContextLike) => Promise<T>) => Promise<T>;

export interface OfficeLike {
  run: RunLike;
  /** Office.context.requirements.isSetSupported('ExcelApi', version). */
  supports(version: string): boolean;
}
