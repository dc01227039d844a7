/**
 * Breakdowns written over several paragraphs (narrative/lists.ts) as items of the narrative-breakdowns
 * iterator: the same facts as a breakdown inside one sentence, and, for a list of functional classes
 * under 包括, the classes the table has and the list leaves out.
 */
import { toA1 } from '../../address.js';
import type { CellAddress } from '../../findings.js';
import type { GridSheet } from '../../grid.js';
import type { Lang } from '../../messages.js';
import type { RecognizedTable } from '../../model.js';
import { parseNarrativeItem } from '../../narrative/items.js';
import { breakdownAmount, slackOf, sumOf, type BreakdownAmount } from '../../narrative/breakdowns.js';
import { breakdownAt, isLead, type ListedPart, type Paragraph, type ParagraphBreakdown } from '../../narrative/lists.js';
import { normalizeLabel, stripEnumeration } from '../../text.js';
import type { FactValue, Item, RuleContext } from '../context.js';
import { UNIT_FACTOR } from '../identity.js';
import { narrativeCells, type NarrativeCell } from './narrative.js';

export interface PlacedParagraph extends Paragraph {
  row: number;
  col: number;
}

/**
 * The rows from the lead's on, each as the paragraph its first cell holds (empty rows passed over), made
 * as the list asks for them: a narrative of a million leads costs a few rows each, not the list's whole reach.
 */
function paragraphsFrom(sheet: GridSheet, leadRow: number): (k: number) => PlacedParagraph | undefined {
  const made: PlacedParagraph[] = [];
  let r = leadRow - 1;
  return (k) => {
    while (made.length <= k && r < sheet.rows.length) {
      const cells = sheet.rows[r++];
      if (!cells) continue;
      let first = -1;
      let count = 0;
      for (let c = 0; c < cells.length; c++) {
        if (!cells[c] || cells[c]!.text.trim() === '') continue;
        if (first < 0) first = c;
        count++;
      }
      if (first < 0) continue;
      const cell = cells[first]!;
      made.push({ text: typeof cell.value === 'string' ? cell.text : '', alone: count === 1, row: r, col: first + 1 });
    }
    return made[k];
  };
}

/** What makes a breakdown's parts the whole (BreakdownParams): sets of words, and units of counts. */
export interface Wholes {
  exhaustive: readonly (readonly string[])[];
  wholeCounts: readonly string[];
}

/**
 * The facts every breakdown gives its rules, within a sentence or over paragraphs: the total, the parts'
 * sum, how far it is over or short beyond rounding, and whether the parts make the whole: one of the
 * sets that do (their words all in `listed`), or two counts or more in a unit whose lists are whole.
 */
export function breakdownFacts(total: BreakdownAmount, parts: readonly BreakdownAmount[], unit: string, wholes: Wholes, listed: string): Record<string, FactValue> {
  const slack = slackOf(total, parts);
  const sum = sumOf(parts);
  return {
    total: total.value,
    partsSum: Math.round(sum * 100) / 100,
    partCount: parts.length,
    partsExcess: sum - total.value - slack,
    exhaustive:
      (parts.length >= 2 && wholes.wholeCounts.includes(unit)) || wholes.exhaustive.some((set) => set.length === parts.length && set.every((word) => listed.includes(word))),
    partsShort: total.value - sum - slack,
    unit,
  };
}

/** A table's functional classes with their amounts, and its total, all in 元. */
interface ClassSource {
  table: RecognizedTable;
  total: number | null;
  classes: { code: string; name: string; amount: number }[];
}

/** The tables a list of classes may break down: the department's spending (by code, or by class on 收支总表's expense side), the general budget's, the funds'. */
function classSources(ctx: RuleContext): ClassSource[] {
  return ctx.memo('class-sources', () => {
    const out: ClassSource[] = [];
    const coded = (t: RecognizedTable) => {
      const factor = UNIT_FACTOR[ctx.unit(t)] ?? 10000;
      const total = t.rows.find((r) => r.isTotal)?.cells.total?.amount;
      out.push({
        table: t,
        total: total === null || total === undefined ? null : total * factor,
        classes: t.rows
          .filter((r) => r.code?.level === 1)
          .map((r) => ({ code: r.code!.code, name: (r.labels.name ?? '').trim(), amount: (r.cells.total?.amount ?? 0) * factor })),
      });
    };
    ctx.tables('expense-summary').forEach(coded);
    for (const t of ctx.tables('income-expense-summary')) {
      const factor = UNIT_FACTOR[ctx.unit(t)] ?? 10000;
      const total = t.rows.find((r) => r.keys.expenseItem === 'expenseYearTotal')?.cells.expenseAmount?.amount;
      out.push({
        table: t,
        total: total === null || total === undefined ? null : total * factor,
        classes: t.rows.flatMap((r) => {
          const code = /^class(\d{3})$/.exec(r.keys.expenseItem ?? '')?.[1];
          return code ? [{ code, name: stripEnumeration(r.labels.expenseItem ?? '').trim(), amount: (r.cells.expenseAmount?.amount ?? 0) * factor }] : [];
        }),
      });
    }
    ctx.tables('general-budget-expense').forEach(coded);
    ctx.tables('gov-fund-expense').forEach(coded);
    return out.filter((s) => s.classes.length > 0);
  });
}

