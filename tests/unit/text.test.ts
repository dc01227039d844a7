import { describe, expect, it } from 'vitest';
import { displayText, foldsOnlyToAscii, globalMatches, isFoldStable, normalizeLabel, parseAmount, stripEnumeration, nestQuotes, excerpt, excerptBounds } from '../../src/core/text.js';
import { joinSplitCode, misprintedClass, parentCode, parseWholeCode, splitCodeFromLabel } from '../../src/core/codes.js';
import { columnLetters, fromA1, parseRange, rangeToA1, toA1 } from '../../src/core/address.js';
import { HAS_CONTENT } from '../../src/core/recognize/sheet-view.js';
import { formatTemplate } from '../../src/core/messages.js';

describe('amounts as written in budget tables', () => {
  it.each([
    [1699.78, 1699.78],
    ['1699.78', 1699.78],
    ['1,699.78', 1699.78],
    ['16,500,490.00', 16500490],
    ['１６９９．７８', 1699.78],
    ['１，６９９．７８', 1699.78],
    [' 146.00 ', 146],
    ['(12.50)', -12.5],
    ['-3', -3],
  ])('%j reads as %d', (input, expected) => {
    const a = parseAmount(input);
    expect(a.kind).toBe('number');
    if (a.kind === 'number') expect(a.value).toBeCloseTo(expected, 10);
  });

  it.each([null, '', '   ', '-', '—', '－'])('%j is blank (zero in sums, not filled in)', (input) => {
    expect(parseAmount(input).kind).toBe('blank');
  });

  it.each(['≤3400入', 'abc', '12.3.4', '1 2'])('%j is not an amount', (input) => {
    expect(parseAmount(input)).toEqual({ kind: 'invalid', text: input });
  });

  it('knows how many decimals are shown', () => {
    expect(parseAmount('146.00')).toMatchObject({ decimals: 2 });
    expect(parseAmount(146, '0.00')).toMatchObject({ decimals: 2 });
    expect(parseAmount(146, '#,##0')).toMatchObject({ decimals: 0 });
  });

  it('displays numbers with their format', () => {
    expect(displayText(16500490, '#,##0.00')).toBe('16,500,490.00');
    expect(displayText(146, '0.00')).toBe('146.00');
    expect(displayText(0.5, '0%')).toBe('50%');
    expect(displayText(2.5, undefined)).toBe('2.5');
  });
});

describe('subject codes', () => {
  it.each([
    ['2080101', '2080101', 3],
    ['208 05 01', '2080501', 3],
    ['208.05', '20805', 2],
    ['２０８', '208', 1],
  ])('%j → %s (level %d)', (input, code, level) => {
    expect(parseWholeCode(input)).toEqual({ code, level });
  });

  it.each(['20', '2080', '208 5 01', '2080101x', '合计'])('%j is not a code', (input) => {
    expect(parseWholeCode(input)).toBeUndefined();
  });

  it('joins split 类/款/项 columns, padding numbers that lost their zeros', () => {
    expect(joinSplitCode('208', '05', '01')).toEqual({ code: '2080501', level: 3 });
    expect(joinSplitCode(208, 5, 1)).toEqual({ code: '2080501', level: 3 });
    expect(joinSplitCode(208, null, null)).toEqual({ code: '208', level: 1 });
    expect(joinSplitCode(null, '05', '02', '2080501')).toEqual({ code: '2080502', level: 3 });
    expect(joinSplitCode(null, null, '02', '2080501')).toEqual({ code: '2080502', level: 3 });
    expect(joinSplitCode(null, null, null)).toBeUndefined();
    // A 类 printed short (普陀 2024's “7” for 210) is no code: the 款 and 项 are padded, never the 类.
    expect(joinSplitCode('7', '11', '02')).toBeUndefined();
    expect(joinSplitCode(7, 11, 2)).toBeUndefined();
  });

  it('reads a misprinted 类 from the run it breaks, only where its 款 continues the row above', () => {
    // 普陀 社会福利院 2024: “7 | 11 | 02 事业单位医疗” under “210 | 11 | 行政事业单位医疗”.
    expect(misprintedClass('7', '11', '02', '21011')).toEqual({ code: { code: '2101102', level: 3 }, written: '7', expected: '210' });
    expect(misprintedClass(7, 11, 2, '2101101')).toEqual({ code: { code: '2101102', level: 3 }, written: '7', expected: '210' });
    expect(misprintedClass('2100', '11', '02', '21011')?.expected).toBe('210');
    // Another 款 than the row above's, no 款, no row above, letters, or a 类 of three digits: not read.
    expect(misprintedClass('7', '12', '02', '21011')).toBeUndefined();
    expect(misprintedClass('7', null, '02', '21011')).toBeUndefined();
    expect(misprintedClass('7', '11', '02', undefined)).toBeUndefined();
    expect(misprintedClass('7', '11', '02', '210')).toBeUndefined();
    expect(misprintedClass('合计', '11', '02', '21011')).toBeUndefined();
    expect(misprintedClass('211', '11', '02', '21011')).toBeUndefined();
  });

  it('reads a code written in front of its name', () => {
    expect(splitCodeFromLabel('2080101 行政运行')).toEqual({ code: { code: '2080101', level: 3 }, rest: '行政运行' });
    expect(splitCodeFromLabel('[208]社会保障和就业支出')?.code.code).toBe('208');
    expect(splitCodeFromLabel('2024年招聘经费')).toBeUndefined();
    // 北京 2026: code and name joined by a dash in one cell.
    expect(splitCodeFromLabel('30108-机关事业单位基本养老保险缴费')).toEqual({ code: { code: '30108', level: 2 }, rest: '机关事业单位基本养老保险缴费' });
    expect(splitCodeFromLabel('2010801－行政运行')?.code.code).toBe('2010801');
    expect(splitCodeFromLabel('2024-2026年项目')).toBeUndefined();
  });

  it('knows each code’s parent', () => {
    expect(parentCode('2080101')).toBe('20801');
    expect(parentCode('20801')).toBe('208');
    expect(parentCode('208')).toBeUndefined();
  });
});

