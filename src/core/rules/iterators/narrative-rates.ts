/**
 * Rates of change the narrative states (“比上年减少9,871.3万元，下降15.5%”), recomputed from the
 * figures the same sentence gives, and how this workbook writes a rate to its decimals: rounded, or
 * cut. Where every other rate shows the workbook rounds, a rate cut by a tenth of a point is wrong.
 */
import { percentChange, type Direction, type Figure } from '../../narrative/items.js';

/** Half the last digit written, the most rounding can explain. */
export const half = (f: Figure) => 0.5 * 10 ** -f.decimals;

/** A figure of the text in 万元. */
export function inWan(f: Figure): number {
  return f.unit === '元' ? f.value / 10_000 : f.unit === '亿元' ? f.value * 10_000 : f.value;
}

/** Half the last digit written, in 万元. */
export const halfWan = (f: Figure) => inWan({ ...f, value: half(f) });

/**
 * The figures a rate was worked out from. With last year's figure written, rate = current / previous
 * − 1 moves by (½current + ½previous·current/previous) / previous. With only the change written, last
 * year's is worked out (current ∓ change) and the rate = change / (current ∓ change) moves far less:
 * (½change·current + ½current·change) / base² (湖州 2026's “1.10万元，比上年减少25万元，下降95.0%”:
 * 95.79% ± 0.1, not ± 2).
 */
export type Basis = { previous: Figure; current: Figure } | { change: Figure; current: Figure };

/** A rate as the text states it, with what it can be recomputed from (base and current in 万元). */
export interface StatedRate {
  percent: Figure;
  direction: Direction;
  base: number | null;
  current: number | null;
  basis: Basis | undefined;
}

/** How far the written figures' rounding can move a rate, in points. */
function rateSlack(basis: Basis, base: number, current: number): number {
  if ('previous' in basis) return (100 / Math.abs(base)) * (halfWan(basis.current) + halfWan(basis.previous) * Math.abs(current / base));
  const change = Math.abs(current - base);
  return (100 * (halfWan(basis.change) * Math.abs(current) + halfWan(basis.current) * change)) / (base * base);
}

/** The rate recomputed, with the slack the figures' rounding allows; undefined when it cannot be. */
function recomputed(rate: StatedRate): { change: number; slack: number } | undefined {
  if (rate.base === null || rate.current === null || !rate.basis) return undefined;
  const change = percentChange(rate.base, rate.current);
  return change === undefined ? undefined : { change, slack: rateSlack(rate.basis, rate.base, rate.current) };
}

const EPSILON = 1e-9;
const toDecimals = (x: number, decimals: number, how: 'round' | 'cut') => {
  const scale = 10 ** decimals;
  return (how === 'round' ? Math.round(x * scale + EPSILON) : Math.trunc(x * scale + EPSILON)) / scale;
};

/**
 * Which way a stated rate was brought to its decimals, where only one way gives it: 'round' or
 * 'cut'. Undefined when both or neither do, or when the figures' own rounding leaves the last digit
 * open (the recomputed rate could lie either side of the step).
 */
export function writtenBy(rate: StatedRate): 'round' | 'cut' | undefined {
  const r = recomputed(rate);
  if (!r) return undefined;
  const { decimals, value } = rate.percent;
  const low = Math.abs(r.change) - r.slack;
  const high = Math.abs(r.change) + r.slack;
  const rounded = toDecimals(low, decimals, 'round');
  const cut = toDecimals(low, decimals, 'cut');
  if (rounded !== toDecimals(high, decimals, 'round') || cut !== toDecimals(high, decimals, 'cut') || rounded === cut) return undefined;
  if (Math.abs(value - rounded) < EPSILON) return 'round';
  if (Math.abs(value - cut) < EPSILON) return 'cut';
  return undefined;
}

/** How many of a workbook's rates show they were rounded, and how many that they were cut. */
export interface RateHabit {
  round: number;
  cut: number;
}

export function rateHabit(rates: readonly StatedRate[]): RateHabit {
  const habit = { round: 0, cut: 0 };
  for (const rate of rates) {
    const way = writtenBy(rate);
    if (way) habit[way]++;
  }
  return habit;
}

/** Rounded rates enough to call it the workbook's habit. */
const HABIT_MINIMUM = 3;

/**
 * Whether a rate cut to its decimals is taken as written. To hundredths a cut is a hundredth of a
 * point, which the ledgers never call a defect (江苏 2017–2019's “增长2.31%” for 2.3153%). To tenths
 * or whole points, it is taken as written where another rate of the workbook is cut too (江苏检察院
 * 2018's “降幅9.1%” beside “36.58%” for 36.586%), not where every other rate shows rounding
 * (杭州交通 2026: fifteen rounded, “下降15.5%” for 15.57%).
 */
function cutTaken(rate: StatedRate, habit: RateHabit): boolean {
  if (rate.percent.decimals >= 2) return true;
  const othersCut = habit.cut - (writtenBy(rate) === 'cut' ? 1 : 0);
  return othersCut > 0 || habit.round < HABIT_MINIMUM;
}

/**
 * A stated rate of change against the one its figures give. The amounts' own rounding moves the
 * rate, and a written percent may be cut rather than rounded (cutTaken): only what neither explains
 * is excess.
 */
export function rateAgainstFigures(rate: StatedRate, habit: RateHabit): { stated: number; computed: number | null; excess: number | null } {
  const { percent, direction } = rate;
  const stated = direction === 'decrease' ? -percent.value : direction === 'same' ? 0 : percent.value;
  const r = recomputed(rate);
  if (!r) return { stated, computed: null, excess: null };
  const cut = cutTaken(rate, habit) && Math.abs(Math.abs(stated) - toDecimals(Math.abs(r.change), percent.decimals, 'cut')) < EPSILON && Math.sign(stated) === Math.sign(r.change);
  return { stated, computed: r.change, excess: cut ? 0 : Math.abs(stated - r.change) - (half(percent) + r.slack) };
}
