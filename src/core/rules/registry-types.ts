/** An iterator turns recognised tables into the items a rule's conditions are evaluated on. */
import type { TableId } from '../vocabulary.js';
import type { Screen } from './conditions.js';
import type { Item, RuleContext } from './context.js';
import type { Localized } from './identity.js';

/** What a fact holds, so the linter can refuse `"value": "true"` against a number or a flag. */
export type FactType = 'number' | 'string' | 'boolean';

export interface FactSpec extends Localized {
  type: FactType;
  /** The fact may be null (a value that could not be read). */
  nullable?: boolean;
}

const spec = (type: FactType, nullable: boolean) => (zh: string, en: string): FactSpec => ({ 'zh-CN': zh, en, type, ...(nullable && { nullable }) });
export const num = spec('number', false);
export const numOrNull = spec('number', true);
export const text = spec('string', false);
export const flag = spec('boolean', false);

/** A text in both languages: an iterator's description, a name it gives. */
export const both = (zh: string, en: string): Localized => ({ 'zh-CN': zh, en });

export interface IteratorDef<P = unknown> {
  name: string;
  description: Localized;
  /** Facts each item carries, documented for rule maintainers (and checked by the rule linter). */
  facts: Record<string, FactSpec>;
  /** True when items are numeric identities, placed on the cell to change by the localiser. */
  identities: boolean;
  /** Placeholders whose text differs by language (table and column names …), beyond the facts. */
  texts: string[];
  /** The tables, column roles and row keys the params name, so the linter can check them. */
  references?(params: P): Reference[];
  /** True when the items read the vocabulary's performance-indicator words (its `indicators`). */
  needsIndicatorWords?: boolean;
  /**
   * The items, one at a time: a generator lets each be judged and dropped before the next is made.
   * `couldReport`, when given, answers from a few early facts whether any rule walking these items
   * could report one (conditions.ts, compileScreen): an iterator may skip building those it rules out.
   */
  run(ctx: RuleContext, params: P, ruleId: string, couldReport?: Screen): Iterable<Item>;
}

/** Something a rule's params name in the vocabulary, and where in the params it is named. */
export interface Reference {
  /** Path inside params. */
  path: PropertyKey[];
  table: TableId;
  /** A column role of that table. */
  column?: string;
  /** A row key of that table (a trailing * is a prefix), read from the label column `side`. */
  rowKey?: string;
  side?: string;
  /** The table must be a coded one (hierarchy, codes). */
  coded?: boolean;
  /** A subject code the params name in that table: it must belong to the table's classification. */
  code?: string;
  /** The code is an economic subject's, whatever the table's usual classification: a table of a functional kind coded by economic subject (深圳's, 西安's general budget table). */
  economic?: boolean;
}

export const IDENTITY_FACTS: Record<string, FactSpec> = {
  actual: num('左边（被核对的单元格）的金额', 'the left-hand amount (the cell checked)'),
  expected: num('右边（合计或对应单元格）的金额', 'the right-hand amount (sum or counterpart)'),
  difference: num('左边减右边', 'left minus right'),
  absDifference: num('差额的绝对值', 'absolute difference'),
  breach: num(
    '关系被打破的幅度：eq 为差额绝对值，le 为左减右，ge 为右减左（≤ 0 即成立）',
    'by how much the relation is broken: |difference| for eq, left − right for le, right − left for ge (≤ 0 holds)',
  ),
  tolerance: num('允许的误差：规则指定的，否则为四舍五入可以解释的差额', 'the tolerance the rule chose, else what rounding alone can explain'),
  relation: text('eq 相等 / le 不大于 / ge 不小于', 'eq equal / le at most / ge at least'),
  termCount: num('参与计算的单元格数', 'number of cells involved'),
  unit: text('金额单位', 'unit'),
  cell: text('被核对的单元格地址', 'address of the cell checked'),
  sheet: text('工作表名', 'sheet name'),
};

/** Message-only placeholders every identity item provides (formatted in the table's own unit). */
export const IDENTITY_TEXTS = ['left', 'actualText', 'expectedText', 'differenceText', 'breachText'];
