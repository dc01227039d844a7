/** Amount identities inside and across tables: the arithmetic a correct workbook satisfies. */
import { z } from 'zod';
import { parentCode } from '../../codes.js';
import type { RecognizedTable, TableRow } from '../../model.js';
import { TABLE_IDS, type TableId } from '../../vocabulary.js';
import { identityItem, type Item, type RuleContext } from '../context.js';
import type { Identity, Localized, Term } from '../identity.js';
import { IDENTITY_FACTS, type IteratorDef, type Reference } from '../registry-types.js';

const TableIdSchema = z.enum([...TABLE_IDS, 'performance-target']);
const both = (zh: string, en: string): Localized => ({ 'zh-CN': zh, en });

function amountRoles(ctx: RuleContext, t: RecognizedTable): string[] {
  const kinds = new Map(ctx.vocab.tables.get(t.id)?.columns.map((c) => [c.role, c.kind]) ?? []);
  return t.columns.filter((c) => kinds.get(c.role) === 'amount').map((c) => c.role);
}

function isBlank(row: TableRow, role: string): boolean {
  return row.cells[role]?.amount == null;
}

function localizedPair(ctx: RuleContext, t: RecognizedTable, role: string) {
  return {
    'zh-CN': { table: ctx.tableName(t, 'zh-CN'), column: ctx.columnName(t, role, 'zh-CN') },
    en: { table: ctx.tableName(t, 'en'), column: ctx.columnName(t, role, 'en') },
  };
}

// ── hierarchy-sums ────────────────────────────────────────────────────────────────────────────

const HierarchyParams = z
  .object({ tables: z.array(TableIdSchema).min(1) })
  .strict();

export const hierarchySums: IteratorDef<z.infer<typeof HierarchyParams>> = {
  name: 'hierarchy-sums',
  description: both('每个有下级的科目行（及合计行）在每个金额列上，与其直属下级之和', 'every parent subject row (and the 合计 row), in every amount column, against the sum of its direct children'),
  params: HierarchyParams,
  facts: {
    ...IDENTITY_FACTS,
    parentCode: both('上级科目编码（合计行为空）', 'parent code (empty for the 合计 row)'),
    parentName: both('上级科目名称', 'parent name'),
    rowName: both('上级行的编码和名称（合计行为“合计”）', 'the parent row’s code and name (合计 for the total row)'),
    childCount: both('直属下级行数', 'number of direct children'),
  },
  identities: true,
  texts: ['table', 'column', 'left'],
  references: (p) => p.tables.map((table, i) => ({ path: ['tables', i], table, coded: true })),
  run(ctx, params, ruleId) {
    const items: Item[] = [];
    for (const id of params.tables) {
      for (const t of ctx.tables(id)) {
        const coded = t.rows.filter((r) => r.code);
        const total = t.rows.find((r) => r.isTotal);
        const groups: { parent: TableRow; children: TableRow[] }[] = [];
        for (const parent of coded) {
          const children = coded.filter((c) => parentCode(c.code!.code) === parent.code!.code);
          if (children.length) groups.push({ parent, children });
        }
        const classes = coded.filter((r) => r.code!.level === 1);
        if (total && classes.length) groups.push({ parent: total, children: classes });
        for (const role of amountRoles(ctx, t)) {
          for (const { parent, children } of groups) {
            if (isBlank(parent, role) && children.every((c) => isBlank(c, role))) continue;
            const lhs = ctx.term(t, parent, role)!;
            const rhs = children.map((c) => ctx.term(t, c, role)!);
            const identity: Identity = {
              key: `${ruleId}:${lhs.ref.sheet}!${lhs.ref.cell}`,
              ruleId,
              relation: 'eq',
              lhs: [lhs],
              rhs,
              context: {
                parentCode: parent.code?.code ?? '',
                parentName: parent.code ? (parent.labels.name ?? '') : ctx.rowName(parent),
                rowName: ctx.rowName(parent),
                childCount: children.length,
              },
              describe: (lang) => localizedPair(ctx, t, role)[lang],
            };
            items.push(identityItem(identity, t.id));
          }
        }
      }
    }
    return items;
  },
};

