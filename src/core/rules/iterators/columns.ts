/** Whole columns: a column a table has but left blank from top to bottom while its other amounts are filled. */
import type { z } from 'zod';
import type { ColumnParams } from '../params/columns.js';
import type { Item } from '../context.js';
import { type IteratorDef, num, text, both } from '../registry-types.js';

export const tableColumns: IteratorDef<z.infer<typeof ColumnParams>> = {
  name: 'table-columns',
  description: both('表中某一列（按列角色）的填写情况，与其他金额列对照', 'how much of one column (by role) is filled, beside the other amount columns'),
  facts: {
    header: text('该列的表头', 'the column’s header'),
    filledCount: num('该列填了数的行数', 'rows with an amount in the column'),
    otherFilled: num('其他金额列中填得最多的那列的行数', 'rows filled in the fullest other amount column'),
  },
  identities: false,
  texts: ['table'],
  references: (p) => p.tables.map((table, i) => ({ path: ['tables', i], table, column: p.role })),
  run(ctx, params) {
    const items: Item[] = [];
    for (const id of params.tables) {
      for (const t of ctx.tables(id)) {
        const column = t.columns.find((c) => c.role === params.role);
        if (!column || t.rows.length === 0) continue;
        const filled = (role: string) =>
          t.rows.filter((r) => {
            const amount = ctx.cell(t, r, role)?.amount;
            return amount != null && amount !== 0;
          }).length;
        const others = ctx.amountRoles(t).filter((role) => role !== params.role).map(filled);
        const first = ctx.cell(t, t.rows[0]!, params.role)!;
        items.push({
          facts: { header: column.header, filledCount: filled(params.role), otherFilled: Math.max(0, ...others) },
          text: (lang) => ({ table: ctx.tableName(t, lang) }),
          cell: { sheet: first.sheet, cell: first.cell },
          table: t.id,
        });
      }
    }
    return items;
  },
};
