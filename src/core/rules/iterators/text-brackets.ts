/**
 * Brackets left open or closed twice in one cell of text: 深圳 工信局 2026's key-project goal opens
 * “新一代信息技术（网络与通信、高端装备（工业母机…）集群” twice and closes once; 烟台 住建局 2026 names a
 * project “北方地区清洁取暖项目资金（监督检查及运维管理））”. A list's numbering closing alone (“1）”, “二)”)
 * is no bracket. Over the corpus' cells of eight characters or more, these two were the only ones.
 */
import type { z } from 'zod';
import type { BracketParams, QuoteParams } from '../params/narrative-items.js';
import type { Item } from '../context.js';
import type { Lang } from '../../messages.js';
import { type IteratorDef, num, text, both, flag } from '../registry-types.js';
import { toA1 } from '../../address.js';
import { textIndex } from './narrative.js';
import { excerpt } from '../../text.js';

/** A list's number closed by a bracket, at the start or after a pause: “1）”, “（二)” keeps its opener. */
const LIST_NUMBER = /(^|[。；;，,：:、])[0-9一二三四五六七八九十]{1,2}[)）]/gu;

/** How many brackets the text opens and closes, its list numbers aside. */
export function bracketCounts(text: string): { opened: number; closed: number } {
  const bare = text.replace(LIST_NUMBER, '$1');
  let opened = 0;
  let closed = 0;
  for (const ch of bare) {
    if (ch === '（' || ch === '(') opened++;
    else if (ch === '）' || ch === ')') closed++;
  }
  return { opened, closed };
}

export const textBrackets: IteratorDef<z.infer<typeof BracketParams>> = {
  name: 'text-brackets',
  description: both(
    '一个单元格的文字中左右括号的个数（列表编号“1）”不计）',
    'how many brackets a cell’s text opens and closes (a list number’s “1）” aside)',
  ),
  facts: {
    opened: num('左括号个数', 'brackets opened'),
    closed: num('右括号个数', 'brackets closed'),
    excerpt: text('文字开头', 'the opening of the text'),
  },
  identities: false,
  texts: [],
  run(ctx, params) {
    const index = textIndex(ctx);
    const unbalanced = (text: string) => {
      if (text.length < params.minLength || !/[()（）]/u.test(text)) return false;
      const { opened, closed } = bracketCounts(text);
      return opened !== closed;
    };
    // Counted again for the few cells reported: their facts.
    return [...index.cellsWhere((i) => unbalanced(index.texts[i]!))].map((cell): Item => ({
      facts: { ...bracketCounts(cell.text), excerpt: [...cell.text.trim()].slice(0, 30).join('') },
      cell: { sheet: cell.sheet, cell: toA1(cell.row, cell.col) },
    }));
  },
};

// ── quotation marks ──────────────────────────────────────────────────────────────────────────

/**
 * Quotation marks that do not pair: “十五五“ (杭州 交通局 2026) and “12218“ (广州 政务数据局 2026) close
 * with an opening mark, 烟台 住建局 2026 writes ”质保金“ back to front, 上海 普陀 司法局 2026's
 * “人民调解协议书检查”、优秀调解案例” closes once too often, 广州 司法局 2026's “无缝衔接。 never closes.
 */
export interface QuoteFault {
  /** The opening mark of the pair at fault: “ or ‘. */
  mark: string;
  opened: number;
  closed: number;
  /** A closing mark comes before any opening one is left to close. */
  outOfOrder: boolean;
  /** Where the fault shows: a closing mark with nothing to close, the quote open when another opens, or the last left open. */
  at: number;
}

/** Pairs of marks Chinese text quotes with. A ’ with no ‘ before it is an apostrophe (Xi’an), not a quote. */
const QUOTE_PAIRS = [
  { open: '“', close: '”', apostrophe: false },
  { open: '‘', close: '’', apostrophe: true },
] as const;

const MARK_NAMES = {
  double: { 'zh-CN': '双引号', en: 'double quotation marks' },
  single: { 'zh-CN': '单引号', en: 'single quotation marks' },
} as const;

export function quoteFault(text: string): QuoteFault | undefined {
  for (const { open, close, apostrophe } of QUOTE_PAIRS) {
    if (!text.includes(open) && (apostrophe || !text.includes(close))) continue;
    let opened = 0;
    let closed = 0;
    let depth = 0;
    let outOfOrder = false;
    let breaks = -1;
    let lastOpen = -1;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (ch === open) {
        opened++;
        // Opened again inside an open quote: the quote still open is where to look — the mark after
        // it meant to close it (“十五五“), or its closing mark left out (广州 司法局's “提升…能力，…“数字法治”).
        if (++depth > 1 && breaks < 0) breaks = lastOpen;
        if (depth === 1) lastOpen = i;
      } else if (ch === close) {
        closed++;
        if (--depth < 0) {
          outOfOrder = true;
          if (breaks < 0) breaks = i;
          depth = 0;
        }
      }
    }
    if (apostrophe && opened === 0) continue;
    if (opened !== closed || outOfOrder) return { mark: open, opened, closed, outOfOrder, at: breaks >= 0 ? breaks : lastOpen };
  }
  return undefined;
}

/**
 * What is wrong with the marks, as the person reads it: as many closing as opening ones, but a closing
 * one first (烟台 住建局 2026's ”…“), is a pair written back to front, not a pair short of a mark.
 */
function faultWords(fault: Omit<QuoteFault, 'at'>, lang: Lang): string {
  const backwards = fault.opened === fault.closed;
  if (lang === 'zh-CN') return backwards ? `前后写反了（左、右引号各 ${fault.opened} 个，右引号却在前）` : `不成对（左引号 ${fault.opened} 个、右引号 ${fault.closed} 个）`;
  return backwards ? `are written back to front (${fault.opened} of each, a closing one first)` : `do not pair (${fault.opened} opening, ${fault.closed} closing)`;
}

/** Up to `reach` characters either side of position `at`, within the text. */
function around(text: string, at: number, reach: number): string {
  return excerpt(text, at - reach, at + reach + 1).replace(/\s+/gu, ' ').trim();
}

export const textQuotes: IteratorDef<z.infer<typeof QuoteParams>> = {
  name: 'text-quotes',
  description: both(
    '一个单元格的文字中引号是否成对、方向是否对（“…”，‘…’）',
    'whether a cell’s text pairs its quotation marks, each the right way round (“…”, ‘…’)',
  ),
  facts: {
    mark: text('出错的一对引号的左引号：“ 或 ‘', 'the opening mark of the pair at fault: “ or ‘'),
    opened: num('左引号个数', 'opening marks'),
    closed: num('右引号个数', 'closing marks'),
    outOfOrder: flag('有右引号出现在可配的左引号之前（”…“）', 'a closing mark comes before any opening one it could close (”…“)'),
    around: text('出错处前后的文字', 'the text around the fault'),
  },
  identities: false,
  texts: ['markName', 'fault'],
  run(ctx, params) {
    const index = textIndex(ctx);
    const faulty = (text: string) => text.length >= params.minLength && /[“”‘]/u.test(text) && quoteFault(text) !== undefined;
    return [...index.cellsWhere((i) => faulty(index.texts[i]!))].map((cell): Item => {
      const { at, ...fault } = quoteFault(cell.text)!;
      return {
        facts: { ...fault, around: around(cell.text, at, 10) },
        text: (lang) => ({ markName: MARK_NAMES[fault.mark === '“' ? 'double' : 'single'][lang], fault: faultWords(fault, lang) }),
        cell: { sheet: cell.sheet, cell: toA1(cell.row, cell.col) },
      };
    });
  },
};
