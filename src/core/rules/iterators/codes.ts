/** Structure of the coded tables: codes, names, which codes each table holds, empty tables. */
import type { z } from 'zod';
import type { CodeRowParams, CodeNameParams, CoverageParams, EmptyParams, StandardNameParams } from '../params/codes.js';
import { codedEconomically, LEVEL_NAMES, parentCode } from '../../codes.js';
import { toA1 } from '../../address.js';
import type { CellAddress, Fix } from '../../findings.js';
import { amountText, SAME_TABLE, type Lang } from '../../messages.js';
import type { RecognizedTable, TableRow } from '../../model.js';
import { bestScore, type TableId } from '../../vocabulary.js';
import type { CodedRows, FactValue, Item, RuleContext } from '../context.js';
import { mostCommon } from '../../counts.js';
import { OrderedLookup } from '../ordered-lookup.js';
import { normalizeLabel, stripEnumeration } from '../../text.js';
import { textCells } from './narrative.js';
import { charDifferences } from './near-misses.js';
import { type IteratorDef, type Reference, num, text, flag, both } from '../registry-types.js';
import { addTo } from '../../multimap.js';

function codeCellOf(ctx: RuleContext, t: RecognizedTable, row: TableRow) {
  return { sheet: t.sheet, cell: row.codeCell ?? ctx.cell(t, row, 'name')?.cell ?? t.titleCell! };
}

const LAST_PART = { 1: 'codeClass', 2: 'codeSection', 3: 'codeItem' } as const;

/** The cell of a code's own last part where a table splits its codes (类 | 款 | 项): a 款 miscoded is wrong there, not in its class. */
function lastCodePartCellOf(ctx: RuleContext, t: RecognizedTable, row: TableRow) {
  const part = row.code && t.columns.find((c) => c.role === LAST_PART[row.code!.level]);
  return part ? { sheet: t.sheet, cell: toA1(row.row, part.col) } : codeCellOf(ctx, t, row);
}

// ── code-rows: every coded row, with whether its parent is present ───────────────────────────

