/**
 * Words one character away from the word that was meant: a typo in Chinese is a wrong character
 * of the right length (资金 for 奖金, 胡比率 for 的比率). Two sources say what was meant — the
 * names the workbook's own tables use, for lists of subjects the narrative enumerates; and the
 * standard wordings a maintainer lists in the rule file, for every text cell. The iterator counts
 * the characters that differ; the rule file decides how many make a typo.
 */
import type { z } from 'zod';
import type { ListItemParams, ListParams, WordingParams } from '../params/near-misses.js';
import { toA1 } from '../../address.js';
import { fold, normalizeLabel } from '../../text.js';
import type { Item, RuleContext } from '../context.js';
import { flag, type IteratorDef, num, text, both } from '../registry-types.js';
import { narrativeCells, textCells, type NarrativeCell } from './narrative.js';
import { addTo } from '../../multimap.js';

/** Characters that differ between two strings of the same length (Infinity when lengths differ). */
export function charDifferences(a: string, b: string, stopAfter = Infinity): number {
  if (a.length !== b.length) return Infinity;
  let n = 0;
  for (let i = 0; i < a.length && n <= stopAfter; i++) if (a[i] !== b[i]) n++;
  return n;
}

// ── listed names: "主要包括：基本工资、津贴补贴、资金、绩效工资…" ────────────────────────────────

/** A list item: the text between 、 marks, with the list's lead-in and closing 等 left out. */
interface ListItem {
  text: string;
  /** Offset of the item in the cell's text. */
  at: number;
}

const LIST_BREAK = /[。；;：:，,！!？?\n]/u;

/** The 、-joined lists of a text, each at least three items long, with offsets into the text. */
export function enumeratedLists(text: string): ListItem[][] {
  const lists: ListItem[][] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && !LIST_BREAK.test(text[i]!)) continue;
    const clause = text.slice(start, i);
    if ((clause.match(/、/g) ?? []).length >= 2) {
      const items: ListItem[] = [];
      let at = start;
      for (const raw of clause.split('、')) {
        items.push({ text: raw, at });
        at += raw.length + 1;
      }
      trimLeadIn(items[0]!);
      trimClosing(items[items.length - 1]!);
      lists.push(items.filter((it) => it.text.length > 0));
    }
    start = i + 1;
  }
  return lists;
}

function trimLeadIn(item: ListItem): void {
  const m = /^.*?(?:包括|包含|含|有|如|为|用于)/u.exec(item.text);
  if (m && m[0].length < item.text.length) {
    item.at += m[0].length;
    item.text = item.text.slice(m[0].length);
  }
}

function trimClosing(item: ListItem): void {
  item.text = item.text.replace(/(?:等等|等)(?:方面|支出|费用|项目)?$/u, '');
}

/** The economic classification's standard names (the vocabulary's), normalised. */
function standardNames(ctx: RuleContext): Set<string> {
  return ctx.memo('near-misses:standard-names', () => new Set(Object.values(ctx.vocab.economicSubjects ?? {}).map(normalizeLabel).filter((n) => n.length >= 2)));
}

/** The names of the coded rows of every recognised table, folded: the words the tables use. */
function tableNames(ctx: RuleContext): Set<string> {
  return ctx.memo('near-misses:table-names', () => {
    const names = new Set<string>();
    for (const t of ctx.recognition.tables) {
      for (const row of t.rows) {
        if (!row.code) continue;
        for (const label of Object.values(row.labels)) {
          const name = normalizeLabel(label);
          if (name.length >= 2) names.add(name);
        }
      }
    }
    return names;
  });
}

/** A 、-list of a narrative cell, its items folded and compared with the table names once for both list iterators. */
interface NarrativeList {
  cell: NarrativeCell;
  items: ListItem[];
  folded: string[];
  /** Items that are table names exactly. */
  exact: number;
}

/** The narrative's 、-lists, their items folded: found before the table names are gathered, which a narrative without a list never needs. */
function narrativeLists(ctx: RuleContext): Omit<NarrativeList, 'exact'>[] {
  return ctx.memo('near-misses:lists', () =>
    narrativeCells(ctx).flatMap((cell) =>
      enumeratedLists(cell.text).map((items) => ({ cell, items, folded: items.map((it) => normalizeLabel(it.text)) })),
    ),
  );
}

