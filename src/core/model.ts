/** What recognition produces: tables located in the grid, with their columns, rows and amounts. */
import type { SubjectCode } from './codes.js';
import type { TableId } from './vocabulary.js';

export type Unit = '元' | '万元' | '千元' | '亿元';

/** Why an amount column is no part of this year's totals. */
export type ColumnAside = 'other-year' | 'memo';

/** A block of columns of another year than the budget's: an earlier year's figures, or the change from it. */
export interface YearBlock {
  kind: 'previous' | 'change';
  /** The heading over the block, as printed (“2018年”, “上年”, “增减变化情况”). */
  heading: string;
  columns: RecognizedColumn[];
  /** A block printed in a row of its own under this year's columns, not beside them (深圳's 三公 table: 2025年 | 2026年 | 增减变化金额): that row. */
  row?: number;
}

/** One cell as the rules see it: where it is, what it says, and its amount if it holds one. */
export interface CellRef {
  sheet: string;
  cell: string;
  row: number;
  col: number;
  text: string;
  /** Parsed amount; null when blank (zero in sums, "not filled in" for completeness checks). */
  amount: number | null;
  /** Decimals shown, for rounding-aware tolerances. */
  decimals: number;
  /** The number format shows the amount rounded (e.g. "#,##0"): it may hold decimals the reader cannot see. */
  rounded?: boolean;
  /** The cell holds text that should be an amount but is not one. */
  invalid?: boolean;
  /** A formula saved without its result (the workbook was not recalculated): its value is unknown, not blank. */
  uncalculated?: boolean;
}

export interface RecognizedColumn {
  role: string;
  col: number;
  /** The header text the role was recognised from, e.g. "本年收入/财政拨款收入". */
  header: string;
}

export interface TableRow {
  row: number;
  /** Label text per label column (name, incomeItem, expenseItem, item), as written. */
  labels: Record<string, string>;
  /** Row-label keys from the vocabulary, per label column (e.g. expenseItem → class208). */
  keys: Record<string, string>;
  code?: SubjectCode;
  /** The cell the code was read from (the first code column for split codes). */
  codeCell?: string;
  /** The code was worked out from the row's name (a table printing names without codes), not printed. */
  codeFromName?: true;
  isTotal: boolean;
  indent: number;
  /** Amount cells by column role. The other columns' cells (name, code, 序号) come from RowCells. */
  cells: Record<string, CellRef>;
}

export interface RecognitionProblem {
  code:
    | 'column-missing'
    | 'column-split'
    | 'column-unmatched'
    | 'columns-unmatched'
    | 'column-other-year'
    | 'columns-other-year'
    | 'column-memo'
    | 'columns-memo'
    | 'amount-invalid'
    | 'unit-missing'
    | 'code-invalid'
    | 'code-short'
    | 'code-class-misprint'
    | 'codes-from-names'
    | 'header-missing'
    | 'no-rows'
    | 'total-missing';
  severity: 'error' | 'warning' | 'info';
  sheet: string;
  cell?: string;
  /** Further cells the problem covers (the other columns of a grouped note). */
  related?: string[];
  params: Record<string, string | number>;
  /** What to type into its cell, where the problem says (a misprinted 类). */
  fix?: { value: string | number; safety: 'safe' | 'unsafe' | 'display-only' };
}

export interface Indicator {
  row: number;
  /** 一级 and 二级指标; a blank cell where the form has no category columns (重庆 2026). */
  level1: CellRef;
  level2: CellRef;
  level3: CellRef;
  description?: CellRef;
  value: CellRef;
  /** 指标性质 (≥, =) and 计量单位, where the form writes them beside the value (重庆 2026). */
  comparator?: CellRef;
  unit?: CellRef;
  basis?: CellRef;
  /** 指标权重 / 分值权重: the indicator's share of the form's score, where the form gives one (重庆, 西安 2026). */
  weight?: CellRef;
}

