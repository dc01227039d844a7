/** What iterators see: the recognised tables, the vocabulary, and helpers to name cells as reviewers do. */
import type { Fix, CellAddress } from '../findings.js';
import { MergeIndex, type GridSheet, type GridWorkbook } from '../grid.js';
import { amountText, BLANK_TEXT, type Lang } from '../messages.js';
import type { CellRef, Recognition, RecognizedTable, TableRow, Unit, YearBlock } from '../model.js';
import { RowCells } from '../recognize/row-cells.js';
import type { TableId, Vocabulary } from '../vocabulary.js';
import { UNIT_FACTOR, anchorOf, evaluate, type Evaluation, type Identity, type Localized, type Overrides, type Term } from './identity.js';
import { addTo } from '../multimap.js';
import { codedEconomically, listedParent } from '../codes.js';

export type FactValue = string | number | boolean | null;

export interface Item {
  facts: Record<string, FactValue>;
  /** Placeholders that differ by language (table and column names); called only to write a message. */
  text?: (lang: Lang) => Record<string, string>;
  /** Direct findings: the cell to report on. Identity items are placed by the localiser instead. */
  cell?: CellAddress;
  related?: CellAddress[];
  fix?: Fix;
  identity?: Identity;
  table?: TableId;
  /**
   * For an identity: whether its breach passes its tolerance, exactly as the facts `breach` and
   * `tolerance` compare. A rule that reports only then (requiresBreach) need not read an identity that holds.
   */
  breaks?: boolean;
}

/** The rows of one code in a table: the first, and how many. */
export interface CodedRows {
  first: TableRow;
  count: number;
  /** Every row of the code, in table order, when there are several. */
  rows?: TableRow[];
}

/** Adds a row to its code's entry in a by-code index; returns the entry. */
export function indexRow(index: Map<string, CodedRows>, code: string, row: TableRow): CodedRows {
  const seen = index.get(code);
  if (!seen) {
    const entry = { first: row, count: 1 };
    index.set(code, entry);
    return entry;
  }
  seen.count++;
  (seen.rows ??= [seen.first]).push(row);
  return seen;
}

/**
 * Each row of a table in its code tree, by the row's position in `t.rows`: its code's index entry and
 * its parent code's (undefined for a row without a code, or whose parent the table lacks). Worked out
 * once per table and check: the passes over a large table's 27,000 codes looked each code up by its
 * text again, which cost more than the rest of their work.
 */
export interface CodeTree {
  readonly entryOf: readonly (CodedRows | undefined)[];
  readonly parentOf: readonly (CodedRows | undefined)[];
}

const NO_MERGES = new MergeIndex([]);

export class RuleContext {
  private readonly byId = new Map<TableId, RecognizedTable[]>();
  private readonly memos = new Map<string, unknown>();
  private readonly names = new Map<string, string>();
  /** Per check, so a plain Map: a WeakMap's insertions cost several times more, once per coded row. */
  private readonly codedRowNames = new Map<TableRow, string>();
  private readonly rowCells: RowCells;
  private readonly codeIndexes = new Map<RecognizedTable, ReadonlyMap<string, CodedRows>>();
  private readonly entries = new Map<RecognizedTable, (CodedRows | undefined)[]>();
  private readonly trees = new Map<RecognizedTable, CodeTree>();

  constructor(
    readonly recognition: Recognition,
    readonly vocab: Vocabulary,
    readonly grid: GridWorkbook,
  ) {
    this.rowCells = new RowCells(grid);
    for (const t of recognition.tables) addTo(this.byId, t.id, t);
  }

  tables(id: TableId): RecognizedTable[] {
    return this.byId.get(id) ?? [];
  }

