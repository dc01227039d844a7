/** Parameter schemas of the narrative iterators: what the rule linter, the JSON Schema and the docs check params against. Loaded only when rule files are validated, never by a check. */
import { z } from 'zod';
import { TABLE_IDS } from '../../vocabulary.js';
import { RecognizedTableId, TableIdSchema } from './tables.js';

/** A regular expression a rule file writes (checked to compile, with the u flag the iterators use). */
export const Pattern = z
  .string()
  .min(1)
  .refine(
    (p) => {
      try {
        new RegExp(p, 'u');
        return true;
      } catch {
        return false;
      }
    },
    { message: 'not a valid regular expression / 不是有效的正则表达式' },
  );

const StatedRow = z
  .object({
    key: z.string().optional(),
    orKey: z.string().optional().describe('表中没有 key 这一行时用的行（如江苏的“支出合计”、上海的“支出总计”） / the row to use when the table has no row of `key` (Jiangsu’s 支出合计, Shanghai’s 支出总计)'),
    side: z.string().optional(),
    total: z.literal(true).optional(),
  })
  .strict();

export const Statement = z
  .object({
    name: z.object({ 'zh-CN': z.string(), en: z.string() }).strict(),
    pattern: Pattern.describe('正则表达式：第 1 组为金额，第 2 组（可选）为单位 / regex: group 1 the amount, optional group 2 the unit'),
    table: RecognizedTableId,
    column: z.string(),
    row: StatedRow.default({}),
    codes: z
      .array(z.string().regex(/^\d{3}(\d{2}){0,2}$/))
      .min(1)
      .optional()
      .describe('不按行而按科目：表中这些编码行之和（人员经费 = 301 + 303） / instead of a row, the sum of these codes’ rows (人员经费 = 301 + 303)'),
    instead: z
      .array(z.object({ table: RecognizedTableId, column: z.string() }).strict())
      .min(1)
      .optional()
      .describe(
        '按科目（codes）核对时，工作簿中没有含这些编码的 table 表，就用其中第一张含这些编码的表的这一列（深圳的模板没有基本支出表，按经济分类的一般公共预算支出表的“基本支出”列即是） / with `codes`: where no `table` of the workbook holds those codes, this column of the first of these tables that does (深圳’s template has no 基本支出 table: its general budget table by economic subject, column 基本支出, stands for it)',
      ),
    plus: z
      .array(z.object({ table: RecognizedTableId, column: z.string() }).strict())
      .min(1)
      .optional()
      .describe(
        '按科目（codes）核对时，这些表中同样编码的行也加上；工作簿缺其中任何一张表时不核对（广州的委托业务费 = 基本支出表的 30227 + 项目支出表的 30227） / with `codes`: the same codes’ rows in these tables are added too; not checked where the workbook lacks any of them (广州’s 委托业务费 = 30227 of the basic table + 30227 of the project table)',
      ),
    unlessColumn: z
      .string()
      .optional()
      .describe('表中有此列时不用这一条（由读这一列的那一条核对） / not used where the table has this column (the statement reading it checks the figure)'),
    orEquals: z
      .array(
        z.union([
          z.object({ table: RecognizedTableId, column: z.string(), row: StatedRow }).strict(),
          z
            .object({ table: RecognizedTableId, column: z.string(), rows: z.array(StatedRow).min(2).describe('这些行之和 / the sum of these rows') })
            .strict(),
          z
            .object({
              table: RecognizedTableId,
              column: z.string(),
              codes: z
                .array(z.string().regex(/^\d{3}(\d{2}){0,2}$/))
                .min(1)
                .describe('这些编码行之和，在第一张含这些编码的此类表中 / the sum of these codes’ rows, in the first such table that holds them'),
            })
            .strict(),
        ]),
      )
      .min(1)
      .optional()
      .describe(
        '文中数字也可能指的单元格（或几行之和）：与其中之一相符即不报告（如“支出预算”既可指本年支出合计，也可指含年终结转结余的支出总计） / other cells (or sums of rows) the figure may speak of: it holds when it equals one of them (“支出预算” may be this year’s spending or the 支出总计 that includes the balance carried forward)',
      ),
    totalRowColumns: z
      .array(z.string())
      .min(1)
      .optional()
      .describe(
        '表中没有这一行时，到合计行的这些列中找（取表中有的第一列；表中按资金来源分列时为这几列之和，见词汇表的 parts）：横排的表每项一列、只有一行金额；竖表没有“三公”经费小计行时合计行即是 / when the table has no row of that key, the total row in the first of these columns the table has (the sum of its fund columns where the table splits it: the vocabulary’s parts): a table laid out across has one column per item and one row of amounts; a vertical one with no 小计 row has its total there',
      ),
    unlessBefore: Pattern.optional().describe(
      '段中金额之前的文字与此相符时，这个数说的是别的（段首是一个科目及其金额：“对个人和家庭的补助（303）100151.38万元,其中：人员经费138.06万元”“社会福利（20810）18,571.74万元……具体为：人员经费…”是该科目的人员经费；同一句中“机关运行经费……其中：公务接待费2万元”是机关运行经费的一项），不核对 / where the text of the paragraph before the figure matches this, the figure is of something else (a paragraph opening with one subject and its amount gives that subject’s personnel costs; 公务接待费 in the same sentence’s 其中 list under 机关运行经费 is a part of it) and is not checked',
    ),
    relation: z.enum(['eq', 'le']).default('eq'),
    emptyIsZero: z
      .boolean()
      .default(false)
      .describe(
        '表印为空表（无数据行）时按 0 核对，文中写了金额即指出，不提出改法 / a table printed empty (no rows) holds 0: a figure the narrative gives is named, with no value proposed',
      ),
    note: z
      .object({ 'zh-CN': z.string(), en: z.string() })
      .strict()
      .optional()
      .describe('不符时附在提示后的一句（{{note}}），说明可能的原因或该怎么改 / a sentence added to the message ({{note}}) where the figure disagrees: what may be behind it, what to do'),
    suggest: z
      .boolean()
      .default(true)
      .describe(
        'false：文中数字可能无误而所说的范围不全（如“实现了绩效目标的全覆盖……涉及预算资金X”），只指出不符，不建议改为何值 / false: the figure may be right and what it claims incomplete (full coverage of performance targets “involving X”): the mismatch is named, no value suggested',
      ),
  })
  .strict()
  .refine((s) => s.instead === undefined || s.codes !== undefined, {
    message: 'instead 只用于按科目（codes）核对的一条 / `instead` goes only with `codes`',
    path: ['instead'],
  })
  .refine((s) => s.plus === undefined || s.codes !== undefined, {
    message: 'plus 只用于按科目（codes）核对的一条 / `plus` goes only with `codes`',
    path: ['plus'],
  });