/**
 * The table names, by length, and the narrative's lists with their exact names counted; none when the
 * narrative has no list (the ten-times workbook's 27,000 coded rows were named for nothing) or no
 * table a coded name.
 */
function listsAgainstNames(ctx: RuleContext) {
  const found = narrativeLists(ctx);
  if (found.length === 0) return undefined;
  const names = tableNames(ctx);
  if (names.size === 0) return undefined;
  const lists = ctx.memo('near-misses:lists-counted', (): NarrativeList[] => found.map((l) => ({ ...l, exact: l.folded.filter((f) => names.has(f)).length })));
  return { names, byLength: ctx.memo('near-misses:names-by-length', () => namesByLength(names)), lists };
}

/** What both list iterators say of the list an item comes from. */
const LIST_FACTS = {
  listedNames: num('这一列举中与表中名称完全相同的项数', 'items of the list that are table names exactly'),
  listLength: num('这一列举的项数', 'items in the list'),
};

export const listedNames: IteratorDef<z.infer<typeof ListParams>> = {
  name: 'listed-names',
  description: both(
    '说明中以顿号列举的科目（大部分与表中科目名称相同），其中与表中名称只差几个字的一项',
    'an item of a 、-list in the narrative (most of whose items are table subject names) that is a few characters off a table name',
  ),
  facts: {
    written: text('说明中写的这一项', 'the item as written'),
    expected: text('表中最接近的科目名称（多个时以“或”连接）', 'the closest table name (several joined by 或)'),
    differences: num('与最接近的名称相差的字数', 'characters that differ from the closest name'),
    alternatives: num('同样接近的表中名称个数', 'how many table names are equally close'),
    ...LIST_FACTS,
  },
  identities: false,
  texts: [],
  run(ctx, params) {
    const lists = listsAgainstNames(ctx);
    if (!lists) return [];
    const { names, byLength } = lists;
    const standard = standardNames(ctx);
    const items: Item[] = [];
    for (const { cell, items: list, folded, exact } of lists.lists) {
      folded.forEach((written, i) => {
        // A standard subject's name, or two run together (“水电费”: 水费 and 电费, 烟台 人社局 2026, whose
        // tables print neither but 邮电费), is no misspelling of a name the tables print.
        if (names.has(written) || joinsTwoNames(written, names) || standard.has(written) || joinsTwoNames(written, standard)) return;
        let best = Infinity;
        let closest: string[] = [];
        for (const name of byLength.get(written.length) ?? []) {
          const d = charDifferences(written, name, params.maxDifferences);
          if (d > params.maxDifferences || d > best) continue;
          if (d < best) [best, closest] = [d, []];
          closest.push(name);
        }
        // The name it is near, listed beside it (“水费、电费”, 珠海 2026, whose tables have 水费 but
        // print 电费 only in a table not read): another subject, not a misspelling of that one.
        closest = closest.filter((name) => !folded.includes(name));
        if (closest.length === 0) return;
        const item = list[i]!;
        const fixed = cell.text.slice(0, item.at) + closest[0] + cell.text.slice(item.at + item.text.length);
        items.push({
          facts: {
            written,
            expected: closest.join('”或“'),
            differences: best,
            alternatives: closest.length,
            listedNames: exact,
            listLength: list.length,
          },
          cell: { sheet: cell.sheet, cell: toA1(cell.row, cell.col) },
          // The whole cell with the one item corrected; the person confirms it (a word, not a sum).
          ...(closest.length === 1 && item.text === written && { fix: { sheet: cell.sheet, cell: toA1(cell.row, cell.col), value: fixed, safety: 'unsafe' as const } }),
        });
      });
    }
    return items;
  },
};

/**
 * Two table names sharing their ending, written as one: 水电费 for 水费 and 电费 (重庆 宣传部 2026), a
 * common way to say both, not a typo of 邮电费 one character away.
 */
function joinsTwoNames(written: string, names: ReadonlySet<string>): boolean {
  for (const first of names) {
    let shared = 0;
    while (shared < first.length - 1 && shared < written.length - 2 && first[first.length - 1 - shared] === written[written.length - 1 - shared]) shared++;
    if (shared === 0) continue;
    const head = first.slice(0, first.length - shared);
    if (!written.startsWith(head)) continue;
    const second = written.slice(head.length, written.length - shared) + first.slice(first.length - shared);
    if (second !== first && names.has(second)) return true;
  }
  return false;
}

