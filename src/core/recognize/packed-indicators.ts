/**
 * Indicators written into one cell, a project to a row (广州 生态环境局 2026's 项目支出绩效目标表, as
 * 广东's budget system exports it):
 *
 *   1.1－产出指标，11－数量指标，项目专职环保员数量；实施周期指标值：≦核定人数，年度指标值：≦核定人数；
 *   2、1－产出指标，12－质量指标，环境应急事件响应率；实施周期指标值：100%，年度指标值：100%;…
 *
 * Each indicator: its number, its 一级指标 and 二级指标 with their codes, its name, the value for the
 * project's whole period and the value for the year. The year's is the one the budget sets.
 */

export interface PackedIndicator {
  level1: string;
  level2: string;
  name: string;
  /** 年度指标值; the whole period's where the year's is not written. */
  value: string;
}

/** “1－产出指标，11－数量指标，”: a 一级指标 and a 二级指标, each after its code. */
const CATEGORIES = /(\d)\s*[－\-—]\s*(产出指标|效益指标|满意度指标|成本指标)\s*[，,]\s*(\d{2})\s*[－\-—]\s*([^，,；;]{1,20}?)\s*[，,]/gu;
/** A value's label, its colon left out before a comparator (“实施周期指标值》90%”: 》 typed for ＞). */
const PERIOD_VALUE = /实施周期指标值\s*(?:[：:]|(?=[》《＞＜><≥≤≦≧=]))/u;
const ANNUAL_VALUE = /年度指标值\s*(?:[：:]|(?=[》《＞＜><≥≤≦≧=]))/u;
/** The next indicator's number, ending the text of the one before it: “；2、”, “;3.”. */
const NEXT_NUMBER = /[；;]?\s*\d{1,2}\s*[、.．]\s*$/u;
const TRAILING = /[\s；;，,。]+$/u;
/** A full stop ending the cell: “1.” after the last value is no decimal point. */
const FULL_STOP = /[.．]\s*$/u;

/** The indicators a cell packs, in order; undefined when the text is not such a list. */
export function packedIndicators(text: string): PackedIndicator[] | undefined {
  const starts = [...text.matchAll(CATEGORIES)];
  if (starts.length === 0) return undefined;
  const out: PackedIndicator[] = [];
  for (let i = 0; i < starts.length; i++) {
    const m = starts[i]!;
    const last = i + 1 === starts.length;
    // The last indicator has no next one to number: its “1.” is a value and a full stop (广州 生态环境局
    // 2026's 系统数量 “年度指标值：1.”).
    const body = last ? text.slice(m.index + m[0].length).replace(FULL_STOP, '') : text.slice(m.index + m[0].length, starts[i + 1]!.index).replace(NEXT_NUMBER, '');
    const annual = ANNUAL_VALUE.exec(body);
    const period = PERIOD_VALUE.exec(body);
    // Every indicator of such a list states its values: text that does not is some other writing.
    if (!annual && !period) return undefined;
    const nameEnd = Math.min(...[annual, period].filter((x) => x !== null).map((x) => x.index));
    const value = annual ? body.slice(annual.index + annual[0].length) : body.slice(period!.index + period![0].length);
    out.push({ level1: m[2]!, level2: m[4]!, name: body.slice(0, nameEnd).replace(TRAILING, '').trim(), value: value.replace(TRAILING, '').trim() });
  }
  return out;
}
