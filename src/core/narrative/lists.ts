/**
 * A total broken down over the paragraphs that follow it, as budget narratives write most of theirs:
 *   "（二）支出预算总计17996.68万元。包括："
 *   "1．公共安全（类）支出13656.34万元，主要用于……"
 *   "2．社会保障和就业（类）支出2021.18万元，……"
 * The lead paragraph ends in 包括：or 其中：and states one amount; each part is a paragraph numbered
 * one level below it, whose first amount is the part's. Deeper numbering is a part's own detail,
 * unnumbered paragraphs go on with a part, and the list ends at a heading of a higher level.
 */
import { chineseNumeral } from '../numerals.js';
import { fold } from '../text.js';
import { writtenFigure } from './breakdowns.js';
import type { Figure } from './items.js';

export interface Paragraph {
  text: string;
  /** The paragraph stands alone in its row: a row with other cells is a table's, and ends a list. */
  alone: boolean;
}

export interface ListedPart {
  /** Index of the part's paragraph (the lead is 0). */
  at: number;
  /** The part's number as written (1, 2, …), so a gap in the numbering can be seen. */
  number: number;
  figure: Figure;
  text: string;
}

export interface ParagraphBreakdown {
  /** The lead's last word: 包括 says the parts are all of it; 其中 and 如下 may list some, and so may 其下, a heading's numbered paragraphs. */
  word: '包括' | '其中' | '如下' | '其下';
  total: Figure;
  parts: ListedPart[];
  /** The list ended at a heading above it: not at a table, the end of the text or the reading limit, where more parts may follow unseen. */
  closed: boolean;
}

/** Heading marks, outermost first: 一、 (一) 1. (1), as NFKC-folded text writes them. */
const MARKS: readonly RegExp[] = [
  /^第[一二三四五六七八九十]+部分/u,
  /^([一二三四五六七八九十]+)[、.]/u,
  /^\(([一二三四五六七八九十]+)\)/u,
  /^(\d{1,2})[、.](?!\d)/u,
  /^\((\d{1,2})\)/u,
];

function markOf(text: string): { rank: number; number: number } | undefined {
  for (let rank = 0; rank < MARKS.length; rank++) {
    const m = MARKS[rank]!.exec(text);
    if (m) return { rank, number: m[1] === undefined ? 0 : cnNumber(m[1]) };
  }
  return undefined;
}

/** 1–99 written in digits or in Chinese numerals (十, 十二, 二十三); 0 for a run of numerals that is no number. */
function cnNumber(s: string): number {
  return /^\d+$/.test(s) ? Number(s) : (chineseNumeral(s) ?? 0);
}

const LEAD_END = /(?<!主要)(包括|其中|如下)\s*[:：]\s*$/u;
/**
 * A heading that is a name and its amount, nothing else (北京 2026: “（一）本年财政拨款收入68443.58万元”,
 * then “1.一般公共预算拨款收入68443.58万元。”, “2.政府性基金预算拨款收入0万元。” …): its numbered
 * paragraphs are its parts, as a lead's.
 */
const HEADING_LEAD = /^\([一二三四五六七八九十]+\)[^\d,，。;；:：]{1,30}?\d[\d,]*(?:\.\d+)?\s*(?:亿元|万元|元)[。.]?$/u;
const AMOUNT = /(\d[\d,]*(?:\.\d+)?)\s*(亿元|万元|元)/gu;
/** An amount a change or comparison gives, not a total or a part: “增加1463.8万元”, “比上年减少20万元”. */
const CHANGED_BY = /(增加|减少|增长|下降|增|减|降低|提高|相差|差额|超过|节约)\s*$/u;

function amountsOf(text: string): Figure[] {
  const out: Figure[] = [];
  AMOUNT.lastIndex = 0;
  for (let m = AMOUNT.exec(text); m; m = AMOUNT.exec(text)) {
    const before = text.slice(Math.max(0, m.index - 4), m.index);
    if (CHANGED_BY.test(before) || /[\d.,]$/.test(before)) continue;
    const raw = m[1]!;
    const { value, decimals } = writtenFigure(raw);
    if (!Number.isFinite(value)) continue;
    out.push({ value, unit: m[2] as Figure['unit'], decimals, start: m.index, end: m.index + raw.length });
  }
  return out;
}

