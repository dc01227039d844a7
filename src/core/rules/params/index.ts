/** Every iterator's parameter schema by iterator name: the validating side of the registry (registry.ts is the running side). */
import type { z } from 'zod';
import * as amounts from './amounts.js';
import * as codes from './codes.js';
import * as columns from './columns.js';
import * as narrative from './narrative.js';
import * as narrativeItems from './narrative-items.js';
import * as nearMisses from './near-misses.js';
import * as targets from './targets.js';

export const ITERATOR_PARAMS: ReadonlyMap<string, z.ZodType> = new Map<string, z.ZodType>([
  ['hierarchy-sums', amounts.HierarchyParams],
  ['row-identities', amounts.RowIdentityParams],
  ['labelled-sums', amounts.LabelledSumParams],
  ['outline-sums', amounts.OutlineSumParams],
  ['list-totals', amounts.ListTotalParams],
  ['year-changes', amounts.YearChangeParams],
  ['outline-totals', amounts.OutlineTotalParams],
  ['project-amounts', amounts.ProjectPairParams],
  ['projects-listed', amounts.ProjectListParams],
  ['grouped-subtotals', amounts.GroupedParams],
  ['table-ties', amounts.TieParams],
  ['classes-listed', amounts.ClassesListedParams],
  ['code-correspondences', amounts.CorrespondenceParams],
  ['summary-lines', amounts.SummaryLineParams],
  ['code-rows', codes.CodeRowParams],
  ['code-names', codes.CodeNameParams],
  ['standard-names', codes.StandardNameParams],
  ['code-coverage', codes.CoverageParams],
  ['empty-tables', codes.EmptyParams],
  ['table-columns', columns.ColumnParams],
  ['narrative-items', narrativeItems.ItemParams],
  ['narrative-text', narrativeItems.TextParams],
  ['narrative-breakdowns', narrativeItems.BreakdownParams],
  ['narrative-change-pairs', narrativeItems.ItemParams],
  ['narrative-amount-changes', narrativeItems.ItemParams],
  ['narrative-change-statements', narrativeItems.ItemParams],
  ['narrative-sections', narrativeItems.ItemParams],
  ['narrative-subject-codes', narrativeItems.ItemParams],
  ['narrative-amounts', narrative.NarrativeParams],
  ['narrative-shares', narrative.SharesParams],
  ['narrative-share-of-total', narrative.ShareOfTotalParams],
  ['narrative-named-changes', narrative.NamedChangeParams],
  ['cut-texts', narrative.CutTextParams],
  ['narrative-magnitudes', narrative.MagnitudeParams],
  ['repeated-paragraphs', narrative.RepeatedParagraphParams],
  ['document-titles', narrative.DocumentTitleParams],
  ['narrative-project-counts', narrative.ProjectCountParams],
  ['listed-names', nearMisses.ListParams],
  ['listed-items', nearMisses.ListItemParams],
  ['standard-wordings', nearMisses.WordingParams],
  ['target-budget-sum', targets.BudgetSumParams],
  ['target-budgets-total', targets.BudgetsTotalParams],
  ['target-list-totals', targets.ListTotalParams],
  ['target-categories', targets.CategoryParams],
  ['target-weights', targets.WeightParams],
  ['category-gaps', targets.CategoryGapParams],
  ['target-plan', targets.PlanParams],
  ['target-texts', targets.TextParams],
  ['indicators', targets.IndicatorParams],
  ['narrative-projects', targets.NarrativeProjectParams],
  ['target-text-amounts', targets.TextAmountParams],
  ['goal-indicator-values', targets.TextAmountParams],
]);
