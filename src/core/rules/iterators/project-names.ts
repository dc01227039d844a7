/** How the tables that list projects name them, for the iterators that pair projects across tables. */
import type { RecognizedTable, TableRow } from '../../model.js';
import { normalizeLabel } from '../../text.js';

/**
 * A project's name as two tables may both write it: the year it opens with, with or without 年 (长春
 * 2026: “2026信访专项经费” | “2026年信访专项经费”). The year stays: 烟台 住建 2026's “2025年度历史文化名城保护
 * 工作评估经费” is not its “2026年度…”.
 */
export const projectNameKey = (name: string) => normalizeLabel(name).replace(/^(20\d{2})年?(?=\D)/, '$1|');

/** The rows of a table naming a project, in order: its 合计 and rows naming no project are none. */
export function listedProjectRows(t: RecognizedTable): TableRow[] {
  return t.rows.filter((row) => !row.isTotal && row.labels.project);
}
