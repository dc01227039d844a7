/**
 * The functional classes a sentence lists with their amounts: “按支出功能分类，包括一般公共服务支出
 * 12,868.19万元、公共安全支出76,468.81万元、…” (杭州 2026, 重庆 2026 with commas), each against its class
 * row. The table is the one whose classes the list names, every one of them, and whose class amounts
 * all but one part give as written: a list of the general budget's classes is not held to the
 * department's spending table, nor the other way round.
 */
import type { z } from 'zod';
import type { ItemParams } from '../params/narrative-items.js';
import type { RecognizedTable, TableRow, Unit } from '../../model.js';
import { addTo } from '../../multimap.js';
import { namedFigures, writtenFigure } from '../../narrative/breakdowns.js';
import { normalizeLabel } from '../../text.js';
import { identityItem, type Item, type RuleContext } from '../context.js';
import { type IteratorDef, IDENTITY_FACTS, both } from '../registry-types.js';
import { agrees, narrativeCells, statedFigure, statedIdentity } from './narrative.js';
import { classKey } from './narrative-lists.js';

/** The list's opening: by functional class, then 包括. */
const LIST = /按(?:支出)?功能(?:科目)?分类[,，]?(?:主要)?包括[:：]?/gu;
/** One part: a class's name ending in 支出, and its amount. */
const PART = /^([\u4e00-\u9fff]{2,20}?支出)\s*(\d[\d,]*(?:\.\d+)?)\s*(万元|元)$/u;

/** The tables a class list may speak of: the department's spending, and the general budget's. */
function classRows(ctx: RuleContext): { table: RecognizedTable; rows: Map<string, TableRow> }[] {
  return ctx.memo('class-list-tables', () =>
    [...ctx.tables('expense-summary'), ...ctx.tables('general-budget-expense')].flatMap((table) => {
      const rows = new Map<string, TableRow>();
      for (const r of table.rows) if (r.code?.level === 1 && r.cells.total) rows.set(classKey(r.labels.name ?? ''), r);
      // A table printing names without codes (杭州 2026): a row named exactly as the class, the only one so named.
      if (rows.size === 0) {
        const named = new Map<string, TableRow[]>();
        for (const r of table.rows) if (!r.isTotal && r.cells.total) addTo(named, normalizeLabel(r.labels.name ?? ''), r);
        for (const [name, list] of named) if (name.endsWith('支出') && list.length === 1) rows.set(name, list[0]!);
      }
      return rows.size > 0 ? [{ table, rows }] : [];
    }),
  );
}

export const classLists: IteratorDef<z.infer<typeof ItemParams>> = {
  name: 'class-lists',
  description: both('说明中按功能分类列举的各类支出金额与表中该类的合计', 'the amount a sentence listing spending by functional class gives each class, against the class row of the table'),
  facts: IDENTITY_FACTS,
  identities: true,
  texts: ['name', 'right', 'relation', 'note'],
  run(ctx, _params, ruleId) {
    const items: Item[] = [];
    for (const cell of narrativeCells(ctx)) {
      for (const m of cell.folded.matchAll(LIST)) {
        const from = m.index + m[0].length;
        const end = cell.folded.indexOf('。', from);
        // Parts joined by 、 or by commas; a thousands comma sits between digits and splits nothing.
        const parts = namedFigures(cell.folded, cell.folded.slice(from, end < 0 ? undefined : end), from, /、|(?<!\d)[,，]|[,，](?!\d)/u, PART);
        if (!parts) continue;
        const stated = parts.map((p) => statedFigure(cell, writtenFigure(p.written), p.unit as Unit, p.at, p.written.length, { 'zh-CN': p.name, en: p.name }));
        // The table that names every class listed and agrees with all of them but one at most.
        const source = classRows(ctx)
          .map(({ table, rows }) => ({
            table,
            terms: parts.map((p) => {
              const row = rows.get(classKey(p.name)) ?? rows.get(normalizeLabel(p.name));
              return row && ctx.term(table, row, 'total');
            }),
          }))
          .find(({ terms }) => terms.every((t) => t !== undefined) && terms.filter((t, i) => !agrees(stated[i]!, [t!])).length <= 1);
        if (!source) continue;
        parts.forEach((p, i) => items.push(identityItem(statedIdentity(ruleId, stated[i]!, [source.terms[i]!], `${p.name}${p.written}${p.unit}`, { 'zh-CN': p.name, en: p.name }), source.table.id)));
      }
    }
    return items;
  },
};
