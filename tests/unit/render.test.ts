import { describe, expect, it } from 'vitest';
import { render } from '../../src/core/rules/run.js';

describe('a rule message rendered from its facts', () => {
  it('writes 为空白 with no space where a placeholder reads 空白, and spaces a number', () => {
    const template = '合计为 {{actualText}}，应为 {{expectedText}}';
    expect(render(template, { facts: {}, text: () => ({ actualText: '空白', expectedText: '12.00 万元' }) }, 'zh-CN')).toBe('合计为空白，应为 12.00 万元');
    expect(render(template, { facts: {}, text: () => ({ actualText: '3.00 万元', expectedText: '12.00 万元' }) }, 'zh-CN')).toBe('合计为 3.00 万元，应为 12.00 万元');
  });

  it('keeps the spaces of a workbook text quoted in the message, 空白 or not', () => {
    const template = '说明写作“{{statement}}”';
    expect(render(template, { facts: { statement: '其他 空白 栏次' } }, 'zh-CN')).toBe('说明写作“其他 空白 栏次”');
  });

  it('leaves English as it is', () => {
    expect(render('the total is {{actualText}}', { facts: {}, text: () => ({ actualText: 'blank' }) }, 'en')).toBe('the total is blank');
  });
});
