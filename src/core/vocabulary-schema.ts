/** The vocabulary files' shape (zod, also the JSON Schema) and their validation; loaded only by the linter. */
import { z } from 'zod';
import { didYouMean } from './suggest.js';
import { normalizeLabel } from './text.js';
import type { Vocabulary } from './vocabulary.js';
import { OPTIONAL_TABLE_IDS, TABLE_IDS } from './vocabulary.js';
import { flattenIssues, jsonPath, REPORT_INPUT, schemaKeysAt } from './zod-issues.js';

const keywords = z.array(z.string().min(1)).min(1);

/** Matches normalised text: every word in `all`, none in `none`; or the whole text equal to `exact`. */
export const TextMatcher = z
  .object({
    all: keywords.optional().describe('每个词都必须出现 / every word must appear'),
    none: keywords.optional().describe('任何一个词都不能出现 / none of these words may appear'),
    exact: z.string().min(1).optional().describe('整个文本必须等于此值 / the whole text must equal this'),
    leaf: keywords
      .optional()
      .describe(
        '只用于列：表头最下一格须含其中一个词（深圳“三公”经费表各项下分列的“一般公共预算”） / columns only: the lowest header cell must hold one of these words (the 一般公共预算 under each expense of 深圳’s 三公 table)',
      ),
  })
  .strict()
  .refine((m) => m.all !== undefined || m.exact !== undefined, { message: 'a matcher needs "all" or "exact" / 匹配条件需要 "all" 或 "exact"' });
export type TextMatcher = z.infer<typeof TextMatcher>;

export const ColumnRole = z
  .object({
    role: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/, 'a role is a camelCase name / 角色名须为英文驼峰'),
    kind: z.enum(['sequence', 'code', 'code-class', 'code-section', 'code-item', 'label', 'amount', 'text']),
    name: z.object({ 'zh-CN': z.string(), en: z.string() }).strict(),
    match: z.array(TextMatcher).min(1),
    parts: z
      .array(z.string())
      .min(2)
      .optional()
      .describe(
        '表中没有这一列、而按资金来源分列时，这几列之和即是它（深圳的“三公”表：每项分一般公共预算、政府性基金、国有资本经营三列） / where the table has no such column but splits it by fund, the sum of these columns is it (深圳’s 三公 table: each expense in a general budget, a government fund and a state capital column)',
      ),
    notOfWhich: z
      .boolean()
      .optional()
      .describe(
        '表头在单独的“其中”之下时不读作此列：那时它是左边金额的一部分，不是另一个加数（北京 2026 支出总表的“其中”事业单位经营支出） / not read under a heading that is “其中” alone: there it is part of an amount to its left, not another addend (北京 2026’s 支出总表: 其中 事业单位经营支出)',
      ),
  })
  .strict();
export type ColumnRole = z.infer<typeof ColumnRole>;

export const RowLabel = z
  .object({
    key: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/),
    /** Which label column the text is read from (e.g. incomeItem or expenseItem in a two-sided table). */
    column: z.string(),
    match: z.array(TextMatcher).min(1),
    /** For two-sided summaries: the functional class code this row stands for. */
    code: z.string().regex(/^\d{3}$/).optional(),
    /** Only below a row of this key in the same column: 收入合计 after 上年结转 is the grand total, above it the year's. */
    after: z.string().optional(),
    notOfWhich: z
      .boolean()
      .optional()
      .describe(
        '以“其中”开头的行不读作此行：那时它是上一行的一部分，不是另一个加数（西安 2022 收支总表“3、事业收入”下的“其中：纳入财政专户管理的收费”） / a line opening with 其中 does not take this key: there it is part of the line above, not another addend (西安 2022’s 收支总表: 其中：纳入财政专户管理的收费 under 3、事业收入)',
      ),
  })
  .strict();
export type RowLabel = z.infer<typeof RowLabel>;

