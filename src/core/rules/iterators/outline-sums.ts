/**
 * A list numbered as an outline — 一、 over 1、 over (1) — where each numbered line is the sum of the
 * lines numbered one level below it, up to the next line of its own level or above (西安 2026's
 * 收支总表, whose 部门预算支出经济分类 reads 一、部门预算 > 1、人员经费和公用经费支出 > (1)工资福利支出 …).
 * A line with nothing numbered under it is a leaf; an unnumbered line (本年支出合计) ends the outline,
 * and where the rule names it, that total is the sum of the top-level lines.
 */
import type { z } from 'zod';
import type { OutlineSumParams } from '../params/amounts.js';
import type { TableRow } from '../../model.js';
import { fold } from '../../text.js';
import type { Item, RuleContext } from '../context.js';
import { type IteratorDef, both } from '../registry-types.js';
import { isHeading, ROW_SUM_FACTS, rowSumItem, type NamedRow } from './amounts.js';

const LEVELS = [/^[一二三四五六七八九十]+[、.]/u, /^\d+[、.](?!\d)/u, /^[(]\d+[)]/u];

/** The outline level a line's number gives (0 for 一、, 1 for 1、, 2 for (1)); undefined when unnumbered. */
function outlineLevel(label: string): number | undefined {
  const text = fold(label).trim();
  const level = LEVELS.findIndex((re) => re.test(text));
  return level < 0 ? undefined : level;
}

export const outlineSums: IteratorDef<z.infer<typeof OutlineSumParams>> = {
  name: 'outline-sums',
  description: both('按一、1、(1) 编号列示的名称：每一行等于其下一级各行之和', 'lines numbered as an outline (一、 > 1、 > (1)): each equals the lines one level below it'),
  facts: ROW_SUM_FACTS,
  identities: true,
  texts: ['table', 'column', 'left'],
  references: (p) =>
    p.tables.flatMap((d, i) => [
      { path: ['tables', i, 'side'], table: d.table, column: d.side },
      { path: ['tables', i, 'column'], table: d.table, column: d.column },
      ...(d.total ? [{ path: ['tables', i, 'total', 'key'], table: d.table, rowKey: d.total.key, side: d.total.side }] : []),
    ]),
  *run(ctx: RuleContext, params, ruleId: string): Generator<Item> {
    for (const decl of params.tables) {
      for (const t of ctx.tables(decl.table)) {
        if (!t.columns.some((c) => c.role === decl.side) || !t.columns.some((c) => c.role === decl.column)) continue;
        // The outline: numbered lines in table order, up to the first unnumbered one after it began.
        const lines: { row: TableRow; level: number }[] = [];
        for (const row of t.rows) {
          const label = row.labels[decl.side];
          if (!label) continue;
          const level = outlineLevel(label);
          if (level === undefined) {
            if (lines.length > 0) break;
            continue;
          }
          lines.push({ row, level });
        }
        const named = (row: TableRow, side = decl.side): NamedRow => ({ row, name: ctx.rowName(row, side) });
        // The lines one level below line i, a heading among them standing for its own parts.
        const partsOf = (i: number): TableRow[] => {
          const parts: TableRow[] = [];
          const level = lines[i]!.level;
          for (let j = i + 1; j < lines.length && lines[j]!.level > level; j++) if (lines[j]!.level === level + 1) parts.push(...standingFor(j));
          return parts;
        };
        // A heading is a line with lines under it and no amount of its own. A leaf left blank is a blank
        // part, though the other sides of its row are blank too (西安 科学技术局 2022's 表1: “4、事业单位
        //经营支出” beside “18、援助其他地区支出”, both empty): one of several blanks is no omission to fill.
        const standingFor = (j: number): TableRow[] => (isHeading(lines[j]!.row) && lines[j + 1] !== undefined && lines[j + 1]!.level > lines[j]!.level ? partsOf(j) : [lines[j]!.row]);
        // The column's total (本年支出合计, labelled on the functional side) is the top-level lines' sum.
        const totalRow = decl.total && t.rows.find((r) => r.keys[decl.total!.side] === decl.total!.key);
        const tops = lines.flatMap((l, i) => (l.level !== 0 ? [] : standingFor(i))).map((row) => named(row));
        if (totalRow && tops.length > 0) {
          const item = rowSumItem(ctx, ruleId, t, decl.column, named(totalRow, decl.total!.side), tops, decl.side);
          if (item) yield item;
        }
        for (let i = 0; i < lines.length; i++) {
          const line = lines[i]!;
          if (isHeading(line.row)) continue;
          const parts = partsOf(i);
          if (parts.length === 0) continue;
          const item = rowSumItem(ctx, ruleId, t, decl.column, named(line.row), parts.map((row) => named(row)), decl.side);
          if (item) yield item;
        }
      }
    }
  },
};
