/**
 * Amounts stated in the 说明 narrative ("“三公”经费预算安排6.3万元", "机关运行经费共计安排135.69万元")
 * against the tables. Patterns are regular expressions in the rule file: the first group is the
 * number, an optional second group the unit.
 */
import type { z } from 'zod';
import type { NarrativeParams } from '../params/narrative.js';
import { toA1 } from '../../address.js';
import type { CellRef, Unit } from '../../model.js';
import { fold, globalMatches, parseAmount } from '../../text.js';
import { identityItem, type Item, type RuleContext } from '../context.js';
import { UNIT_FACTOR, type Identity, type Term } from '../identity.js';
import { IDENTITY_FACTS, type IteratorDef, text } from '../registry-types.js';

const both = (zh: string, en: string) => ({ 'zh-CN': zh, en });

const HAS_DIGIT = /\d/;

/** Text long enough to be a sentence: table cells are never narrative. */
const MIN_TEXT_LENGTH = 12;

export interface NarrativeCell {
  sheet: string;
  row: number;
  col: number;
  text: string;
  folded: string;
}

/** Every cell of text long enough to be a sentence, found once per check for all narrative rules. */
export function narrativeCells(ctx: RuleContext): NarrativeCell[] {
  return ctx.memo(`text-cells:${MIN_TEXT_LENGTH}`, () => [...textCells(ctx, MIN_TEXT_LENGTH)]);
}

/**
 * Every text cell at least `minLength` long (indicator names and table words too, when short), as
 * it is reached. Not kept: four characters take in nearly every label of a sheet, which held 180,000
 * cells through the rest of a large check.
 */
export function* textCells(ctx: RuleContext, minLength: number): Generator<NarrativeCell, void, undefined> {
  for (const sheet of ctx.grid.sheets) {
    for (let r = 0; r < sheet.rows.length; r++) {
      const cells = sheet.rows[r];
      if (!cells) continue;
      for (let c = 0; c < cells.length; c++) {
        const cell = cells[c];
        if (cell && typeof cell.value === 'string' && cell.text.length >= minLength) {
          yield { sheet: sheet.name, row: r + 1, col: c + 1, text: cell.text, folded: fold(cell.text) };
        }
      }
    }
  }
}

export const narrativeAmounts: IteratorDef<z.infer<typeof NarrativeParams>> = {
  name: 'narrative-amounts',
  description: both('说明文字中写明的金额与表中对应单元格核对', 'amounts stated in the narrative against their table cells'),
  facts: { ...IDENTITY_FACTS, statement: text('说明中的原文', 'the sentence as written') },
  identities: true,
  texts: ['name', 'right', 'relation', 'left'],
  references: (p) =>
    p.statements.flatMap((s, i) => [
      { path: ['statements', i, 'column'], table: s.table, column: s.column },
      ...(s.row.key ? [{ path: ['statements', i, 'row', 'key'], table: s.table, rowKey: s.row.key, side: s.row.side ?? '' }] : []),
    ]),
  run(ctx, params, ruleId) {
    const items: Item[] = [];
    const patterns = params.statements.map((s) => ({ s, re: new RegExp(s.pattern, 'gu') }));
    const cells = narrativeCells(ctx);
    for (const { sheet, row: r, col: c, text, folded } of cells) {
      // An amount is digits (parseAmount reads nothing else): a sentence without one states none, and
      // most text cells (indicator names, purposes) have none — fifteen patterns each were the costliest
      // part of re-checking the sample.
      if (!HAS_DIGIT.test(folded)) continue;
      for (const { s, re } of patterns) {
        for (const m of globalMatches(re, folded)) {
          const numberText = m[1];
          if (numberText === undefined || m.index === undefined) continue;
          const parsed = parseAmount(numberText);
          if (parsed.kind !== 'number') continue;
          const t = ctx.table(s.table);
          const row = t && (s.row.total ? t.rows.find((x) => x.isTotal) : t.rows.find((x) => s.row.side && x.keys[s.row.side] === s.row.key));
          const counterpart = t && row && ctx.term(t, row, s.column, 1, s.row.side);
          if (!counterpart) continue;
          const unit = ((m[2] as Unit | undefined) ?? '万元') as Unit;
          // NFKC keeps the length of these characters, so offsets in the folded text fit the original.
          const start = m.index + m[0].indexOf(numberText);
          const ref: CellRef = { sheet, cell: toA1(r, c), row: r, col: c, text, amount: parsed.value, decimals: parsed.decimals };
          const lhs: Term = {
            ref,
            factor: UNIT_FACTOR[unit] ?? 10000,
            unit,
            sign: 1,
            label: { 'zh-CN': `${sheet}!${ref.cell} 说明中的“${s.name['zh-CN']}”`, en: `${sheet}!${ref.cell} narrative “${s.name.en}”` },
            inText: { start, end: start + numberText.length },
          };
          const identity: Identity = {
            key: `${ruleId}:${sheet}!${ref.cell}#${start}`,
            ruleId,
            relation: s.relation,
            lhs: [lhs],
            rhs: [counterpart],
            context: { statement: m[0] },
            describe: (lang) => ({
              'zh-CN': { name: s.name['zh-CN'], right: counterpart.label['zh-CN'], relation: s.relation === 'eq' ? '应等于' : '不应超过' },
              en: { name: s.name.en, right: counterpart.label.en, relation: s.relation === 'eq' ? 'should equal' : 'should not exceed' },
            })[lang],
          };
          items.push(identityItem(identity, s.table));
        }
      }
    }
    return items;
  },
};
