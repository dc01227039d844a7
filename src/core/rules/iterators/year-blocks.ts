/**
 * A table printing another year beside this one (西安's 三公 table: 上年 | 当年 | 增减变化情况, each
 * 合计 | 小计 | 因公出国 …): each change is this year's figure less the earlier year's. Recognition reads
 * the blocks (RecognizedTable.yearBlocks); the sums within an earlier block are row-identities'
 * (earlierYears), and no other rule reads them, so an earlier year's figure is never taken for this year's.
 * Only the changes that disagree with the two years are yielded (see below).
 */
import type { z } from 'zod';
import type { YearBlockParams } from '../params/amounts.js';
import type { Lang } from '../../messages.js';
import { identityFacts, identityItem, type Item } from '../context.js';
import { CellIdentity, type Term } from '../identity.js';
import type { TableRow } from '../../model.js';
import { IDENTITY_FACTS, type IteratorDef, both, text } from '../registry-types.js';

export const yearBlockChanges: IteratorDef<z.infer<typeof YearBlockParams>> = {
  name: 'year-block-changes',
  description: both('与本年并列印出的增减各栏：增减 = 本年 − 上年', 'the change block printed beside this year’s: change = this year − the earlier year'),
  facts: {
    ...IDENTITY_FACTS,
    rowName: text('行的名称', 'the row’s name'),
    block: text('增减栏组的标题（如 增减变化情况）', 'the heading over the change block (增减变化情况)'),
    earlier: text('上年栏组的标题（如 2018年、上年）', 'the heading over the earlier year’s block (2018年, 上年)'),
  },
  identities: true,
  texts: ['table', 'column', 'parts', 'left'],
  references: (p) => p.tables.map((table, i) => ({ path: ['tables', i], table })),
  run(ctx, params, ruleId) {
    const items: Item[] = [];
    for (const id of params.tables) {
      for (const t of ctx.tables(id)) {
        const earlier = t.yearBlocks?.find((b) => b.kind === 'previous');
        const change = t.yearBlocks?.find((b) => b.kind === 'change');
        if (!earlier || !change) continue;
        for (const { role } of change.columns) {
          const describe = (lang: Lang) => ({
            table: ctx.tableName(t, lang),
            column: `${change.heading} ${ctx.columnName(t, role, lang)}`,
            parts: lang === 'zh-CN' ? `本年 − ${earlier.heading}` : `this year − ${earlier.heading}`,
          });
          const figures = t.rows.map((row) => ({ row, delta: ctx.blockTerm(t, row, change, role), now: ctx.term(t, row, role), before: ctx.blockTerm(t, row, earlier, role, -1) }));
          const total = figures.find((f) => f.row.isTotal);
          // Worked out once per column: the total's units, the same for its row and any row repeating it.
          const totalUnits = total && unitsOf(figures, total);
          for (const mine of figures) {
            const { row, delta, now, before } = mine;
            if (!delta || !now || !before || [delta, now, before].every((x) => x.ref.amount === null)) continue;
            if (total && (mine.row.isTotal || sameFigures(mine, total))) {
              const units = sameFigures(mine, total) ? totalUnits! : unitsOf(figures, mine);
              if (roundedInParts(mine, units)) continue;
            }
            const context = () => ({ rowName: ctx.rowName(row), block: change.heading, earlier: earlier.heading });
            const identity = new CellIdentity(ruleId, delta, 'eq', [delta], [now, before], context, describe);
            // A change worked out from the two years says nothing of which of them is right: one that
            // agrees is no evidence (西安 宣传部 2021 copied its 合计, short of 会议费, into 增减), so
            // only a change that disagrees is an identity at all.
            const { breach, tolerance } = identityFacts(identity);
            if ((breach as number) > (tolerance as number)) items.push(identityItem(identity, t.id));
          }
        }
      }
    }
    return items;
  },
};

type Figure = { row: TableRow; delta?: Term; now?: Term; before?: Term };

const amountOf = (t?: Term) => t?.ref.amount ?? 0;
const sameFigures = (a: Figure, b: Figure) => amountOf(a.delta) === amountOf(b.delta) && amountOf(a.now) === amountOf(b.now) && amountOf(a.before) === amountOf(b.before);

/** The units under a total: the rows that are neither a total nor the same figures again (the department's row over its units repeats the 合计). */
function unitsOf(figures: readonly Figure[], total: Figure): Figure[] {
  return figures.filter((f) => !f.row.isTotal && !sameFigures(f, total) && (f.delta || f.now || f.before));
}

/**
 * A total's change made by adding up its units' changes, each rounded from unrounded figures (西安 交通运输局
 * 2022's 三公 table: 培训费 合计 35.40 = the units' changes added up, against 179.18 − 143.76 = 35.42):
 * off by no more than a cent a unit, it is rounding, not a wrong change. Asked of a total's row, or of a
 * row repeating the total.
 */
function roundedInParts(mine: Figure, units: readonly Figure[]): boolean {
  const delta = mine.delta?.ref.amount ?? null;
  if (delta === null || units.length < 2) return false;
  const cents = (x: number) => Math.round(x * 100);
  const sum = (pick: (f: Figure) => number) => units.reduce((s, f) => s + cents(pick(f)), 0);
  // The total is its units' sum in every block, and its change misses this year less the last by a cent a unit at most.
  if (sum((f) => amountOf(f.delta)) !== cents(delta) || sum((f) => amountOf(f.now)) !== cents(amountOf(mine.now)) || sum((f) => amountOf(f.before)) !== cents(amountOf(mine.before))) return false;
  return Math.abs(cents(delta) - (cents(amountOf(mine.now)) - cents(amountOf(mine.before)))) <= units.length;
}
