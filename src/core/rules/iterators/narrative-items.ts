/**
 * The 说明 narrative checked against itself and the tables, with the numbers exposed as facts so the
 * rule files decide: each subject paragraph (its two amounts, the stated and recomputed change, the
 * subject names against the table, what it says the money is for), every sentence against patterns
 * a maintainer lists (template text left in, the year compared with), and "其中" breakdowns whose
 * parts exceed their total.
 */
import type { z } from 'zod';
import type { TableId } from '../../vocabulary.js';
import type { BreakdownParams, ItemParams, TextParams } from '../params/narrative-items.js';
import { LEVEL_NAMES, parentCode } from '../../codes.js';
import { toA1 } from '../../address.js';
import { amountText, type Lang } from '../../messages.js';
import { adjacentSwaps, digitsDropped } from '../slips.js';
import type { RecognizedTable, TableRow } from '../../model.js';
import type { GridSheet } from '../../grid.js';
import { breakdownAmount, textBreakdowns } from '../../narrative/breakdowns.js';
import { parseChangeStatements, parseNarrativeItem, type ChangeStatement, type Direction, type Figure, type NarrativeItem } from '../../narrative/items.js';
import { excerpt, fold, globalMatches, normalizeLabel } from '../../text.js';
import type { Item, RuleContext } from '../context.js';
import { halfWidth } from '../identity.js';
import { type IteratorDef, numOrNull, num, text, both, flag } from '../registry-types.js';
import { budgetYear, narrativeCells, textIndex, type NarrativeCell } from './narrative.js';
import { locateOne, selectorReferences } from './amounts.js';
import { breakdownFacts, paragraphBreakdownItems } from './narrative-lists.js';
import { half, halfWan, inWan, rateAgainstFigures, rateHabit, type RateHabit, type StatedRate } from './narrative-rates.js';


// ── the subject paragraphs ────────────────────────────────────────────────────────────────────

/** The tables a subject paragraph speaks of: the general budget's, the department's, the funds'. */
export const SUBJECT_TABLES = ['general-budget-expense', 'expense-summary', 'gov-fund-expense', 'state-capital-expense'] as const;

/**
 * The coded tables a paragraph's subjects are looked up in, the general budget's first. A paragraph
 * on the fund budget names 款 only the fund table has (湖州 交通运输局 2026's 超长期特别国债安排的支出
 * under 交通运输支出, whose general-budget 款 is 公路水路运输).
 */
function subjectTables(ctx: RuleContext): RecognizedTable[] {
  return SUBJECT_TABLES.map((id) => ctx.table(id))
    .filter((t): t is RecognizedTable => t !== undefined && t.rows.some((r) => r.code));
}

/** The paragraph's subjects in the first table that has them all, else in the first table that names none wrong, else in the general budget's. */
function checkedSubjects(item: NarrativeItem, tables: readonly RecognizedTable[], namedAtLevel: ReadonlySet<string>): { names: SubjectCheck; table?: RecognizedTable } {
  const checks = tables.map((table) => ({ names: checkSubjects(item, table, namedAtLevel), table }));
  return checks.find((c) => c.names.row) ?? checks.find((c) => c.names.stated === '') ?? checks[0] ?? { names: { stated: '', inTable: '' } };
}

