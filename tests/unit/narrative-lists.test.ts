/**
 * A total broken down paragraph by paragraph: which paragraphs are its parts, and when the list is
 * known to have ended (a heading above it) rather than cut off (a table, the end of the text).
 */
import { describe, expect, it } from 'vitest';
import { breakdownAt, isLead, type Paragraph } from '../../src/core/narrative/lists.js';

const texts = (...lines: string[]): Paragraph[] => lines.map((text) => ({ text, alone: true }));

describe('a breakdown over paragraphs', () => {
  it('takes each numbered paragraph’s first amount, passes over deeper numbering and unnumbered paragraphs, and ends at a heading above', () => {
    const b = breakdownAt(
      texts(
        '2026年“三公”经费预算数为47.91万元，比2025年预算增加25万元。其中：',
        '1．因公出国（境）费0万元，与上年持平。',
        '2．公务用车购置及运行费预算支出30.01万元。其中：',
        '（1）公务用车购置预算支出0万元。',
        '（2）公务用车运行维护费预算支出30.01万元。',
        '3．公务接待费17.9万元，比上年增加2万元。',
        '此外，会议费预算支出3万元。',
        '二、其他说明',
        '4．不属于上面的列举10万元。',
      ),
    );
    expect(b).toMatchObject({ word: '其中', total: { value: 47.91, unit: '万元' }, closed: true });
    expect(b!.parts.map((p) => [p.at, p.number, p.figure.value])).toEqual([
      [1, 1, 0],
      [2, 2, 30.01],
      [5, 3, 17.9],
    ]);
  });

  it('reads full-width numbering and 元 amounts as written', () => {
    const b = breakdownAt(texts('基本支出预算1,000元。包括：', '（一）人员经费６００元。', '（二）公用经费400元。', '七、政府性基金'));
    expect(b).toMatchObject({ word: '包括', total: { value: 1000, unit: '元' }, closed: true });
    expect(b!.parts.map((p) => p.figure.value)).toEqual([600, 400]);
  });

  it('takes a heading that is only a name and its amount as the lead of the numbered paragraphs under it (北京 2026), and no heading saying more', () => {
    const b = breakdownAt(texts('（二）本年其他资金收入9.17万元', '4.财政专户管理资金收入0万元。', '5.事业收入0万元。', '6.其他收入9.17万元。', '（三）上年结转结余13223.4万元', '7.上年结转结余13223.4万元。'));
    expect(b).toMatchObject({ word: '其下', total: { value: 9.17, unit: '万元' }, closed: true });
    expect(b!.parts.map((p) => [p.number, p.figure.value])).toEqual([
      [4, 0],
      [5, 0],
      [6, 9.17],
    ]);
    expect(isLead('（一）基本支出。基本支出预算50790.07万元，占本年支出预算66.54%。')).toBe(false);
    expect(isLead('1.一般公共预算拨款收入68443.58万元。')).toBe(false);
  });

  it('is not closed when a table row, the end of the text or the reading limit ends it', () => {
    expect(breakdownAt(texts('支出总计100万元。包括：', '1．公共安全（类）支出60万元。'))?.closed).toBe(false);
    const tableRow: Paragraph = { text: '1．工资福利支出', alone: false };
    expect(breakdownAt([...texts('支出总计100万元。包括：', '1．公共安全（类）支出60万元。'), tableRow, ...texts('二、下一节')])?.closed).toBe(false);
  });

  it('ends a list where an unnumbered paragraph opens a list of its own, and reads paragraphs only as far as it goes', () => {
    const lines = texts('支出总计100万元。包括：', '1．公共安全（类）支出60万元。', '此外，基本支出50万元，其中：', '（1）人员经费40万元。', '2．住房保障（类）支出40万元。', '二、下一节');
    const asked: number[] = [];
    const b = breakdownAt((k) => {
      asked.push(k);
      return lines[k];
    });
    expect(b).toMatchObject({ closed: false });
    expect(b!.parts.map((p) => p.figure.value)).toEqual([60]);
    expect(Math.max(...asked)).toBe(2);
  });

  it('reads nothing where the lead states no single amount, no numbered paragraph follows, or a part has no amount', () => {
    expect(breakdownAt(texts('收支总计100万元，比上年的90万元多。其中：', '1．收入100万元。'))).toBeUndefined();
    expect(breakdownAt(texts('支出总计100万元。包括：', '公共安全支出60万元。'))).toBeUndefined();
    expect(breakdownAt(texts('“三公”经费预算100万元，具体如下：', '1.因公出国（境）费用：年初不编制预算。', '2.公务接待费100万元。', '二、'))).toBeUndefined();
    // Numbered parts under a lead numbered at their own level are the lead's siblings.
    expect(breakdownAt(texts('1．一般公共预算支出100万元，其中：', '2．政府性基金支出0万元。'))).toBeUndefined();
  });

  it('knows a lead by its last words, not by 主要包括 that opens a list of words', () => {
    expect(isLead('（二）支出预算总计17996.68万元。包括：')).toBe(true);
    expect(isLead('基本支出预算6,442.75万元，其中：')).toBe(true);
    expect(isLead('（一）人员经费9710.42万元。主要包括：')).toBe(false);
    expect(isLead('其中：公务接待费2万元。')).toBe(false);
  });
});
