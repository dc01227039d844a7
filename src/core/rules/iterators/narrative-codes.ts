/**
 * Subject codes the narrative writes beside a subject's name — “其他社会保障和就业支出（2089901）0.1万元”
 * (西安 2022) — against the coded tables: a code no table holds, where a table row bears that very
 * name under another code of the same level, was mistyped or copied from another year's catalogue.
 */
import type { z } from 'zod';
import type { ItemParams } from '../params/narrative-items.js';
import { toA1 } from '../../address.js';
import { normalizeLabel } from '../../text.js';
import type { Item, RuleContext } from '../context.js';
import { type IteratorDef, flag, text, both } from '../registry-types.js';
import { narrativeCells } from './narrative.js';
import { SUBJECT_TABLES } from './narrative-items.js';
import { digitsDropped } from '../slips.js';

/**
 * “名称（2089901）”: a name of CJK characters right before a functional code in brackets (3, 5 or 7
 * digits, 2xx), or six, which no code has: one digit dropped (西安 国资委 2022's “行政单位医疗(210101)”
 * for 2101101). Four digits are left alone: those are years (“白皮书（2025）”). Economic codes are left
 * alone too: 西安 writes “机关工资福利支出（301）” under its 政府经济分类 501, both catalogues' names for
 * the same spending.
 */
const NAMED_CODE = /([\u4e00-\u9fff（）()、]{2,30}?)[（(]\s*(2\d{2}|2\d{4}|2\d{5}|2\d{6})\s*[）)]/gu;

/** Whether the written code is the table's with one digit dropped (a six-digit code for a seven-digit one). */
function oneDigitDropped(written: string, table: string): boolean {
  return digitsDropped(table).some((d) => d.text === written);
}

/** A nil amount right after the code: “0.00万元”, “0万元”, “为0元”. */
const NIL_AMOUNT = /^[:：,，]?\s*(?:为|共|合计)?\s*0(?:\.0+)?\s*(?:万元|元)/u;

/** The codes and the names the coded tables print, once per check. */
function tableCodes(ctx: RuleContext): { codes: Set<string>; byName: Map<string, Set<string>> } {
  return ctx.memo('narrative-codes:tables', () => {
    const codes = new Set<string>();
    const byName = new Map<string, Set<string>>();
    for (const id of SUBJECT_TABLES) {
      for (const t of ctx.tables(id)) {
        for (const row of t.rows) {
          if (!row.code?.code.startsWith('2')) continue;
          codes.add(row.code.code);
          const name = normalizeLabel(row.labels.name ?? '');
          if (name) (byName.get(name) ?? byName.set(name, new Set()).get(name)!).add(row.code.code);
        }
      }
    }
    return { codes, byName };
  });
}

/** The name before the code: the longest ending of the words that a table prints, else the words themselves. */
function tableName(words: string, byName: ReadonlyMap<string, unknown>): string {
  for (let i = 0; i < words.length - 1; i++) {
    const ending = normalizeLabel(words.slice(i));
    if (byName.has(ending)) return ending;
  }
  return normalizeLabel(words.replace(/^[（()）、]+/u, ''));
}

export const narrativeSubjectCodes: IteratorDef<z.infer<typeof ItemParams>> = {
  name: 'narrative-subject-codes',
  description: both('说明中写在科目名称后的科目编码（如“其他社会保障和就业支出（2089901）”），与各编码表核对', 'subject codes the narrative writes after a subject’s name, against the coded tables'),
  facts: {
    name: text('说明中写的科目名称', 'the subject name as written'),
    code: text('说明中写的科目编码', 'the code as written'),
    codeInTables: flag('该编码在某张编码表中', 'some coded table holds the code'),
    tableCode: text(
      '表中同名、同级科目的编码（唯一时；说明写了六位编码时，为去掉一位数字即成该编码的七位编码）',
      'the code a table gives the same name at the same level (when there is one; for a six-digit code, the seven-digit one it drops a digit of)',
    ),
    statedZero: flag('编码后写的金额为 0（本年没有这笔支出，表中本就不列）', 'the amount written after the code is nil (no such spending this year: the tables leave it out)'),
  },
  identities: false,
  texts: [],
  run(ctx) {
    // Most narratives write no code in brackets: the tables' codes and names are indexed only for one that does.
    const written = narrativeCells(ctx).flatMap((cell) => [...cell.folded.matchAll(NAMED_CODE)].map((m) => ({ cell, m })));
    if (written.length === 0) return [];
    const { codes, byName } = tableCodes(ctx);
    if (codes.size === 0) return [];
    const items: Item[] = [];
    for (const { cell, m } of written) {
      const code = m[2]!;
      const name = tableName(m[1]!, byName);
      // The same level's code; for six digits, the seven-digit one it drops a digit of.
      const same = [...(byName.get(name) ?? [])].filter((c) => (code.length === 6 ? oneDigitDropped(code, c) : c.length === code.length));
      const tableCode = same.length === 1 ? same[0]! : '';
      const at = cell.folded.indexOf(code, m.index! + m[1]!.length);
      // “行政运行（2050101）0.00万元，较上年减少3.54万元” (西安 统计局 2026): a subject emptied this year.
      const statedZero = NIL_AMOUNT.test(cell.folded.slice(m.index! + m[0].length));
      items.push({
        facts: { name, code, codeInTables: codes.has(code), tableCode, statedZero },
        cell: { sheet: cell.sheet, cell: toA1(cell.row, cell.col) },
        // The code replaced where it stands; the person confirms it (another year's code is possible).
        ...(tableCode && !codes.has(code) && { fix: { sheet: cell.sheet, cell: toA1(cell.row, cell.col), value: cell.text.slice(0, at) + tableCode + cell.text.slice(at + code.length), safety: 'unsafe' as const } }),
      });
    }
    return items;
  },
};