/** Table names joined by 及, 和 or 与 into one item (重庆 2026's “培训费及其他商品和服务支出”: 30216 and 30299). */
function namesJoined(written: string, names: ReadonlySet<string>): boolean {
  for (let i = 1; i < written.length - 1; i++) {
    if (!'及和与'.includes(written[i]!)) continue;
    if (names.has(written.slice(0, i)) && names.has(written.slice(i + 1))) return true;
  }
  return false;
}

// ── listed items: "主要包括：基本工资、…、绩效工资…" where the tables have no 绩效工资, or 奖金 twice ───────

/** Whether every character of the shorter string appears, in order, in the longer. */
function isSubsequence(shorter: string, longer: string): boolean {
  let i = 0;
  for (let j = 0; j < longer.length && i < shorter.length; j++) if (shorter[i] === longer[j]) i++;
  return i === shorter.length;
}

/** A written item close to a name: a typo of it, or it with a few characters dropped (机关事业单位养老保险缴费 for …基本养老保险缴费). */
function closeTo(written: string, name: string, params: z.infer<typeof ListItemParams>): boolean {
  const dropped = name.length - written.length;
  if (dropped === 0) return charDifferences(written, name, params.maxDifferences) <= params.maxDifferences;
  return dropped > 0 && dropped <= params.maxDropped && isSubsequence(written, name);
}

/**
 * Whether a written item is a table name as people write it: close to one (a typo is the listed-names
 * rule's), one with a suffix (提租补贴支出), or a collective term whose members the tables list (社会保障缴费).
 */
function nearAName(written: string, names: ReadonlySet<string>, byLength: ReadonlyMap<number, readonly string[]>, params: z.infer<typeof ListItemParams>): boolean {
  for (let d = 0; d <= params.maxDropped; d++) {
    if ((byLength.get(written.length + d) ?? []).some((name) => closeTo(written, name, params))) return true;
  }
  if (params.suffixes.some((s) => written.endsWith(s) && names.has(written.slice(0, -s.length)))) return true;
  const collective = params.collectiveTerms.find((c) => c.term === written);
  return !!collective && [...names].some((name) => collective.members.some((m) => name.includes(m)));
}

function namesByLength(names: ReadonlySet<string>): Map<number, string[]> {
  const byLength = new Map<number, string[]>();
  for (const n of names) addTo(byLength, n.length, n);
  return byLength;
}

/** 广州 2026: “行政经费（机关运行经费）指用于维持……的经费。具体包括：办公费、…、取暖费、…” */
const DEFINITION = /(?:是指|指用于|指的是|系指)/;