/** Paragraphs looked at after a lead, at most: a list longer than this is not read. */
export const REACH = 60;

/** Whether a paragraph can lead a list: it ends in 包括：, 其中：or 如下：. */
export function isLead(text: string): boolean {
  const folded = fold(text).trim();
  return LEAD_END.test(folded) || HEADING_LEAD.test(folded);
}

/** The paragraphs from the lead (0) on, read as they are asked for: a list stops early, and so does reading. */
export type Paragraphs = readonly Paragraph[] | ((k: number) => Paragraph | undefined);

/**
 * The breakdown a lead paragraph (paragraph 0) opens, read from the paragraphs after it (up to REACH
 * of them); undefined when the lead states no single amount, no numbered paragraph follows it, or a
 * part states no amount.
 */
export function breakdownAt(paragraphs: Paragraphs): ParagraphBreakdown | undefined {
  const at = typeof paragraphs === 'function' ? paragraphs : (k: number) => paragraphs[k];
  const lead = at(0);
  if (!lead?.alone) return undefined;
  const leadText = fold(lead.text).trim();
  const word = (LEAD_END.exec(leadText)?.[1] ?? (HEADING_LEAD.test(leadText) ? '其下' : undefined)) as ParagraphBreakdown['word'] | undefined;
  if (!word) return undefined;
  const totals = amountsOf(leadText);
  if (totals.length !== 1) return undefined;
  const list = partsAfter(at, leadText);
  return list && list.parts.length > 0 ? { word, total: totals[0]!, ...list } : undefined;
}

function partsAfter(at: (k: number) => Paragraph | undefined, leadText: string): { parts: ListedPart[]; closed: boolean } | undefined {
  const second = at(1);
  const first = second && markOf(fold(second.text).trim());
  if (!first || first.rank === 0) return undefined;
  // The lead's own mark, when it has one, is above its parts.
  const leadMark = markOf(leadText);
  if (leadMark && leadMark.rank >= first.rank) return undefined;
  const parts: ListedPart[] = [];
  let closed = false;
  for (let k = 1; k <= REACH; k++) {
    const paragraph = at(k);
    if (!paragraph?.alone) break;
    const text = fold(paragraph.text).trim();
    const mark = markOf(text);
    if (!mark) {
      // An unnumbered paragraph goes on with a part, unless it opens a list of its own: this one ends there.
      if (LEAD_END.test(text)) break;
      continue;
    }
    if (mark.rank > first.rank) continue;
    if (mark.rank < first.rank) {
      closed = true;
      break;
    }
    const figure = amountsOf(text)[0];
    // A part without an amount leaves the sum unknown.
    if (!figure) return undefined;
    parts.push({ at: k, number: mark.number, figure, text: paragraph.text });
  }
  return { parts, closed };
}

/** A change stated right after a figure: “16.80万元，比2025年预算减少15.50万元”, “10.00万元，与2025年预算持平”. */
const CHANGE_AFTER = /^\s*(?:万元|元|亿元)[,，]?\s*(?:比|较|与)(?:\d{4}年|上年)[^,，。;；\d]{0,12}?(?:(增加|增长|减少|下降)\s*(\d[\d,]*(?:\.\d+)?)\s*(万元|元|亿元)|持平|相同|一致)/u;

/** The change the text states right after the figure (its folded, trimmed text, as breakdownAt reads it), signed; undefined when none is. */
export function changeAfter(text: string, figure: Figure): Figure | undefined {
  const m = CHANGE_AFTER.exec(fold(text).trim().slice(figure.end));
  if (!m) return undefined;
  const at = { start: figure.end, end: figure.end + m[0].length };
  if (!m[1]) return { value: 0, unit: figure.unit, decimals: 0, ...at };
  const { value, decimals } = writtenFigure(m[2]!);
  if (!Number.isFinite(value)) return undefined;
  const sign = m[1] === '增加' || m[1] === '增长' ? 1 : -1;
  return { value: sign * value, unit: m[3] as Figure['unit'], decimals, ...at };
}
