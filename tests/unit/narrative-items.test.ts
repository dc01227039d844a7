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