export const codeRows: IteratorDef<z.infer<typeof CodeRowParams>> = {
  name: 'code-rows',
  description: both('编码表中的每一个科目行', 'every coded row of the coded tables'),
  facts: {
    code: text('科目编码', 'subject code'),
    name: text('科目名称', 'subject name'),
    level: num('级次：1 类、2 款、3 项', 'level: 1 class, 2 section, 3 item'),
    parentCode: text('上级编码', 'parent code'),
    parentPresent: flag('上级科目在本表中', 'the parent row is in this table'),
    parentRows: num('本表中上级科目的行数', 'rows of this table holding the parent code'),
    nested: flag('本表有科目列在其上级科目之下（只列末级科目的表没有）', 'the table lists some code under one of its ancestors (a table listing only leaves does not)'),
    hasChildren: flag('本表中有下级科目', 'the row has children in this table'),
    childCount: num('本表中下级科目的行数', 'rows of this table directly below it'),
    amount: num('合计列金额（空白为 0）', 'the total column’s amount (blank is 0)'),
    hasAmount: flag('合计列有非零金额', 'the total column holds a non-zero amount'),
    aboveDetail: flag('没有下级、又未细化到规定级次（如功能分类停在款级）', 'a row with no children above the required level (a functional 款 with no 项)'),
    detailLevel: num('规定的细化级次', 'the required level'),
    detailLevelName: text('规定级次的名称：类、款、项', 'the required level’s name: 类, 款, 项'),
  },
  identities: false,
  texts: ['table', 'amountText'],
  references: (p) => p.tables.map((table, i) => ({ path: ['tables', i], table, coded: true })),
  *run(ctx, params, _ruleId, couldReport) {
    // The facts a screen may judge before an item is built, one object rewritten row by row.
    const early = { level: 0, parentCode: '', parentRows: 0, nested: false, childCount: 0, amount: 0, detailLevel: 0 };
    const finestAt = new Map(Object.entries(params.finestAt));
    for (const id of params.tables) {
      for (const t of ctx.tables(id)) {
        const rowsOfCode = ctx.codedRows(t);
        // Children counted by their parent's index entry: no code is looked up by its text here.
        const { entryOf, parentOf } = ctx.codeTree(t);
        const childrenOf = new Map<CodedRows, number>();
        for (const parent of parentOf) if (parent) childrenOf.set(parent, (childrenOf.get(parent) ?? 0) + 1);
        const nested = t.rows.some((r) => {
          for (let p = r.code && parentCode(r.code.code); p; p = parentCode(p)) if (rowsOfCode.has(p)) return true;
          return false;
        });
        // A general budget table by economic subject (深圳, 西安 2026) is detailed to the economic
        // classification's depth, whatever the usual system of its kind.
        const economic = ctx.vocab.tables.get(t.id)?.codeSystem === 'economic' || codedEconomically(t.rows);
        const usual = economic ? params.detailLevel.economic : params.detailLevel.functional;
        for (let i = 0; i < t.rows.length; i++) {
          const row = t.rows[i]!;
          if (!row.code) continue;
          // Some functional codes go no deeper in the classification (219's 款 have no 项).
          const finest = economic ? undefined : (finestAt.get(row.code.code.slice(0, 5)) ?? finestAt.get(row.code.code.slice(0, 3)));
          const required = finest === undefined ? usual : Math.min(usual, finest);
          const parent = parentOf[i]?.first.code?.code ?? parentCode(row.code.code) ?? '';
          const childCount = childrenOf.get(entryOf[i]!) ?? 0;
          const hasChildren = childCount > 0;
          const parentRows = parentOf[i]?.count ?? 0;
          const amount = row.cells.total?.amount ?? 0;
          if (couldReport) {
            early.level = row.code.level;
            early.parentCode = parent;
            early.parentRows = parentRows;
            early.nested = nested;
            early.childCount = childCount;
            early.amount = amount;
            early.detailLevel = required;
            if (!couldReport(early)) continue;
          }
          yield {
            facts: {
              code: row.code.code,
              name: row.labels.name ?? '',
              level: row.code.level,
              parentCode: parent,
              parentPresent: parent === '' || parentRows > 0,
              parentRows,
              nested,
              hasChildren,
              childCount,
              amount,
              hasAmount: amount !== 0,
              aboveDetail: !hasChildren && row.code.level < required,
              detailLevel: required,
              detailLevelName: LEVEL_NAMES[required] ?? String(required),
            },
            // The amount as a clerk reads it, in the table's unit (“30604344.00 元”), not the bare fact.
            text: (lang) => ({ table: ctx.tableName(t, lang), amountText: amountText(amount, Math.max(2, row.cells.total?.decimals ?? 0), ctx.unit(t), lang) }),
            cell: codeCellOf(ctx, t, row),
            table: t.id,
          };
        }
      }
    }
  },
};

// ── code-names: the same code named the same in every table ──────────────────────────────────

