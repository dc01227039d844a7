/** The subjects a 说明 paragraph names, as the templates write them: the parts the narrative rules are held to. */
import { describe, expect, it } from 'vitest';
import { parseNarrativeItem } from '../../src/core/narrative/items.js';

const subjectsAndAmount = (text: string) => {
  const item = parseNarrativeItem(text);
  return item && { subjects: item.subjects.map((s) => [s.level, s.name]), amount: item.amount?.value };
};

describe('a narrative item’s subjects', () => {
  it('reads 上海’s quoted 类-款-项 path and, in the 市级 units’ 说明, the 类 alone in quotes', () => {
    expect(subjectsAndAmount('（1）“住房保障支出-住房改革支出-住房公积金”科目210万元，主要用于缴纳住房公积金。')).toEqual({
      subjects: [
        [1, '住房保障支出'],
        [2, '住房改革支出'],
        [3, '住房公积金'],
      ],
      amount: 210,
    });
    expect(subjectsAndAmount('1. “社会保障和就业支出”科目5,331万元，主要用于基本支出的人员经费支出。')).toEqual({ subjects: [[1, '社会保障和就业支出']], amount: 5331 });
  });

  it('reads a name holding a short bracket of its own, and still ends a name at its level mark (江苏 省委办公厅 2019)', () => {
    expect(subjectsAndAmount('1．党委办公厅（室）及相关机构事务（款）行政运行（项）支出9370.12万元，与上年相比增加1297.83万元，增长16.07%。')).toEqual({
      subjects: [
        [2, '党委办公厅(室)及相关机构事务'],
        [3, '行政运行'],
      ],
      amount: 9370.12,
    });
    expect(subjectsAndAmount('（二）社会保障和就业支出（类）行政事业单位离退休（款）未归口管理的行政单位离退休（项）支出1,509.72万元')).toEqual({
      subjects: [
        [1, '社会保障和就业支出'],
        [2, '行政事业单位离退休'],
        [3, '未归口管理的行政单位离退休'],
      ],
      amount: 1509.72,
    });
  });

  it('reads levels marked （类）（款）（项） inside the quotes by their marks, not as one quoted name (普陀 万里 2025)', () => {
    expect(subjectsAndAmount('21. “卫生健康支出（类）卫生健康支出（款）计划生育事务（项）”科目20.00万元，主要用于计划生育事务。')).toEqual({
      subjects: [
        [1, '卫生健康支出'],
        [2, '卫生健康支出'],
        [3, '计划生育事务'],
      ],
      amount: 20,
    });
  });
});