const norm = (s: string) => normalizeLabel(s).replace(/[“”"]/g, '');

interface SubjectCheck {
  /** The first name that differs from the table: what the narrative says and what the table says. */
  stated: string;
  inTable: string;
  /** Its level (类, 款, 项), and when no row under the level above bears it, that row's name: inTable then lists its children. */
  level?: 1 | 2 | 3;
  under?: string;
  /** The row the paragraph is about, when every name was found. */
  row?: TableRow;
  /** A name the table gives at another level than the one written (“住房改革支出（类）” for a 款): the two levels. */
  marked?: { written: 1 | 2 | 3; inTable: 1 | 2 | 3; name: string };
}

/** Walks the subjects down the table by code where written, by name otherwise. */
function checkSubjects(item: NarrativeItem, t: RecognizedTable, namedAtLevel: ReadonlySet<string>): SubjectCheck {
  const coded = t.rows.filter((r) => r.code);
  let parent: string | undefined;
  let row: TableRow | undefined;
  let code = '';
  let level = 0;
  for (const s of item.subjects) {
    // A subject no deeper than the one before starts another path, not a step down this one: the
    // paragraph lists subjects, and no one row is what it is about.
    if (s.level <= level) return { stated: '', inTable: '' };
    level = s.level;
    if (s.codePart && s.codePart.length === (s.level === 1 ? 3 : 2)) {
      code += s.codePart;
      row = coded.find((r) => r.code!.code === code);
      if (!row) return { stated: '', inTable: '' };
      const name = row.labels.name ?? '';
      if (norm(name) !== norm(s.name) && !norm(s.name).endsWith(norm(name))) return { stated: s.name, inTable: name, level: s.level };
    } else {
      const candidates = coded.filter((r) => r.code!.level === s.level && (parent === undefined || parentCode(r.code!.code) === parent));
      // "住房保障（类）支出" names the class without its last word, 支出; a name cut shorter
      // ("机关事业单位职业年金" for …职业年金缴费支出) is not the table's.
      row =
        candidates.find((r) => norm(r.labels.name ?? '') === norm(s.name)) ??
        candidates.find((r) => norm(r.labels.name ?? '') === `${norm(s.name)}支出`) ??
        (parent === undefined ? withParentName(coded, s.name, s.level) : undefined);
      if (!row) {
        // A 项 or 款 named first, with no parent, that only the table's spelling of it matches:
        // "未归口管理行政单位离退休费（项）" for 未归口管理的行政单位离退休.
        const respelled = parent === undefined && s.level > 1 ? sameBarSpelling(candidates, s.name) : undefined;
        if (respelled) return { stated: s.name, inTable: respelled.labels.name ?? '', level: s.level };
        // A class the tables do not have is another naming scheme, not a slip; a lower level is.
        // Unless the table has the very name at another level, and no table (the economic ones:
        // 住房公积金 is a 项 of 221 and a 款 of 303) has it at this one: the level mark is the slip.
        if (parent === undefined) {
          const written = [norm(s.name), `${norm(s.name)}支出`];
          const elsewhere = written.some((n) => namedAtLevel.has(`${s.level}:${n}`))
            ? undefined
            : coded.find((r) => r.code!.level !== s.level && written.includes(norm(r.labels.name ?? '')));
          return { stated: '', inTable: '', ...(elsewhere && { marked: { written: s.level, inTable: elsewhere.code!.level, name: s.name } }) };
        }
        const under = coded.find((r) => r.code!.code === parent)?.labels.name?.trim();
        return { stated: s.name, inTable: candidates.map((r) => r.labels.name ?? '').join('、'), level: s.level, ...(under && { under }) };
      }
      code = row.code!.code;
    }
    parent = code;
  }
  return { stated: '', inTable: '', ...(row && { row }) };
}

/** Every coded name of every table with its level ("2:住房公积金"), functional and economic alike. */
function namesAtLevels(ctx: RuleContext): Set<string> {
  return ctx.memo('narrative-names-at-levels', () => {
    const out = new Set<string>();
    for (const table of ctx.recognition.tables) for (const r of table.rows) if (r.code && r.labels.name) out.add(`${r.code.level}:${norm(r.labels.name)}`);
    return out;
  });
}

/**
 * The subject's amount in the tables (万元), and how far the paragraph's nearest figure (its opening
 * amount or its 预算安排) is from it beyond the rounding of both (>0: they disagree; two figures that
 * differ from each other are the two-amounts rule's). The nearest of the tables listing the code
 * counts: a paragraph may speak of the general budget or of all the department's money. A mismatch
 * counts only where all the money was seen (below).
 */
function tableAmountOf(ctx: RuleContext, code: string, figures: readonly Figure[], section: Section = 'other'): { amount: number; gap: number } | undefined {
  let best: { amount: number; gap: number } | undefined;
  // Under a heading on the 财政拨款 (or 一般公共预算) spending, the figures are the general budget's,
  // where no fund table holds the code: that table's figure, whatever else the department spends;
  // under one on its basic spending, the basic spending table's.
  const own: TableId = section === 'basic' ? 'general-budget-basic' : 'general-budget-expense';
  const fiscalOnly =
    section !== 'other' && ctx.table(own)?.rows.some((r) => r.code?.code === code) && !ctx.tables('gov-fund-expense').some((t) => t.rows.some((r) => r.code?.code === code));
  for (const id of fiscalOnly ? [own] : SUBJECT_TABLES) {
    for (const t of ctx.tables(id)) {
      const row = t.rows.find((r) => r.code?.code === code);
      const term = row && ctx.term(t, row, 'total');
      if (!term) continue;
      const amount = ((term.ref.amount ?? 0) * term.factor) / 10_000;
      const tableHalf = halfWidth(term) / 10_000;
      for (const f of figures) {
        const stated = inWan(f);
        const step = inWan({ ...f, value: 2 * half(f) });
        let gap = Math.abs(stated - amount) - (step / 2 + tableHalf);
        // A 元 amount cut, not rounded, to the 万元 the sentence writes (普陀 2025: 877,080元 as 87.70万元):
        // the table is finer than the figure, and the figure is the table's with its last digits dropped.
        if (tableHalf < step / 2 && amount - stated > -tableHalf && amount - stated < step + tableHalf) gap = Math.min(gap, 0);
        if (!best || gap < best.gap) best = { amount: Math.round(amount * 100) / 100, gap };
      }
    }
  }
  return best && (best.gap <= 0 || fiscalOnly || allMoneySeen(ctx, code)) ? best : undefined;
}

/**
 * Whether the cell stands under a section on the 财政拨款 or 一般公共预算 spending by subject (江苏 2017–2019:
 * “五、财政拨款支出预算情况说明”, its 项 below one by one): the nearest numbered heading above it, in its column.
 */
function sectionOf(ctx: RuleContext, cell: NarrativeCell): Section {
  // Every line of the sheet is looked at (a short heading is no narrative cell), as narrative-sections reads them.
  const headings = ctx.memo(`narrative-section-headings:${cell.sheet}`, () => {
    const sheet = ctx.sheet(cell.sheet);
    return (sheet ? sheetLines(ctx, sheet) : []).flatMap((line, i) => {
      const m = line && SECTION_HEADING.exec(line.text);
      if (!m) return [];
      const heading = m[1]!.trim();
      const section: Section = BASIC_SECTION.test(heading) ? 'basic' : FISCAL_SECTION.test(heading) ? 'fiscal' : 'other';
      return [{ row: i + 1, col: line.col, section }];
    });
  });
  return headings.filter((h) => h.col === cell.col && h.row < cell.row).at(-1)?.section ?? 'other';
}

/** What the section a paragraph stands in speaks of: the 财政拨款 spending by function, its basic spending by economic subject, or else. */
type Section = 'fiscal' | 'basic' | 'other';

/** “六、财政拨款基本支出预算表情况说明” (江苏 2017): its 款 are economic subjects, the basic spending table's. */
const BASIC_SECTION = /^(?:一般公共预算)?(?:财政拨款)?基本支出(?:预算)?(?:表)?情况(?:说明)?$/u;

const FISCAL_SECTION = /^(?:一般公共预算)?(?:财政拨款)?支出预算(?:表)?情况说明$|^(?:财政拨款|一般公共预算(?:财政拨款)?)支出(?:预算)?(?:表)?情况$/u;

/**
 * Whether the tables show every yuan the department spends on the code: its expense summary lists
 * the code, or spends no more than the general budget does. Otherwise a paragraph on all the
 * department's money (其他资金 included) may rightly differ from the general budget's figure.
 */
function allMoneySeen(ctx: RuleContext, code: string): boolean {
  const summary = ctx.table('expense-summary');
  if (!summary) return false;
  if (summary.rows.some((r) => r.code?.code === code)) return true;
  const general = ctx.table('general-budget-expense');
  const totalOf = (t: RecognizedTable | undefined) => {
    // A summary of one line (合计 as its column's header, 江苏 2017) is its own total.
    const row = t?.rows.find((r) => r.isTotal) ?? (t?.rows.length === 1 ? t.rows[0] : undefined);
    const term = t && row && ctx.term(t, row, 'total');
    return term ? (term.ref.amount ?? 0) * term.factor : undefined;
  };
  const all = totalOf(summary);
  const fiscal = totalOf(general);
  return all !== undefined && fiscal !== undefined && Math.abs(all - fiscal) < 0.5;
}

/** A name without the words spelling varies by: 的, a closing 费 or 支出. */
const bare = (name: string) => norm(name).replace(/的/g, '').replace(/(?:费|支出)$/, '');

/** The one candidate whose name is the written one but for 的, 费 or 支出. */
function sameBarSpelling(candidates: readonly TableRow[], written: string): TableRow | undefined {
  const found = candidates.filter((r) => bare(r.labels.name ?? '') === bare(written));
  return found.length === 1 ? found[0] : undefined;
}

/**
 * "人大事务行政运行（项）": a 项 (or 款) written after its parent's name, the parent given no mark of its
 * own. The one row whose parent's name (with or without its last 支出) and own name make the text.
 */
function withParentName(coded: readonly TableRow[], written: string, level: 1 | 2 | 3): TableRow | undefined {
  if (level === 1) return undefined;
  const text = norm(written);
  const nameOf = new Map(coded.map((r) => [r.code!.code, norm(r.labels.name ?? '')]));
  const found = coded.filter((r) => {
    const own = nameOf.get(r.code!.code)!;
    const parentName = nameOf.get(parentCode(r.code!.code) ?? '') ?? '';
    return r.code!.level === level && own !== '' && parentName !== '' && (text === parentName + own || text === parentName.replace(/支出$/, '') + own);
  });
  return found.length === 1 ? found[0] : undefined;
}

const MOVED = /并入|单列|划入|划出|划转|划至|调入|调出|调至|调整[为至到]|合并|拆分|转列|转入|转出|转至|改列/;

/** Another 项 of the table that the usage or reason names while not naming the paragraph's own. */
function otherSubjectNamed(item: NarrativeItem, own: TableRow, t: RecognizedTable, costTypes: ReadonlySet<string>): string {
  // A class or 款 paragraph naming its own 项 is natural; only a 项 can name the wrong 项.
  if (own.code?.level !== 3) return '';
  const ownName = norm(own.labels.name ?? '');
  if (!ownName) return '';
  // Each clause on its own: a usage about the subject does not excuse a reason copied from another.
  for (const clause of [item.usage, item.reason]) {
    // Quotes kept: “事业运行”项级科目 names a subject as a subject.
    const said = normalizeLabel(clause ?? '');
    // Money moved between two subjects names the other one by right (苏州 2026: 提租补贴 “去年并入购房补贴”).
    if (!said || said.includes(ownName) || MOVED.test(said)) continue;
    for (const r of t.rows) {
      const name = norm(r.labels.name ?? '');
      if (r.code?.level !== 3 || name.length < 4 || name === ownName || ownName.includes(name) || costTypes.has(name)) continue;
      if (mentions(said, name).some((at) => !isAside(said, at, name, ownName))) return r.labels.name!.trim();
    }
  }
  return '';
}

function mentions(text: string, name: string): number[] {
  const at: number[] = [];
  for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + 1)) at.push(i);
  return at;
}

