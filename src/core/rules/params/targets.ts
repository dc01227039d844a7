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
    categories: z.record(z.string(), z.array(z.string())).describe('一级指标 → 其下的二级指标 / level-1 → its level-2 categories'),
    quantitative: z.array(z.string()).describe('须量化的二级指标 / level-2 categories whose values must be quantities'),
    units: z.array(z.string()).describe('认可的计量单位 / accepted units'),
    rateWords: z.array(z.string()).describe('表示比率、完成度或满意度的词 / words that mark a rate, completion or satisfaction'),
    ceilingWords: z
      .array(z.string())
      .default([])
      .describe('越低越好的指标的词（事件发生率、差错、投诉……），其上限（≤）是本意 / words of indicators where less is better (incident rates, errors, complaints …): their ceiling (≤) is meant'),
    ceilingUnless: z
      .array(z.string())
      .default([])
      .describe('与上一项同现时仍是越高越好（投诉处理率、故障修复率） / words that, beside those, make it more-is-better again (complaints handled, faults repaired)'),
    costCategory: z.string().default('成本指标'),
    report: z.enum(['value', 'level3', 'level2', 'level1', 'basis']).describe('报告在哪一格 / which cell the finding is on'),
    offerFix: z.boolean().default(false).describe('把建议写法作为修正（不安全修正） / offer the suggested wording as an (unsafe) fix'),
  })
  .strict();

export const BudgetSumParams = z.object({}).strict();