export const codeNames: IteratorDef<z.infer<typeof CodeNameParams>> = {
  name: 'code-names',
  description: both('同一科目编码在各表中的名称', 'the names one code is given across tables'),
  facts: {
    code: text('科目编码', 'subject code'),
    name: text('本表中的名称', 'the name in this table'),
    usualName: text('多数表中的名称', 'the name most tables use'),
    differs: flag('本表名称与多数表不同', 'this table’s name differs from most'),
    nameKey: text('本表名称去掉空白、统一全半角后', 'this table’s name without white space, widths folded'),
    usualNameKey: text('多数名称去掉空白、统一全半角后', 'the usual name without white space, widths folded'),
    otherTables: text('使用多数名称的表', 'tables using the usual name'),
  },
  identities: false,
  texts: ['table'],
  references: (p) => [
    ...p.tables.map((table, i): Reference => ({ path: ['tables', i], table, coded: true })),
    ...p.classLines.map((table, i): Reference => ({ path: ['classLines', i], table })),
  ],
  *run(ctx, params, _ruleId, couldReport) {
    const early = { nameKey: '', usualNameKey: '', differs: false };
    const uses = new Map<string, Use[]>();
    for (const id of params.tables) {
      for (const t of ctx.tables(id)) {
        for (const row of t.rows) {
          if (!row.code || !row.labels.name) continue;
          // A code worked out from the name (杭州 2026, 西安's “一、科学技术支出”) is named by it, its numbering aside.
          addTo(uses, row.code.code, { t, row, name: (row.codeFromName ? stripEnumeration(row.labels.name) : row.labels.name).trim() });
        }
      }
    }
    // A summary's class line (“三、医疗卫生与计划生育支出” for 210) names its class as a coded row does.
    for (const id of params.classLines) {
      const labelOfKey = new Map((ctx.vocab.tables.get(id)?.rows ?? []).filter((r) => r.code).map((r) => [r.key, r]));
      for (const t of ctx.tables(id)) {
        for (const row of t.rows) {
          for (const [column, key] of Object.entries(row.keys)) {
            const label = labelOfKey.get(key);
            const written = row.labels[column]?.trim();
            if (!label || !written) continue;
            // 西安 2019 names every class line without its 支出 (“8、社会保障和就业”): the same name.
            const name = stripEnumeration(written);
            const whole = !name.endsWith('支出') && bestScore(label.match, `${normalizeLabel(name)}支出`) > 0 ? `${name}支出` : name;
            addTo(uses, label.code!, { t, row, name: whole, column, written, nameWritten: name });
          }
        }
      }
    }
    for (const [code, list] of uses) {
      if (list.length < 2) continue;
      // One key per use, and what every use shares worked out once: a code used in sixty tables is
      // sixty items, not sixty times sixty comparisons.
      const keys = list.map((u) => normalizeLabel(u.name));
      // Most codes are named alike in every table: then every use asks the screen the same question.
      const alike = keys.every((k) => k === keys[0]);
      if (alike && couldReport) {
        early.nameKey = early.usualNameKey = keys[0]!;
        early.differs = false;
        if (!couldReport(early)) continue;
      }
      const usual = wholeOf(mostCommon(keys)!, keys);
      const usualUse = list[keys.indexOf(usual)]!;
      let otherTables: string | undefined;
      for (const [i, u] of list.entries()) {
        const differs = keys[i] !== usual;
        if (couldReport) {
          early.nameKey = keys[i]!;
          early.usualNameKey = usual;
          early.differs = differs;
          if (!couldReport(early)) continue;
        }
        otherTables ??= list.filter((_, j) => keys[j] === usual).map((x) => x.t.sheet).join('、');
        // Two rows of one table with one code and two names (长春 2026's 30208 取暖费 | 30208 物业管理费,
        // the second 30209's): the code may be the slip as well as the name, so the person chooses.
        const codeRepeated = list.some((o, j) => j !== i && o.t === u.t && keys[j] !== keys[i]);
        // A name ending in 支 is 支出 cut, in the table the others are compared with as well (西安 科技局
        // 2022: 表5's “机关事业单位基本养老” against 表7's “…保险缴费支”): both are named, neither is offered.
        const nameCell = differs && !codeRepeated && !looksCut(usualUse.name) ? ctx.cell(u.t, u.row, u.column ?? 'name') : undefined;
        // A class line keeps its numbering (“三、”): only the name in it is rewritten.
        const value = u.written === undefined ? usualUse.name : u.written.replace(u.nameWritten ?? u.name, usualUse.name);
        const fix = nameCell ? { sheet: u.t.sheet, cell: nameCell.cell, value, safety: 'unsafe' as const } : undefined;
        yield new NameUse(ctx, u, list, { code, name: u.name, usualName: usualUse.name, differs, nameKey: keys[i]!, usualNameKey: usual, otherTables }, fix);
      }
    }
  },
};

/** No subject is named “…支”: a name ending so is “…支出” printed in a column too narrow for it. */
const looksCut = (name: string) => name.endsWith('支');

/**
 * The name a cut one is the start of: a column too narrow for its names prints them cut (西安 科技局
 * 2022's 表5 and 表6: “其他科技交流与合作支” for 表7's “其他科技交流与合作支出”), in as many tables as
 * print them so. The whole name is the one to keep, however few tables write it; the longest where several do.
 */