  /**
   * The table of an id the rules compare: the first, in sheet order, coded as its kind is (the
   * vocabulary's codeSystem). A 一般公共预算支出表 printed twice, by function and by economic subject
   * (福州 2026's 一般公共预算支出经济分类情况表), is compared by function whichever sheet comes first.
   */
  table(id: TableId): RecognizedTable | undefined {
    const all = this.byId.get(id);
    if (!all || all.length < 2) return all?.[0];
    const system = this.vocab.tables.get(id)?.codeSystem;
    if (system === undefined) return all[0];
    // Rules ask for a table many times a check: its rows are read for their codes once.
    return this.memo(`table:${id}`, () => all.find((t) => codedEconomically(t.rows) === (system === 'economic')) ?? all[0]);
  }

  /** Work several rules share (the indicator facts, the narrative's text cells) is done once per check. */
  memo<T>(key: string, compute: () => T): T {
    if (!this.memos.has(key)) this.memos.set(key, compute());
    return this.memos.get(key) as T;
  }

  /**
   * A table's coded rows by code: the first row holding each code, and how many do. Made once per
   * table and check, since several rules ask (code rows, coverage, hierarchy sums) and on this machine
   * a Map of 27,000 codes costs about 8 ms to fill.
   */
  codedRows(t: RecognizedTable): ReadonlyMap<string, CodedRows> {
    let out = this.codeIndexes.get(t);
    if (!out) {
      const index = new Map<string, CodedRows>();
      const entryOf: (CodedRows | undefined)[] = new Array(t.rows.length);
      for (let i = 0; i < t.rows.length; i++) {
        const code = t.rows[i]!.code?.code;
        if (code !== undefined) entryOf[i] = indexRow(index, code, t.rows[i]!);
      }
      this.codeIndexes.set(t, (out = index));
      this.entries.set(t, entryOf);
    }
    return out;
  }

  /** The table's rows in its code tree (CodeTree), made with its index. */
  codeTree(t: RecognizedTable): CodeTree {
    let tree = this.trees.get(t);
    if (!tree) {
      const index = this.codedRows(t);
      const entryOf = this.entries.get(t)!;
      const listed = (code: string) => index.has(code);
      const parentOf = t.rows.map((row) => {
        const p = row.code && listedParent(row.code.code, listed);
        return p ? index.get(p) : undefined;
      });
      this.trees.set(t, (tree = { entryOf, parentOf }));
    }
    return tree;
  }

  /** The table's recognised columns that hold amounts (not its codes, names or 序号), in column order. */
  amountRoles(t: RecognizedTable): string[] {
    const kinds = new Map(this.vocab.tables.get(t.id)?.columns.map((c) => [c.role, c.kind]) ?? []);
    return t.columns.filter((c) => kinds.get(c.role) === 'amount').map((c) => c.role);
  }

  /**
   * The columns that hold an item in this table: its own, or, where the table splits it by fund
   * (深圳's 三公 table), its parts as the vocabulary names them, when the table has them all.
   */
  columnsOf(t: RecognizedTable, role: string): readonly string[] | undefined {
    const has = (r: string) => t.columns.some((c) => c.role === r);
    if (has(role)) return [role];
    const parts = this.vocab.tables.get(t.id)?.columns.find((c) => c.role === role)?.parts;
    return parts?.every(has) ? parts : undefined;
  }

  tableName(t: RecognizedTable, lang: Lang): string {
    const key = `t|${t.id}|${t.sheet}|${lang}`;
    let name = this.names.get(key);
    if (name === undefined) {
      const own = this.vocab.tables.get(t.id)?.name[lang] ?? t.id;
      // A sheet named after its table (“部门整体支出绩效目标表”) is not named twice.
      name = t.sheet === own ? own : `${own}（${t.sheet}）`;
      this.names.set(key, name);
    }
    return name;
  }

  columnName(t: RecognizedTable, role: string, lang: Lang): string {
    const key = `c|${t.id}|${role}|${lang}`;
    let name = this.names.get(key);
    if (name === undefined) {
      name = this.vocab.tables.get(t.id)?.columns.find((c) => c.role === role)?.name[lang] ?? role;
      this.names.set(key, name);
    }
    return name;
  }

