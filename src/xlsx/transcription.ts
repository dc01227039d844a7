/** The shape of a budget transcription (samples/data/*.json): the published tables as text. */

export interface TranscribedTable {
  id: string;
  sheet: string;
  title: string;
  org: string;
  year: string;
  unit: string;
  /** Header rows as written; null marks a cell covered by a merge. */
  header: (string | null)[][];
  /** Merges within the header, relative to its top-left cell (A1 = first header cell). */
  merges: string[];
  columnNumbers: string[];
  rows: string[][];
  note?: string;
}

export interface TranscribedTarget {
  title: string;
  unit: string;
  projectCode: string;
  projectName: string;
  budget: string;
  fiscalFunds: string;
  otherFunds: string;
  purpose: string;
  /** 3月底, 6月底, 10月底, 12月底. */
  plan: string[];
  goal: string;
  /** 一级指标, 二级指标, 三级指标, 绩效指标描述, 指标值, 指标值确定依据. */
  indicators: string[][];
}

export type NarrativeItem = { text: string } | { row: string[] };

export interface Transcription {
  source: { title: string; file: string; note: string };
  workbook: { targetsSheet: string };
  tables: TranscribedTable[];
  targets: TranscribedTarget[];
  narrative: { sheet: string; title: string; items: NarrativeItem[] };
}
