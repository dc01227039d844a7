/**
 * Tables laid out as a form (部门整体支出绩效目标表): one field to a row, its label and its value side
 * by side — 资金总额 | 8200.95 — under a block heading such as 年度预算安排（万元）. Each row label of the
 * vocabulary is taken once, below the title, and only with an amount right after it (past a merged
 * label: 西安 2022 lists its tasks under 总额 | 财政拨款 and closes them with 金额合计 over B:C, its
 * total in D), so a task's amounts are never read as a field.
 */
import type { TableRow } from '../model.js';
import { stripEnumeration } from '../text.js';
import { bestScore, type TableVocabulary } from '../vocabulary.js';
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
      const valueCol = view.rightEdge(r, e.col) + 1;
      const value = view.ref(r, valueCol);
      if (value.amount === null || value.col !== valueCol) continue;
      taken.add(label.key);
      fields.push({ row: { row: r, labels: { [label.column]: e.text.trim() }, keys: { [label.column]: label.key }, isTotal: false, indent: 0, cells: { [amountRole]: value } }, labelCol: e.col, valueCol });
    }
  }
  return fields;
}
