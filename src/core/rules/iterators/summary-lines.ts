/**
 * The 款 and 项 lines a two-sided summary lists under each class by name only (深圳 2026's 收支总表
 * and 财政拨款收支总表: “一般公共服务支出 / 统计信息事务 / 行政运行 …” with no codes). Each line takes
 * its code from the coded table that lists the same subjects, by name, under the same class and in
 * the same order, so two 行政运行 under two 款 stay apart; the line then equals that code's amount in
 * the tables it sums. A name found nowhere under its class is left alone: nothing is claimed of it.
 */
import type { z } from 'zod';
import type { SummaryLineParams } from '../params/amounts.js';
import type { RecognizedTable, TableRow } from '../../model.js';
import { normalizeLabel } from '../../text.js';
import { identityItem, type Item, type RuleContext } from '../context.js';
import type { Term } from '../identity.js';
import { IDENTITY_FACTS, type IteratorDef, type Reference, text, both } from '../registry-types.js';
import { Tie } from './amounts.js';

type Params = z.infer<typeof SummaryLineParams>;

const CLASS_KEY = /^class(\d{3})$/;

/** The summary's lines under each class, with the code each takes from the coded table's rows. */
function codedLines(summary: RecognizedTable, side: string, coded: readonly TableRow[]): { row: TableRow; code: string }[] {
  const out: { row: TableRow; code: string }[] = [];
  let classCode: string | undefined;
  let cursor = -1;
  for (const row of summary.rows) {
    const label = row.labels[side];
    if (!label) continue;
    const klass = CLASS_KEY.exec(row.keys[side] ?? '');
    if (klass) {
      classCode = klass[1];
      cursor = coded.findIndex((r) => r.code!.code === classCode);
      continue;
    }
    if (classCode === undefined || cursor < 0) continue;
    const name = normalizeLabel(label);
    for (let i = cursor + 1; i < coded.length && coded[i]!.code!.code.startsWith(classCode); i++) {
      if (normalizeLabel(coded[i]!.labels.name ?? '') !== name) continue;
      cursor = i;
      out.push({ row, code: coded[i]!.code!.code });
      break;
    }
  }
  return out;
}

/**
 * Where no table has codes (杭州 2026: 收支总表 and 支出总表 both list 类, 款 and 项 by name alone),
 * the summary's lines pair with the rows of the tables it sums by name, class by class: a class goes
 * with the one table that lists it, and only where that table lists the same names in the same order
 * (then pairing is certain, repeated names and all). The class lines pair as well: nothing else ties
 * them then. A class two of the tables list (a fund's beside the general budget's) is left alone:
 * pairing its lines with theirs was tried, and 杭州交通 2026's 表4 公路水路运输 97,453.20 then
 * disagreed with 表5's 97,402.60 with nothing else to tell them apart, so the fix went to 表4, which
 * is right.
 */
function pairedByName(summary: RecognizedTable, side: string, sources: readonly RecognizedTable[]): { row: TableRow; source: RecognizedTable; with: TableRow }[] {
  const blocks: TableRow[][] = [];
  let inClass = false;
  for (const row of summary.rows) {
    if (!row.labels[side]) continue;
    const key = row.keys[side];
    if (key !== undefined && CLASS_KEY.test(key)) {
      blocks.push([row]);
      inClass = true;
    } else if (key !== undefined || row.isTotal) {
      // A total or another keyed line (本年支出合计, 结转下年) ends the last class.
      inClass = false;
    } else if (inClass) blocks.at(-1)!.push(row);
  }
  const classNames = new Set(blocks.map((b) => normalizeLabel(b[0]!.labels[side]!)));
  const listed = sources.map((source) => ({ source, names: source.rows.map((r) => (r.isTotal ? '' : normalizeLabel(r.labels.name ?? ''))) }));
  const out: { row: TableRow; source: RecognizedTable; with: TableRow }[] = [];
  for (const block of blocks) {
    const name = normalizeLabel(block[0]!.labels[side]!);
    const holding = listed.filter((l) => l.names.includes(name));
    if (holding.length !== 1) continue;
    const { source, names } = holding[0]!;
    const start = names.indexOf(name);
    let end = start + 1;
    while (end < names.length && !classNames.has(names[end]!)) end++;
    if (end - start !== block.length || block.some((row, i) => normalizeLabel(row.labels[side]!) !== names[start + i])) continue;
    block.forEach((row, i) => out.push({ row, source, with: source.rows[start + i]! }));
  }
  return out;
}

export const summaryLines: IteratorDef<Params> = {
  name: 'summary-lines',
  description: both(
    '收支总表按名称列出的款、项（无编码）：按同一类下、同样次序的科目名称取得编码，与分表中该科目的金额核对',
    'the 款 and 项 a two-sided summary lists by name only: each takes its code from the coded table by name, under the same class and in order, and equals that code in the tables it sums',
  ),
  facts: { ...IDENTITY_FACTS, right: text('分表中同一科目的单元格', 'the same subject’s cells in the tables it sums') },
  identities: true,
  texts: ['right', 'relation', 'left'],
  references: (p) =>
    p.pairs.flatMap((pair, i): Reference[] => [
      { path: ['pairs', i, 'column'], table: pair.table, column: pair.column },
      { path: ['pairs', i, 'side'], table: pair.table, column: pair.side },
      ...pair.against.map((a, j) => ({ path: ['pairs', i, 'against', j, 'column'], table: a.table, column: a.column })),
    ]),
  *run(ctx: RuleContext, params: Params, ruleId: string): Generator<Item> {
    for (const pair of params.pairs) {
      const summary = ctx.table(pair.table);
      if (!summary) continue;
      // Codes a table printed, not ones worked out from its names (杭州 2026): a summary listing the same
      // names pairs with it by name, as before, class lines and all.
      const coded = ctx.table(pair.codesFrom)?.rows.filter((r) => r.code && !r.codeFromName) ?? [];
      if (coded.length === 0) {
        // Nothing coded to take codes from: each line is paired by name with the one table listing its class.
        const sources = pair.against.flatMap((a) => {
          const t = ctx.table(a.table);
          return t ? [{ t, column: a.column }] : [];
        });
        for (const { row, source, with: other } of pairedByName(summary, pair.side, sources.map((s) => s.t))) {
          const lhs = ctx.term(summary, row, pair.column, 1, pair.side);
          const rhs = ctx.term(source, other, sources.find((s) => s.t === source)!.column);
          if (lhs && rhs) yield identityItem(new Tie(ruleId, 'eq', undefined, [lhs], [rhs], ''), summary.id);
        }
        continue;
      }
      const lines = codedLines(summary, pair.side, coded);
      for (const { row, code } of lines) {
        const lhs = ctx.term(summary, row, pair.column, 1, pair.side);
        const rhs = pair.against.flatMap((a): Term[] => {
          const t = ctx.table(a.table);
          const at = t && ctx.codedRows(t).get(code);
          const term = t && at && at.count === 1 ? ctx.term(t, at.first, a.column) : undefined;
          return term ? [term] : [];
        });
        if (!lhs || rhs.length === 0) continue;
        yield identityItem(new Tie(ruleId, 'eq', undefined, [lhs], rhs, code), summary.id);
      }
    }
  },
};