describe('labels', () => {
  it('normalises full-width punctuation and spaces', () => {
    expect(normalizeLabel('科目    编码')).toBe('科目编码');
    expect(normalizeLabel('因公出国（境）费')).toBe('因公出国(境)费');
    expect(normalizeLabel('单位：万元')).toBe('单位:万元');
  });
  it('leaves a text empty exactly when it is all white space (the cheap test rows are counted by)', () => {
    // Every character of the basic plane, alone and after a space: NFKC turns none but white space into white space.
    const differ: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      for (const text of [String.fromCharCode(code), ` ${String.fromCharCode(code)} `]) {
        if ((normalizeLabel(text) !== '') !== HAS_CONTENT.test(text)) differ.push(code.toString(16));
      }
    }
    expect(differ).toEqual([]);
    expect(HAS_CONTENT.test('\u3000 \u00a0\t')).toBe(false);
    expect(HAS_CONTENT.test(' 合计 ')).toBe(true);
  });
  it('passes as fold-stable only text NFKC leaves alone, and as folding only to ASCII only text whose other characters stay', () => {
    // Probes skip normalising such text (targets.ts, labelProbe): they hold for every BMP character.
    const wrong: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const ch = String.fromCharCode(code);
      const nfkc = ch.normalize('NFKC');
      // The ellipsis is kept as written (“无……预算”), though NFKC would make it three dots.
      if (isFoldStable(ch) && nfkc !== ch && ch !== '…') wrong.push(`stable ${code.toString(16)}`);
      if (foldsOnlyToAscii(ch) && nfkc !== ch && !/^[\x00-\x7f]*$/.test(nfkc)) wrong.push(`ascii ${code.toString(16)}`);
      // normalizeLabel returns some text as it is, untested by a lookup: it must be what normalising gives.
      if (ch !== '…' && normalizeLabel(ch) !== nfkc.replace(/[\s\u3000\u00a0]+/g, '')) wrong.push(`label ${code.toString(16)}`);
    }
    expect(wrong).toEqual([]);
    expect(isFoldStable('行政运行（公安）')).toBe(false);
    expect(foldsOnlyToAscii('行政运行（公安）')).toBe(true);
    expect(foldsOnlyToAscii('⾏政运行')).toBe(false);
  });
  it('drops enumeration prefixes', () => {
    expect(stripEnumeration('二十二、国有资本经营预算支出')).toBe('国有资本经营预算支出');
    expect(stripEnumeration('其中:公务用车购置费')).toBe('公务用车购置费');
    expect(stripEnumeration('(二)分项绩效目标')).toBe('分项绩效目标');
    expect(stripEnumeration('3.5万元')).toBe('3.5万元');
    // The 一 of 一般公共预算 is a word, not a number; a year may follow a number's mark.
    expect(stripEnumeration('一般公共预算拨款收入')).toBe('一般公共预算拨款收入');
    expect(stripEnumeration('一、一般公共预算拨款收入')).toBe('一般公共预算拨款收入');
    expect(stripEnumeration('1.2024年就业补助资金')).toBe('2024年就业补助资金');
  });
});