export const TableVocabulary = z
  .object({
    id: z.enum([...TABLE_IDS, ...OPTIONAL_TABLE_IDS, 'performance-target']),
    name: z.object({ 'zh-CN': z.string(), en: z.string() }).strict(),
    kind: z
      .enum(['coded', 'two-sided', 'labelled', 'form', 'performance-target'])
      .describe(
        'coded 按科目编码；two-sided 收支两栏；labelled 按行标签；form 表单：标签与金额并排、一行一项（部门整体支出绩效目标表的“资金总额 | 8200.95”），行标签即各项；performance-target 项目绩效目标表 / coded by subject code; two-sided income and expense; labelled by row label; form: label and amount side by side, one field to a row (the row labels are the fields); performance-target project target forms',
      ),
    codeSystem: z.enum(['functional', 'economic']).optional(),
    title: z.array(TextMatcher).min(1),
    /** Roles that must be found for the table to be usable. */
    required: z.array(z.string()).default([]),
    columns: z.array(ColumnRole).default([]),
    rows: z.array(RowLabel).default([]),
    /** A coded table whose rows may be listed without codes (政府采购预算表 by category): no code column is no problem. */
    codesOptional: z.boolean().default(false),
    /** A table allowed to be empty when it carries a note such as 空表列示. */
    mayBeEmpty: z.boolean().default(false),
    totalExpected: z
      .boolean()
      .default(false)
      .describe(
        '表中应有合计行（其各项之和与表间核对都从合计行出发）；有金额却读不出合计行时提示哪些核对未进行 / the table has a total row (its sums and the ties to other tables start from it): with amounts and no total row found, a note says which checks did not run',
      ),
    unitRowTotal: z
      .boolean()
      .default(false)
      .describe(
        '没有合计行时，表头上方“部门名称：X”所写单位 X 的那一行即为合计（深圳的基本支出总表、项目支出总表：一个单位，其下列各支出类别或各项目） / with no total row, the row of the unit the line above the header names (部门名称：X) is the total (深圳 基本支出总表 and 项目支出总表: one unit, its kinds of spending or its projects below it)',
      ),
    latestYearRows: z
      .boolean()
      .default(false)
      .describe(
        '“年度”列逐行列出几年（深圳的“三公”表：2025年、2026年、增减变化金额）时，只有最近一年的行是本表的行，只剩一行时即为合计；上年和增减各行不参与本年的核对 / where a 年度 column prints several years row by row (深圳’s 三公 table: 2025年, 2026年, 增减变化金额), only the latest year’s rows are the table’s (one left is its total); the earlier year’s and the change take no part in this year’s checks',
      ),
  })
  .strict();
export type TableVocabulary = z.infer<typeof TableVocabulary>;

/**
 * The words the performance-indicator checks read (项目绩效目标表): categories, units, rate words. One
 * list for every indicator rule, so a unit added here is known to all of them.
 */
export const IndicatorVocabulary = z
  .object({
    categories: z.record(z.string(), z.array(z.string())).describe('一级指标 → 其下的二级指标 / level-1 → its level-2 categories'),
    quantitative: z.array(z.string()).describe('须量化的二级指标 / level-2 categories whose values must be quantities'),
    quantityExamples: z
      .record(z.string(), z.string())
      .default({})
      .describe('须量化的二级指标 → 消息中举的写法（满意度指标举“≥90%”，不举“≥100人”） / a quantitative level-2 category → the example its messages give (≥90% for satisfaction, not ≥100人)'),
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
    floorWords: z
      .array(z.string())
      .default([])
      .describe('越多越好的效益指标的词（受益、惠及……），其下限（≥）是本意，上限（≤）则无人受益也算达标 / words of benefit indicators where more is better (受益, 惠及 …): a floor (≥) is meant, and with a ceiling (≤) nobody benefiting would meet it'),
    spendingWords: z
      .array(z.string())
      .default([])
      .describe(
        '支出的词（电费、取暖费、支出……）：名称以括号注明金额单位（“电费(万元)”）而指标值只写数字的，是支出的上限（≤），不是下限 / words of spending (电费, 取暖费, 支出 …): a bare value under a name that gives a money unit in brackets (“电费(万元)”) is a spending ceiling (≤), not a floor',
      ),
    costCategory: z.string().default('成本指标').describe('成本指标的名称 / the name of the cost category'),
    wholeCostWords: z
      .array(z.string())
      .default([])
      .describe(
        '成本指标名称中表示项目全部投入的词（项目总成本、财政投入总数……；分项成本、运维费、人均标准不是） / words of a cost indicator’s name that make it the project’s whole input (项目总成本, 财政投入总数 …; not a part’s cost, upkeep or a per-head rate)',
      ),
  })
  .strict();
export type IndicatorVocabulary = z.infer<typeof IndicatorVocabulary>;

