/** Two words of a subject name traded: what the word-order rule calls a slip, and what it leaves alone. */
import { describe, expect, it } from 'vitest';
import { wordsSwapped } from '../../src/core/rules/iterators/word-order.js';

describe('two words of a name traded', () => {
  it('finds the words that traded places, keeping what comes before and after them', () => {
    expect(wordsSwapped('一般行政事务管理', '一般行政管理事务')).toEqual({ first: '管理', second: '事务' });
    expect(wordsSwapped('人力资源和社会保障事务管理', '人力资源和社会保障管理事务')).toEqual({ first: '管理', second: '事务' });
    expect(wordsSwapped('福利工资支出', '工资福利支出')).toEqual({ first: '工资', second: '福利' });
  });

  it('is no swap of words when a single character moved, or the characters are merely the same', () => {
    // 检察院 2019: “压减了会议费预算和其他商品服务支出” — the conjunction 和, not the name's 和, moved.
    expect(wordsSwapped('和其他商品服务支出', '其他商品和服务支出')).toBeUndefined();
    expect(wordsSwapped('一般行政管理事务', '一般行政管理事务')).toBeUndefined();
    expect(wordsSwapped('务事理管政行般一', '一般行政管理事务')).toBeUndefined();
    expect(wordsSwapped('一般行政事务', '一般行政管理事务')).toBeUndefined();
  });
});