export const listedItems: IteratorDef<z.infer<typeof ListItemParams>> = {
  name: 'listed-items',
  description: both(
    '说明中以顿号列举的科目（一段一个列举）：其中在表中没有的项（不算表中名称的错字、简写或加长），和写了两次的项',
    'each 、-list of subjects in the narrative: its items that no table has (a typo, shortening or lengthening of a table name aside), and those written twice',
  ),
  facts: {
    absent: text('表中没有的项（以顿号连接）', 'the items no table has (joined by 、)'),
    absentCount: num('表中没有的项数', 'how many items no table has'),
    repeated: text('写了两次以上的项（以顿号连接）', 'the items written more than once (joined by 、)'),
    repeatedCount: num('写了两次以上的项数', 'how many items are written more than once'),
    meant: text('表中有、列举中没有、又与重复项相近的名称（可能是本来要写的，以“或”连接）', 'table names the list leaves out that are close to a repeated item (what may have been meant; joined by 或)'),
    ...LIST_FACTS,
    listedShare: num('与表中名称完全相同的项所占比例（0–1）', 'the share of the list’s items that are table names exactly (0–1)'),
    subjectLikeShare: num(
      '以科目名称的结尾（参数 subjectEndings）结尾的项所占比例（0–1）：列举照抄了整套科目名称、表中只有少数时，它仍是科目列举',
      'the share of items ending as subject names do (the subjectEndings parameter), 0–1: a list copying a whole set of subject names of which the tables hold few is still a list of subjects',
    ),
    defining: flag('列举之前的文字在下定义（“……是指……”）：列的是一个词涵盖哪些科目，不是预算安排了哪些', 'the text before the list defines a term (“… 是指 …”): it lists what the term covers, not what the budget holds'),
  },
  identities: false,
  texts: ['meantText'],
  run(ctx, params) {
    const lists = listsAgainstNames(ctx);
    if (!lists) return [];
    const { names, byLength } = lists;
    const items: Item[] = [];
    for (const { cell, items: list, folded, exact } of lists.lists) {
      // A typo of a table name is the listed-names rule's; only what is near no name is absent.
      // A class named with 等 (215 资源勘探工业信息等支出) ends a list as “…、资源勘探工业信息等支出”: its 等支出 is its own.
      const absent = folded.filter((f) => !names.has(f) && !names.has(`${f}等支出`) && !nearAName(f, names, byLength, params) && !namesJoined(f, names));
      const repeated = [...new Set(folded.filter((f, i) => folded.indexOf(f) !== i))];
      if (absent.length === 0 && repeated.length === 0) continue;
      // 奖金 twice and no 奖励金: the table's names close to a repeated item that the list leaves out.
      const meant = repeated.length === 0 ? [] : [...names].filter((n) => !folded.includes(n) && repeated.some((r) => closeTo(r, n, params)));
      items.push({
        facts: {
          absent: absent.join('、'),
          absentCount: absent.length,
          repeated: repeated.join('、'),
          repeatedCount: repeated.length,
          meant: meant.join('”或“'),
          listedNames: exact,
          listLength: list.length,
          listedShare: exact / list.length,
          subjectLikeShare: folded.filter((f) => params.subjectEndings.some((e) => f.endsWith(e))).length / list.length,
          defining: DEFINITION.test(cell.text.slice(0, list[0]!.at)),
        },
        text: (lang) => ({
          meantText: meant.length === 0 ? '' : lang === 'zh-CN' ? `；表中的“${meant.join('”或“')}”没有列出，是否本应写它？` : `; the tables' “${meant.join('” or “')}” is not listed: was it meant?`,
        }),
        cell: { sheet: cell.sheet, cell: toA1(cell.row, cell.col) },
      });
    }
    return items;
  },
};

// ── standard wordings: the indicator definitions every form copies ─────────────────────────────

/** The window of `text` closest to `wording`, when none matches it exactly. */
function closestWindow(text: string, wording: string, maxDifferences: number): { at: number; differences: number } | null {
  if (text.includes(wording)) return null;
  let best: { at: number; differences: number } | null = null;
  for (let at = 0; at + wording.length <= text.length; at++) {
    const d = charDifferences(text.slice(at, at + wording.length), wording, best ? best.differences - 1 : maxDifferences);
    if (d <= maxDifferences && (!best || d < best.differences)) best = { at, differences: d };
  }
  return best;
}

export const standardWordings: IteratorDef<z.infer<typeof WordingParams>> = {
  name: 'standard-wordings',
  description: both('与规则中所列标准写法只差几个字的文字', 'text a few characters off a standard wording the rule lists'),
  facts: {
    written: text('表中写的这一段', 'the passage as written'),
    expected: text('标准写法', 'the standard wording'),
    differences: num('相差的字数', 'characters that differ'),
    length: num('标准写法的字数', 'characters in the standard wording'),
  },
  identities: false,
  texts: [],
  run(ctx, params) {
    const shortest = Math.min(...params.wordings.map((w) => w.text.length));
    const items: Item[] = [];
    for (const cell of textCells(ctx, shortest)) {
      // Offsets are taken in the folded text; a fix is offered only when folding kept every offset.
      const sameOffsets = cell.folded.length === cell.text.length;
      for (const w of params.wordings) {
        const wording = fold(w.text);
        const hit = closestWindow(cell.folded, wording, params.maxDifferences);
        if (!hit) continue;
        const written = cell.folded.slice(hit.at, hit.at + wording.length);
        const fixed = cell.text.slice(0, hit.at) + wording + cell.text.slice(hit.at + wording.length);
        const where = { sheet: cell.sheet, cell: toA1(cell.row, cell.col) };
        items.push({
          facts: { written, expected: wording, differences: hit.differences, length: wording.length },
          cell: where,
          ...(sameOffsets && { fix: { ...where, value: fixed, safety: 'unsafe' as const } }),
        });
      }
    }
    return items;
  },
};