  /** "2080101 行政运行", "合计", or the row's label on the side given. A coded row's name is made once. */
  rowName(row: TableRow, side?: string): string {
    if (row.code) {
      let name = this.codedRowNames.get(row);
      if (name === undefined) this.codedRowNames.set(row, (name = `${row.code.code} ${row.labels.name ?? ''}`.trim()));
      return name;
    }
    // A total row printed without a name (深圳 2026's unit row, 湖州 2026's blank first row) is the 合计.
    const label = (side && row.labels[side]) || row.labels.name || row.labels.item || Object.values(row.labels)[0] || (row.isTotal ? '合计' : `第${row.row}行`);
    return label.trim();
  }

  unit(t: RecognizedTable): Unit {
    return t.unit ?? '万元';
  }

  /** A sheet of the workbook by its name, found once per check. */
  sheet(name: string): GridSheet | undefined {
    return this.rowCells.view(name)?.sheet;
  }

  /** A sheet's merged ranges, from the one view of the sheet the cells are read through. */
  merges(sheet: string): MergeIndex {
    return this.rowCells.view(sheet)?.merges ?? NO_MERGES;
  }

  /** The row's cell in a column: an amount, or (made on demand) its name, code or 序号. */
  cell(t: RecognizedTable, row: TableRow, role: string): CellRef | undefined {
    return this.rowCells.cell(t, row, role);
  }

  /** A cell of a row as a term; `scale` weighs it (2 × a cell) on top of its unit. */
  /** `name` names the row where its label column does not (an item under a category merged down its rows). */
  /** A row's cell in a block of another year (RecognizedTable.yearBlocks), named with the block's heading. */
  blockTerm(t: RecognizedTable, row: TableRow, block: YearBlock, role: string, sign: 1 | -1 = 1): Term | undefined {
    const col = block.columns.find((c) => c.role === role)?.col;
    // A block of a row of its own (深圳's 2025年 row under the 2026年 one) is read in that row.
    const ref = col === undefined ? undefined : this.rowCells.view(t.sheet)?.ref(block.row ?? row.row, col);
    return ref && new CellTerm(this, t, ref, row, undefined, role, sign, 1, undefined, block.heading);
  }

  term(t: RecognizedTable, row: TableRow, role: string, sign: 1 | -1 = 1, side?: string, scale = 1, name?: string): Term | undefined {
    const ref = this.cell(t, row, role);
    if (!ref) return undefined;
    // The row's name is written only if the term is ever described (a failing identity).
    return new CellTerm(this, t, ref, row, side, role, sign, scale, name);
  }
}

/**
 * A cell in an identity. Its label is built on first read: only the few failing identities are
 * ever described, and building labels for all of them was most of a check's allocation.
 */
class CellTerm implements Term {
  readonly factor: number;
  readonly unit: Unit;
  private cachedLabel?: Localized;

  constructor(
    private readonly ctx: RuleContext,
    private readonly table: RecognizedTable,
    readonly ref: CellRef,
    /** The row, named on first description. No closure per term: there are hundreds of thousands. */
    private readonly row: TableRow,
    private readonly side: string | undefined,
    private readonly role: string,
    readonly sign: 1 | -1,
    scale = 1,
    private readonly name?: string,
    /** The heading of the year's block the cell is in (“2018年”), for a cell beside this year's. */
    private readonly block?: string,
  ) {
    this.unit = ctx.unit(table);
    this.factor = UNIT_FACTOR[this.unit] * scale;
  }

  get label(): Localized {
    this.cachedLabel ??= { 'zh-CN': this.labelAt(this.ref.cell, 'zh-CN'), en: this.labelAt(this.ref.cell, 'en') };
    return this.cachedLabel;
  }

  labelAt(cells: string, lang: Lang): string {
    return lang === 'zh-CN' ? `${this.tableName(lang)}${this.inTable(cells, lang)}` : `${this.tableName(lang)} ${this.inTable(cells, lang)}`;
  }

  tableName(lang: Lang): string {
    return this.ctx.tableName(this.table, lang);
  }

  labelInTable(lang: Lang, cells = this.ref.cell): string {
    return this.inTable(cells, lang);
  }

