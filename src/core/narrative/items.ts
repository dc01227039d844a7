/**
 * The 说明 narrative read as reviewers read it. Budget narratives explain each subject in one
 * paragraph of a fixed shape —
 *   "1、公共安全支出（204类）司法（06款）行政运行（01项）1434.89万元。主要用于：……。2025年当年预算执行数为
 *    1690.69万元，2026年预算安排1434.89万元，比2025年预算执行数减少1.10%。主要原因是：……。"
 *   "3．住房保障（类）支出3894.09万元，主要用于……。与上年相比增加878.93万元，增长30%。主要原因：……"
 * — and this module pulls those parts out, with their positions in the text, so rules can recompute
 * the percentages, compare the two amounts an item states, and check the subjects against the tables.
 */
import { fold, globalMatches } from '../text.js';

export type Direction = 'increase' | 'decrease' | 'same';

export interface Figure {
  value: number;
  /** 万元 unless the text says 元 or 亿元. */
  unit: '元' | '万元' | '亿元';
  /** Decimals as written, for rounding-aware comparisons. */
  decimals: number;
  start: number;
  end: number;
}

export interface NamedSubject {
  level: 1 | 2 | 3;
  name: string;
  /** The code part written with it ("204类" → "204", "06款" → "06"), when there is one. */
  codePart?: string;
}

export interface NarrativeItem {
  text: string;
  subjects: NamedSubject[];
  /** The amount stated right after the subjects. */
  amount?: Figure;
  /** "2025年当年预算执行数为1690.69万元" — the year compared with and its figure. */
  previous?: { year: number; figure: Figure };
  /** "2026年预算安排1434.89万元". */
  planned?: { year: number; figure: Figure };
  /** "比2025年预算执行数减少1.10%" or "与上年相比增加878.93万元，增长30%"; `word` is the one before the percent. */
  change?: { direction: Direction; word: string; percent?: Figure; amount?: Figure };
  usage?: string;
  reason?: string;
}

const NUMBER = '(\\d[\\d,]*(?:\\.\\d+)?)';
const UNIT = '(万元|亿元|元)';
/** The word before a rate of change (“下降5.93%”, 北京's “降低”, 深圳's “减幅”): one group. */
const RATE_WORD = '(增长|下降|增加|减少|增幅|降幅|减幅|降低|上升|提高)';

function figure(m: RegExpExecArray, group: number, unitGroup?: number): Figure | undefined {
  const raw = m[group];
  if (raw === undefined) return undefined;
  const value = Number(raw.replace(/,/g, ''));
  if (!Number.isFinite(value)) return undefined;
  const start = m.index + m[0].indexOf(raw);
  const dot = raw.indexOf('.');
  const unit = ((unitGroup !== undefined && m[unitGroup]) || '万元') as Figure['unit'];
  return { value, unit, decimals: dot < 0 ? 0 : raw.length - dot - 1, start, end: start + raw.length };
}

const LEVEL: Record<string, 1 | 2 | 3> = { 类: 1, 款: 2, 项: 3 };

/**
 * "公共安全支出（204类）司法（06款）行政运行（01项）" or "“教育支出（类）其他教育支出（款）…（项）”". A name
 * holds no comma or semicolon: "社会保障和就业（类）支出5756.51万元，占96.4%；卫生健康（类）…" lists classes.
 * It may hold a short bracket of its own that is no level mark: "党委办公厅（室）及相关机构事务（款）" (江苏 2019).
 */
