import { describe, expect, it } from 'vitest';
import type { Lang } from '../../src/core/messages.js';
import type { CellRef } from '../../src/core/model.js';
import type { Term } from '../../src/core/rules/identity.js';
import { sumLabel } from '../../src/core/rules/sum-label.js';
import { toA1 } from '../../src/core/address.js';

/** A cell of 表3's row “2130306 水利工程运行与维护”, column “合计”, as the rules name it. */
function term(row: number, col = 4, sign: 1 | -1 = 1, name = '2130306 水利工程运行与维护'): Term {
  const ref: CellRef = { sheet: '表3', cell: toA1(row, col), row, col, text: '1', amount: 1, decimals: 0 };
  const inTable = (cells: string, lang: Lang) => (lang === 'zh-CN' ? `${cells} ${name}“合计”` : `${cells} ${name} “Total”`);
  const tableName = (lang: Lang) => (lang === 'zh-CN' ? '支出总表（表3）' : 'Expense summary');
  const labelAt = (cells: string, lang: Lang) => (lang === 'zh-CN' ? `${tableName(lang)}${inTable(cells, lang)}` : `${tableName(lang)} ${inTable(cells, lang)}`);
  const labelInTable = (lang: Lang, cells = ref.cell) => inTable(cells, lang);
  return { ref, factor: 10_000, unit: '万元', sign, label: { 'zh-CN': labelAt(ref.cell, 'zh-CN'), en: labelAt(ref.cell, 'en') }, labelAt, tableName, labelInTable };
}

describe('a sum named in a message', () => {
  it('names a subject repeated down a column once, by its range and number of rows', () => {
    const rows = Array.from({ length: 37 }, (_, k) => term(178 + k));
    expect(sumLabel(rows, 'zh-CN')).toBe('支出总表（表3）D178:D214 共 37 行 2130306 水利工程运行与维护“合计”');
    expect(sumLabel(rows, 'en')).toBe('Expense summary D178:D214 (37 rows) 2130306 水利工程运行与维护 “Total”');
  });

  it('names rows apart from one another by their first cells and the last', () => {
    const rows = [15, 173, 182, 191, 201, 238].map((r) => term(r));
    expect(sumLabel(rows, 'zh-CN')).toBe('支出总表（表3）D15、D173、D182…D238 共 6 行 2130306 水利工程运行与维护“合计”');
    expect(sumLabel(rows.slice(0, 4), 'zh-CN')).toBe('支出总表（表3）D15、D173、D182、D191 共 4 行 2130306 水利工程运行与维护“合计”');
  });

  it('names two rows of one subject together too, and different rows of one table after the table once', () => {
    expect(sumLabel([term(6), term(18)], 'zh-CN')).toBe('支出总表（表3）D6、D18 共 2 行 2130306 水利工程运行与维护“合计”');
    expect(sumLabel([term(5, 4, 1, '2130301 行政运行'), term(6, 4, 1, '2130302 一般行政管理事务')], 'zh-CN')).toBe('支出总表（表3）D5 2130301 行政运行“合计” + D6 2130302 一般行政管理事务“合计”');
    expect(sumLabel([term(5, 4, 1, '2130301 行政运行'), term(6, 4, 1, '2130302 一般行政管理事务')], 'en')).toBe('Expense summary D5 2130301 行政运行 “Total” + D6 2130302 一般行政管理事务 “Total”');
  });

  it('names rows of opposite sign apart, and a cell of another table with its table', () => {
    const mixed = [term(5), term(6, 4, 1, '2130301 行政运行'), term(7, 4, -1), term(8, 4, -1)];
    expect(sumLabel(mixed, 'zh-CN').split(' + ')).toHaveLength(2);
    expect(sumLabel(mixed, 'zh-CN')).toContain(' − D7:D8 共 2 行 2130306 水利工程运行与维护“合计”');
    const other: Term = { ...term(9), tableName: () => '收支总表（表1）', labelInTable: (_lang: Lang, cells?: string) => `${cells ?? 'D9'} 支出合计“预算数”`, label: { 'zh-CN': '收支总表（表1）D9 支出合计“预算数”', en: '' }, labelAt: undefined };
    expect(sumLabel([term(5), other], 'zh-CN')).toBe('支出总表（表3）D5 2130306 水利工程运行与维护“合计” + 收支总表（表1）D9 支出合计“预算数”');
  });

  it('keeps a label with no other cells to take (a figure in the narrative) as it is', () => {
    const stated: Term = { ...term(5), labelAt: undefined, tableName: undefined, labelInTable: undefined, label: { 'zh-CN': '说明中的金额', en: 'the amount stated' } };
    expect(sumLabel([stated, stated, stated], 'zh-CN')).toBe('说明中的金额 + 说明中的金额 + 说明中的金额');
  });
});