describe('A1 addresses', () => {
  it('round-trips', () => {
    expect(columnLetters(1)).toBe('A');
    expect(columnLetters(27)).toBe('AA');
    expect(toA1(12, 5)).toBe('E12');
    expect(fromA1('$AB$3')).toEqual({ row: 3, col: 28 });
    expect(rangeToA1(parseRange('C5:A1'))).toBe('A1:C5');
  });
});

describe('quotes inside quotes', () => {
  it('become single quotes, as Chinese nests them; unbalanced quotes from a workbook stay as they are', () => {
    expect(nestQuotes('说明中的““三公”经费总额”为 3.60')).toBe('说明中的“‘三公’经费总额”为 3.60');
    expect(nestQuotes('“a“b“c”b”a”')).toBe('“a‘b‘c’b’a”');
    expect(nestQuotes('只有结尾”和“开头')).toBe('只有结尾”和“开头');
    expect(nestQuotes('“三公”经费')).toBe('“三公”经费');
    // A workbook's text quoted within 「」 keeps its marks as written, even inside a quote.
    expect(nestQuotes('“「为“十五五“期间」”')).toBe('“「为“十五五“期间」”');
    expect(nestQuotes('「“甲“」之后“乙“丙””')).toBe('「“甲“」之后“乙‘丙’”');
  });
});

describe('every match of a pattern in a paragraph', () => {
  const all = (re: RegExp, text: string) => [...globalMatches(re, text)].map((m) => [m.index, ...m]);
  const viaMatchAll = (re: RegExp, text: string) => [...text.matchAll(re)].map((m) => [m.index, ...m]);

  it('finds what matchAll finds, groups and positions included, from the start whatever lastIndex was', () => {
    const text = '一般公共预算收入 120.5 万元，基金预算收入 30 万元；“三公”经费 6.3万元。';
    const re = /(\d+(?:\.\d+)?)\s*(万元|元)/gu;
    re.lastIndex = 20;
    expect(all(re, text)).toEqual(viaMatchAll(re, text));
    expect(all(re, text).map((m) => m[2])).toEqual(['120.5', '30', '6.3']);
  });

  it('steps over empty matches as matchAll does, by whole characters under the u flag', () => {
    for (const re of [/x*/gu, /x*/g, /(?=万)/gu]) {
      for (const text of ['', 'ab', '𠀀x𠀀', '12万元']) expect(all(re, text)).toEqual(viaMatchAll(re, text));
    }
  });

  it('refuses an expression without the global flag, as matchAll does', () => {
    expect(() => [...globalMatches(/万元/u, '5万元')]).toThrow(TypeError);
  });
});

describe('a cell’s wrapped text in a one-line message', () => {
  it.each([
    ['服务对象满意\n度指标', '服务对象满意度指标'],
    ['项目\r\n绩效\n目标', '项目绩效目标'],
    ['Total\namount', 'Total amount'],
    ['2024年\n 100 人', '2024年 100 人'],
    ['末尾换行\n', '末尾换行'],
    ['无换行', '无换行'],
  ])('%j is shown as %j', (input, expected) => {
    expect(formatTemplate('“{{x}}”', { x: input })).toBe(`“${expected}”`);
  });
});

describe('excerpts of a text', () => {
  it('never cut through a leader’s name, on either side (广州 司法局 2026: “平总书记…” quoted from “习近平总书记…”)', () => {
    const text = '深入学习贯彻习近平总书记对政法工作的重要指示';
    expect(excerpt(text, 7, 12)).toBe('习近平总书记');
    expect(excerpt(text, 0, 7)).toBe('深入学习贯彻习近平');
    expect(excerpt(text, 9, 12)).toBe('总书记');
    expect(excerptBounds(text, -3, 99)).toEqual([0, text.length]);
  });
});