export interface TargetDetails {
  projectCode?: CellRef;
  /** The 项目名称 field's value; for a form naming its project only in its title, the title's cell, its text the name the title gives. */
  projectName?: CellRef;
  budget?: CellRef;
  fiscalFunds?: CellRef;
  /** 上年结转: last year's money carried into the project (国家信访局 2026). */
  carriedOverFunds?: CellRef;
  otherFunds?: CellRef;
  purpose?: CellRef;
  /** 资金支出计划: label (3月底…) and the cell holding its percentage. */
  plan: { label: string; cell: CellRef }[];
  goal?: CellRef;
  indicators: Indicator[];
  /** False where the indicator block has no 一级/二级指标 columns (重庆 2026): no category is required of it. */
  categorized?: boolean;
  /** The indicator block's header: its 三级指标 (or 绩效指标) cell. Kept when no indicator is written under it. */
  indicatorHeader?: CellRef;
  /** The header of the indicators' weight column (指标权重(%), 分值权重（90分）), where the form has one. */
  weightHeader?: CellRef;
  /**
   * The indicators are written one project to a cell (广州 生态环境局 2026: “1.1－产出指标，11－数量指标，…”):
   * each of their cells is that whole cell, read in part. A fix would overwrite every other indicator in it.
   */
  packed?: true;
  /**
   * A second block of funds beside the first (上海's 财政项目支出绩效目标填报表: 项目资金总额 | 年度资金申请总额,
   * each with the funds it adds up under it). The annual block is the budget above; this is the other.
   */
  sideFunds?: FundBlock;
  /** The 合计 a list of projects prints above them (长沙 2025's 项目支出绩效目标表): every project of the list shares it. */
  listTotal?: CellRef;
}

/** The funds a target form's budget adds up, in the order the forms print them. */
export const FUND_PARTS = ['fiscalFunds', 'carriedOverFunds', 'otherFunds'] as const;

/** A total and the funds it adds up, as one block of a target form lays them out. */
export interface FundBlock {
  budget: CellRef;
  fiscalFunds?: CellRef;
  carriedOverFunds?: CellRef;
  otherFunds?: CellRef;
}

export interface RecognizedTable {
  id: TableId;
  sheet: string;
  /** A1 range from the title (or first header row) to the last row that belongs to the table. */
  range: string;
  title: string;
  titleCell?: string;
  unit?: Unit;
  /** Where the unit was read from. */
  unitCell?: string;
  columns: RecognizedColumn[];
  /**
   * Columns holding amounts whose header names no known role ("单位预留机动经费", "会议费"): a row
   * identity over the known columns can then only say that the parts do not exceed the total. Not so
   * for one set aside from this year's totals: another year's figures or a memo (政府采购 …).
   */
  unmatchedColumns?: { col: number; header: string; aside?: ColumnAside }[];
  /**
   * The blocks of another year printed beside this year's (西安's 三公 table: 上年 | 当年 | 增减变化情况,
   * each 合计 | 小计 | 因公出国 …; 重庆's 2025年预算数 | 2026年预算数), each column read with the role it
   * would have this year. Their own sums, and 增减 = 当年 − 上年, are checked; nothing else reads them.
   */
  yearBlocks?: YearBlock[];
  headerRows: { top: number; bottom: number };
  rows: TableRow[];
  note?: { cell: string; text: string };
  /**
   * Present for performance-target tables; for a department-wide target form (overall-target), its
   * indicator block alone (its money is the table's rows).
   */
  target?: TargetDetails;
  problems: RecognitionProblem[];
}

export interface Recognition {
  tables: RecognizedTable[];
  /** Standard tables looked for and not found. */
  missing: TableId[];
  /** Short descriptions of what was found instead (sheet names and their first texts), for messages. */
  seen: { sheet: string; sample: string }[];
  /**
   * Sheets holding amounts under a title that names a table (“…表”) which no table of the vocabulary
   * is: nothing on them was checked, and the person is told so rather than left to think them clean.
   */
  unread: { sheet: string; cell: string; title: string }[];
  /** Lists of project target forms printing their header and no project, with no note saying why. */
  emptyTargetLists: { sheet: string; cell: string; title: string }[];
}
