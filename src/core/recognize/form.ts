/**
 * Tables laid out as a form (部门整体支出绩效目标表): one field to a row, its label and its value side
 * by side — 资金总额 | 8200.95 — under a block heading such as 年度预算安排（万元）. Each row label of the
 * vocabulary is taken once, below the title, and only with an amount right after it (past a merged
 * label: 西安 2022 lists its tasks under 总额 | 财政拨款 and closes them with 金额合计 over B:C, its
 * total in D), so a task's amounts are never read as a field. A form with no such field may print its
 * money as a block instead, labels over one row of values (北京's 预算13表: fundBlock).
 */
import type { CellRef, TableRow } from '../model.js';
import { normalizeLabel, stripEnumeration } from '../text.js';
import { bestScore, type RowLabel, type TableVocabulary } from '../vocabulary.js';
import type { SheetView } from './sheet-view.js';

/** How far below the title the first field may stand: a list of tasks (西安 2022) has its 金额合计 below them. */
const FIRST_FIELD_REACH = 30;

export interface FormField {
  row: TableRow;
  labelCol: number;
  valueCol: number;
}

/** Whether a field stands within reach below the title: the form follows it. */
export function formFieldFollows(view: SheetView, table: TableVocabulary, title: number): boolean {
  return readFormFields(view, table, title, Math.min(view.rowCount, title + FIRST_FIELD_REACH)).length > 0;
}

/** The form's fields from below its title to `limit`, in sheet order. */
export function readFormFields(view: SheetView, table: TableVocabulary, title: number, limit: number): FormField[] {
  const amountRole = table.columns.find((c) => c.kind === 'amount')?.role;
  if (!amountRole) return [];
  const fields: FormField[] = [];
  const taken = new Set<string>();
  for (let r = title + 1; r <= limit; r++) {
    if (fields.length === 0 && r > title + FIRST_FIELD_REACH) break;
    for (const e of view.entries(r)) {
      if (typeof e.cell.value !== 'string') continue;
      const label = table.rows.find((rl) => !taken.has(rl.key) && bestScore(rl.match, stripEnumeration(e.norm)) > 0);
      if (!label) continue;
      const valueCol = view.amountColumnAfter(r, e.col);
      const value = view.ref(r, valueCol);
      if (value.amount === null || value.col !== valueCol) continue;
      taken.add(label.key);
      fields.push(formField(r, label, e.text.trim(), amountRole, value, e.col, valueCol));
    }
  }
  return fields.length > 0 ? fields : fundBlock(view, table, title, Math.min(limit, title + FIRST_FIELD_REACH), amountRole);
}

/** A field as a table row: its label in the label column the vocabulary names, its value as the amount. */
function formField(row: number, key: RowLabel, label: string, amountRole: string, value: CellRef, labelCol: number, valueCol: number): FormField {
  return { row: { row, labels: { [key.column]: label }, keys: { [key.column]: key.key }, isTotal: false, indent: 0, cells: { [amountRole]: value } }, labelCol, valueCol };
}

/** How many header rows a block of labels over its values may have (北京: 财政拨款 over 合计 | 基本支出 | 项目支出). */
const BLOCK_HEADER_ROWS = 3;

/**
 * A form that prints its money as a block, labels over one row of values (北京 2026's 预算13表: 预算支出总额
 * | 财政拨款 合计/基本支出/项目支出 | 其他资金 合计/基本支出/项目支出): each value is the field its column's
 * labels name, read top down through merged cells (“财政拨款/基本支出”). The first row below the title
 * holding two or more amounts is the block's; each row label of the vocabulary is taken once.
 */
function fundBlock(view: SheetView, table: TableVocabulary, title: number, limit: number, amountRole: string): FormField[] {
  for (let r = title + 1; r <= limit; r++) {
    const amounts = view.entries(r).filter((e) => view.ref(r, e.col).amount !== null);
    if (amounts.length >= 2) return blockFields(view, table, title, r, amounts.map((e) => e.col), amountRole);
  }
  // No row of values at all (北京 军民融合办 2026 leaves its 总体资金情况 row blank): the blank row under
  // two field labels or more is the block's, every field blank, so the form is read and its blanks said.
  for (let r = title + 1; r <= limit; r++) {
    // Blank but for a side heading filled down into it (its merge over A4:B6 unmerged and filled).
    if (view.entries(r).some((e) => view.text(r - 1, e.col) !== e.text)) continue;
    const fields = blockFields(view, table, title, r, [], amountRole);
    if (fields.length >= 2) return fields;
  }
  return [];
}

/** The label a header cell shows (the master's, under a merge), normalised; '' for none. */
function labelAt(view: SheetView, row: number, col: number): string {
  const at = view.resolved(row, col);
  return at.cell && typeof at.cell.value === 'string' ? normalizeLabel(at.cell.text) : '';
}

/**
 * In a copy that lost its merges, the group heading a blank header cell stood under: the nearest label
 * to its left on the same row, over a column that has a sub-heading below it too (北京 2026's 预算13表:
 * 财政拨款 in D4 over 合计 | 基本支出 | 项目支出 in D5:F5, E4 and F4 blank once unmerged).
 */
function groupHeadingLeftOf(view: SheetView, row: number, col: number, top: number, valuesRow: number): string {
  if (view.merges.ranges.length > 0) return '';
  for (let c = col - 1; c >= 1; c--) {
    const label = labelAt(view, row, c);
    if (label === '') continue;
    return row + 1 < valuesRow && row >= top && labelAt(view, row + 1, c) !== '' ? label : '';
  }
  return '';
}

/** The fields of a block whose values are on row r: each column a label above stands over, named by its labels. */
function blockFields(view: SheetView, table: TableVocabulary, title: number, r: number, valueCols: readonly number[], amountRole: string): FormField[] {
  const top = Math.max(title + 1, r - BLOCK_HEADER_ROWS);
  // Every column a label above stands over, blank values too (北京 leaves 其他资金/项目支出 empty): a
  // blank field is a blank part of its sum, not a missing one.
  const cols = new Set(valueCols);
  for (let h = top; h < r; h++) for (const e of view.entries(h)) for (let c = e.col; c <= view.rightEdge(h, e.col); c++) cols.add(c);
  const fields: FormField[] = [];
  const taken = new Set<string>();
  for (const col of [...cols].sort((x, y) => x - y)) {
    const value = view.ref(r, col);
    if (value.col !== col || value.row !== r || (value.amount === null && value.text.trim() !== '')) continue;
    const path: string[] = [];
    for (let h = top; h < r; h++) {
      const norm = labelAt(view, h, col) || (h + 1 < r && labelAt(view, h + 1, col) !== '' ? groupHeadingLeftOf(view, h, col, top, r) : '');
      if (norm !== '' && path[path.length - 1] !== norm) path.push(norm);
    }
    // The rows above may hold more than the block's labels (the 部门名称 line's value over 预算支出总额):
    // the longest run of labels down to the values that names a field is its name.
    let label = '';
    let key: RowLabel | undefined;
    for (let k = 0; k < path.length && !key; k++) {
      label = path.slice(k).join('/');
      key = table.rows.find((rl) => !taken.has(rl.key) && bestScore(rl.match, label) > 0);
    }
    if (!key) continue;
    taken.add(key.key);
    fields.push(formField(r, key, label, amountRole, value, col, col));
  }
  return fields;
}