function wholeOf(usual: string, keys: readonly string[]): string {
  let whole = usual;
  for (const k of keys) if (k.length > whole.length && k.startsWith(usual)) whole = k;
  return whole;
}

// ── standard-names: a code's name against the classification's ───────────────────────────────

export const standardNames: IteratorDef<z.infer<typeof StandardNameParams>> = {
  name: 'standard-names',
  description: both('科目名称与政府收支分类科目中该编码的标准名称', 'each subject’s name against the standard name of its code in the government classification'),
  facts: {
    code: text('科目编码', 'subject code'),
    name: text('表中的名称', 'the name in the table'),
    standardName: text('该编码的标准名称', 'the standard name of the code'),
    differences: num('逐字比较相差的字数（长度不同时为 -1）', 'characters that differ, position by position (-1 when the lengths differ)'),
    nameOfCode: text(
      '表中的名称恰是同一类中另一编码的标准名称时，那个编码（编码写错的迹象）；否则为空',
      'the other code of the same class whose standard name the table’s name is, exactly (a sign the code is the slip); empty otherwise',
    ),
    capitalCode: text(
      '本行编码不属资本性支出（309、310 类），名称（末尾的“费”不计）却是资本性支出某一款的标准名称时，那个编码（如 302 类中写“办公设备购置费”，是 310 类的 31002）；否则为空',
      'the capital item (classes 309 and 310) whose standard name the table’s name is, a trailing 费 aside, when the row’s own code is no capital item (办公设备购置费 under 302 is 310’s 31002); empty otherwise',
    ),
    capitalName: text('那个资本性支出编码的标准名称', 'that capital item’s standard name'),
  },
  identities: false,
  texts: ['table'],
  references: (p) => p.tables.map((table, i) => ({ path: ['tables', i], table, coded: true })),
  *run(ctx, params) {
    const standard = new Map(Object.entries(params.names ?? ctx.vocab.economicSubjects ?? {}).map(([code, name]) => [code, { name, key: normalizeLabel(name) }]));
    const codeOfName = new Map<string, string[]>();
    for (const [code, { key }] of standard) addTo(codeOfName, key, code);
    // Capital items by name, a trailing 费 set aside (办公设备购置费 for 31002 办公设备购置).
    const capitalOfName = new Map<string, string>();
    for (const [code, { key }] of standard) if (code.length === 5 && isCapital(code)) capitalOfName.set(withoutFee(key), code);
    for (const id of params.tables) {
      for (const t of ctx.tables(id)) {
        for (const row of t.rows) {
          const std = row.code && standard.get(row.code.code);
          const name = row.labels.name?.trim();
          if (!std || !name) continue;
          const key = normalizeLabel(name);
          if (key === std.key) continue;
          const d = charDifferences(key, std.key);
          const cell = ctx.cell(t, row, 'name');
          // 普陀 2024's 303 01 退休费: 退休费 is 303 02's name, so the code is the likelier slip: named on the code, the name beside it.
          const code = row.code!.code;
          const nameOfCode = (codeOfName.get(key) ?? []).find((c) => c !== code && c.slice(0, 3) === code.slice(0, 3)) ?? '';
          // 普陀福利院 2024's 302 06 办公设备购置费: a 310 capital item's name among the 302 goods and
          // services. Only capital items: other names moved between classes (住房公积金 and 医疗费 were
          // 303's until 2018, and 江苏 2017 files them there).
          const capitalCode = isCapital(code) ? '' : (capitalOfName.get(withoutFee(key)) ?? '');
          const onCode = nameOfCode !== '' || capitalCode !== '';
          const where = cell && !onCode ? { sheet: t.sheet, cell: cell.cell } : lastCodePartCellOf(ctx, t, row);
          yield {
            facts: {
              code,
              name,
              standardName: std.name,
              differences: Number.isFinite(d) ? d : -1,
              nameOfCode,
              capitalCode,
              capitalName: capitalCode === '' ? '' : standard.get(capitalCode)!.name,
            },
            text: (lang: Lang) => ({ table: ctx.tableName(t, lang) }),
            cell: where,
            ...(onCode && cell && { related: [{ sheet: t.sheet, cell: cell.cell }] }),
            // One character off the standard name, and no other code's: the name is the slip (the code says which subject).
            ...(d === 1 && !onCode && cell && { fix: { sheet: t.sheet, cell: cell.cell, value: std.name, safety: 'unsafe' as const } }),
            table: t.id,
          };
        }
      }
    }
  },
};