export const NarrativeParams = z.object({ statements: z.array(Statement).min(1) }).strict();

export const SharesParams = z
  .object({
    pattern: Pattern.describe('正则表达式，一段中每一项匹配一次：第 1 组为金额，第 2 组为单位（可空，默认万元），第 3 组为占比（%） / regex matched once per part: group 1 the amount, group 2 the unit (may be empty: 万元), group 3 the share (%)'),
    parts: z
      .number()
      .int()
      .min(2)
      .optional()
      .describe(
        '整体由几项组成：一段中恰好写了这么多项时，以各项之和为分母；不写时，一段中写的各项占比相加为 100% 就以各项之和为分母 / how many parts make the whole: only a paragraph stating that many is judged, against their sum; omitted: a paragraph whose stated shares add up to 100% is',
      ),
  })
  .strict();

/** A pattern holding these named groups (the figures a statement is read by). */
function patternWithGroups(...names: string[]) {
  return Pattern.refine(
    (p) => {
      try {
        const groups = new RegExp(`${p}|`, 'u').exec('')?.groups;
        return groups !== undefined && names.every((n) => n in groups);
      } catch {
        return false;
      }
    },
    {
      message: `needs the named groups ${names.map((n) => `(?<${n}>…)`).join(' and ')} / 须有命名组 ${names.map((n) => `(?<${n}>…)`).join(' 和 ')}`,
    },
  );
}

export const ShareOfTotalParams = z
  .object({
    pattern: patternWithGroups('amount', 'share').describe(
      '正则表达式：命名组 amount 为金额，unit（可选）为单位（默认万元），share 为占比（%），其余文字写明这是哪一个总数的占比 / regex: the named group amount is the amount, unit (optional) its unit (万元 when absent), share the share (%); the rest of it names the total',
    ),
    totals: z
      .array(z.object({ table: z.enum(TABLE_IDS), column: z.string(), row: StatedRow }).strict())
      .min(1)
      .describe('文中所说的总数可能指的单元格：与其中之一相符即不报告 / the cells the named total may mean: the share holds when it agrees with one of them'),
  })
  .strict();

export const ProjectCountParams = z
  .object({
    patterns: z
      .array(
        patternWithGroups('count', 'amount').describe(
          '正则表达式，命名组 count 为项目个数，amount 为金额，unit（可选）为单位（默认万元），fiscal（可选）为其中的财政拨款 / regex: the named group count is the number of projects, amount the amount, unit (optional) its unit (万元 when absent), fiscal (optional) the 财政拨款 within it',
        ),
      )
      .min(1),
    listings: z
      .array(
        z
          .object({
            table: TableIdSchema.describe('逐行列示项目的表；performance-target 指各项目绩效目标表，一张表一个项目 / a table listing projects by row; performance-target means the project target tables, one project each'),
            columns: z
              .array(z.string())
              .min(1)
              .describe('文中金额可能指的金额列，先写的优先（建议值取第一列） / the amount columns the figure may speak of, first preferred (a suggested value comes from the first)'),
            fiscalColumns: z
              .array(z.string())
              .min(1)
              .optional()
              .describe(
                '正则的可选命名组 fiscal（“其中财政拨款Y万元”）可能指的金额列 / the amount columns the pattern’s optional named group fiscal (“其中财政拨款Y万元”) may speak of',
              ),
          })
          .strict(),
      )
      .min(1)
      .describe(
        '逐项目列示的表：只有恰好列了文中个数的项目的表才拿来核对 / tables listing projects one per row: only one listing exactly as many projects as the sentence says is held against it',
      ),
  })
  .strict();

