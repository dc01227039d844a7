import { describe, expect, it } from 'vitest';
import { render } from '../../src/core/rules/run.js';

describe('a rule message rendered from its facts', () => {
  it('writes 为空白 with no space where a placeholder reads 空白, and spaces a number', () => {
    const template = '合计为 {{actualText}}，应为 {{expectedText}}';
    expect(render(template, { facts: {}, text: () => ({ actualText: '空白', expectedText: '12.00 万元' }) }, 'zh-CN')).toBe('合计为空白，应为 12.00 万元');
    expect(render(template, { facts: {}, text: () => ({ actualText: '3.00 万元', expectedText: '12.00 万元' }) }, 'zh-CN')).toBe('合计为 3.00 万元，应为 12.00 万元');
  });

  it('writes 本表另一行 close to the words on both sides, and spaces a sheet or a subject’s name', () => {
    const template = '科目 {{code}} 名为“{{name}}”，而 {{otherTables}} 中为“{{usualName}}”';
    const facts = { code: '30208', name: '物业管理费', usualName: '取暖费' };
    expect(render(template, { facts, text: () => ({ otherTables: '本表另一行' }) }, 'zh-CN')).toBe('科目 30208 名为“物业管理费”，而本表另一行中为“取暖费”');
    expect(render(template, { facts, text: () => ({ otherTables: '本表另一行、表6' }) }, 'zh-CN')).toBe('科目 30208 名为“物业管理费”，而本表另一行、表6 中为“取暖费”');
    expect(render(template, { facts, text: () => ({ otherTables: '表十' }) }, 'zh-CN')).toBe('科目 30208 名为“物业管理费”，而 表十 中为“取暖费”');
    expect(render('科目 {{code}} {{name}} 有金额', { facts: { code: '20408', name: '强制隔离戒毒' } }, 'zh-CN')).toBe('科目 20408 强制隔离戒毒 有金额');
  });

  it('keeps the spaces of a workbook text quoted in the message, 空白 or not', () => {
    const template = '说明写作“{{statement}}”';
    expect(render(template, { facts: { statement: '其他 空白 栏次' } }, 'zh-CN')).toBe('说明写作“其他 空白 栏次”');
  });

  it('leaves English as it is', () => {
    expect(render('the total is {{actualText}}', { facts: {}, text: () => ({ actualText: 'blank' }) }, 'en')).toBe('the total is blank');
  });
});