/** A name without its trailing 费: 办公设备购置费 and 办公设备购置 name one thing. */
const withoutFee = (key: string) => key.replace(/费$/, '');

/** Capital spending: 309 (basic construction) and 310, whose items have kept their names and class. */
const isCapital = (code: string) => code.startsWith('309') || code.startsWith('310');

interface Use {
  t: RecognizedTable;
  row: TableRow;
  name: string;
  /** For a summary's class line: the label column it is read from, the label as written, and the name in it. */
  column?: string;
  written?: string;
  nameWritten?: string;
}

const nameCellOf = (ctx: RuleContext, x: Use) => ({ sheet: x.t.sheet, cell: ctx.cell(x.t, x.row, x.column ?? 'name')?.cell ?? codeCellOf(ctx, x.t, x.row).cell });

/**
 * One use of a code's name, as an item. A class, not a literal: its cell and the other uses are
 * addressed only when the item becomes a finding, and a getter in a literal costs more per item than that.
 */
class NameUse implements Item {
  readonly table: TableId;

  constructor(
    private readonly ctx: RuleContext,
    private readonly use: Use,
    private readonly uses: readonly Use[],
    readonly facts: Record<string, FactValue>,
    readonly fix: Fix | undefined,
  ) {
    this.table = use.t.id;
  }

  /** Where a finding goes, addressed only for one. */
  get cell(): CellAddress {
    return nameCellOf(this.ctx, this.use);
  }

  /** The tables using the usual name; a row of this very table is “本表另一行”, not the table named twice (长春 2026's 30208). */
  text(lang: Lang): Record<string, string> {
    const usual = this.facts.usualNameKey;
    const where = this.uses
      .filter((x) => x !== this.use && normalizeLabel(x.name) === usual)
      .map((x) => (x.t === this.use.t ? SAME_TABLE[lang] : x.t.sheet));
    return { table: this.ctx.tableName(this.use.t, lang), otherTables: [...new Set(where)].join(lang === 'zh-CN' ? '、' : ', ') };
  }

  get related(): CellAddress[] {
    return this.uses.filter((x) => x !== this.use).map((x) => nameCellOf(this.ctx, x));
  }
}

// ── code-coverage: every code of one table appears in another ───────────────────────────────

export const codeCoverage: IteratorDef<z.infer<typeof CoverageParams>> = {
  name: 'code-coverage',
  description: both('一张表中有金额的科目，另一张表中也应有这一行', 'a code with an amount in one table has its row in another'),
  facts: {
    code: text('科目编码', 'subject code'),
    name: text('科目名称', 'subject name'),
    amount: num('来源表中的金额', 'the amount in the source table'),
    missing: flag('目标表中缺少这一行', 'the row is missing from the target table'),
    rowsInTarget: num('目标表中这一编码的行数', 'rows of the target table holding this code'),
    detailRowsInTarget: num('目标表中这一编码之下（更细的科目）的行数：目标表只列更细的科目时，这一科目已在其中', 'rows of the target table under this code (finer subjects): a target listing only finer ones holds it in them'),
    parentCode: text('上级编码', 'parent code'),
    fromTable: text('有这一行的表', 'the table that has the row'),
  },
  identities: false,
  texts: ['table', 'from', 'placeAt', 'amountText'],
  references: (p) =>
    p.pairs.flatMap((pair, i) => [
      { path: ['pairs', i, 'from'], table: pair.from, column: pair.column, coded: true },
      { path: ['pairs', i, 'to'], table: pair.to, coded: true },
    ]),
  *run(ctx, params, _ruleId, couldReport) {
    const early = { rowsInTarget: 0, missing: false, amount: 0 };
    for (const pair of params.pairs) {
      const from = ctx.table(pair.from);
      const to = ctx.table(pair.to);
      // A target table published without codes (a one-line summary) cannot be missing a code row.
      if (!from || !to || !to.rows.some((r) => r.code)) continue;
      const target = ctx.codedRows(to);
      const inOrder = new OrderedLookup(target);
      for (const row of from.rows) {
        const cell = ctx.cell(from, row, pair.column);
        const amount = cell?.amount;
        if (!row.code || !amount) continue;
        const rowsInTarget = inOrder.get(row.code.code)?.count ?? 0;
        if (couldReport) {
          early.rowsInTarget = rowsInTarget;
          early.missing = rowsInTarget === 0;
          early.amount = amount;
          if (!couldReport(early)) continue;
        }
        // The nearest parent code the target holds: where a missing row belongs.
        let parent = parentCode(row.code.code);
        while (parent && !target.has(parent)) parent = parentCode(parent);
        // A target listing only finer subjects (北京 2026's 支出总表, its 项 only) holds a 款 in its 项.
        const code = row.code.code;
        let detailRowsInTarget = 0;
        if (rowsInTarget === 0) for (const [c, rows] of target) if (c.length > code.length && c.startsWith(code)) detailRowsInTarget += rows.count;
        const facts = { code, name: row.labels.name ?? '', amount, missing: rowsInTarget === 0, rowsInTarget, detailRowsInTarget, parentCode: parent ?? '', fromTable: from.sheet };
        yield new CoverageItem(ctx, from, to, row, parent ? target.get(parent)!.first : undefined, facts, Math.max(2, cell!.decimals));
      }
    }
  },
};