export const NamedChangeParams = z
  .object({
    pattern: patternWithGroups('name', 'direction', 'amount').describe(
      '正则表达式：命名组 name 为经费或专项的名称，direction 为增减（增加、减少、压减），amount 为金额（万元） / regex: the named group name is the fund or project named, direction the change (增加, 减少, 压减), amount the amount (万元)',
    ),
    broadNames: z
      .array(z.string().min(1))
      .describe(
        '泛指一类经费的名称（人员经费、公用经费等）：不同段落说的是不同范围，不相互比较 / names of a kind of spending rather than one fund (人员经费, 公用经费): paragraphs speak of different scopes, so they are not compared',
      ),
  })
  .strict();

export const CutTextParams = z
  .object({
    minLength: z.number().int().min(1).describe('只看至少这么长的文字（不计空白） / only texts at least this long (white space aside)'),
    minMore: z.number().int().min(1).describe('另一格至少多出的字数 / how many more characters the other text must have'),
    endings: z
      .array(Pattern)
      .min(1)
      .describe('写完了的文字的结尾（正则，如句末标点、“表”字结尾的表名） / how a finished text ends (regular expressions: a sentence’s closing mark, a table title ending in 表)'),
  })
  .strict();

export const RepeatedParagraphParams = z
  .object({
    minLength: z.number().int().min(1).describe('只看至少这么长的段落（不计空白和编号） / only paragraphs at least this long (white space and numbering aside)'),
  })
  .strict();

export const MagnitudeParams = z.object({}).strict();

export const HeadingNumberParams = z
  .object({
    levels: z
      .array(Pattern.describe('一级标题的正则，第 1 组为其中文编号（如 一、 中的“一”） / a regex for a heading of the level, group 1 its Chinese numeral (一 in 一、)'))
      .min(1)
      .describe('标题的各级，从高到低：某一级的标题使其下各级重新编号 / the levels of heading, highest first: a heading starts the levels below it afresh'),
    maxLength: z.number().int().min(1).describe('只看不超过这么长的文字（标题或以编号开头的段落） / only texts at most this long (a heading, or a paragraph opening with its number)'),
  })
  .strict();

export const IntroducedNameParams = z
  .object({
    introduction: z
      .string()
      .min(1)
      .describe('引出简称的正则，第 1 组为全称（如“北京市城市管理综合行政执法局（以下简称…）”中的单位名称） / a regex introducing a short name, group 1 the full name (the department in “…局（以下简称…）”)'),
    minLength: z.number().int().min(1).describe('全称至少这么长才比较 / compare full names at least this long'),
  })
  .strict();

export const DocumentTitleParams = z
  .object({
    documentNumber: z.string().min(1).describe('文号的正则（如 粤财工【2024】156号 中的【2024】156号） / a regex for a document number (【2024】156号 in 粤财工【2024】156号)'),
    maxLength: z.number().int().min(1).describe('只看不超过这么长的文字（名称，不是段落） / only texts at most this long (names, not paragraphs)'),
    minTitleLength: z.number().int().min(1).describe('文号后的标题至少这么长才比较 / compare titles after the number at least this long'),
  })
  .strict();

export const BlockChangeParams = z
  .object({
    table: RecognizedTableId.describe('印有上年栏组的表（西安的“三公”经费表：上年 | 本年 | 增减变化情况） / the table printing an earlier year’s block beside this year’s (西安’s 三公 table: 上年 | 本年 | 增减变化情况)'),
    items: z
      .array(
        z
          .object({
            name: z.object({ 'zh-CN': z.string(), en: z.string() }).strict(),
            pattern: Pattern.describe(
              '说明中这一项的增减句：命名组 direction（增加、减少……）、amount、unit（万元或元；没有单位的句子不核对） / the narrative’s sentence of this item’s change: named groups direction (增加, 减少 …), amount and unit (万元 or 元; a sentence without a unit is not checked)',
            ),
            column: z.string().describe('表中这一项的列（表中按资金来源分列时为这几列之和，见词汇表的 parts） / the item’s column in the table (the sum of its fund columns where the table splits it: the vocabulary’s parts)'),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();
