/**
 * A unit's budget the narrative states under its own name — 深圳 2026: “深圳市财政局（本级）预算37,385.88万元，
 * 包括…” — against the row the expense summary gives that unit, found by the same name.
 */
import type { z } from 'zod';
import type { ItemParams } from '../params/narrative-items.js';
import type { RecognizedTable, TableRow, Unit } from '../../model.js';
import { normalizeLabel, parseAmount } from '../../text.js';
import { addTo } from '../../multimap.js';
import { identityItem, type Item, type RuleContext } from '../context.js';
import { IDENTITY_FACTS, type IteratorDef, both, text } from '../registry-types.js';
import { narrativeCells, statedFigure, statedIdentity } from './narrative.js';

/** “…（本级）预算37,385.88万元”, folded: the unit's name with its (本级), the figure, its unit. */
const UNIT_BUDGET = /([\u4e00-\u9fff()]{2,40}?\(本级\))(?:\d{4}年度?)?(?:部门)?预算(?:数)?(?:为|共)?\s*(\d[\d,]*(?:\.\d+)?)\s*(万元|元)/gu;

/**
 * The names a row bears: its labels, and the text left of the table's first read column — 深圳's 支出总表
 * prints each unit in a 预算单位 column no role reads (“深圳市财政局（本级）” over its subjects; the
 * department's one unit is its 合计 line).
 */
function unitNamesOf(ctx: RuleContext, t: RecognizedTable, row: TableRow): string[] {
  const names = Object.values(row.labels).map(normalizeLabel);
  const first = Math.min(...t.columns.map((c) => c.col));
  const cells = ctx.sheet(t.sheet)?.rows[row.row - 1] ?? [];
  for (let c = 0; c < first - 1 && c < cells.length; c++) {
    const cell = cells[c];
    if (typeof cell?.value === 'string') names.push(normalizeLabel(cell.text));
  }
  return names;
}

export const unitBudgets: IteratorDef<z.infer<typeof ItemParams>> = {
  name: 'unit-budgets',
  description: both('说明中按单位名称写的本级预算（“××局（本级）预算X万元”），与支出总表中同名单位的一行核对', 'a unit’s budget the narrative states by its name (“××局（本级）预算X万元”), against that unit’s row of the expense summary'),
  facts: { ...IDENTITY_FACTS, statement: text('说明中的原文', 'the sentence as written') },
  identities: true,
  texts: ['name', 'right', 'relation', 'left', 'note'],
  run(ctx: RuleContext, _params, ruleId) {
    const items: Item[] = [];
    const summaries = ctx.tables('expense-summary');
    if (summaries.length === 0) return items;
    // The summaries' rows by every name they bear, made once, when a sentence first names a unit.
    let byName: Map<string, { t: RecognizedTable; row: TableRow }[]> | undefined;
    const rowsNamed = (name: string) => {
      if (!byName) {
        byName = new Map();
        for (const t of summaries) for (const row of t.rows) for (const n of new Set(unitNamesOf(ctx, t, row))) addTo(byName, n, { t, row });
      }
      return byName.get(name) ?? [];
    };
    for (const cell of narrativeCells(ctx)) {
      if (!cell.folded.includes('(本级)')) continue;
      for (const m of cell.folded.matchAll(UNIT_BUDGET)) {
        const name = normalizeLabel(m[1]!);
        const rows = rowsNamed(name);
        // The unit's one row, else nothing to hold the figure to.
        if (rows.length !== 1) continue;
        const { t, row } = rows[0]!;
        const rhs = ctx.term(t, row, 'total');
        const parsed = parseAmount(m[2]!);
        if (!rhs || rhs.ref.amount === null || parsed.kind !== 'number') continue;
        const start = m.index! + m[0].lastIndexOf(m[2]!);
        const label = both(`${m[1]!.replace(/\(本级\)$/u, '（本级）')}预算`, `the budget of ${m[1]!}`);
        const lhs = statedFigure(cell, parsed, m[3] as Unit, start, m[2]!.length, label);
        items.push(identityItem(statedIdentity(ruleId, lhs, [rhs], cell.text.slice(m.index!, m.index! + m[0].length), label), t.id));
      }
    }
    return items;
  },
};
