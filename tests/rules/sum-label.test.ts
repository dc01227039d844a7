import { describe, expect, it } from 'vitest';
import type { Lang } from '../../src/core/messages.js';
import type { CellRef } from '../../src/core/model.js';
import type { Term } from '../../src/core/rules/identity.js';
import { sumLabel } from '../../src/core/rules/sum-label.js';
import { toA1 } from '../../src/core/address.js';

/** A cell of 表3's row “2130306 水利工程运行与维护”, column “合计”, as the rules name it. */
function term(row: number, col = 4, sign: 1 | -1 = 1, name = '2130306 水利工程运行与维护'): Term {
  const ref: CellRef = { sheet: '表3', cell: toA1(row, col), row, col, text: '1', amount: 1, decimals: 0 };
  const labelAt = (cells: string, lang: Lang) => (lang === 'zh-CN' ? `支出总表（表3）${cells} ${name}“合计”` : `Expense summary ${cells} ${name} “Total”`);
  return { ref, factor: 10_000, unit: '万元', sign, label: { 'zh-CN': labelAt(ref.cell, 'zh-CN'), en: labelAt(ref.cell, 'en') }, labelAt };
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

  it('names two rows, different rows, and rows of opposite sign one by one', () => {
    expect(sumLabel([term(6), term(18)], 'zh-CN')).toBe('支出总表（表3）D6 2130306 水利工程运行与维护“合计” + 支出总表（表3）D18 2130306 水利工程运行与维护“合计”');
    const mixed = [term(5), term(6, 4, 1, '2130301 行政运行'), term(7, 4, -1), term(8, 4, -1)];
    expect(sumLabel(mixed, 'zh-CN').split(' + ')).toHaveLength(2);
    expect(sumLabel(mixed, 'zh-CN').split(' − ')).toHaveLength(3);
  });

  it('keeps a label with no other cells to take (a figure in the narrative) as it is', () => {
    const stated: Term = { ...term(5), labelAt: undefined, label: { 'zh-CN': '说明中的金额', en: 'the amount stated' } };
    expect(sumLabel([stated, stated, stated], 'zh-CN')).toBe('说明中的金额 + 说明中的金额 + 说明中的金额');
  });
});
