/** Parameter schemas of the targets iterators: what the rule linter, the JSON Schema and the docs check params against. Loaded only when rule files are validated, never by a check. */
import { z } from 'zod';
import { Pattern } from './narrative.js';

export const BudgetsTotalParams = z
  .object({
    table: z.enum(['expense-summary', 'general-budget-expense']),
    column: z.string(),
    relation: z
      .enum(['eq', 'ge', 'auto'])
      .default('eq')
      .describe(
        'eq：每个项目都公开绩效目标表，项目支出等于各表预算数之和；ge：只公开部分项目的（重点项目、一级项目），项目支出不少于各表之和；auto：两者相符（在舍入之内）即是全部公开，按 eq，否则按 ge / eq: every project publishes its target table, so 项目支出 equals their budgets’ sum; ge: only some do (key projects, first-level ones), so 项目支出 is at least that sum; auto: eq where the two agree as published (within rounding: every project published), ge otherwise',
      ),
  })
  .strict();

export const CategoryParams = z
  .object({
    required: z.record(z.string(), z.array(z.string())).describe('一级指标 → 必须有的二级指标；以“|”隔开的几个有其一即可 / level-1 category → required level-2 categories; several separated by “|” are alternatives, any one will do'),
    besideSiblings: z
      .array(z.string())
      .default([])
      .describe('这些一级指标，同一张工作表上至少两个其他项目设有时，本项目也应有（事实 lackedBesideSiblings） / level-1 categories a project should have where at least two other projects on its sheet have them (fact lackedBesideSiblings)'),
  })
  .strict();

export const PlanParams = z
  .object({ report: z.enum(['decrease', 'end']).describe('报告在下降的那一格，或最后一格 / report on the cell where it decreases, or on the last cell') })
  .strict();

export const TextParams = z.object({ report: z.enum(['purpose', 'goal']).describe('报告在资金用途格还是年度绩效目标格 / the purpose or the goal cell') }).strict();

export const IndicatorParams = z
  .object({
    report: z
      .enum(['value', 'unit', 'level3', 'level2', 'level1', 'basis'])
      .describe('报告在哪一格（unit：表中另有计量单位一栏且已填写时报告在那一格，否则在指标值格） / which cell the finding is on (unit: the unit column’s cell where the form has one and it is filled, else the value’s)'),
    offerFix: z.boolean().default(false).describe('把建议写法作为修正（不安全修正） / offer the suggested wording as an (unsafe) fix'),
    forms: z
      .enum(['projects', 'all'])
      .default('projects')
      .describe(
        'projects：只看项目绩效目标表；all：部门整体支出绩效目标表的指标也看（只适合只看指标本身的规则，不适合比较项目预算或其他项目的规则） / projects: the project target forms only; all: the department-wide form’s indicators too (for rules that judge an indicator by itself, not against a project’s budget or other projects)',
      ),
  })
  .strict();

export const BudgetSumParams = z.object({}).strict();

export const WeightParams = z.object({}).strict();

export const CategoryGapParams = z
  .object({
    missing: z
      .enum(['level2', 'level1'])
      .default('level2')
      .describe('level2：一级指标之下空着的二级指标；level1：空着的一级指标（其下二级指标所属的一级指标作为建议） / level2: a blank 二级指标 under its 一级指标; level1: a blank 一级指标 (the one its 二级指标 belong to suggested)'),
  })
  .strict();

export const OverallIndicatorParams = z.object({}).strict();

export const ListTotalParams = z.object({}).strict();

export const NarrativeProjectParams = z
  .object({
    between: Pattern.describe('项目名称与金额之间允许的文字（正则，如“预算”“安排”“为”）；其他文字隔开的金额不是该项目的预算数 / what may stand between the project name and its amount (a regex: 预算, 安排, 为); an amount separated by anything else is not the project’s budget'),
  })
  .strict();

export const TextAmountParams = z.object({}).strict();
