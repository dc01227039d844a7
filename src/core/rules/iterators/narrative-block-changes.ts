/**
 * A change the narrative states against the table that prints both years (西安 人社局 2020: “会议费预算
 * 37.55万元，较上年预算减少33.10万元”, where 表13 prints 2019年 70.45 and 2020年 37.55, 32.90 less).
 * The table's own change column is held to its two years by year-block-changes; this holds the
 * narrative to them. A change is rounding, not a slip, when it is the two years' difference rounded to
 * the places the narrative writes, or the difference of the two years each so rounded, give or take
 * one unit in the last place (the ledgers' convention: 51.42 for 51.41 is rounding).
 */
import type { z } from 'zod';
import type { BlockChangeParams } from '../params/narrative.js';
import { toA1 } from '../../address.js';
import { amountText, changeText, type Lang } from '../../messages.js';
import type { RecognizedTable, TableRow, YearBlock } from '../../model.js';
import { globalMatches, parseAmount } from '../../text.js';
import { UNIT_FACTOR, type Term } from '../identity.js';
import type { Item, RuleContext } from '../context.js';
import { type IteratorDef, num, numOrNull, text, both } from '../registry-types.js';
import { HAS_DIGIT, narrativeCells } from './narrative.js';

type Params = z.infer<typeof BlockChangeParams>;

const DECREASE = /减|降|压|节/;
const STATED_UNITS: Readonly<Record<string, number>> = { 万元: 10_000, 元: 1 };

/** The table's row the narrative speaks of: its total, or its only row. */
function totalRow(t: RecognizedTable): TableRow | undefined {
  return t.rows.find((r) => r.isTotal) ?? (t.rows.length === 1 ? t.rows[0] : undefined);
}

/** A whole number of steps, both where x lies half-way (a figure of 1.645 is 1.64 or 1.65). */
function roundings(x: number): number[] {
  const low = Math.floor(x);
  const frac = x - low;
  if (Math.abs(frac - 0.5) < 1e-6) return [low, low + 1];
  return [Math.round(x)];
}

export const narrativeBlockChanges: IteratorDef<Params> = {
  name: 'narrative-block-changes',
  description: both(
    '说明中某项“较上年增加（减少）X万元”，与印有上年栏组的表（西安的“三公”经费表）中该项本年数减上年数核对',
    'the narrative’s “up (down) X 万元 on last year” for an item, against this year less last year in the table printing both (西安’s 三公 table)',
  ),
  facts: {
    statement: text('说明中的原文', 'the sentence as written'),
    stated: num('说明写的增减额（减少为负，万元）', 'the change stated (decrease negative, 万元)'),
    change: num('表中本年数减上年数（万元，至少两位小数）', 'this year less last year in the table (万元, two places at least)'),
    gap: num('说明的增减额离表中增减额（两种四舍五入算法中较近的一种）还差多少个末位单位，减去允许的一个（> 0 即超出舍入）', 'how many units in the last place the stated change is from the table’s (the nearer of its two roundings), less the one allowed (> 0: beyond rounding)'),
    statedRate: numOrNull('说明写的增减幅度（%，减少为负；没写为空）', 'the rate stated (%, decrease negative; null where none is written)'),
    tableRate: numOrNull('表中增减额除以上年数（%，保留两位小数；上年为 0 时为空）', 'the table’s change over last year’s figure (%, two places; null where last year’s is 0)'),
    rateGap: num(
      '说明的增减幅度离表中幅度（按表中原数、按舍入后的两年、或按说明自己的数字算，取最近的）还差多少个末位单位，减去允许的一个（> 0 即超出舍入；没写幅度时为 -1）',
      'how many units in the last place the stated rate is from the table’s (from its figures, from the two years rounded, or from the narrative’s own figures, the nearest), less the one allowed (> 0: beyond rounding; -1 where no rate is written)',
    ),
  },
  identities: false,
  texts: ['item', 'table', 'current', 'previous', 'earlier', 'changeText', 'tableRateText'],
  references: (p) => p.items.map((item, i) => ({ path: ['items', i, 'column'], table: p.table, column: item.column })),
  run(ctx, params) {
    const items: Item[] = [];
    const t = ctx.tables(params.table).find((x) => x.yearBlocks?.some((b) => b.kind === 'previous'));
    const row = t && totalRow(t);
    if (!t || !row) return items;
    const earlier = t.yearBlocks!.find((b) => b.kind === 'previous')!;
    const printed = t.yearBlocks!.find((b) => b.kind === 'change');
    const patterns = params.items.map((item) => ({ item, re: new RegExp(item.pattern, 'gu') }));
    for (const cell of narrativeCells(ctx)) {
      if (!HAS_DIGIT.test(cell.folded)) continue;
      for (const { item, re } of patterns) {
        // The item's column, or its fund columns where the table splits it (深圳).
        const columns = ctx.columnsOf(t, item.column);
        if (!columns) continue;
        for (const m of globalMatches(re, cell.folded)) {
          const found = judge(ctx, t, row, { earlier, ...(printed && { change: printed }) }, columns, m);
          if (!found) continue;
          const { stated, change, gap, now, before, places, rate } = found;
          items.push({
            // Quoted as written: the folded text keeps the original's offsets (narrative.ts).
            facts: { statement: cell.text.slice(m.index!, m.index! + m[0].length), stated, change, gap, statedRate: rate.stated, tableRate: rate.table, rateGap: rate.gap },
            text: (lang: Lang) => ({
              item: item.name[lang],
              table: ctx.tableName(t, lang),
              current: amountText(now.amount, places, '万元', lang),
              previous: amountText(before.amount, places, '万元', lang),
              earlier: earlier.heading,
              changeText: changeText(change, places, '万元', lang),
              tableRateText: rate.table === null ? '' : rateText(rate.table, lang),
            }),
            cell: { sheet: cell.sheet, cell: toA1(cell.row, cell.col) },
            related: [...now.refs, ...before.refs].map((r) => ({ sheet: r.sheet, cell: r.cell })),
            table: t.id,
          });
        }
      }
    }
    return items;
  },
};

