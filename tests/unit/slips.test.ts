/** What the report says about the cell it asks a clerk to change: the slip it saw, in the clerk's terms. */
import { describe, expect, it } from 'vitest';
import { explainDifference, explainValue, slipUndone } from '../../src/core/rules/slips.js';

describe('why a cell may be wrong', () => {
  it('calls a blank cell blank, and a 0 typed a 0 (Guilin 司法局 2015 printed “0” for 公务用车费)', () => {
    expect(explainValue(null, 32.65, 'zh-CN')).toBe('该格为空，疑似漏填');
    expect(explainValue(0, 32.65, 'zh-CN')).toBe('该格填的是 0，疑似漏填');
    expect(explainValue(0, 32.65, 'en')).toBe('the cell holds 0: the value looks omitted');
  });

  it('says nothing of an empty cell that should stay empty', () => {
    expect(explainValue(null, 0, 'zh-CN')).toBeUndefined();
    expect(explainValue(0, 0, 'zh-CN')).toBeUndefined();
  });

  it('names a slipped decimal and two swapped digits', () => {
    expect(explainValue(326.5, 32.65, 'zh-CN')).toBe('相差 10 倍，疑似小数点错位');
    expect(explainValue(22.02, 22.2, 'zh-CN')).toBe('疑似相邻数字颠倒（22.20 写成了 22.02）');
  });

  it('names a difference divisible by 9 only where two swapped digits could make it (西安 2022: 0.27 for 0.00 is no swap)', () => {
    expect(explainValue(523.41, 123.45, 'zh-CN')).toBe('差额 399.96 能被 9 整除，疑似数字颠倒');
    expect(explainValue(0.27, 0, 'zh-CN')).toBeUndefined();
    expect(explainValue(30.09, 30, 'zh-CN')).toBeUndefined();
  });

  it('restores the figure a slip undoes where rounded parts leave the solution a unit off it', () => {
    // 杭州 2026: 123.61 typed 1236.10, its parts add up to 123.60 (a slip clearSlip sees exactly).
    expect(slipUndone(1236.1, 123.6, 2)).toBe(123.61);
    // 烟台 2026: 4.5 typed 45, its rounded parts add up to 4.49 — 45 / 4.49 is too far from 10 for that.
    expect(slipUndone(45, 4.49, 2)).toBe(4.5);
    expect(slipUndone(76.7, 7.68, 2)).toBe(7.67);
    // No slip to undo: a figure two units off, or the solution itself; nor the last two digits swapped,
    // which a single mistyped last digit imitates (无锡 2026: 7,959.98 for 7,959.88 is not 7,959.89).
    expect(slipUndone(45, 4.47, 2)).toBeUndefined();
    expect(slipUndone(7959.98, 7959.88, 2)).toBeUndefined();
    expect(slipUndone(45, 4.5, 2)).toBeUndefined();
  });

  it('names a row printed twice where the parts are over by it and another part repeats it, name and figure', () => {
    // 无锡 发改委 2025: 21999 其他支出 502.00 printed on rows 28 and 29 under 219's 502.00.
    const row = (cell: string, value: number) => ({ name: `表3 ${cell} 21999 其他支出`, value, row: { key: '表3 21999 其他支出', cell } });
    expect(explainDifference(-502, [row('C28', 502), row('C29', 502)], 'zh-CN')).toBe('差额恰好等于“表3 C28 21999 其他支出”，而 C29 与它科目、金额都相同：疑似同一行印了两次，删去多印的一行即相符');
    // Parts short by such a row are a row left out, not one printed twice; a repeat of another figure is no twin.
    expect(explainDifference(502, [row('C28', 502), row('C29', 502)], 'zh-CN')).toBe('差额恰好等于“表3 C28 21999 其他支出”，疑似漏加或多加了这一行');
    expect(explainDifference(-502, [row('C28', 502), row('C29', 501)], 'zh-CN')).toBe('差额恰好等于“表3 C28 21999 其他支出”，疑似漏加或多加了这一行');
  });
});
