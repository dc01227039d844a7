/** Reads an indicator value such as "≥98%", "≤81万元", "不少于1100人", "按要求全部完成". */
import { chineseNumeral } from '../numerals.js';
import { fold } from '../text.js';

export interface IndicatorValue {
  comparator: '≥' | '≤' | '>' | '<' | '=' | '';
  number: number | null;
  unit: string;
  /** The whole value is comparator + number + unit, i.e. a quantity. */
  isQuantity: boolean;
  /** The comparator sign was written after the number (“90≥”, 长沙 公安局 2025), not before it. */
  comparatorAfter?: true;
}

const COMPARATORS: [RegExp, IndicatorValue['comparator']][] = [
  [/^(≥|>=|大于等于|不低于|不少于|不小于|至少)/, '≥'],
  [/^(≤|<=|小于等于|不高于|不超过|不多于|不大于|控制在|以内)/, '≤'],
  [/^(>|大于|高于|超过)/, '>'],
  [/^(<|小于|低于)/, '<'],
  [/^(=|等于|达到|为)/, '='],
];

/** The word 预算 between a comparator and the amount it bounds. */
const BUDGET_BEFORE_AMOUNT = /^预算(?:数|金额|资金)?(?=\d)/u;

export function parseIndicatorValue(text: string): IndicatorValue {
  // "满意率100%", "合格率≥95%": the indicator's own name written in front of its value; any name before
  // a comparator sign ("每月站点正常运行率≥95%", "一般天气过程提前量≥72小时", 西安 2022).
  let rest = fold(text)
    .replace(/\s+/g, '')
    .replace(/^[\u4e00-\u9fff]{1,6}[率度](?=[≥≤><=\d不大小高低至达等控以])/u, '')
    .replace(/^[\u4e00-\u9fff（）()]{1,16}(?=[≥≤><=])/u, '');
  let comparator: IndicatorValue['comparator'] = '';
  for (const [re, c] of COMPARATORS) {
    const m = re.exec(rest);
    if (m) {
      comparator = c;
      // “不超过预算305万元” (广州 生态环境局 2026): the budget named before its amount is that amount.
      rest = rest.slice(m[0].length).replace(BUDGET_BEFORE_AMOUNT, '');
      break;
    }
  }
  const m = /^(\d+(?:\.\d+)?)(.*)$/.exec(rest.replace(/,/g, ''));
  if (!m) {
    if (!comparator) return numberInWords(rest);
    // “至少一次” (广州 生态环境局 2026's 应急处置次数): a comparator and a count in words.
    const counted = countInWords(rest);
    return shareOfBase(comparator, rest) ?? (counted ? { comparator, ...counted } : { comparator, number: null, unit: '', isQuantity: false });
  }
  let unit = m[2]!;
  // “10-15项”: a range, its unit after the upper end. A range is quantified, though not as one
  // comparator and number: no comparator to suggest (isQuantity below).
  const range = /^\s*[-~～—至到]\s*\d+(?:\.\d+)?(.*)$/.exec(unit);
  if (range) unit = range[1]!;
  // “10余次”: more than 10 times.
  if (unit.startsWith('余')) {
    if (!comparator) comparator = '≥';
    unit = unit.slice(1);
  }
  // "95%以上", "5天以内": the comparator written after the number.
  const after = /(以上|及以上|以下|及以下|以内)$/.exec(unit);
  if (after) {
    if (!comparator) comparator = after[1]!.endsWith('以上') ? '≥' : '≤';
    unit = unit.slice(0, -after[1]!.length);
  }
  // “90≥”, “95%≥”: the sign written after the number, where it reads as no unit (长沙 公安局 2025).
  const sign = comparator === '' ? /(≥|≤|>=|<=|>|<)$/.exec(unit) : null;
  const signAfter = sign ? (COMPARATORS.find(([re]) => re.test(sign[1]!))?.[1] ?? '') : '';
  if (sign && signAfter) {
    comparator = signAfter;
    unit = unit.slice(0, -sign[1]!.length);
  }
  // "3个月内", "5个工作日内": a span of time and 内 is at most that span (“12月内” stays a deadline).
  const within = /^(个月|天|小时|分钟|个工作日|工作日|周)内$/.exec(unit);
  if (within) {
    if (!comparator) comparator = '≤';
    unit = within[1]!;
  }
  // "100%支持", "95%达标": a percentage followed by the word it qualifies is still a percentage (烟台 2026).
  if (/^%[\u4e00-\u9fff]{1,4}$/u.test(unit)) unit = '%';
  // "≥13459.00(平方米)": a unit in brackets is still the unit.
  unit = unit.replace(/^[(（]([^()（）]+)[)）]$/, '$1');
  // "12月底前", "2024年底前完成", "2025年度内" are deadlines, not a number with a unit; "2026年全年"
  // (西安 公安局 2026's 租赁时间) is a period: a year, not 2026 of something.
  const deadline = /^(年度?|月|日)(底|末|初|中|内|前|以前|之前)|^月\d|^年\d/.test(unit) || (/^年/.test(unit) && Number(m[1]) >= 1990 && Number(m[1]) <= 2100);
  return { comparator, number: Number(m[1]), unit, isQuantity: unit.length <= 4 && !deadline && !range, ...(signAfter && { comparatorAfter: true as const }) };
}