/**
 * One coded row of the source table, as an item. A class, as NameUse: its cells and texts are made
 * only for a finding, and nearly every code is present.
 */
class CoverageItem implements Item {
  readonly table: TableId;

  constructor(
    private readonly ctx: RuleContext,
    private readonly from: RecognizedTable,
    private readonly to: RecognizedTable,
    private readonly row: TableRow,
    /** The target's first row of the nearest parent code, where the missing row belongs. */
    private readonly parentRow: TableRow | undefined,
    readonly facts: Record<string, FactValue>,
    /** Decimals the source shows its amount to. */
    private readonly decimals: number,
  ) {
    this.table = to.id;
  }

  get cell(): CellAddress {
    return this.parentRow ? codeCellOf(this.ctx, this.to, this.parentRow) : { sheet: this.to.sheet, cell: this.to.titleCell! };
  }

  get related(): CellAddress[] {
    return [codeCellOf(this.ctx, this.from, this.row)];
  }

  text(lang: Lang): Record<string, string> {
    const parent = this.facts.parentCode as string;
    const placeAt = lang === 'zh-CN' ? (parent ? `应列在 ${parent} 之下` : '表中也没有它的上级科目') : parent ? `it belongs under ${parent}` : 'nor does the table hold its parent';
    // The amount in the source table's unit (“48227.00 元”), as a clerk reads it there.
    const amount = amountText(this.facts.amount as number, this.decimals, this.ctx.unit(this.from), lang);
    return { table: this.ctx.tableName(this.to, lang), from: this.ctx.tableName(this.from, lang), placeAt, amountText: amount };
  }
}

// ── empty-tables: 空表列示 and the fiscal summary ──────────────────────────────────────────────