/** A functional class's name as lists and tables both write it: 社会保障和就业支出 is 社会保障和就业. */
export const classKey = (s: string) => normalizeLabel(s).replace(/[“”"]/g, '').replace(/支出$/, '');

/** A part's text after its number: “2．社会保障和就业支出1,836.22万元” → “社会保障和就业支出1,836.22万元”. */
const afterMark = (text: string) => stripEnumeration(normalizeLabel(text)).replace(/^[“"]/, '');

/**
 * The class of the source a part names: the one subject “（类）” marks (“1．公共安全（类）支出…”), or the
 * class whose name the part opens with (“2．社会保障和就业支出1,836.22万元”).
 */
function classNamed(part: ListedPart, classes: readonly ClassSource['classes'][number][]): string | undefined {
  const subjects = parseNarrativeItem(part.text)?.subjects ?? [];
  if (subjects.length > 0) {
    if (subjects.length !== 1 || subjects[0]!.level !== 1) return undefined;
    const name = classKey(subjects[0]!.name);
    return classes.find((c) => classKey(c.name) === name)?.code;
  }
  const text = afterMark(part.text);
  // The longest name first: 其他支出 must not claim a part that names 其他…支出 in full.
  const opening = classes.filter((c) => text.startsWith(classKey(c.name))).sort((x, y) => classKey(y.name).length - classKey(x.name).length)[0];
  return opening && /^(?:支出)?(?:\(类\))?(?:支出)?(?:预算)?(?:数)?(?:为)?\d/u.test(text.slice(classKey(opening.name).length)) ? opening.code : undefined;
}

/**
 * For parts that each name one functional class (“1．公共安全（类）支出13656.34万元”), the classes with
 * an amount that the table whose total the lead states has and the list does not name. Undefined when
 * a part names anything else, or no table's total is the lead's.
 */
function omittedClasses(ctx: RuleContext, b: ParagraphBreakdown): { table: RecognizedTable; omitted: { name: string; amount: number }[] } | undefined {
  const factor = UNIT_FACTOR[b.total.unit];
  const stated = b.total.value * factor;
  for (const source of classSources(ctx)) {
    if (source.total === null || Math.abs(source.total - stated) > breakdownAmount(b.total, factor).rounding + 0.01) continue;
    // Every part must name one of the table's classes: a list of something else is not this table's classes.
    const named = b.parts.map((p) => classNamed(p, source.classes));
    if (named.some((code) => code === undefined)) continue;
    const omitted = source.classes.filter((c) => c.amount !== 0 && !named.includes(c.code)).map((c) => ({ name: `${c.code} ${c.name}`, amount: c.amount / factor }));
    return { table: source.table, omitted };
  }
  return undefined;
}

/** Every breakdown written over paragraphs: its lead's cell, its paragraphs as placed, and what they list. */
export function* paragraphBreakdowns(ctx: RuleContext): Generator<{ cell: NarrativeCell; paragraph: (k: number) => PlacedParagraph | undefined; b: ParagraphBreakdown }> {
  const sheets = new Map(ctx.grid.sheets.map((s) => [s.name, s]));
  for (const cell of narrativeCells(ctx)) {
    if (!isLead(cell.text)) continue;
    const sheet = sheets.get(cell.sheet);
    if (!sheet) continue;
    const paragraph = paragraphsFrom(sheet, cell.row);
    if (paragraph(0)?.row !== cell.row || paragraph(0)!.col !== cell.col) continue;
    const b = breakdownAt(paragraph);
    if (b) yield { cell, paragraph, b };
  }
}

/** The narrative-breakdowns items of the breakdowns written over paragraphs. */
export function paragraphBreakdownItems(ctx: RuleContext, wholes: Wholes): Item[] {
  const items: Item[] = [];
  for (const { cell, paragraph, b } of paragraphBreakdowns(ctx)) {
    const { total, parts } = b;
    const unit = total.unit;
    const whole = breakdownAmount(total);
    const amounts = parts.map((p) => breakdownAmount(p.figure, UNIT_FACTOR[p.figure.unit] / UNIT_FACTOR[unit]));
    // A part as large as the whole is another view of it (收入 and 支出 of the same 总计), not a part.
    const slack = slackOf(whole, amounts);
    if (amounts.length > 1 && amounts.some((p) => Math.abs(p.value - whole.value) <= slack)) continue;
    // Only a complete, closed list of classes numbered 1, 2, … under 包括 says which classes it leaves out.
    const numbered = parts.every((p, i) => p.number === i + 1);
    const classes = b.word === '包括' && b.closed && numbered ? omittedClasses(ctx, b) : undefined;
    const at = (p: PlacedParagraph): CellAddress => ({ sheet: cell.sheet, cell: toA1(p.row, p.col) });
    const facts: Record<string, FactValue> = {
      ...breakdownFacts(whole, amounts, unit, wholes, parts.map((p) => p.text).join('\n')),
      listWord: b.word,
      omittedCount: classes?.omitted.length ?? 0,
    };
    items.push({
      facts,
      ...(classes && {
        text: (lang: Lang) => ({
          omittedClasses: classes.omitted.map((o) => `${o.name} ${o.amount.toFixed(2)}${unit}`).join(lang === 'en' ? ', ' : '、'),
          tableName: ctx.tableName(classes.table, lang),
        }),
      }),
      cell: { sheet: cell.sheet, cell: toA1(cell.row, cell.col) },
      related: parts.map((p) => at(paragraph(p.at)!)),
      ...(classes && { table: classes.table.id }),
    });
  }
  return items;
}