/** Words too common in subject names to tie a mention to the paragraph's own subject. */
const COMMON_PAIRS = new Set(['支出', '经费', '事务', '管理', '其他', '单位', '行政', '事业', '机关', '一般']);

/** Words that end an institution's name: 人大立法 in 省人大立法研究所 names no subject. */
const INSTITUTION = /^(?:研究(?:所|院|室|中心|会)|中心|学校|学院|医院|委员会|协会|学会|办公室)/;

/**
 * A mention that is no copied paragraph: the other subject named as a subject, in quotes or followed by
 * 科目 or 项 (money moved to it: 增加了“事业运行”项级科目分流315万元, 调入行政运行项), part of an
 * institution's name, or qualified by a word of the paragraph's own subject (the retirees' share of a
 * cost: 离退休人员提租补贴 under 离退休).
 */
function isAside(said: string, at: number, name: string, ownName: string): boolean {
  const after = said.slice(at + name.length);
  if (/^[”"]?(?:(?:[类款项]级)?科目|[（(]?项(?!目))/.test(after) || (/[“"]$/.test(said.slice(0, at)) && /^[”"]/.test(after))) return true;
  if (INSTITUTION.test(after)) return true;
  // The name's last word heading a series of short ones (杭州 司法局 2026: “对强制隔离戒毒人员教育、通讯、监控……
  // 等设备购置”): a phrase about the subject's own spending, not the other 项 强制隔离戒毒人员教育.
  if (/^、[\u4e00-\u9fff]{1,3}、/u.test(after)) return true;
  const qualifier = said.slice(Math.max(0, at - 6), at).split(/[，,、；;：:。“”"()]/).pop()!;
  for (let i = 0; i + 2 <= qualifier.length; i++) {
    const pair = qualifier.slice(i, i + 2);
    if (!COMMON_PAIRS.has(pair) && ownName.includes(pair)) return true;
  }
  return false;
}

/**
 * Names the economic tables give to costs (住房公积金, 提租补贴 where listed): a reason may say a
 * subject grew with such a cost without naming another subject's paragraph.
 */
function costTypeNames(ctx: RuleContext): Set<string> {
  return ctx.memo('narrative-cost-types', () => {
    const names = new Set<string>();
    for (const t of ctx.recognition.tables) {
      if (ctx.vocab.tables.get(t.id)?.codeSystem !== 'economic') continue;
      for (const r of t.rows) if (r.code && r.labels.name) names.add(norm(r.labels.name));
    }
    return names;
  });
}

const UP = /增加|增长|上升|提高/;
const DOWN = /减少|下降|降低|压减/;

/** The direction a reason ends with; none when it names both (wages up, 同时 projects cut: the net is the figures'). */
function directionOf(text: string | undefined): string {
  if (!text || (UP.test(text) && DOWN.test(text))) return '';
  const up = /(增加|增长|上升|提高)[^，。；]{0,3}$/.test(text);
  const down = /(减少|下降|降低|压减)[^，。；]{0,3}$/.test(text);
  return up === down ? '' : up ? 'increase' : 'decrease';
}

export const narrativeItems: IteratorDef<z.infer<typeof ItemParams>> = {
  name: 'narrative-items',
  description: both(
    '说明中逐项解释科目的段落：两处金额、增减百分比（按文中数字重算）、科目名称与表中是否一致、用途和原因说的是哪一科目',
    'narrative paragraphs explaining a subject: its two amounts, the change recomputed from its own figures, the subject names against the table, which subject the usage and reason talk about',
  ),
  facts: {
    subject: text('段落开头写的科目', 'the subjects the paragraph opens with'),
    amount: num('科目后写的金额（万元）', 'the amount after the subjects (万元)'),
    plannedAmount: numOrNull('“预算安排”的金额（万元）', 'the amount after 预算安排 (万元)'),
    amountGap: numOrNull('两处金额之差的绝对值减去舍入误差（>0 即不一致）', 'how far the two amounts differ beyond rounding (>0 disagree)'),
    previousYear: numOrNull('比较的年份', 'the year compared with'),
    previousAmount: numOrNull('上年数（万元）：文中写的执行数，或本年数减去写明的增加额', 'the earlier figure (万元): as stated, or this year’s less the stated increase'),
    currentAmount: num('本年金额（万元）', 'this year’s figure (万元)'),
    statedChange: numOrNull('文中写的增减百分比（减少为负）', 'the change the text states, % (decrease negative)'),
    computedChange: numOrNull('按文中数字算出的增减百分比；上年为 0 时为空', 'the change recomputed from the figures, %; empty when the base is 0'),
    changeExcess: numOrNull('写的与算出的百分比之差超出舍入的部分（>0 即不符）', 'stated minus recomputed change beyond rounding (>0 disagree)'),
    previousWritten: text('文中写的上年数，照原样（没有写上年数时为空）', 'the earlier figure as the text writes it (empty when it writes none)'),
    slippedPrevious: text(
      '增减百分比不符时，能使百分比成立、且与文中上年数只差一位数字（多写一位，或相邻两位颠倒）的唯一上年数；没有则为空',
      'where the change disagrees: the one earlier figure that would make it hold and differs from the written one by a digit (one too many, or two adjacent swapped); otherwise empty',
    ),
    direction: text('文中写的增减方向（increase/decrease/same）', 'the direction stated'),
    reasonDirection: text('“主要原因”结尾说的方向', 'the direction the reason ends with'),
    statedName: text('与表中不同的科目名称（文中写法）', 'a subject name as the text writes it, where it differs from the table'),
    nameLevel: text('该名称的级次：类、款或项', 'the level of that name: 类, 款 or 项'),
    markedLevel: text('段首科目名称后标的级次（类、款、项），表中这一名称却在另一级次时；否则为空', 'the level marked after the opening subject (类, 款, 项) when the table has that name at another level; otherwise empty'),
    tableLevel: text('表中这一名称所在的级次；级次相符时为空', 'the level the table gives that name; empty when the levels agree'),
    markedName: text('标错级次的科目名称', 'the subject whose level is mismarked'),
    tableName: text('表中该科目的名称；表中上一级下没有这个名称时，为上一级下的全部名称', 'the table’s name for it; when the level above has no such name, every name under it'),
    otherSubject: text('用途或原因中写到的另一个项级科目', 'another 项 the usage or reason names'),
    tableAmount: numOrNull('表中该科目的金额（万元）：一般公共预算支出表、支出总表或基金表中与文中最接近的；找不到科目时为空', 'the subject’s amount in the tables (万元): the nearest of the general budget, department and fund tables; empty when the subject is not found'),
    tableAmountGap: numOrNull('文中金额与表中金额之差超出两边舍入的部分（>0 即不符）；找不到科目时为空', 'how far the stated amount is from the table’s beyond both roundings (>0 disagree); empty when the subject is not found'),
  },
  identities: false,
  texts: ['statedText', 'computedText', 'computedPrecise', 'tableWhere'],
  // Five rules read these items: the paragraphs are parsed once per check.
  run(ctx) {
    return ctx.memo('narrative-items', () => narrativeItemFacts(ctx));
  },
};

/** The words of a direction, and the other way's, in the pair the sentence uses. */
const OPPOSITE: Record<string, string> = { 增加: '减少', 减少: '增加', 增长: '下降', 下降: '增长', 增幅: '降幅', 降幅: '增幅', 减幅: '增幅', 降低: '提高', 提高: '降低', 上升: '下降', 持平: '持平' };

/** The direction word the sentence should use for a recomputed change, in its own pair (增加 → 减少, 增幅 → 降幅). */
function restatedWord(word: string, computed: number): string {
  if (computed === 0) return '持平';
  if (word === '持平') return computed > 0 ? '增长' : '下降';
  const rising = word === '增加' || word === '增长' || word === '增幅' || word === '上升' || word === '提高';
  return computed > 0 === rising ? word : OPPOSITE[word]!;
}

/**
 * A stated rate as written (“下降5.0%”) and the recomputed one as the sentence would write it: its
 * direction word, to the decimals the sentence gives — what the person should type — with the rate
 * to the hundredth beside it when those decimals hide it (“下降5.1%”（5.11%）). None from a base of 0.
 */
function rateTexts(computed: number | null, written: { word: string; percent: Figure }, text: string, lang: Lang) {
  const statedText = `${written.word}${text.slice(written.percent.start, written.percent.end)}%`;
  if (computed === null) return { statedText, computedText: lang === 'zh-CN' ? '无法计算（上年为 0）' : 'not computable (the base is 0)', computedPrecise: '' };
  const shown = Math.abs(computed).toFixed(written.percent.decimals);
  const precise = Math.abs(computed).toFixed(2);
  const word = restatedWord(written.word, computed);
  const sign = computed < 0 ? '−' : '+';
  const hidden = Number(shown) !== Number(precise);
  return lang === 'zh-CN'
    ? { statedText, computedText: computed === 0 ? word : `${word}${shown}%`, computedPrecise: hidden ? `（${precise}%）` : '' }
    : { statedText, computedText: `${sign}${shown}%`, computedPrecise: hidden ? ` (${sign}${precise}%)` : '' };
}

/** The change amount as written (“增加1476.73万元”) and as the two years' amounts give it (“增加1476.43万元”). */
function changeAmountTexts(st: ChangeStatement, computed: number | null, text: string, lang: Lang) {
  const { amountWord: word, amount } = st.change;
  const changeText = `${word}${text.slice(amount.start, amount.end)}${amount.unit}`;
  if (computed === null) return { changeText, computedChangeText: '' };
  if (computed === 0) return { changeText, computedChangeText: lang === 'zh-CN' ? '持平' : 'unchanged' };
  return { changeText, computedChangeText: `${restatedWord(word, computed)}${Math.abs(computed).toFixed(2)}万元` };
}

/** Each narrative cell with its subject paragraph, if it is one: parsed once for the subject items and the change statements. */
function parsedNarrative(ctx: RuleContext): { cell: NarrativeCell; item: NarrativeItem | undefined }[] {
  return ctx.memo('narrative-parsed', () => narrativeCells(ctx).map((cell) => ({ cell, item: parseNarrativeItem(cell.text) })));
}

/**
 * A subject paragraph's rate, with the base it is worked out from: the earlier figure, or this year's
 * less the stated increase. This year's figure is the one the sentence of the change gives (“2026年预算安排…”),
 * unless another is asked for.
 */
function itemRate(item: NarrativeItem, currentFigure: Figure | undefined = item.planned?.figure ?? item.amount): StatedRate | undefined {
  const c = item.change;
  if (!c?.percent) return undefined;
  const current = currentFigure ? inWan(currentFigure) : null;
  const previous = item.previous ? inWan(item.previous.figure) : null;
  const base = previous ?? (c.amount && current !== null ? current - (c.direction === 'decrease' ? -1 : 1) * inWan(c.amount) : null);
  const basis = item.previous && currentFigure ? { previous: item.previous.figure, current: currentFigure } : c.amount && currentFigure ? { change: c.amount, current: currentFigure } : undefined;
  return { percent: c.percent, direction: c.direction, base, current, basis };
}

/**
 * The earlier figure as the stated rate would have it, where the written one is that figure with one
 * digit too many or two adjacent digits swapped (普陀 司法局 2026: 2025年执行数 “43269.3” for 3269.3, its
 * 增加17.62% holding with 3,845.49 over 3,269.3). Then the figure is the slip, not the rate: “应为减少91.11%”
 * worked out from it would have a right percentage changed. Undefined unless exactly one such figure fits.
 */
function slippedPrevious(item: NarrativeItem, asWritten: string, habit: RateHabit): string | undefined {
  const written = item.previous;
  if (!written) return undefined;
  const raw = asWritten.replace(/,/g, '');
  const fitting = new Set<string>();
  for (const digits of oneDigitSlipsOf(raw)) {
    const value = Number(digits);
    if (!Number.isFinite(value) || value <= 0) continue;
    const dot = digits.indexOf('.');
    const figure = { ...written.figure, value, decimals: dot < 0 ? 0 : digits.length - dot - 1 };
    if (rateHolds(itemRate({ ...item, previous: { ...written, figure } }), habit)) fitting.add(digits);
  }
  return fitting.size === 1 ? [...fitting][0] : undefined;
}

/** A written number with one digit taken out, or two adjacent digits swapped: the slips a typist makes. */
function oneDigitSlipsOf(raw: string): string[] {
  // No number starting with a zero (“0269.3”), nor one left without digits before its point.
  const dropped = digitsDropped(raw).map((d) => d.text).filter((t) => /^\d/.test(t) && !/^0\d/.test(t));
  const swapped = adjacentSwaps(raw).map((d) => d.text).filter((t) => !/^0\d/.test(t));
  return [...dropped, ...swapped];
}

/** Whether a stated rate follows from the figures it is worked out from, within their rounding. */
function rateHolds(rate: StatedRate | undefined, habit: RateHabit): boolean {
  const excess = rate && rateAgainstFigures(rate, habit).excess;
  return excess !== undefined && excess !== null && excess <= 0;
}

/** The rate of an amount-and-change statement outside the subject paragraphs; last year's is this year's less the change. */
function statementRate(st: ChangeStatement): StatedRate & { base: number; current: number } {
  const current = inWan(st.current);
  // Last year's amount as written, where the sentence gives it: the stated change may be the slip.
  if (st.previous) return { percent: st.change.percent, direction: st.change.direction, base: inWan(st.previous), current, basis: { previous: st.previous, current: st.current } };
  return { percent: st.change.percent, direction: st.change.direction, base: current - signedChange(st), current, basis: { change: st.change.amount, current: st.current } };
}

/** The change a statement writes, in 万元, negative for a decrease. */
const signedChange = (st: ChangeStatement) => inWan(st.change.amount) * (st.change.direction === 'decrease' ? -1 : 1);

/**
 * A change amount written beside both years' amounts (北京 司法局 2026: “29956.27万元，比2025年年初预算数
 * 28479.84万元增加1476.73万元”): how far it is from their difference beyond the three figures' rounding, and
 * the difference. Null where last year's amount is not written.
 */
function changeAmountCheck(st: ChangeStatement): { gap: number | null; computed: number | null } {
  if (!st.previous) return { gap: null, computed: null };
  const computed = inWan(st.current) - inWan(st.previous);
  const rounding = halfWan(st.current) + halfWan(st.previous) + halfWan(st.change.amount);
  return { gap: Math.abs(computed - signedChange(st)) - rounding - 1e-9, computed: Math.round(computed * 100) / 100 };
}

/**
 * Each narrative cell with the rates it states: a subject paragraph's own, or, outside the subject
 * paragraphs, its change statements' (those whose base is negative are no rate: see below). Worked out
 * once per check, for the workbook's habit and for both iterators that judge them.
 */
function statedRates(ctx: RuleContext): { cell: NarrativeCell; item: NarrativeItem | undefined; own: StatedRate | undefined; statements: { st: ChangeStatement; rate: ReturnType<typeof statementRate> }[] }[] {
  return ctx.memo('narrative-stated-rates', () =>
    parsedNarrative(ctx).map(({ cell, item }) => ({
      cell,
      item,
      own: item && itemRate(item),
      // A subject paragraph's own change is the subject items' to judge.
      statements: item?.change ? [] : parseChangeStatements(cell.text).map((st) => ({ st, rate: statementRate(st) })),
    })),
  );
}

/** How the workbook brings its rates to their decimals, from every rate the narrative states: worked out once per check. */
function habitOf(ctx: RuleContext): RateHabit {
  return ctx.memo('narrative-rate-habit', () =>
    rateHabit(
      statedRates(ctx).flatMap(({ own, statements }) =>
        // The statements a negative base leaves unjudged (below) say nothing of the workbook's habit either.
        own ? [own] : statements.flatMap(({ rate }) => (rate.base >= 0 ? [rate] : [])),
      ),
    ),
  );
}

/** “X(类)Y(款)Z(项)：反映…”: a glossary's explanation of a subject. */
const GLOSSARY_ENTRY = /[)）]\s*[:：]\s*(?:[^:：]*[:：]\s*)?反映/u;

function narrativeItemFacts(ctx: RuleContext): Item[] {
  const items: Item[] = [];
  const tables = subjectTables(ctx);
  // Under a heading on the basic spending, the 款 are the economic ones of its table.
  const basicTables = ctx.tables('general-budget-basic').filter((t) => t.rows.some((r) => r.code));
  const wan = (f?: Figure) => (f ? inWan(f) : null);
  for (const { cell, item, own: rate } of statedRates(ctx)) {
    // A subject with no amount is checked only where a glossary explains it (名词解释: “教育支出(类)
    // 职业教育(款)…(项)：反映…”, 长沙 2026): its names must still be the tables'.
    if (!item || (!item.amount && !GLOSSARY_ENTRY.test(item.text))) continue;
    const amount = wan(item.amount);
    const planned = wan(item.planned?.figure);
    const previous = wan(item.previous?.figure);
    const current = planned ?? amount;
    const { stated, computed, excess } = rate ? rateAgainstFigures(rate, habitOf(ctx)) : { stated: null, computed: null, excess: null };
    // A paragraph giving this year's amount twice (普陀 司法局 2026: “住房公积金208.8万元……2026年预算安排201.50万元，
    // 比2025年增加5.27%”): a rate that holds with its first amount is right, and the second amount is the
    // slip narrative-item-two-amounts reports. No “应为 1.59%” is worked out from the wrong figure.
    const disagrees = excess !== null && excess > 0;
    const rateHoldsWithFirst = disagrees && item.planned !== undefined && item.amount !== undefined && rateHolds(itemRate(item, item.amount), habitOf(ctx));
    const previousWritten = item.previous ? item.text.slice(item.previous.figure.start, item.previous.figure.end) : '';
    const base = rate?.base ?? null;
    const c = item.change;
    const section = sectionOf(ctx, cell);
    const { names, table: t } = checkedSubjects(item, section === 'basic' && basicTables.length > 0 ? basicTables : tables, namesAtLevels(ctx));
    const statedFigures = [item.amount, item.planned?.figure].filter((f): f is Figure => f !== undefined);
    const inTables = names.row && statedFigures.length > 0 ? tableAmountOf(ctx, names.row.code!.code, statedFigures, section) : undefined;
    const gapFigures = item.planned && item.amount ? [item.amount, item.planned.figure] : [];
    items.push({
      facts: {
        subject: item.subjects.map((s) => s.name).join(' '),
        amount,
        plannedAmount: planned,
        amountGap: planned !== null && amount !== null ? Math.abs(planned - amount) - gapFigures.reduce((s, f) => s + half(f), 0) : null,
        previousYear: item.previous?.year ?? null,
        previousAmount: base === null ? previous : Math.round(base * 100) / 100,
        currentAmount: current,
        statedChange: stated,
        computedChange: computed === null ? null : Math.round(computed * 100) / 100,
        changeExcess: rateHoldsWithFirst ? 0 : excess,
        previousWritten,
        slippedPrevious: disagrees && !rateHoldsWithFirst ? (slippedPrevious(item, previousWritten, habitOf(ctx)) ?? '') : '',
        direction: c?.direction ?? '',
        reasonDirection: directionOf(item.reason),
        statedName: names.stated,
        nameLevel: names.level ? LEVEL_NAMES[names.level]! : '',
        markedLevel: names.marked ? LEVEL_NAMES[names.marked.written]! : '',
        tableLevel: names.marked ? LEVEL_NAMES[names.marked.inTable]! : '',
        markedName: names.marked?.name ?? '',
        tableName: names.inTable,
        otherSubject: t && names.row ? otherSubjectNamed(item, names.row, t, costTypeNames(ctx)) : '',
        tableAmount: inTables?.amount ?? null,
        tableAmountGap: inTables?.gap ?? null,
      },
      text: (lang) => ({
        ...(c?.percent ? rateTexts(computed, { word: c.word, percent: c.percent }, item.text, lang) : { statedText: '', computedText: '', computedPrecise: '' }),
        // Where in the table the name was looked for: under its parent, when no row there bears it.
        tableWhere: names.under
          ? lang === 'zh-CN'
            ? `“${names.under}”${LEVEL_NAMES[names.level! - 1]}下的${LEVEL_NAMES[names.level!]}`
            : `under the ${LEVEL_NAMES[names.level! - 1]} “${names.under}” the tables have `
          : lang === 'zh-CN'
            ? ''
            : 'the tables call it ',
      }),
      cell: { sheet: cell.sheet, cell: toA1(cell.row, cell.col) },
    });
  }
  return items;
}

// ── sentences against patterns ────────────────────────────────────────────────────────────────

const CLAUSE_BREAK = /[\s,;:!?，；：、。！？]/u;

/**
 * A match as the cell writes it (full-width commas and all) wherever folding kept the length, with up
 * to `before` characters before it, back to the clause's start (white space or a punctuation mark).
 */
function quoted(cell: NarrativeCell, m: RegExpExecArray, before: number): string {
  const source = cell.folded.length === cell.text.length ? cell.text : cell.folded;
  let start = m.index;
  while (start > 0 && m.index - start < before && !CLAUSE_BREAK.test(source[start - 1]!)) start--;
  // Never half a character outside the basic plane (a rare 汉字 is two UTF-16 units).
  if (start > 0 && /[\udc00-\udfff]/.test(source[start]!)) start--;
  return excerpt(source, start, m.index + m[0].length);
}

/**
 * One expression matching where any of the patterns does, to pass over a text none matches in one
 * test (a list of slips has dozens of patterns, a large workbook 56,000 texts). Not for patterns that
 * refer to their own groups (\1, \k<name>), whose numbers and names a union would change.
 */
function eitherPattern(patterns: readonly string[]): RegExp | undefined {
  if (patterns.length < 2 || patterns.some((p) => /\\[1-9k]|\(\?<[a-zA-Z]/.test(p))) return undefined;
  try {
    return new RegExp(patterns.map((p) => `(?:${p})`).join('|'), 'u');
  } catch {
    return undefined;
  }
}

/** The first match that no set phrase (folded) holds: 组织组织 in 党组织组织力 is a phrase, not a slip. */
function firstOutside(all: RegExp, text: string, except: readonly string[]): RegExpExecArray | null {
  for (const m of globalMatches(all, text)) {
    const [start, end] = [m.index, m.index + m[0].length];
    const within = except.some((phrase) => {
      for (let at = text.indexOf(phrase); at >= 0 && at <= start; at = text.indexOf(phrase, at + 1)) if (at + phrase.length >= end) return true;
      return false;
    });
    if (!within) return m;
    // A doubling may begin inside the phrase's match and run past it: look again one character on.
    all.lastIndex = start + ((text.codePointAt(start) ?? 0) > 0xffff ? 2 : 1);
  }
  return null;
}

/**
 * Whether `word` is written in `text` other than as the start of its own doubling's overlap: 业产 in
 * “林业产业” runs on into 业, the word's first character, as it does in 林业产业产值 (西安 自然资源和规划局
 * 2022: 林业 + 产业 + 产值, no doubling). A word written elsewhere is followed by something else.
 */
function standsAlone(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    if (text[at + word.length] !== word[0]) return true;
  }
  return false;
}

/**
 * Whether `word` is written anywhere in the workbook's text but in matches like `match`: a doubled
 * word is a word the department writes (用于, 人员), where two words meeting end to head (专网、分网 run
 * together as 专网分网分域) leave a “word” no other text holds.
 */
function writtenElsewhere(ctx: RuleContext, word: string, match: string): boolean {
  const known = ctx.memo('written-elsewhere', () => new Map<string, boolean>());
  const key = `${word}\u0000${match}`;
  let verdict = known.get(key);
  if (verdict === undefined) {
    const index = textIndex(ctx);
    verdict = false;
    for (let i = 0; i < index.texts.length && !verdict; i++) {
      const folded = index.folded(i);
      verdict = folded.includes(word) && standsAlone(folded.replaceAll(match, ' '), word);
    }
    known.set(key, verdict);
  }
  return verdict;
}

export const narrativeText: IteratorDef<z.infer<typeof TextParams>> = {
  name: 'narrative-text',
  description: both('说明和表下文字中与所列正则相符的语句', 'sentences of the narrative and table notes that match the patterns listed'),
  facts: {
    matched: text('相符的原文', 'the text matched'),
    pattern: text('所列模式的名称', 'the name of the pattern'),
    year: numOrNull('第 1 组捕获的年份', 'the year group 1 captured'),
    budgetYear: numOrNull('预算年度（表标题中的年份）', 'the budget year (from the table titles)'),
    yearOffset: numOrNull('捕获的年份减预算年度', 'the captured year minus the budget year'),
    tableAmount: numOrNull('模式的 amountOf 所指单元格的金额（表中的单位）；没有该单元格时为空', 'the amount of the cell the pattern’s amountOf names (in its table’s unit); empty when there is no such cell'),
    groupElsewhere: flag(
      '第 1 组捕获的文字在工作簿别处也写着（不算与本处相同的整段匹配）：真是一个词，而非两个词首尾相接（“专网分网分域”中的“网分”）',
      'the text group 1 captured is written elsewhere in the workbook too (not counting matches like this one): a word indeed, not the ends of two words meeting (网分 in 专网分网分域)',
    ),
  },
  identities: false,
  texts: ['pattern', 'tableCell', 'tableAmountText'],
  references: (p) => p.patterns.flatMap((pattern, i) => (pattern.amountOf ?? []).flatMap((sel, j) => selectorReferences(sel, ['patterns', i, 'amountOf', j]))),
  run(ctx, params) {
    const items: Item[] = [];
    const year = budgetYear(ctx);
    // The cell a pattern speaks of, found once: the first of its selectors the workbook has.
    const patterns = params.patterns.map((p) => {
      const located = p.amountOf?.map((sel) => locateOne(ctx, sel)).find((l) => l !== undefined);
      const shown = (lang: Lang) => (located?.term.ref.amount != null ? amountText(located.term.ref.amount, Math.max(2, located.term.ref.decimals), ctx.unit(located.table), lang) : '');
      const except = p.except?.map(fold);
      return { p, re: new RegExp(p.pattern, 'u'), all: except && new RegExp(p.pattern, 'gu'), except, ref: located?.term.ref, label: located?.term.label, shown };
    });
    const emit = (cell: NarrativeCell) => {
      for (const { p, re, all, except, ref, label, shown } of patterns) {
        const m = all && except ? firstOutside(all, cell.folded, except) : re.exec(cell.folded);
        if (!m) continue;
        const captured = m[1] !== undefined && /^\d{4}$/.test(m[1]) ? Number(m[1]) : null;
        items.push({
          facts: {
            matched: quoted(cell, m, p.quoteBefore ?? 0),
            pattern: p.name['zh-CN'],
            year: captured,
            budgetYear: year,
            yearOffset: captured !== null && year !== null ? captured - year : null,
            tableAmount: ref?.amount ?? null,
            groupElsewhere: m[1] !== undefined && m[1] !== '' && writtenElsewhere(ctx, m[1], m[0]),
          },
          text: (lang) => ({ pattern: p.name[lang], tableCell: label?.[lang] ?? '', tableAmountText: shown(lang) }),
          cell: { sheet: cell.sheet, cell: toA1(cell.row, cell.col) },
          ...(ref && { related: [{ sheet: ref.sheet, cell: ref.cell }] }),
        });
      }
    };
    if (params.minLength === undefined) {
      for (const cell of narrativeCells(ctx)) emit(cell);
      return items;
    }
    // Each distinct text is read once (cellsWhere), and only the cells of those some pattern matches are visited.
    const index = textIndex(ctx);
    const minLength = params.minLength;
    const any = eitherPattern(params.patterns.map((p) => p.pattern));
    const screen = any ? (text: string) => any.test(text) : (text: string) => patterns.some(({ re }) => re.test(text));
    for (const cell of index.cellsWhere((i) => index.texts[i]!.length >= minLength && screen(index.folded(i)))) emit(cell);
    return items;
  },
};

// ── 其中 breakdowns ───────────────────────────────────────────────────────────────────────────

export const narrativeBreakdowns: IteratorDef<z.infer<typeof BreakdownParams>> = {
  name: 'narrative-breakdowns',
  description: both('说明中“总数（其中：甲…、乙…）”的分项之和与总数，一句之内列举或逐段列举', 'a total and the parts its “其中” lists, within a sentence or paragraph by paragraph'),
  facts: {
    total: num('总数', 'the total'),
    partsSum: num('所列分项之和（同一单位）', 'the sum of the parts listed (same unit)'),
    partCount: num('分项个数', 'number of parts'),
    partsExcess: num('分项之和超出总数的部分（>0 即分项比总数还多）', 'how far the parts exceed the total (>0: more than the whole)'),
    exhaustive: flag(
      '所列分项合起来即是全部：恰是参数 exhaustive 中的一组（如货物、工程、服务），或是以参数 wholeCounts 中的单位计的两项以上（人、辆……）',
      'the parts make the whole: exactly one set of the exhaustive param (货物, 工程, 服务), or two counts or more in a unit of the wholeCounts param (人, 辆 …)',
    ),
    partsShort: num('分项之和比总数少、超出舍入的部分（>0 即分项不足总数）', 'how far the parts fall short of the total beyond rounding (>0: less than the whole)'),
    unit: text('单位', 'unit'),
    listWord: text('引出分项的词：一句之内列举时的其中、包括，或逐段列举时的包括、其中、如下；标题（“（一）本年财政拨款收入68443.58万元”）之下的编号段落为“其下”', 'the word that opens the parts: 其中 or 包括 within a sentence, or for a list over paragraphs 包括, 其中 or 如下; 其下 for the numbered paragraphs under a heading (“（一）本年财政拨款收入68443.58万元”)'),
    omittedCount: num('“包括”之下逐段列出的是功能分类的类时，表中有金额而未列出的类的个数', 'for classes listed paragraph by paragraph under 包括, how many classes with an amount the table has and the list leaves out'),
  },
  identities: false,
  texts: ['omittedClasses', 'tableName'],
  run(ctx, params) {
    const items: Item[] = [];
    for (const cell of narrativeCells(ctx)) {
      for (const b of textBreakdowns(cell.folded)) {
        items.push({
          facts: { ...breakdownFacts(breakdownAmount(b.total), b.parts.map((p) => breakdownAmount(p)), b.unit, params, b.listed), listWord: b.word, omittedCount: 0 },
          cell: { sheet: cell.sheet, cell: toA1(cell.row, cell.col) },
        });
      }
    }
    // And those written paragraph by paragraph: “支出预算总计17996.68万元。包括：” and then “1．…”, “2．…”.
    items.push(...paragraphBreakdownItems(ctx, params));
    return items;
  },
};

// ── one amount, two changes ───────────────────────────────────────────────────────────────────

// Against a year written out (比2024年) or last year's (比上年, 与上年相比: 江苏 2018).
const CHANGE_STATEMENT = /(\d[\d,]*(?:\.\d+)?)\s*万元[,，]?\s*(?:(?:比|较)(\d{4})年|(?:比|较|与)上年(?:相比|比较)?)([^,，。;；]{0,10}?)(增加|减少)\s*(\d[\d,]*(?:\.\d+)?)\s*万元/gu;

/**
 * What a figure compared with 上年 is, read from the words just before it: only a fund's income or
 * spending (一般公共预算收入预算, 一般公共预算财政拨款支出预算), whose income and spending balance in
 * every year's budget. Equal this year, other figures may differ last year: the total and the general
 * budget where last year had other funds (江苏 2019), the 三公 total and its one expense (苏州 2026),
 * income and spending against last year's 执行数 (湖州 2026).
 */
const FUND_SUBJECT = /(一般公共预算|政府性基金预算?|国有资本经营预算|财政拨款)(?:财政拨款|拨款)?(?:收入|支出)(?:预算)?\s*$/u;

/** “X万元，比2022年预算增加Y万元”: one figure with the change a sentence gives it. */
interface AmountChange {
  sheet: string;
  cell: string;
  /** The words matched, as the sentence writes them. */
  statement: string;
  amount: number;
  /** “2024年”, or “上年”. */
  against: string;
  /** Against 上年, the fund whose income or spending the figure is (undefined when not a fund's); '' against a year. */
  fund: string | undefined;
  /** Against 上年's 执行数, not its budget. */
  againstOutturn: boolean;
  /** Decrease negative, 万元. */
  change: number;
  /** The figure ends a list joined by 、 (…、其他收入100.00万元，较上年增加142.30万元): the change may be the list's total's. */
  endsList: boolean;
  /** The paragraph (folded) and where the statement starts in it. */
  paragraph: string;
  at: number;
}

/**
 * One statement is a part the other lists after 其中 in the same paragraph: a part may equal its
 * whole where the other parts are nothing, and change otherwise (上海交通职业技术学院 2026: 公务用车购置及
 * 运行费 20.10万元, 减少23.10; 其中：购置费 0.00, 运行费 20.10万元, 增加0.90).
 */
function partAndWhole(a: AmountChange, b: AmountChange): boolean {
  if (a.paragraph !== b.paragraph || a.sheet !== b.sheet || a.cell !== b.cell) return false;
  const [first, second] = a.at < b.at ? [a, b] : [b, a];
  return first.paragraph.slice(first.at, second.at).includes('其中');
}

/** The longest a clause quoted whole may be; a longer one is quoted from its figure on. */
const QUOTED_CLAUSE_MAX = 60;

/**
 * The words a message quotes: the clause from its start (“政府性基金拨款支出预算0万元，比2022年预算增加
 * 1421.25万元”, so the reader sees whose figure it is), or from the figure on when the clause is long.
 * As written, where folding kept the text's length.
 */
function quotedClause(c: NarrativeCell, clauseStart: number, figureStart: number, end: number): string {
  const start = end - clauseStart <= QUOTED_CLAUSE_MAX ? clauseStart : figureStart;
  return (c.folded.length === c.text.length ? c.text : c.folded).slice(start, end).trim();
}

/** Every figure of the narrative given a change, read once per check for the rules that compare them. */
function amountChanges(ctx: RuleContext): AmountChange[] {
  return ctx.memo('amount-changes', () => {
    const out: AmountChange[] = [];
    for (const c of narrativeCells(ctx)) {
      for (const m of globalMatches(CHANGE_STATEMENT, c.folded)) {
        const value = Number(m[5]!.replace(/,/g, ''));
        const clauseStart = Math.max(c.folded.lastIndexOf('。', m.index), c.folded.lastIndexOf('；', m.index), c.folded.lastIndexOf(';', m.index));
        out.push({
          sheet: c.sheet,
          cell: toA1(c.row, c.col),
          statement: quotedClause(c, clauseStart + 1, m.index, m.index + m[0].length),
          amount: Number(m[1]!.replace(/,/g, '')),
          against: m[2] === undefined ? '上年' : `${m[2]}年`,
          fund: m[2] === undefined ? FUND_SUBJECT.exec(c.folded.slice(Math.max(0, m.index - 30), m.index))?.[1] : '',
          againstOutturn: m[2] === undefined && m[3]!.includes('执行'),
          change: m[4] === '减少' ? -value : value,
          endsList: c.folded.slice(clauseStart + 1, m.index).includes('、'),
          paragraph: c.folded,
          at: m.index,
        });
      }
    }
    return out;
  });
}

export const narrativeChangePairs: IteratorDef<z.infer<typeof ItemParams>> = {
  name: 'narrative-change-pairs',
  description: both(
    '说明中同一金额、同一比较年份却写了不同增减额的语句（如财政拨款收入和支出都是 X 万元，增加额却不同）；与“上年”比较的，只取同一资金的收入与支出',
    'narrative statements giving the same amount against the same year but different changes (fiscal income and spending both X, increases differ); against 上年, only one fund’s income and spending',
  ),
  facts: {
    amount: num('本年金额（万元）', 'this year’s amount (万元)'),
    against: text('比较的年份（“2024年”，或“上年”）', 'the year compared with (“2024年”, or “上年”)'),
    change: num('本句写的增减额（减少为负，万元）', 'the change this statement gives (decrease negative, 万元)'),
    otherChange: num('同一金额另一句写的增减额', 'the change another statement gives for the same amount'),
    changeGap: num('两个增减额之差的绝对值', 'how far the two changes differ'),
  },
  identities: false,
  texts: [],
  run(ctx) {
    // Against 上年, only a fund's figure, and the same statements pair only within that fund.
    const statements = amountChanges(ctx).filter((s) => s.fund !== undefined && !s.againstOutturn);
    const items: Item[] = [];
    const reported = new Set<string>();
    for (const s of statements) {
      if (s.amount === 0) continue;
      const others = statements.filter((o) => o !== s && o.amount === s.amount && o.against === s.against && o.fund === s.fund && o.change !== s.change && !partAndWhole(s, o));
      if (others.length === 0 || reported.has(`${s.sheet}!${s.cell}`)) continue;
      reported.add(`${s.sheet}!${s.cell}`);
      const other = others[0]!;
      items.push({
        facts: { amount: s.amount, against: s.against, change: s.change, otherChange: other.change, changeGap: Math.abs(s.change - other.change) },
        cell: { sheet: s.sheet, cell: s.cell },
        related: [{ sheet: other.sheet, cell: other.cell }],
      });
    }
    return items;
  },
};

export const narrativeAmountChanges: IteratorDef<z.infer<typeof ItemParams>> = {
  name: 'narrative-amount-changes',
  description: both(
    '说明中“X万元，比上年（某年）增加（减少）Y万元”的每一处：本年数、增减额和由此推出的上年数',
    'every “X 万元, up (down) Y 万元 on last year (a year)” of the narrative: this year’s figure, the change and the previous year’s it implies',
  ),
  facts: {
    statement: text('说明中的原文', 'the words as written'),
    amount: num('本年金额（万元）', 'this year’s amount (万元)'),
    change: num('写的增减额（减少为负，万元）', 'the change written (decrease negative, 万元)'),
    previousAmount: num('推出的上年数：本年金额减增减额（万元）', 'the previous year’s figure implied: the amount less the change (万元)'),
    endsList: flag('金额是“、”连接的一串金额的最后一项（增减额可能是整串合计的）', 'the figure ends a list joined by 、 (the change may be the whole list’s)'),
  },
  identities: false,
  texts: [],
  run(ctx) {
    return amountChanges(ctx).map((s) => ({
      facts: { statement: s.statement, amount: s.amount, change: s.change, previousAmount: Math.round((s.amount - s.change) * 100) / 100, endsList: s.endsList },
      cell: { sheet: s.sheet, cell: s.cell },
    }));
  },
};

// ── an amount, its change and the rate stated ─────────────────────────────────────────────────

export const narrativeChangeStatements: IteratorDef<z.infer<typeof ItemParams>> = {
  name: 'narrative-change-statements',
  description: both(
    '说明中“某金额，与上年相比增加（减少）X万元，增长（下降）Y%”的语句（总计、基本支出、项目支出等，科目段落之外）：按文中数字重算百分比',
    'narrative statements “an amount, up (down) X 万元 on last year, a rise (fall) of Y%” outside the subject paragraphs (totals, basic and project spending): the rate recomputed from the figures',
  ),
  facts: {
    statement: text('说明中的原文', 'the statement as written'),
    currentAmount: num('本年金额（万元）', 'this year’s amount (万元)'),
    previousAmount: num('上年数（万元）：本年数减去写明的增加额', 'last year’s figure (万元): this year’s less the stated increase'),
    statedChange: num('文中写的增减百分比（减少为负）', 'the change the text states, % (decrease negative)'),
    computedChange: numOrNull('按文中数字算出的增减百分比；上年为 0 时为空', 'the change recomputed from the figures, %; empty when the base is 0'),
    changeExcess: numOrNull('写的与算出的百分比之差超出舍入的部分（>0 即不符）', 'stated minus recomputed change beyond rounding (>0 disagree)'),
    statedPrevious: numOrNull('句中写明的上年数（万元）；没写时为空', 'last year’s amount as the sentence writes it (万元); empty where it does not'),
    changeAmountGap: numOrNull('写的增减额与本年数减上年数之差，超出三个数舍入的部分（>0 即不符）；没写上年数时为空', 'the stated change against this year’s less last year’s amount, beyond the three figures’ rounding (>0 disagree); empty without last year’s amount'),
    computedChangeAmount: numOrNull('本年数减上年数（万元）；没写上年数时为空', 'this year’s less last year’s amount (万元); empty without it'),
  },
  identities: false,
  texts: ['statedText', 'computedText', 'computedPrecise', 'changeText', 'computedChangeText'],
  run(ctx) {
    const items: Item[] = [];
    for (const { cell, statements } of statedRates(ctx)) {
      for (const { st, rate: stated } of statements) {
        const { base, current } = stated;
        // An increase larger than the figure leaves last year below nothing: the change is the total's
        // a list ends with (西安 2026: “…、其他收入100.00万元，较上年增加142.30万元” for the 4,203.47 before it).
        if (base < 0) continue;
        const rate = rateAgainstFigures(stated, habitOf(ctx));
        const amount = changeAmountCheck(st);
        items.push({
          facts: {
            statement: cell.folded.slice(st.start, st.end),
            currentAmount: current,
            previousAmount: Math.round(base * 100) / 100,
            statedChange: rate.stated,
            computedChange: rate.computed === null ? null : Math.round(rate.computed * 100) / 100,
            changeExcess: rate.excess,
            statedPrevious: st.previous ? inWan(st.previous) : null,
            changeAmountGap: amount.gap,
            computedChangeAmount: amount.computed,
          },
          text: (lang) => ({ ...rateTexts(rate.computed, st.change, cell.folded, lang), ...changeAmountTexts(st, amount.computed, cell.folded, lang) }),
          cell: { sheet: cell.sheet, cell: toA1(cell.row, cell.col) },
        });
      }
    }
    return items;
  },
};

// ── numbered sections of the narrative ────────────────────────────────────────────────────────

/**
 * A row's line of text: its first filled cell, when that holds text, wherever the sheet starts (a
 * narrative pasted one column in, beside a margin, reads as in column A).
 */
function lineOf(cells: GridSheet['rows'][number]): { text: string; col: number } | undefined {
  if (!cells) return undefined;
  for (let c = 0; c < cells.length; c++) {
    const cell = cells[c];
    if (!cell || cell.text.trim() === '') continue;
    return typeof cell.value === 'string' ? { text: fold(cell.text), col: c + 1 } : undefined;
  }
  return undefined;
}

/** Each row's line of a sheet, folded once per check for the two readers of its numbered sections. */
function sheetLines(ctx: RuleContext, sheet: GridSheet): ReturnType<typeof lineOf>[] {
  return ctx.memo(`narrative-lines:${sheet.name}`, () => sheet.rows.map(lineOf));
}

const SECTION_HEADING = /^\s*[一二三四五六七八九十]+[、.．]\s*([^，。,;；:：]{2,20})\s*$/u;
const AMOUNT_IN_TEXT = /\d[\d,]*(?:\.\d+)?\s*(?:万元|亿元|万|元)/u;

export const narrativeSections: IteratorDef<z.infer<typeof ItemParams>> = {
  name: 'narrative-sections',
  description: both('说明中的编号小节（如项目说明的“六、年度预算安排”）及其正文', 'numbered sections of the narrative (六、年度预算安排 in a project note) and their text'),
  facts: {
    heading: text('小节标题（去掉编号）', 'the section heading without its number'),
    body: text('小节正文', 'the section’s text'),
    amountCount: num('正文中写出的金额个数', 'how many amounts the text states'),
  },
  identities: false,
  texts: [],
  run(ctx) {
    const items: Item[] = [];
    for (const sheet of ctx.grid.sheets) {
      const lines = sheetLines(ctx, sheet);
      lines.forEach((line, i) => {
        const m = line && SECTION_HEADING.exec(line.text);
        if (!m) return;
        const body: string[] = [];
        for (let j = i + 1; j < lines.length && lines[j] && !SECTION_HEADING.test(lines[j]!.text) && body.length < 10; j++) body.push(lines[j]!.text);
        if (body.length === 0) return;
        items.push({
          facts: { heading: m[1]!.trim(), body: body.join(''), amountCount: body.filter((b) => AMOUNT_IN_TEXT.test(b)).length },
          cell: { sheet: sheet.name, cell: toA1(i + 2, lines[i + 1]!.col) },
          related: [{ sheet: sheet.name, cell: toA1(i + 1, line.col) }],
        });
      });
    }
    return items;
  },
};
