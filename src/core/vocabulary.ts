/**
 * The recognition vocabulary: title patterns, header synonyms, column roles and row labels for each
 * table. It is data (rules/vocabulary/*.json) so a maintainer can add a synonym without touching code;
 * this module holds what recognition uses at run time, vocabulary-schema.ts its shape and validation.
 */
import type { IndicatorVocabulary, TableVocabulary, TextMatcher } from './vocabulary-schema.js';

export type { ColumnRole, IndicatorVocabulary, RowLabel, TableVocabulary, TextMatcher, VocabularyFile } from './vocabulary-schema.js';

export const TABLE_IDS = [
  'income-expense-summary',
  'income-summary',
  'expense-summary',
  'fiscal-summary',
  'general-budget-expense',
  'general-budget-basic',
  'gov-fund-expense',
  'state-capital-expense',
  'three-public',
] as const;
export type StandardTableId = (typeof TABLE_IDS)[number];
/**
 * Tables many templates publish besides the nine, never reported missing: the project spending table
 * (项目支出表), 浙江's project performance table (项目支出绩效表: each project's amount and goal) and the
 * department-wide performance targets (部门整体支出绩效目标表, a form: its 年度预算安排 by kind of spending).
 * 广东's template lists projects with the rest of its non-basic spending (项目支出及其他支出预算表, money
 * carried over included, by unit), and its 说明 a few key projects with their amounts and goals
 * (重点项目预算绩效目标情况): neither is the project spending table, whose ties they would break.
 * 江苏's template adds all appropriations' spending by function (财政拨款支出表（功能科目）: the general
 * budget, fund and state-capital tables together) and their basic spending by economic subject
 * (财政拨款基本支出表（经济科目）), and the general budget's agency running costs by economic subject
 * (一般公共预算机关运行经费支出预算表). 烟台's adds basic spending by economic subject and source of funds
 * (基本支出预算情况表); 广州's the general budget's project spending by economic subject
 * (一般公共预算项目支出情况表（按经济分类科目）) and its basic spending unit by unit and by source of funds
 * (部门预算基本支出预算表).
 */
export const OPTIONAL_TABLE_IDS = ['project-expense', 'project-performance', 'project-other-expense', 'key-projects', 'overall-target', 'procurement', 'purchased-services', 'meeting-detail', 'training-detail', 'year-comparison', 'fixed-assets', 'fiscal-expense', 'fiscal-basic', 'agency-running', 'all-funds-basic', 'general-budget-project', 'unit-basic'] as const;
export type OptionalTableId = (typeof OPTIONAL_TABLE_IDS)[number];
export type TableId = StandardTableId | OptionalTableId | 'performance-target';

export interface Vocabulary {
  tables: Map<TableId, TableVocabulary>;
  metaRow: TextMatcher[];
  noteRow: TextMatcher[];
  totalRow: TextMatcher[];
  /** The performance-indicator words (rules/vocabulary/indicators.json). */
  indicators?: IndicatorVocabulary;
  /** The economic classification's standard names by code (rules/vocabulary/tables.json). */
  economicSubjects?: Record<string, string>;
  /** The functional classification's names by code, as published budgets print them (rules/vocabulary/functional-subjects.json). */
  functionalSubjects?: Record<string, string>;
}

/** Does normalised text satisfy the matcher? Returns a specificity score (0 = no match). */
export function matchScore(m: TextMatcher, text: string): number {
  if (m.exact !== undefined) return text === m.exact ? 100 + m.exact.length : 0;
  if (m.none?.some((w) => text.includes(w))) return 0;
  if (!m.all!.every((w) => text.includes(w))) return 0;
  return m.all!.reduce((s, w) => s + w.length, 0);
}

export function bestScore(matchers: readonly TextMatcher[], text: string): number {
  let best = 0;
  for (const m of matchers) best = Math.max(best, matchScore(m, text));
  return best;
}