/**
 * A share of a base the value names before it: “≥原基础数据15%” (烟台 住建 2026, 数据更新数量: at least
 * 15% of the data there was). Quantified, though the base is in words; no quantity to suggest.
 */
function shareOfBase(comparator: IndicatorValue['comparator'], rest: string): IndicatorValue | undefined {
  const m = /^[\u4e00-\u9fff]{1,8}?(\d+(?:\.\d+)?)([%‰])$/u.exec(rest);
  return m ? { comparator, number: Number(m[1]), unit: m[2]!, isQuantity: false } : undefined;
}

/**
 * A figure written inside a sentence (“全年366天实时监测”, “飞机增雨10次/年；火箭增雨12次/年”): the value
 * is quantified, though not as a single comparator, number and unit, so no unit is read from it.
 */
function numberInWords(text: string): IndicatorValue {
  const counted = countInWords(text);
  if (counted) return { comparator: '', ...counted };
  const m = /(\d+(?:\.\d+)?)/.exec(text.replace(/,/g, ''));
  return { comparator: '', number: m ? Number(m[1]) : frequencyInWords(text), unit: '', isQuantity: false };
}

/** “两次”, “一支” (西安 安监局 2019): a count in Chinese numerals and its measure word is a quantity. */
function countInWords(text: string): Omit<IndicatorValue, 'comparator'> | undefined {
  const counted = COUNT_IN_WORDS.exec(text);
  if (!counted) return undefined;
  const n = counted[1] === '两' ? 2 : chineseNumeral(counted[1]!);
  return n === undefined ? undefined : { number: n, unit: counted[2]!, isQuantity: true };
}

/** A numeral (一 … 九十九, 两) and a measure word, the whole value: never a word such as 一般 or 一流. */
const COUNT_IN_WORDS = /^(两|[一二三四五六七八九十]{1,3})(人次|次|支|个|项|台|套|件|辆|家|场|期|批|所|座|名|篇|份|起|处|条|张|户|人|本|部)$/u;

const DIGIT_WORDS: Readonly<Record<string, number>> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** A frequency written in words (“每月一次”, “每季度两次”, 长沙 2025; “一年一次”, 广州 生态环境局 2026): how many times, or null. */
function frequencyInWords(text: string): number | null {
  const m = /(?:每|一)(?:年|半年|季度?|个?月|周|日|天)([一二两三四五六七八九]|十[一二三四五六七八九]?|[一二三四五六七八九]十[一二三四五六七八九]?)(?:次|回|期|批)/.exec(text);
  if (!m) return null;
  const words = m[1]!;
  if (!words.includes('十')) return DIGIT_WORDS[words]!;
  const [tens, ones] = words.split('十') as [string, string];
  return (tens === '' ? 1 : DIGIT_WORDS[tens]!) * 10 + (ones === '' ? 0 : DIGIT_WORDS[ones]!);
}

/** A comparator column's text that is a comparator (“≥”, “＝”, “不低于”), not a kind of value (“定性”). */
export function isComparatorText(text: string): boolean {
  const folded = fold(text).replace(/\s+/g, '');
  return folded !== '' && COMPARATORS.some(([re]) => re.test(folded));
}

/** Converts an amount indicator to 万元; undefined when its unit is not a currency. */
export function toWanYuan(value: number, unit: string): number | undefined {
  switch (unit) {
    case '万元':
      return value;
    case '元':
      return value / 10000;
    case '千元':
      return value / 10;
    case '亿元':
      return value * 10000;
    default:
      return undefined;
  }
}
