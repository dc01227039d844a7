/**
 * The rule file format (rules/*.json), validated with zod. zod also generates rules/schema.json, which
 * editors use for autocompletion.
 */
import { z } from 'zod';
import { FAMILIES } from './families.js';

export const Localized = z
  .object({
    'zh-CN': z.string().min(1).describe('中文（默认显示） / Chinese, shown by default'),
    en: z.string().min(1).describe('English'),
  })
  .strict();

export const OPERATORS = [
  'equal',
  'notEqual',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
  /** The fact's text matches the regular expression given as the value. */
  'matches',
] as const;

const Primitive = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const Condition = z
  .object({
    fact: z.string().min(1).describe('要比较的事实名 / the fact to compare'),
    operator: z.enum(OPERATORS),
    value: z.union([Primitive, z.array(Primitive), z.object({ fact: z.string().min(1) }).strict()]),
  })
  .strict();

export type TopLevelCondition =
  | { all: NestedCondition[] }
  | { any: NestedCondition[] }
  | { not: NestedCondition };
export type NestedCondition = z.infer<typeof Condition> | TopLevelCondition;

export const NestedCondition: z.ZodType<NestedCondition> = z.lazy(() => z.union([Condition, TopLevelCondition]));
export const TopLevelCondition: z.ZodType<TopLevelCondition> = z.lazy(() =>
  z.union([
    z.object({ all: z.array(NestedCondition).min(1) }).strict(),
    z.object({ any: z.array(NestedCondition).min(1) }).strict(),
    z.object({ not: NestedCondition }).strict(),
  ]),
);

/** A few rows of one or more sheets, enough to hold a table or two: the input of a rule test. */
export const Snippet = z
  .object({
    sheets: z
      .array(
        z
          .object({
            name: z.string().min(1),
            rows: z.array(z.array(z.union([z.string(), z.number(), z.null()]))),
            merges: z.array(z.string()).optional(),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();
export type Snippet = z.infer<typeof Snippet>;

const A1 = z.string().regex(/^[A-Z]{1,3}\d+$/, 'an A1 address / A1 单元格地址');
const SheetCell = z.string().regex(/^.+![A-Z]{1,3}\d+$/, 'a sheet and cell: 表3!E12 / 工作表!单元格');

/** What an invalid case expects, as ESLint's RuleTester does: the place, and as much of the rest as the maintainer states. */
export const ExpectedFinding = z
  .object({
    sheet: z.string().min(1),
    cell: A1,
    message: z.string().min(1).optional().describe('完整的提示文字（中文） / the whole message, in Chinese'),
    severity: z.enum(['error', 'warning', 'info']).optional().describe('报告的严重程度 / the severity reported'),
    related: z.array(SheetCell).optional().describe('相关单元格，如 ["表3!C5"]（顺序不限） / the related cells, in any order'),
    fix: z.union([z.number(), z.string(), z.null()]).optional().describe('建议值；null 表示不应给出建议值 / the value the fix should propose; null: no value should be proposed'),
    fixSafety: z.enum(['safe', 'unsafe', 'display-only']).optional().describe('修正的安全级别 / how safe the fix is'),
    candidates: z.array(SheetCell).optional().describe('无法确定时列出的候选单元格 / the candidate cells named when the checker cannot tell'),
  })
  .strict();
export type ExpectedFinding = z.infer<typeof ExpectedFinding>;

const Catalogue = z
  .boolean()
  .optional()
  .describe('与整个规则目录一起运行（核对完整检查时的结果） / run with the whole catalogue, as a real check does');

export const RuleTests = z
  .object({
    valid: z.array(z.object({ name: z.string(), workbook: Snippet, catalogue: Catalogue }).strict()).default([]),
    invalid: z
      .array(z.object({ name: z.string(), workbook: Snippet, catalogue: Catalogue, findings: z.array(ExpectedFinding).min(1) }).strict())
      .default([]),
  })
  .strict();
export type RuleTests = z.infer<typeof RuleTests>;

export { FAMILIES, type Family } from './families.js';

export const RuleFile = z
  .object({
    $schema: z.string().optional(),
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a rule id is kebab-case / 规则编号用小写字母、数字和连字符'),
    family: z.enum(FAMILIES).describe('层级合计 hierarchy · 表间勾稽 tie · 三公经费 three-public · 绩效指标 performance · 格式 format'),
    severity: z.enum(['error', 'warning', 'info']).describe('error 必须修改 · warning 修改或说明 · info 提示'),
    title: Localized,
    description: Localized.describe('检查什么、为什么 / what it checks and why'),
    iterator: z.string().min(1).describe('逐项检查的对象，来自内置注册表 / what the rule iterates over, from the built-in registry'),
    params: z.record(z.string(), z.unknown()).default({}),
    conditions: TopLevelCondition.describe('json-rules-engine 条件：满足时报告 / json-rules-engine conditions: a finding when they hold'),
    message: Localized.describe('可用 {{占位符}} / may use {{placeholders}}'),
    tests: RuleTests.default({ valid: [], invalid: [] }),
  })
  .strict();
export type RuleFile = z.infer<typeof RuleFile>;