  private inTable(cells: string, lang: Lang): string {
    const rowName = this.name ?? this.ctx.rowName(this.row, this.side);
    const column = `${this.block ? `${this.block} ` : ''}${this.ctx.columnName(this.table, this.role, lang)}`;
    return lang === 'zh-CN' ? `${cells} ${rowName}“${column}”` : `${cells} ${rowName} “${column}”`;
  }
}

/**
 * The numbers a rule's conditions compare, in the anchor's unit: the two sides, their difference,
 * the breach (by how much the relation is broken) and the tolerance. The same facts judge the
 * identity as written and, in the locator, as it would be after a proposed change.
 */
export function identityFacts(identity: Identity, overrides?: Overrides): Record<string, FactValue> {
  return factsOf(identity, evaluate(identity, overrides));
}

function factsOf(identity: Identity, e: Evaluation): Record<string, FactValue> {
  const anchor = anchorOf(identity);
  // In the anchor's unit (a weighted anchor still reads in 万元 or 元).
  const f = UNIT_FACTOR[anchor.unit];
  // One literal shape for every identity, then the iterator's own context (which never overrides
  // these): building the object property by property cost more than the rest of a check.
  const facts: Record<string, FactValue> = {
    relation: identity.relation,
    actual: e.left / f,
    expected: e.right / f,
    difference: e.difference / f,
    absDifference: Math.abs(e.difference) / f,
    breach: e.breach / f,
    tolerance: e.tolerance / f,
    termCount: identity.lhs.length + identity.rhs.length,
    unit: anchor.unit,
    cell: anchor.ref.cell,
    sheet: anchor.ref.sheet,
  };
  // for…in over a literal: no array of keys per identity (there are hundreds of thousands).
  for (const k in identity.context) if (!Object.hasOwn(facts, k)) facts[k] = identity.context[k]!;
  return facts;
}

/** Facts are numbers for the conditions; texts are written only for a message, in the anchor's unit. */
export function identityItem(identity: Identity, table?: TableId): Item {
  return new IdentityItem(identity, evaluate(identity), table);
}

/**
 * One per identity (hundreds of thousands on a county consolidation): a class, so its message texts
 * are a method rather than a closure per item, written from the facts it already holds.
 */
class IdentityItem implements Item {
  readonly table?: TableId;
  readonly breaks: boolean;
  private cachedFacts?: Record<string, FactValue>;

  constructor(
    readonly identity: Identity,
    private readonly evaluation: Evaluation,
    table: TableId | undefined,
  ) {
    if (table) this.table = table;
    // The facts' own arithmetic (factsOf), so the answer is theirs to the last bit.
    const f = UNIT_FACTOR[anchorOf(identity).unit];
    this.breaks = evaluation.breach / f > evaluation.tolerance / f;
  }

  /** Written on first read: most identities hold, and their facts were most of a check's allocation. */
  get facts(): Record<string, FactValue> {
    return (this.cachedFacts ??= factsOf(this.identity, this.evaluation));
  }

  text(lang: Lang): Record<string, string> {
    const anchor = anchorOf(this.identity);
    const decimals = Math.max(2, anchor.ref.decimals);
    // Facts are in the anchor's unit, which every amount of the message names, as a culprit's message does.
    const shown = (fact: string) => amountText(this.facts[fact] as number, decimals, anchor.unit, lang);
    // A blank cell alone on the left is blank, not 0.00 (北京 军民融合办 2026's 预算13表 C6).
    const [only, ...more] = this.identity.lhs;
    const blankLeft = more.length === 0 && only !== undefined && only.ref.amount === null && !only.ref.invalid && !only.inText;
    return {
      left: anchor.label[lang],
      actualText: blankLeft ? BLANK_TEXT[lang] : shown('actual'),
      expectedText: shown('expected'),
      differenceText: shown('difference'),
      breachText: shown('breach'),
      // A side that sums several cells names itself (“302 + 310 …”).
      ...(this.identity.describe?.(lang) ?? {}),
    };
  }
}