export const emptyTables: IteratorDef<z.infer<typeof EmptyParams>> = {
  name: 'empty-tables',
  description: both('可为空的表（政府性基金、国有资本经营）：空表要有说明，且财政拨款收支总表中相应金额为零', 'tables that may be empty: an empty one carries its note and is zero in the fiscal summary'),
  facts: {
    amountCount: num('表中非零金额的格数', 'cells of the table holding a non-zero amount'),
    fiscalAmount: num('财政拨款收支总表本年支出合计中的相应金额', 'the matching amount on the fiscal summary’s total row'),
    note: text('表下说明（去掉空白）', 'the note below the table, without white space'),
    narrativeNote: text('空表时，说明中写到这类预算（参数 narrativeWord）的段落，去掉空白；没有时为空', 'for an empty table, the narrative’s paragraphs naming this budget (the narrativeWord parameter), without white space; empty when none'),
    noteNamesOther: flag(
      '表下注写的是另一类预算（别的表的 narrativeWord），没有写本表的：多半照抄了相邻表的注',
      'the note below the table names another budget (another table’s narrativeWord) and not its own: most likely copied from the table beside it',
    ),
  },
  identities: false,
  texts: ['table', 'fiscalTable'],
  references: (p) => p.tables.flatMap((d, i) => (d.fiscalColumn ? [{ path: ['tables', i, 'fiscalColumn'], table: 'fiscal-summary' as const, column: d.fiscalColumn }] : [])),
  *run(ctx, params) {
    const fiscal = ctx.table('fiscal-summary');
    const fiscalTotal = fiscal?.rows.find((r) => r.keys.expenseItem === 'expenseYearTotal');
    for (const decl of params.tables) {
      for (const t of ctx.tables(decl.table)) {
        // Amount columns only: a 序号 or a code typed as a number is not an amount, and an empty table may list its codes.
        const roles = ctx.amountRoles(t);
        const amountCount = t.rows.reduce((n, r) => n + roles.filter((role) => r.cells[role]?.amount && !r.cells[role]!.invalid).length, 0);
        const fiscalCell = fiscal && fiscalTotal && decl.fiscalColumn ? ctx.cell(fiscal, fiscalTotal, decl.fiscalColumn) : undefined;
        const onNote = params.report === 'note' || params.report === 'noteFund';
        if (onNote && !t.note) continue;
        const other = otherFundNamed(t.note?.text ?? '', decl.narrativeWord, params.tables);
        const cell =
          params.report === 'fiscal' && fiscalCell
            ? { sheet: fiscalCell.sheet, cell: fiscalCell.cell }
            : onNote && t.note
              ? { sheet: t.sheet, cell: t.note.cell }
              : { sheet: t.sheet, cell: t.titleCell! };
        yield {
          facts: {
            amountCount,
            fiscalAmount: fiscalCell?.amount ?? 0,
            note: normalizeLabel(t.note?.text ?? ''),
            narrativeNote: decl.narrativeWord && amountCount === 0 ? paragraphsNaming(ctx, decl.narrativeWord) : '',
            noteNamesOther: other !== undefined,
          },
          text: (lang) => ({
            'zh-CN': { table: ctx.tableName(t, 'zh-CN'), fiscalTable: fiscal ? ctx.tableName(fiscal, 'zh-CN') : '财政拨款收支总表' },
            en: { table: ctx.tableName(t, 'en'), fiscalTable: fiscal ? ctx.tableName(fiscal, 'en') : 'fiscal summary' },
          })[lang],
          cell,
          ...(params.report === 'fiscal' && fiscalCell && { fix: { sheet: fiscalCell.sheet, cell: fiscalCell.cell, value: 0, safety: 'unsafe' as const } }),
          ...(params.report === 'noteFund' &&
            t.note &&
            other !== undefined && { fix: { sheet: t.sheet, cell: t.note.cell, value: t.note.text.split(other).join(decl.narrativeWord!), safety: 'unsafe' as const } }),
          table: params.report === 'fiscal' ? 'fiscal-summary' : t.id,
        };
      }
    }
  },
};

/** The other budget a table's note names where it does not name its own (表7's “无政府性基金预算…” under the 国有资本经营 table). */
function otherFundNamed(note: string, own: string | undefined, tables: readonly { narrativeWord?: string }[]): string | undefined {
  if (!own || note === '' || note.includes(own)) return undefined;
  return tables.map((d) => d.narrativeWord).find((w): w is string => w !== undefined && w !== own && note.includes(w));
}

/**
 * The paragraphs that name a word: 本部门无政府性基金预算 (eleven characters, shorter than the narrative
 * rules read) or 主要原因是本部门无此项支出 after the sentence naming it explain an empty table as its note would.
 */
function paragraphsNaming(ctx: RuleContext, word: string): string {
  return ctx.memo(`paragraphs-naming:${word}`, () => {
    const found: string[] = [];
    for (const c of textCells(ctx, word.length)) if (c.folded.includes(word)) found.push(normalizeLabel(c.text));
    return found.join('\n');
  });
}
