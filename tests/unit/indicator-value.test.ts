/** Indicator values as real forms write them: bracketed units, words before the value, 以上/以内 after it, figures inside sentences. */
import { describe, expect, it } from 'vitest';
import { isComparatorText, parseIndicatorValue } from '../../src/core/rules/indicator-value.js';

describe('reading an indicator value', () => {
  it.each([
    ['≥13459.00(平方米)', '≥', 13459, '平方米', true],
    ['不少于 80%', '≥', 80, '%', true],
    ['满意率100%', '', 100, '%', true],
    ['合格率≥95%', '≥', 95, '%', true],
    ['95%以上', '≥', 95, '%', true],
    ['5个工作日以内', '≤', 5, '个工作日', true],
    ['≤3400入', '≤', 3400, '入', true],
    ['3个月内', '≤', 3, '个月', true],
    ['12月内', '', 12, '月内', false],
    ['12月底前', '', 12, '月底前', false],
    ['按要求全部完成', '', null, '', false],
    // 西安 2022: the indicator's name before a comparator sign, however long; a figure inside a sentence.
    ['每月站点正常运行率≥95%', '≥', 95, '%', true],
    ['一般天气过程提前量≥72小时', '≥', 72, '小时', true],
    ['全年366天实时监测', '', 366, '', false],
    ['飞机增雨10次/年；火箭增雨12次/年', '', 10, '', false],
    // 长沙 2025: a year as the deadline; a frequency in words, quantified though not a quantity.
    ['＝2025年度内年', '=', 2025, '年度内年', false],
    ['每月一次', '', 1, '', false],
    ['每季度两次', '', 2, '', false],
    ['每年十二次', '', 12, '', false],
    ['一次性完成', '', null, '', false],
    // 长沙 公安局 2025: the sign after the number, where it would read as the unit.
    ['90≥', '≥', 90, '', true],
    ['12场≥', '≥', 12, '场', true],
    // 西安 医保局 2022: a range, and “余” for more than.
    ['10-15项', '', 10, '项', false],
    ['40余次', '≥', 40, '次', true],
    // 西安 安监局 2019: a count in Chinese numerals with its measure word; 一 opening a word is no count.
    ['两次', '', 2, '次', true],
    ['一支', '', 1, '支', true],
    ['十二场', '', 12, '场', true],
    ['一流', '', null, '', false],
    ['一般', '', null, '', false],
    // 广州 生态环境局 2026: a comparator in words before a count in words; a frequency by “一年”.
    ['至少一次', '≥', 1, '次', true],
    ['不少于两次', '≥', 2, '次', true],
    ['至少一流', '≥', null, '', false],
    ['一年一次', '', 1, '', false],
    ['一周两次', '', 2, '', false],
  ] as const)('%s', (text, comparator, number, unit, isQuantity) => {
    const { comparatorAfter: _, ...read } = parseIndicatorValue(text);
    expect(read).toEqual({ comparator, number, unit, isQuantity });
  });

  it('says when the sign was written after the number, and only then', () => {
    expect(parseIndicatorValue('90≥').comparatorAfter).toBe(true);
    expect(parseIndicatorValue('≥90%').comparatorAfter).toBeUndefined();
    expect(parseIndicatorValue('95%以上').comparatorAfter).toBeUndefined();
  });
});

describe('a comparator column', () => {
  it('holds comparators, or (长沙 2025’s 指标值类型) the kind of value, which is no part of it', () => {
    expect(['≥', '＝', '<=', '不低于'].map(isComparatorText)).toEqual([true, true, true, true]);
    expect(['定性', '定量', '%', ''].map(isComparatorText)).toEqual([false, false, false, false]);
  });
});