export const VocabularyFile = z
  .object({
    $schema: z.string().optional(),
    description: z.string().optional(),
    tables: z.array(TableVocabulary).default([]),
    /** The performance-indicator words; a later file's replace an earlier's. */
    indicators: IndicatorVocabulary.optional(),
    /** Words that mark a row between the title and the header as metadata (unit, year, unit name). */
    metaRow: z.array(TextMatcher).default([]),
    /** Words that mark a row as a note attached to the table above (注：…). */
    noteRow: z.array(TextMatcher).default([]),
    /** Label text of grand-total rows in coded tables. */
    totalRow: z.array(TextMatcher).default([]),
    /**
     * The economic classification's subjects by code (类 and 款), as the government classification
     * names them: the standard names a table's names are held against, and the codes of a table that
     * prints names without codes (杭州 2026's 基本支出表).
     */
    economicSubjects: z
      .record(z.string().regex(/^\d{3}(\d{2})?$/), z.string().min(1))
      .optional()
      .describe('经济分类科目编码 → 标准名称 / economic subject code → its standard name'),
    /**
     * The functional classification's subjects by code (类, 款 and 项), as published budgets name them:
     * the codes of a table that prints its subjects by name alone (杭州 2026's 支出总表 and 一般公共预算
     * 支出表), read as an outline. scripts/functional-subjects.ts gathers them from the corpus.
     */
    functionalSubjects: z
      .record(z.string().regex(/^2\d{2}(\d{2}){0,2}$/), z.string().min(1))
      .optional()
      .describe('功能分类科目编码 → 名称 / functional subject code → its name'),
  })
  .strict();
export type VocabularyFile = z.infer<typeof VocabularyFile>;


export interface VocabularyProblem {
  file: string;
  path: string;
  keys: PropertyKey[];
  message: string;
  onKey?: boolean;
}

/** Validates parsed vocabulary files (a later file's table replaces one with the same id). */
export function checkVocabulary(files: { file: string; json: unknown }[]): { vocab: Vocabulary; problems: VocabularyProblem[] } {
  const vocab: Vocabulary = { tables: new Map(), metaRow: [], noteRow: [], totalRow: [] };
  const problems: VocabularyProblem[] = [];
  const problem = (file: string, keys: PropertyKey[], message: string, onKey = false) => problems.push({ file, path: jsonPath(keys), keys, message, ...(onKey && { onKey }) });
  for (const { file, json } of files) {
    const parsed = VocabularyFile.safeParse(json, REPORT_INPUT);
    if (!parsed.success) {
      for (const i of flattenIssues(parsed.error.issues, [], (path) => schemaKeysAt(VocabularyFile, path))) problem(file, i.path, i.message, i.onKey);
      continue;
    }
    parsed.data.tables.forEach((t, ti) => {
      normalizeTable(t);
      const roles = t.columns.map((c) => c.role);
      t.required.forEach((r, ri) => {
        if (!roles.includes(r)) problem(file, ['tables', ti, 'required', ri], `未定义的列角色“${r}” / “${r}” is not a column role of this table${didYouMean(r, roles)}`);
      });
      t.columns.forEach((c, ci) =>
        c.parts?.forEach((r, pi) => {
          if (!roles.includes(r)) problem(file, ['tables', ti, 'columns', ci, 'parts', pi], `未定义的列角色“${r}” / “${r}” is not a column role of this table${didYouMean(r, roles)}`);
        }),
      );
      const labelRoles = t.columns.filter((c) => c.kind === 'label').map((c) => c.role);
      t.rows.forEach((row, ri) => {
        if (!labelRoles.includes(row.column)) problem(file, ['tables', ti, 'rows', ri, 'column'], `“${row.column}”不是本表的标签列 / “${row.column}” is not a label column of this table${didYouMean(row.column, labelRoles)}`);
      });
      vocab.tables.set(t.id, t);
    });
    if (parsed.data.indicators) vocab.indicators = parsed.data.indicators;
    if (parsed.data.economicSubjects) vocab.economicSubjects = { ...vocab.economicSubjects, ...parsed.data.economicSubjects };
    if (parsed.data.functionalSubjects) vocab.functionalSubjects = { ...vocab.functionalSubjects, ...parsed.data.functionalSubjects };
    vocab.metaRow.push(...parsed.data.metaRow.map(normalizeMatcher));
    vocab.noteRow.push(...parsed.data.noteRow.map(normalizeMatcher));
    vocab.totalRow.push(...parsed.data.totalRow.map(normalizeMatcher));
  }
  return { vocab, problems };
}

/** Maintainers may write full-width punctuation or spaces; matching compares normalised forms. */
function normalizeMatcher(m: TextMatcher): TextMatcher {
  return {
    ...(m.all && { all: m.all.map(normalizeLabel) }),
    ...(m.none && { none: m.none.map(normalizeLabel) }),
    ...(m.exact !== undefined && { exact: normalizeLabel(m.exact) }),
    ...(m.leaf && { leaf: m.leaf.map(normalizeLabel) }),
  };
}

function normalizeTable(t: TableVocabulary): void {
  t.title = t.title.map(normalizeMatcher);
  for (const c of t.columns) c.match = c.match.map(normalizeMatcher);
  for (const r of t.rows) r.match = r.match.map(normalizeMatcher);
}

