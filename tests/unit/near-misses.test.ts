/** The pieces the typo rules stand on: which words form a list, and how many characters differ. */
import { describe, expect, it } from 'vitest';
import { charDifferences, enumeratedLists } from '../../src/core/rules/iterators/near-misses.js';

describe('counting the characters that differ', () => {
  it('counts substitutions between words of one length', () => {
    expect(charDifferences('资金', '奖金')).toBe(1);
    expect(charDifferences('奖金', '奖金')).toBe(0);
    expect(charDifferences('胡比率', '的比率')).toBe(1);
  });
  it('does not compare words of different lengths (an added or missing character is another kind of change)', () => {
    expect(charDifferences('奖励金', '奖金')).toBe(Infinity);
  });
});

describe('finding the lists a narrative enumerates', () => {
  const text = '（一）人员经费5,312.01万元。主要包括：基本工资、津贴补贴、资金、绩效工资等。';
  it('cuts the lead-in and the closing 等 and keeps each item where the text has it', () => {
    const [list] = enumeratedLists(text);
    expect(list!.map((it) => it.text)).toEqual(['基本工资', '津贴补贴', '资金', '绩效工资']);
    for (const item of list!) expect(text.slice(item.at, item.at + item.text.length)).toBe(item.text);
  });
  it('keeps a name with brackets whole', () => {
    const [list] = enumeratedLists('公用经费主要包括：办公费、维修（护）费、差旅费等。');
    expect(list!.map((it) => it.text)).toEqual(['办公费', '维修（护）费', '差旅费']);
  });
  it('ignores a pair joined by one 、 and sentences without lists', () => {
    expect(enumeratedLists('用于工资、福利。加强管理。')).toEqual([]);
  });
});