const SUBJECT = /([^（(）)“”"、，。：:,;；\d\s](?:[^（(）)“”"，。：:,;；]|[（(][^（(）)“”"，。\d类款项]{1,4}[)）])*?)[（(]\s*(\d{2,3})?\s*(类|款|项)\s*[)）]/gu;

/** What every SUBJECT match ends with: tested first, because SUBJECT retries its lazy name at every position. */
const LEVEL_MARK = /(类|款|项)\s*[)）]/u;

/**
 * "“社会保障和就业支出-行政事业单位养老支出-行政单位离退休”科目155.42万元" (Shanghai): 类-款(-项) in
 * quotes, then 科目; or the 类 alone (上海 市级单位 2026: "1.“卫生健康支出”科目102万元").
 */
const SUBJECT_PATH = /^[^“"。，]{0,12}[“"]([^”"-]+(?:-[^”"-]+){1,2}|[^”"（(-]+)[”"]\s*(?=科目)/u;

function subjectsOf(text: string): { subjects: NamedSubject[]; end: number } {
  const subjects: NamedSubject[] = [];
  let end = -1;
  const path = SUBJECT_PATH.exec(text);
  if (path) {
    path[1]!.split('-').forEach((name, i) => subjects.push({ level: (i + 1) as 1 | 2 | 3, name: name.trim() }));
    return { subjects, end: path[0].length };
  }
  if (!LEVEL_MARK.test(text)) return { subjects, end };
  for (const m of globalMatches(SUBJECT, text)) {
    // Subjects stand together at the start of the paragraph; a later "（类）" is prose.
    if (end >= 0 && m.index > end + 2) break;
    const name = m[1]!.replace(/^[\d一二三四五六七八九十]*[、.．]\s*/, '').replace(/^[“"]/, '').trim();
    subjects.push({ level: LEVEL[m[3]!]!, name, ...(m[2] && { codePart: m[2] }) });
    end = m.index + m[0].length;
  }
  return { subjects, end };
}

const PREVIOUS = new RegExp(`(\\d{4})年(?:当年)?(?:预算)?执行数(?:为|是)?\\s*${NUMBER}\\s*${UNIT}`, 'u');
const PLANNED = new RegExp(`(\\d{4})年(?:预算)?安排(?:了)?\\s*${NUMBER}\\s*${UNIT}`, 'u');
const CHANGE_PERCENT = /比[^，。；]{0,20}?(增加|减少|增长|下降|持平)\s*(\d+(?:\.\d+)?)\s*%/u;
const CHANGE_AMOUNT = new RegExp(`(?:(?:比|较)上年(?:预算执行数|执行数|预算数)?|与上年相比|比\\d{4}年[^，。；]{0,12}?)(增加|减少|增长|下降)\\s*${NUMBER}\\s*${UNIT}[，,]\\s*${RATE_WORD}\\s*(\\d+(?:\\.\\d+)?)\\s*%`, 'u');

function direction(word: string): Direction {
  return word === '增加' || word === '增长' ? 'increase' : word === '持平' ? 'same' : 'decrease';
}

export function parseNarrativeItem(original: string): NarrativeItem | undefined {
  const text = fold(original);
  const { subjects, end } = subjectsOf(text);
  if (subjects.length === 0) return undefined;
  const item: NarrativeItem = { text, subjects };
  const after = new RegExp(`^[”"]?\\s*(?:科目|支出)?\\s*${NUMBER}\\s*${UNIT}`, 'u').exec(text.slice(end));
  if (after) {
    const m = after as RegExpExecArray;
    m.index += end;
    item.amount = figure(m, 1, 2);
  }
  const prev = PREVIOUS.exec(text);
  if (prev) item.previous = { year: Number(prev[1]), figure: figure(prev, 2, 3)! };
  const plan = PLANNED.exec(text);
  if (plan) item.planned = { year: Number(plan[1]), figure: figure(plan, 2, 3)! };
  const byAmount = CHANGE_AMOUNT.exec(text);
  if (byAmount) {
    item.change = { direction: direction(byAmount[1]!), word: byAmount[4]!, amount: figure(byAmount, 2, 3)!, percent: figure(byAmount, 5)! };
  } else {
    const byPercent = CHANGE_PERCENT.exec(text);
    if (byPercent) item.change = { direction: direction(byPercent[1]!), word: byPercent[1]!, percent: figure(byPercent, 2)! };
  }
  const usage = /主要用于[:：]?\s*([^。]*)/u.exec(text);
  if (usage) item.usage = usage[1]!.trim();
  const reason = /主要原因(?:是)?[:：]?\s*([^。]*)/u.exec(text);
  if (reason) item.reason = reason[1]!.trim();
  return item;
}

/** "预算总计24,169.74万元，与上年相比…各增加2214.39万元，增长10.06%": an amount, its change and the rate stated for it. */
export interface ChangeStatement {
  /** This year's amount. */
  current: Figure;
  /** Last year's amount, where the comparison states it (“比2025年年初预算数28479.84万元增加…”). */
  previous?: Figure;
  /** `word` introduces the rate, `amountWord` the amount (“增加1476.73万元，增长5.18%”). */
  change: { direction: Direction; word: string; amountWord: string; amount: Figure; percent: Figure };
  /** Where the statement starts and ends in the (folded) text. */
  start: number;
  end: number;
}

/**
 * The amount right before the comparison — in the same sentence or ending the one before
 * ("项目支出预算数为4335.3万元。与上年相比减少了1237.7万元，减少13.22%") — with no other number between.
 * A clause of use may stand between them (深圳 口岸办 2026: “…采购40万元，用于增强口岸应急排水能力，保障
 * 口岸交通顺畅、货物快速通关及旅客生命财产安全。较2025年年初预算增加40万元，增幅100.0%”): up to 60
 * characters without a digit, which over the corpus paired no amount with another's change. The change
 * may be written 增长/下降 as well (湖州 卫健委 2026: “比上年预算数增长32.85万元，增长28.0%”), and the
 * comparison may state last year's amount (北京 司法局 2026: “比2025年年初预算数28479.84万元增加…”).
 */
const CHANGE_AFTER_AMOUNT = new RegExp(
  `${NUMBER}\\s*${UNIT}[^\\d。;；]{0,60}?(?:。\\s*)?(?:与上年相比|比上年|较上年|(?:与|比|较)\\d{4}年度?(?:相比)?)[,，]?[^\\d。;；,，]{0,16}?(?:${NUMBER}\\s*${UNIT}[,，]?\\s*)?(增加|减少|增长|下降)了?\\s*${NUMBER}\\s*(?:${UNIT}(?:[,，]\\s*${RATE_WORD}\\s*(\\d+(?:\\.\\d+)?)\\s*%|\\s*\\(\\s*(\\d+(?:\\.\\d+)?)\\s*%\\s*\\))|\\(\\s*(\\d+(?:\\.\\d+)?)\\s*%\\s*\\))`,
  'gu',
);

/**
 * A change opening a sentence of its own after a list of parts (深圳 政府办公厅 2026: “研究调研活动166.02万元，
 * 主要包括：…116.3万元，…；党建及业务专题培训49.72万元，…。较2025年年初预算增加28.46万元，增幅20.7%”) is
 * the whole's, not the last part's: the amount before it is no base for it.
 */
function endsList(text: string, m: RegExpExecArray): boolean {
  const stop = text.indexOf('。', m.index);
  if (stop < 0 || stop >= m.index + m[0].length) return false;
  const sentence = text.slice(text.lastIndexOf('。', m.index) + 1, m.index);
  return /(?:主要包括|包括|其中)[:：]/u.test(sentence) && /[;；]/u.test(sentence);
}

/** An amount with its unit, anywhere: the figures a 其中 list is made of. */
const AMOUNT = new RegExp(`${NUMBER}\\s*${UNIT}`, 'gu');

/**
 * The whole a change belongs to when the amount before it closes a 其中 list of the same sentence
 * (西安 公安局 2026: “当年预算收入344,447.70万元，其中：一般公共预算拨款324,638.50万元、…、其他收入3,444.00万元，
 * 较上年减少129,422.00万元，下降27.31%” — the decrease is the 344,447.70's, not the 3,444.00's): the
 * amount before 其中, where the list holds two figures at least; otherwise undefined.
 */
function listHead(text: string, m: RegExpExecArray): RegExpExecArray | undefined {
  const sentenceStart = Math.max(text.lastIndexOf('。', m.index), text.lastIndexOf('；', m.index), text.lastIndexOf(';', m.index)) + 1;
  const before = text.slice(sentenceStart, m.index);
  const among = /其中[:：,，]/u.exec(before);
  if (!among) return undefined;
  // The list: the figures from 其中 up to the one the comparison follows, joined by 、 (no clause between).
  const list = text.slice(sentenceStart + among.index + among[0].length, m.index);
  // Parts stating changes of their own (“其中：基本支出60万元，较上年增加5万元，…，项目支出…”) each keep theirs.
  if ([...list.matchAll(AMOUNT)].length === 0 || /[。;；%]|增加|减少|增长|下降|[较比与]上年/u.test(list)) return undefined;
  const heads = [...globalMatches(AMOUNT, text.slice(sentenceStart, sentenceStart + among.index))];
  const head = heads[heads.length - 1];
  if (!head) return undefined;
  head.index += sentenceStart;
  return head;
}

/**
 * The change's amount, in its own unit, or — written bare before the rate in brackets (西安 生态环境局
 * 2022: “…预算支出203.31万元，较上年增加185.24（1026.00%）”) — in the unit of the amount it changes.
 */
function changeAmount(m: RegExpExecArray, current: Figure): Figure {
  const amount = figure(m, 6, 7)!;
  return m[7] === undefined ? { ...amount, unit: current.unit } : amount;
}

export function parseChangeStatements(original: string): ChangeStatement[] {
  const text = fold(original);
  const out: ChangeStatement[] = [];
  for (const m of globalMatches(CHANGE_AFTER_AMOUNT, text)) {
    if (endsList(text, m)) continue;
    const previous = figure(m, 3, 4);
    const head = listHead(text, m);
    const current = head ? figure(head, 1, 2)! : figure(m, 1, 2)!;
    out.push({
      current,
      ...(previous && { previous }),
      // The rate in brackets after the change (西安 2022: “较上年增加5.00万元(83.33%)”) takes the change's word.
      change: { direction: direction(m[5]!), word: m[8] ?? m[5]!, amountWord: m[5]!, amount: changeAmount(m, current), percent: figure(m, m[9] !== undefined ? 9 : m[10] !== undefined ? 10 : 11)! },
      start: head ? head.index : m.index,
      end: m.index + m[0].length,
    });
  }
  return out;
}

/** The percentage change from a to b, or undefined when a is zero (no rate of growth from nothing). */
export function percentChange(from: number, to: number): number | undefined {
  return from === 0 ? undefined : ((to - from) / Math.abs(from)) * 100;
}
