/** An iterator turns recognised tables into the items a rule's conditions are evaluated on. */
import type { z } from 'zod';
import type { TableId } from '../vocabulary.js';
import type { Item, RuleContext } from './context.js';
import type { Localized } from './identity.js';

export interface IteratorDef<P = unknown> {
  name: string;
  description: Localized;
  params: z.ZodType<P>;
  /** Facts each item carries, documented for rule maintainers (and checked by the rule linter). */
  facts: Record<string, Localized>;
  /** True when items are numeric identities, placed on the cell to change by the localiser. */
  identities: boolean;
  /** Placeholders whose text differs by language (table and column names …), beyond the facts. */
  texts: string[];
  /** The tables, column roles and row keys the params name, so the linter can check them. */
  references?(params: P): Reference[];
  run(ctx: RuleContext, params: P, ruleId: string): Item[];
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
}

export const IDENTITY_FACTS: Record<string, Localized> = {
  actual: { 'zh-CN': '左边（被核对的单元格）的金额', en: 'the left-hand amount (the cell checked)' },
  expected: { 'zh-CN': '右边（合计或对应单元格）的金额', en: 'the right-hand amount (sum or counterpart)' },
  difference: { 'zh-CN': '左边减右边', en: 'left minus right' },
  absDifference: { 'zh-CN': '差额的绝对值', en: 'absolute difference' },
  tolerance: { 'zh-CN': '允许的误差：规则指定的，否则为四舍五入可以解释的差额', en: 'the tolerance the rule chose, else what rounding alone can explain' },
  breach: {
    'zh-CN': '关系被打破的幅度：eq 为差额绝对值，le 为左减右，ge 为右减左（≤ 0 即成立）',
    en: 'by how much the relation is broken: |difference| for eq, left − right for le, right − left for ge (≤ 0 holds)',
  },
  relation: { 'zh-CN': 'eq 相等 / le 不大于 / ge 不小于', en: 'eq equal / le at most / ge at least' },
  termCount: { 'zh-CN': '参与计算的单元格数', en: 'number of cells involved' },
  unit: { 'zh-CN': '金额单位', en: 'unit' },
  cell: { 'zh-CN': '被核对的单元格地址', en: 'address of the cell checked' },
  sheet: { 'zh-CN': '工作表名', en: 'sheet name' },
};

/** Message-only placeholders every identity item provides (formatted in the table's own unit). */
export const IDENTITY_TEXTS = ['left', 'actualText', 'expectedText', 'differenceText', 'breachText'];