/** “增长 7.56%” / “下降 55.99%”. */
function rateText(rate: number, lang: Lang): string {
  if (lang === 'zh-CN') return `${rate < 0 ? '下降' : '增长'} ${Math.abs(rate).toFixed(2)}%`;
  return `${rate < 0 ? 'down' : 'up'} ${Math.abs(rate).toFixed(2)}%`;
}

/**
 * The stated rate (“（26.17%）”, “，增幅90.89%”) against the table's. A narrative works a rate out from the
 * figures in 元, from the two years rounded as it writes them, or from its own figures (this year's less
 * the change it states): any of them, to one unit in the rate's last place, is no slip.
 */
function judgeRate(written: string | undefined, sign: number, nowYuan: number, beforeYuan: number, statedChangeYuan: number, amountStep: number) {
  const parsed = written === undefined ? undefined : parseAmount(written);
  if (parsed?.kind !== 'number' || beforeYuan === 0) return { stated: null, table: beforeYuan === 0 ? null : round2(((nowYuan - beforeYuan) / beforeYuan) * 100), gap: -1 };
  const rateStep = 10 ** -parsed.decimals;
  const stated = sign * parsed.value;
  const rounded = (y: number) => Math.round(y / amountStep) * amountStep;
  const bases: [number, number][] = [
    [nowYuan - beforeYuan, beforeYuan],
    [rounded(nowYuan) - rounded(beforeYuan), rounded(beforeYuan)],
    [statedChangeYuan, rounded(nowYuan) - statedChangeYuan],
  ];
  const rates = bases.filter(([, base]) => base !== 0).map(([delta, base]) => (delta / base) * 100);
  // A millionth of a step below: 640.1 against 640.00 is one unit off, not one and a hair.
  const gap = Math.min(...rates.map((r) => Math.abs(stated - r) / rateStep)) - 1 - 1e-6;
  return { stated, table: round2(rates[0]!), gap: Math.round(gap * 1e4) / 1e4 };
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Whole steps the figure may be rounded to, at `step` 元 a step. */
const stepsOf = (yuan: number, step: number) => roundings(yuan / step);

/** The amount a sentence states before its comparison (“会议费预算37.55万元，较上年…”): its own year's figure. */
const STATED_CURRENT = /([\d,]+(?:\.\d+)?)\s*(万元|元)(?=[^较比]*(?:较|比))/u;

/**
 * The stated change against the table's, or undefined where the table holds no figure for the item, or
 * where the sentence's own figure for this year is not the table's (another unit's paragraph, 西安 商务局
 * 2022's 培训费 10.19 of a department's 21.39; or this year's figure itself wrong, which narrative-three-public
 * reports): its change is then of another figure than the table's.
 */
function judge(ctx: RuleContext, t: RecognizedTable, row: TableRow, blocks: { earlier: YearBlock; change?: YearBlock }, columns: readonly string[], m: RegExpMatchArray) {
  const same = m.groups?.same !== undefined;
  const unitFactor = same ? 10_000 : STATED_UNITS[m.groups?.unit ?? ''];
  const written = same ? '0.00' : (m.groups?.amount ?? '');
  const parsed = parseAmount(written);
  if (unitFactor === undefined || parsed.kind !== 'number') return undefined;
  const nowTerms = columns.map((c) => ctx.term(t, row, c));
  const beforeTerms = columns.map((c) => ctx.blockTerm(t, row, blocks.earlier, c));
  const nowAmount = sumOf(nowTerms);
  const beforeAmount = sumOf(beforeTerms);
  if (nowAmount === undefined || beforeAmount === undefined) return undefined;
  const toYuan = UNIT_FACTOR[ctx.unit(t)];
  const now = nowAmount * toYuan;
  const before = beforeAmount * toYuan;
  const current = STATED_CURRENT.exec(m[0]);
  if (current && !agrees(current[1]!, STATED_UNITS[current[2]!]!, now)) return undefined;
  const places = parsed.decimals;
  // One unit in the last place the narrative writes, in 元.
  const step = unitFactor * 10 ** -places;
  const sign = DECREASE.test(m.groups?.direction ?? '') ? -1 : 1;
  const statedSteps = Math.round((sign * parsed.value * unitFactor) / step);
  // The two years' difference rounded; each year rounded, then their difference; the change the table prints.
  const candidates = [...stepsOf(now - before, step)];
  for (const n of stepsOf(now, step)) for (const b of stepsOf(before, step)) candidates.push(n - b);
  const printed = blocks.change && sumOf(columns.map((c) => ctx.blockTerm(t, row, blocks.change!, c)));
  if (typeof printed === 'number') candidates.push(...stepsOf(printed * toYuan, step));
  const gap = Math.min(...candidates.map((c) => Math.abs(statedSteps - c))) - 1;
  const shown = Math.max(places, 2);
  const wan = (yuan: number) => Number((yuan / 10_000).toFixed(shown));
  const rate = judgeRate(m.groups?.rate, same ? 1 : sign, now, before, statedSteps * step, step);
  const refsOf = (terms: (Term | undefined)[]) => terms.flatMap((x) => (x ? [x.ref] : []));
  return { stated: wan(statedSteps * step), change: wan(now - before), gap, places: shown, rate, now: { amount: now / 10_000, refs: refsOf(nowTerms) }, before: { amount: before / 10_000, refs: refsOf(beforeTerms) } };
}

/** The amount of a column, or of an item's fund columns together (a blank one among them is 0); undefined where a column is missing or all are blank. */
function sumOf(terms: readonly (Term | undefined)[]): number | undefined {
  if (terms.some((x) => x === undefined) || terms.every((x) => x!.ref.amount === null)) return undefined;
  return terms.reduce((s, x) => s + (x!.ref.amount ?? 0), 0);
}

/** Whether a figure as written is the table's, to the places written (give or take one unit in the last). */
function agrees(written: string, unitFactor: number, yuan: number): boolean {
  const parsed = parseAmount(written);
  if (parsed.kind !== 'number') return true;
  const step = unitFactor * 10 ** -parsed.decimals;
  const steps = Math.round((parsed.value * unitFactor) / step);
  return stepsOf(yuan, step).some((s) => Math.abs(s - steps) <= 1);
}
