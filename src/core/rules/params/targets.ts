/** Parameter schemas of the targets iterators: what the rule linter, the JSON Schema and the docs check params against. Loaded only when rule files are validated, never by a check. */
import { z } from 'zod';

export const BudgetsTotalParams = z
  .object({
    table: z.enum(['expense-summary', 'general-budget-expense']),
    column: z.string(),
  })
  .strict();

export const CategoryParams = z
  .object({
    required: z.record(z.string(), z.array(z.string())).describe('一级指标 → 必须有的二级指标 / level-1 category → required level-2 categories'),
  })
  .strict();

export const PlanParams = z
  .object({ report: z.enum(['decrease', 'end']).describe('报告在下降的那一格，或最后一格 / report on the cell where it decreases, or on the last cell') })
  .strict();

export const TextParams = z.object({ report: z.enum(['purpose', 'goal']).describe('报告在资金用途格还是年度绩效目标格 / the purpose or the goal cell') }).strict();

export const IndicatorParams = z
  .object({
    report: z.enum(['value', 'level3', 'level2', 'level1', 'basis']).describe('报告在哪一格 / which cell the finding is on'),
    offerFix: z.boolean().default(false).describe('把建议写法作为修正（不安全修正） / offer the suggested wording as an (unsafe) fix'),
  })
  .strict();

export const BudgetSumParams = z.object({}).strict();