// ── row-identities ────────────────────────────────────────────────────────────────────────────

const RowIdentityParams = z
  .object({
    identities: z
      .array(
        z
          .object({
            table: TableIdSchema,
            total: z.string().describe('等号左边的列角色 / the column role on the left'),
            parts: z.array(z.string()).min(1).describe('相加的列角色 / the column roles added up'),
            side: z.string().optional().describe('两栏式表中用哪一栏的行名 / which label names the row in a two-sided table'),
            requires: z
              .array(z.string())
              .optional()
              .describe('只有这些列都在时才核对（其余组成列缺了视为 0） / check only when these columns are all present (other missing parts count as 0)'),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

export const rowIdentities: IteratorDef<z.infer<typeof RowIdentityParams>> = {
  name: 'row-identities',
  description: both('每一行内：合计列等于各组成列之和（如 合计 = 基本支出 + 项目支出）', 'within every row: the total column equals the sum of its part columns (合计 = 基本支出 + 项目支出)'),
  params: RowIdentityParams,
  facts: {
    ...IDENTITY_FACTS,
    rowName: both('行的编码和名称', 'the row’s code and name'),
    parts: both('组成列的名称', 'names of the part columns'),
  },
  identities: true,
  texts: ['table', 'column', 'parts', 'left'],
  references: (p) =>
    p.identities.flatMap((d, i) => [
      { path: ['identities', i, 'total'], table: d.table, column: d.total },
      ...d.parts.map((part, j) => ({ path: ['identities', i, 'parts', j], table: d.table, column: part })),
      ...(d.requires ?? []).map((role, j) => ({ path: ['identities', i, 'requires', j], table: d.table, column: role })),
      ...(d.side ? [{ path: ['identities', i, 'side'], table: d.table, column: d.side }] : []),
    ]),
  run(ctx, params, ruleId) {
    const items: Item[] = [];
    for (const decl of params.identities) {
      for (const t of ctx.tables(decl.table)) {
        const present = new Set(t.columns.map((c) => c.role));
        const parts = decl.parts.filter((p) => present.has(p));
        if (!present.has(decl.total) || parts.length === 0 || decl.requires?.some((r) => !present.has(r))) continue;
        for (const row of t.rows) {
          if (isBlank(row, decl.total) && parts.every((p) => isBlank(row, p))) continue;
          const lhs = ctx.term(t, row, decl.total, 1, decl.side)!;
          const partTerms = parts.map((p) => ctx.term(t, row, p, 1, decl.side)!);
          // A column the header did not name may be another part: then the known parts can only be at most the total.
          const partial = !!t.unmatchedColumns?.length;
          const identity: Identity = {
            key: `${ruleId}:${lhs.ref.sheet}!${lhs.ref.cell}`,
            ruleId,
            relation: partial ? 'le' : 'eq',
            lhs: partial ? partTerms : [lhs],
            rhs: partial ? [lhs] : partTerms,
            context: { rowName: ctx.rowName(row, decl.side) },
            describe: (lang) => ({
              'zh-CN': { ...localizedPair(ctx, t, decl.total)['zh-CN'], parts: parts.map((p) => ctx.columnName(t, p, 'zh-CN')).join(' + ') },
              en: { ...localizedPair(ctx, t, decl.total).en, parts: parts.map((p) => ctx.columnName(t, p, 'en')).join(' + ') },
            })[lang],
          };
          items.push(identityItem(identity, t.id));
        }
      }
    }
    return items;
  },
};

// ── labelled-sums ─────────────────────────────────────────────────────────────────────────────

const LabelledSumParams = z
  .object({
    sums: z
      .array(
        z
          .object({
            table: TableIdSchema,
            side: z.string().describe('行标签所在的列角色 / the label column whose row keys are used'),
            columns: z.array(z.string()).min(1).describe('在哪些金额列上核对 / amount columns to check'),
            total: z.string().describe('合计行的行标签 / row key of the total'),
            parts: z.array(z.string()).min(1).describe('组成行的行标签；以 * 结尾表示前缀 / row keys of the parts; a trailing * is a prefix'),
            unless: z.string().optional().describe('表中有这一行时不核对此式（另一式已覆盖） / skip this sum when the table has this row (another sum covers it)'),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

function rowByKey(t: RecognizedTable, side: string, key: string): TableRow | undefined {
  return t.rows.find((r) => r.keys[side] === key);
}

function rowsByKeys(t: RecognizedTable, side: string, keys: string[]): TableRow[] {
  const seen = new Set<string>();
  const rows: TableRow[] = [];
  for (const k of keys) {
    const matching = k.endsWith('*') ? t.rows.filter((r) => r.keys[side]?.startsWith(k.slice(0, -1))) : [rowByKey(t, side, k)].filter((r): r is TableRow => !!r);
    for (const r of matching) {
      // A key stands for its first row: the 结转 block of 财政拨款收支总表 repeats the income labels.
      if (seen.has(r.keys[side]!)) continue;
      seen.add(r.keys[side]!);
      rows.push(r);
    }
  }
  return rows;
}

/** A long list of parts (30 functional classes) is named by its first few and a count. */
function partsText(names: string[]): string {
  return names.length <= 4 ? names.join('、') : `${names.slice(0, 3).join('、')} 等 ${names.length} 行`;
}

export const labelledSums: IteratorDef<z.infer<typeof LabelledSumParams>> = {
  name: 'labelled-sums',
  description: both('按行标签识别的合计行等于组成行之和（如 本年收入合计、三公经费小计）', 'a total row found by its label equals the sum of its part rows (本年收入合计, 三公经费小计)'),
  params: LabelledSumParams,
  facts: { ...IDENTITY_FACTS, rowName: both('合计行的名称', 'name of the total row'), parts: both('组成行的名称', 'names of the part rows') },
  identities: true,
  texts: ['table', 'column', 'left'],
  references: (p) =>
    p.sums.flatMap((d, i) => [
      { path: ['sums', i, 'side'], table: d.table, column: d.side },
      ...d.columns.map((c, j) => ({ path: ['sums', i, 'columns', j], table: d.table, column: c })),
      { path: ['sums', i, 'total'], table: d.table, rowKey: d.total, side: d.side },
      ...d.parts.map((k, j) => ({ path: ['sums', i, 'parts', j], table: d.table, rowKey: k, side: d.side })),
      ...(d.unless ? [{ path: ['sums', i, 'unless'], table: d.table, rowKey: d.unless, side: d.side }] : []),
    ]),
  run(ctx, params, ruleId) {
    const items: Item[] = [];
    for (const decl of params.sums) {
      for (const t of ctx.tables(decl.table)) {
        const total = rowByKey(t, decl.side, decl.total);
        const parts = rowsByKeys(t, decl.side, decl.parts);
        if (!total || parts.length === 0 || (decl.unless && rowByKey(t, decl.side, decl.unless))) continue;
        for (const role of decl.columns) {
          if (!total.cells[role]) continue;
          if (isBlank(total, role) && parts.every((p) => isBlank(p, role))) continue;
          const lhs = ctx.term(t, total, role, 1, decl.side)!;
          const identity: Identity = {
            key: `${ruleId}:${lhs.ref.sheet}!${lhs.ref.cell}`,
            ruleId,
            relation: 'eq',
            lhs: [lhs],
            rhs: parts.map((p) => ctx.term(t, p, role, 1, decl.side)!),
            context: { rowName: ctx.rowName(total, decl.side), parts: partsText(parts.map((p) => ctx.rowName(p, decl.side))) },
            describe: (lang) => localizedPair(ctx, t, role)[lang],
          };
          items.push(identityItem(identity, t.id));
        }
      }
    }
    return items;
  },
};

// ── table-ties ────────────────────────────────────────────────────────────────────────────────

const RowSelector = z
  .object({
    key: z.string().optional().describe('行标签 / row key from the vocabulary'),
    side: z.string().optional().describe('行标签所在列 / label column of the key'),
    total: z.literal(true).optional().describe('合计行 / the 合计 row'),
    code: z.string().regex(/^\d{3,7}$/).optional().describe('科目编码 / subject code'),
  })
  .strict();

const CellSelector = z
  .object({
    table: TableIdSchema,
    column: z.string(),
    row: RowSelector.optional().describe('单个单元格 / one cell'),
    rows: z.enum(['codes', 'classes']).optional().describe('按编码逐行对应 / every coded row (codes) or functional-class row (classes), matched by code'),
    side: z.string().optional(),
  })
  .strict();
type CellSelector = z.infer<typeof CellSelector>;

const TieParams = z
  .object({
    ties: z
      .array(
        z
          .object({
            left: CellSelector,
            right: CellSelector,
            relation: z.enum(['eq', 'le']).default('eq').describe('eq 左 = 右；le 左 ≤ 右 / eq left = right; le left ≤ right'),
            description: z.object({ 'zh-CN': z.string(), en: z.string() }).strict().optional(),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

function selectorReferences(sel: CellSelector, at: PropertyKey[]): Reference[] {
  const refs: Reference[] = [{ path: [...at, 'column'], table: sel.table, column: sel.column }];
  if (sel.side) refs.push({ path: [...at, 'side'], table: sel.table, column: sel.side });
  if (sel.rows === 'codes') refs.push({ path: [...at, 'rows'], table: sel.table, coded: true });
  if (sel.row?.key) refs.push({ path: [...at, 'row', 'key'], table: sel.table, rowKey: sel.row.key, side: sel.row.side ?? '' });
  return refs;
}

interface Located {
  table: RecognizedTable;
  row: TableRow;
  term: Term;
}

function findRow(t: RecognizedTable, sel: z.infer<typeof RowSelector>): TableRow | undefined {
  if (sel.total) return t.rows.find((r) => r.isTotal);
  if (sel.code) return t.rows.find((r) => r.code?.code === sel.code);
  if (sel.key && sel.side) return rowByKey(t, sel.side, sel.key);
  return undefined;
}

function locateOne(ctx: RuleContext, sel: CellSelector): Located | undefined {
  const t = ctx.table(sel.table);
  if (!t || !sel.row) return undefined;
  const row = findRow(t, sel.row);
  const term = row && ctx.term(t, row, sel.column, 1, sel.row.side);
  return row && term ? { table: t, row, term } : undefined;
}

/** Coded rows by code; for two-sided summaries, class rows by the code their label stands for. */
function locateMany(ctx: RuleContext, sel: CellSelector): Map<string, Located> {
  const out = new Map<string, Located>();
  const t = ctx.table(sel.table);
  if (!t) return out;
  const vocabRows = ctx.vocab.tables.get(t.id)?.rows ?? [];
  for (const row of t.rows) {
    let code: string | undefined;
    if (sel.rows === 'codes') code = row.code?.code;
    else {
      const key = sel.side ? row.keys[sel.side] : undefined;
      code = vocabRows.find((v) => v.key === key && v.column === sel.side)?.code;
    }
    if (!code || out.has(code)) continue;
    const term = ctx.term(t, row, sel.column, 1, sel.side);
    if (term) out.set(code, { table: t, row, term });
  }
  return out;
}

export const tableTies: IteratorDef<z.infer<typeof TieParams>> = {
  name: 'table-ties',
  description: both('表间勾稽：一张表的单元格等于（或不大于）另一张表的对应单元格，可按科目编码逐行对应；元/万元自动换算', 'cross-table ties: a cell equals (or is at most) its counterpart in another table, optionally row by row by code; 元/万元 converted'),
  params: TieParams,
  facts: { ...IDENTITY_FACTS, right: both('右边单元格的说明', 'the right-hand cell, described'), code: both('按编码对应时的科目编码', 'the code, for ties by code') },
  identities: true,
  texts: ['right', 'relation', 'left'],
  references: (p) => p.ties.flatMap((tie, i) => (['left', 'right'] as const).flatMap((side) => selectorReferences(tie[side], ['ties', i, side]))),
  run(ctx, params, ruleId) {
    const items: Item[] = [];
    for (const tie of params.ties) {
      const pairs: [Located, Located, string][] = [];
      if (tie.left.rows || tie.right.rows) {
        const left = locateMany(ctx, tie.left);
        const right = locateMany(ctx, tie.right);
        for (const [code, l] of left) {
          const r = right.get(code);
          if (r) pairs.push([l, r, code]);
        }
      } else {
        const l = locateOne(ctx, tie.left);
        const r = locateOne(ctx, tie.right);
        if (l && r) pairs.push([l, r, '']);
      }
      for (const [l, r, code] of pairs) {
        if (l.term.ref.amount == null && r.term.ref.amount == null) continue;
        const identity: Identity = {
          key: `${ruleId}:${l.term.ref.sheet}!${l.term.ref.cell}=${r.term.ref.sheet}!${r.term.ref.cell}`,
          ruleId,
          relation: tie.relation,
          lhs: [l.term],
          rhs: [r.term],
          context: { code },
          describe: (lang) => ({
            'zh-CN': { right: r.term.label['zh-CN'], relation: tie.relation === 'eq' ? '应等于' : '不应超过' },
            en: { right: r.term.label.en, relation: tie.relation === 'eq' ? 'should equal' : 'should not exceed' },
          })[lang],
        };
        items.push(identityItem(identity, l.table.id));
      }
    }
    return items;
  },
};

// ── code-correspondences ──────────────────────────────────────────────────────────────────────

const CorrespondenceParams = z
  .object({
    left: z.object({ table: TableIdSchema, column: z.string() }).strict(),
    right: z.object({ table: TableIdSchema, column: z.string() }).strict(),
    pairs: z
      .array(
        z
          .object({
            left: z.array(z.string().regex(/^\d{3,7}$/)).min(1),
            right: z.array(z.string().regex(/^\d{3,7}$/)).min(1),
            name: z.object({ 'zh-CN': z.string(), en: z.string() }).strict(),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

export const codeCorrespondences: IteratorDef<z.infer<typeof CorrespondenceParams>> = {
  name: 'code-correspondences',
  description: both('功能分类科目与经济分类科目的对应关系（如 2080505 养老保险缴费 = 30108）', 'functional ↔ economic code correspondences (2080505 pension contributions = 30108)'),
  params: CorrespondenceParams,
  facts: { ...IDENTITY_FACTS, leftCodes: both('左边的科目编码', 'codes on the left'), rightCodes: both('右边的科目编码', 'codes on the right') },
  identities: true,
  texts: ['name', 'leftTable', 'rightTable', 'left'],
  references: (p) => [
    { path: ['left', 'column'], table: p.left.table, column: p.left.column, coded: true },
    { path: ['right', 'column'], table: p.right.table, column: p.right.column, coded: true },
  ],
  run(ctx, params, ruleId) {
    const items: Item[] = [];
    const lt = ctx.table(params.left.table);
    const rt = ctx.table(params.right.table);
    if (!lt || !rt) return items;
    const termsOf = (t: RecognizedTable, column: string, codes: string[]) =>
      codes.flatMap((code) => {
        const row = t.rows.find((r) => r.code?.code === code);
        const term = row && ctx.term(t, row, column);
        return term ? [term] : [];
      });
    for (const pair of params.pairs) {
      const lhs = termsOf(lt, params.left.column, pair.left);
      const rhs = termsOf(rt, params.right.column, pair.right);
      if (lhs.every((t) => t.ref.amount == null) && rhs.every((t) => t.ref.amount == null)) continue;
      if (lhs.length === 0) continue;
      const identity: Identity = {
        key: `${ruleId}:${pair.left.join('+')}=${pair.right.join('+')}`,
        ruleId,
        relation: 'eq',
        lhs,
        rhs,
        context: { leftCodes: pair.left.join('+'), rightCodes: pair.right.join('+') },
        describe: (lang) => ({
          'zh-CN': { name: pair.name['zh-CN'], leftTable: ctx.tableName(lt, 'zh-CN'), rightTable: ctx.tableName(rt, 'zh-CN') },
          en: { name: pair.name.en, leftTable: ctx.tableName(lt, 'en'), rightTable: ctx.tableName(rt, 'en') },
        })[lang],
      };
      items.push(identityItem(identity, lt.id));
    }
    return items;
  },
};

export type { TableId };
