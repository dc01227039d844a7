/** Parameter schemas of the amounts iterators: what the rule linter, the JSON Schema and the docs check params against. Loaded only when rule files are validated, never by a check. */
import { z } from 'zod';
import { Pattern } from './narrative.js';
import { TableIdSchema } from './tables.js';

/** The amount columns a sum of rows is checked in (labelled-sums, list-totals, outline-totals). */
const SummedColumns = z.array(z.string()).min(1).describe('在哪些金额列上核对 / amount columns to check');

/** Params naming tables one entry each: the table, the amount columns summed in it, and what else the iterator reads of it. */
const summedTables = <Shape extends z.ZodRawShape>(shape: Shape) =>
  z.object({ tables: z.array(z.object({ table: TableIdSchema, columns: SummedColumns, ...shape }).strict()).min(1) }).strict();

export const HierarchyParams = z
  .object({ tables: z.array(TableIdSchema).min(1) })
  .strict();

export const RowIdentityParams = z
  .object({
    identities: z
      .array(
        z
          .object({
            table: TableIdSchema,
            total: z.string().describe('等号左边的列角色 / the column role on the left'),
            parts: z.array(z.string()).min(1).describe('相加的列角色 / the column roles added up'),
            side: z.string().optional().describe('两栏式表中用哪一栏的行名 / which label names the row in a two-sided table'),
            requires: z
              .array(z.string())
              .optional()
              .describe('只有这些列都在时才核对（其余组成列缺了视为 0） / check only when these columns are all present (other missing parts count as 0)'),
            without: z
              .array(z.string())
              .optional()
              .describe('只有这些列都不在时才核对（如没有“本年收入小计”列时，合计直接等于各项收入之和） / check only when none of these columns is present (with no 本年收入小计 column, the total is the sum of the incomes themselves)'),
            whenTotalNames: z
              .array(z.string().min(1))
              .min(1)
              .optional()
              .describe('只有合计列的表头写有其中某词时才核对（如“三公”经费合计） / check only a table whose total column’s header has one of these words (“三公”经费合计)'),
            unlessTotalNames: z
              .array(z.string().min(1))
              .min(1)
              .optional()
              .describe(
                '合计列的表头写有其中某词时不核对：表头说明它只合计一部分（如“三公”经费合计不含旁边的会议费、培训费） / skip a table whose total column’s header has one of these words: the header says it totals only some of the parts (“三公”经费合计 leaves out the 会议费 and 培训费 beside it)',
              ),
            withinParts: z
              .array(z.string())
              .min(1)
              .optional()
              .describe(
                '有的模板把这些列印作其他组成列的“其中”数（深圳 2026 的事业单位经营支出在基本支出、项目支出之内）：表中凡填了其中一列的行，都恰由其余组成列相加得合计时，本表不把它们加入 / parts some templates print within the others (深圳 2026: 事业单位经营支出 within 基本支出 and 项目支出): where every row filling one of them adds up to its total from the other parts alone, they are left out for that table',
              ),
          })
          .strict(),
      )
      .min(1),
    earlierYears: z
      .boolean()
      .optional()
      .describe(
        '本年各栏旁印有上年各栏时（西安 三公表：上年 | 当年 | 增减变化情况），每个等式在上年各栏中也核对 / where the table prints an earlier year’s block beside this year’s (西安’s 三公 table: 上年 | 当年 | 增减变化情况), each identity is checked within that block too',
      ),
  })
  .strict();

export const LabelledSumParams = z
  .object({
    sums: z
      .array(
        z
          .object({
            table: TableIdSchema,
            side: z.string().describe('行标签所在的列角色 / the label column whose row keys are used'),
            columns: SummedColumns,
            total: z.string().describe('合计行的行标签 / row key of the total'),
            totalSide: z
              .string()
              .optional()
              .describe(
                '合计行的行标签在另一列时（江苏的支出用途：合计行只在功能分类一侧写“当年支出小计”）：那一列的角色 / where the total row is labelled in another column (江苏’s 支出用途, whose total is labelled only on the functional side): that column’s role',
              ),
            parts: z.array(z.string()).min(1).describe('组成行的行标签；以 * 结尾表示前缀 / row keys of the parts; a trailing * is a prefix'),
            unless: z.string().optional().describe('表中有这一行时不核对此式（另一式已覆盖） / skip this sum when the table has this row (another sum covers it)'),
            requires: z
              .array(z.string())
              .min(1)
              .optional()
              .describe('表中这些行都在时才核对此式 / check this sum only when the table has all of these rows'),
            partsAbove: z
              .boolean()
              .optional()
              .describe(
                '组成行在合计行上下都有时，只计合计行以上的（烟台 2026 的收支总表把上级补助收入列在本年收入合计之下，它不属本年收入；合计印在最上、组成行都在其下的表照常） / where part rows stand both above and below the total, count only those above (烟台 2026 lists 上级补助收入 below 本年收入合计: it is no part of it; a total printed first with all its parts below is read as before)',
              ),
            headingWhenBlank: z
              .boolean()
              .optional()
              .describe(
                '合计行整行（各列）都空白时，它只是标题，不核对此式（西安 2019 收支总表的“一、部门预算”四栏皆空，本年收入合计照常填写） / a total row blank in every column of its row is a heading only, and the sum is not checked (西安 2019’s 收支总表 leaves “一、部门预算” blank on all four sides, its 本年收入合计 filled)',
              ),
            partsBelow: z
              .object({
                row: z.string().describe('以这一行为界 / the row that marks the boundary'),
                parts: z.array(z.string()).min(1).describe('列在界线行之下时才计入的组成行 / part rows counted only where they stand below it'),
              })
              .strict()
              .optional()
              .describe(
                '另有一些组成行，只有列在某一行之下时才属此合计（烟台 2026：本年收入合计之下的上级补助收入属于收入总计） / further parts that belong to this total only where they stand below a given row (烟台 2026: 上级补助收入 below 本年收入合计 is part of 收入总计)',
              ),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

export const OutlineSumParams = z
  .object({
    tables: z
      .array(
        z
          .object({
            table: TableIdSchema,
            side: z.string().describe('编了号的名称所在的列角色 / the label column whose names are numbered'),
            column: z.string().describe('与之对应的金额列 / the amount column beside it'),
            total: z
              .object({ side: z.string(), key: z.string() })
              .strict()
              .optional()
              .describe('这一列的合计行（另一列的行标签，如本年支出合计）：等于各一级编号行之和 / the total row of this column (a row key of another column, as 本年支出合计): the sum of the top-level lines'),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

export const YearBlockParams = z
  .object({
    tables: z.array(TableIdSchema).min(1).describe('印有上年、增减各栏的表 / the tables printing earlier-year and change blocks'),
  })
  .strict();

export const OutlineTotalParams = summedTables({
  top: z
    .object({
      column: z.string().describe('写大类的标签列 / the label column holding the categories'),
      pattern: Pattern.describe('大类名称（如“一、货物A”“服务”）；此列中其他名称（单位名称）是第二级 / a category’s name (一、货物A, 服务); any other name in the column (a unit’s) is the second level'),
    })
    .strict(),
  leaf: z
    .array(z.string())
    .min(1)
    .describe('明细行写名称的标签列（如采购品目名称、采购组织形式）：其中任一列有字的是末级 / label columns of the detail rows (采购品目名称, 采购组织形式): a row with any of them filled is a detail'),
});

export const YearChangeParams = summedTables({
  side: z.string().describe('写年度（2021、2022年）和“变化”的标签列 / the label column holding the years (2021, 2022年) and the change row'),
  change: z.string().describe('变化行的行标签 / row key of the change row'),
});

export const ListTotalParams = summedTables({
  labels: z
    .array(z.string())
    .min(1)
    .describe(
      '每一行在这些标签列（表中有的）都写了名称时，表才是一张平铺的清单；有一行缺（如只写单位名称的小计行）就不核对。第一列的名称用于提示 / the table is a flat list only when every row names itself in each of these label columns it has; a row without (a unit’s subtotal naming only the unit) and the table is not checked. The first names the rows in messages',
    ),
  unlessNote: Pattern.optional().describe(
    '表下注释与此相符时不核对：注释已说明未列出全部行（如“部分具体项目信息公开时予以剔除”） / skip a table whose note matches: it says not every row is printed (部分具体项目信息公开时予以剔除)',
  ),
  labelHeaderNames: z
    .array(z.string().min(1))
    .min(1)
    .optional()
    .describe(
      '只核对第一个标签列的表头写有其中某词、且没有一行写科目编码的表（如“单位”：每行一个单位，而不是按科目列示） / check only a table whose first label column’s header has one of these words and whose rows bear no subject code (单位: one unit a row, not subjects)',
    ),
  totalRepeated: z
    .boolean()
    .default(false)
    .describe(
      '合计行下紧接的一行在各列都与合计相同时，视为合计的重复（浙江：部门行汇总其下各单位），不计入 / a row right under the 合计 equal to it in every column repeats it (浙江: the department row over its units) and is not added',
    ),
});

export const EmptyListParams = summedTables({
  unlessNote: Pattern.optional().describe(
    '表下注释与此相符时不报告：注释已说明不列出各行（如“涉密项目不予公开”） / skip a table whose note matches: it says the rows are not printed (涉密项目不予公开)',
  ),
});

/** Two tables compared project by project: the one checked and the one listing every project. */
const ProjectPair = z
  .object({
    from: TableIdSchema.describe('逐项目核对的表（如项目支出绩效表，或各项目绩效目标表 performance-target） / the table checked project by project (the project performance table, or the project target tables: performance-target)'),
    to: TableIdSchema.describe('列出全部项目的表（如项目支出表） / the table listing every project (the project spending table)'),
  })
  .strict();

export const ProjectListParams = z
  .object({
    pairs: z
      .array(
        ProjectPair.extend({
          grouped: z
            .boolean()
            .default(false)
            .describe(
              'true：所核对的表可能把另一表的几行合成一项（深圳 发改委 2026 的“…专项资金”即表5 的“…专项资金-战略性新兴产业领域”等四行），或在名称后括注单位（广州 政府办公厅 2026 的“专项工作经费（广州市人民政府办公厅）”）：这样也算列出 / true: the table checked may name several of the other table’s rows as one (深圳 发改委 2026’s …专项资金 for the four rows …专项资金-战略性新兴产业领域 etc. of 表5), or add its unit in brackets after the name (广州 政府办公厅 2026’s 专项工作经费（广州市人民政府办公厅）): that counts as listed too',
            ),
        }),
      )
      .min(1),
  })
  .strict();

export const TargetProjectParams = z
  .object({
    table: TableIdSchema.describe('列出全部项目的表（如项目支出表） / the table listing every project (the project spending table)'),
    column: z.string().describe('该表中与绩效目标表预算数对照的金额列 / its amount column compared with the target table’s budget'),
  })
  .strict();

export const ProjectPairParams = z
  .object({
    pairs: z
      .array(
        ProjectPair.extend({
          column: z.string().describe('两表中都有的金额列 / the amount column both tables have'),
          suggest: z
            .boolean()
            .default(true)
            .describe(
              'false：两表的金额口径可能不同（如一表含上年结转，另一表只列本年预算数），只指出不符，不建议改为何值 / false: the two tables may count differently (one with money carried over, the other the year’s budget alone): the mismatch is named, no value suggested',
            ),
        }),
      )
      .min(1),
  })
  .strict();

export const GroupedParams = z
  .object({
    tables: z
      .array(
        z
          .object({
            table: TableIdSchema,
            column: z.string().describe('在哪个金额列上核对 / the amount column to check'),
          })
          .strict(),
      )
      .min(1),
    subtotal: z.array(z.string().min(1)).default(['小计']).describe('组内小计行写在类别名右侧一格的字样 / what the subtotal row says beside its category'),
    exclude: z.array(z.string().min(1)).default(['其中']).describe('以这些字开头的行不计入小计（“其中：动用上年结转”是一部分的一部分） / rows beginning with these are not added (其中：… is part of a part)'),
  })
  .strict();

export const RowSelector = z
  .object({
    key: z.string().optional().describe('行标签 / row key from the vocabulary'),
    side: z.string().optional().describe('行标签所在列 / label column of the key'),
    total: z.literal(true).optional().describe('合计行 / the 合计 row'),
    code: z.string().regex(/^\d{3,7}$/).optional().describe('科目编码 / subject code'),
  })
  .strict();

export const CellSelector = z
  .object({
    table: TableIdSchema,
    column: z.string(),
    row: RowSelector.optional().describe('单个单元格 / one cell'),
    rows: z.enum(['codes', 'classes']).optional().describe('按编码逐行对应 / every coded row (codes) or functional-class row (classes), matched by code'),
    side: z.string().optional(),
  })
  .strict();

/** One addend of a side: a cell, or every coded row in a code range, times a weight. */
export const Addend = z
  .object({
    table: TableIdSchema,
    column: z.string(),
    row: RowSelector.optional().describe('单个单元格 / one cell'),
    codes: z
      .tuple([z.string().regex(/^\d{3,7}$/), z.string().regex(/^\d{3,7}$/)])
      .optional()
      .describe('编码区间内（同一级次）的每一行，如 ["30201", "30299"] / every coded row of that level within the range'),
    allRows: z
      .literal(true)
      .optional()
      .describe('表中每一行（合计行除外），如明细表各项之和 / every row of the table but its total row, as a detail table’s items add up'),
    weight: z.number().refine((w) => w !== 0, { message: 'weight 0 adds nothing / 权重不能为 0' }).default(1).describe('系数，-1 为减 / weight; -1 subtracts'),
    optional: z
      .boolean()
      .default(false)
      .describe(
        '表中没有这一行时按 0 计（如没有“上年结转”行的表）；政府性基金、国有资本经营支出表未单列且财政拨款收支总表中该项为零时，整张表按 0 计 / counts as 0 when the table has no such row (a table with no 上年结转 row carries nothing); a fund or state-capital table left out, the fiscal summary showing nothing for it, counts as 0 too',
      ),
  })
  .strict()
  .refine((a) => [a.row, a.codes, a.allRows].filter((x) => x !== undefined).length === 1, { message: 'an addend names a row, a code range or every row / 加项须指定 row、codes 或 allRows 之一' });

/** A labelled row of a table, whose presence a tie may depend on. */
export const RowPresence = z.union([
  z
    .object({
      table: TableIdSchema,
      side: z.string().describe('行标签所在列 / label column of the key'),
      key: z.string().describe('行标签 / row key from the vocabulary'),
      column: z.string().optional().describe('写了列时，这一行须在该列有非零金额 / with a column, the row must hold a non-zero amount in it'),
    })
    .strict(),
  z
    .object({
      table: TableIdSchema,
      total: z.literal(true).describe('表的合计行 / the table’s total row'),
      column: z.string().describe('合计行须在该列有非零金额（如深圳项目支出总表的“上年结余、结转”） / the total row must hold a non-zero amount in it (深圳’s 项目支出总表: 上年结余、结转)'),
    })
    .strict(),
]);

/** One row, or several of which any will do. */
const RowCondition = z.union([RowPresence, z.array(RowPresence).min(1)]);

/** A side of a tie: one cell (or one per code), or a weighted sum of cells and code ranges. */
export const TieSide = z.union([CellSelector, z.object({ sum: z.array(Addend).min(1).describe('各加项之和 / the sum of these addends') }).strict()]);

export const Tolerance = z
  .object({ amount: z.number().nonnegative(), unit: z.enum(['元', '千元', '万元', '亿元']) })
  .strict()
  .describe('允许的误差（不写时为四舍五入可解释的差额） / the tolerance (default: what rounding explains)');

export const TieParams = z
  .object({
    ties: z
      .array(
        z
          .object({
            left: TieSide,
            right: TieSide,
            relation: z.enum(['eq', 'le', 'ge']).default('eq').describe('eq 左 = 右；le 左 ≤ 右；ge 左 ≥ 右 / eq left = right; le left ≤ right; ge left ≥ right'),
            tolerance: Tolerance.optional(),
            description: z.object({ 'zh-CN': z.string(), en: z.string() }).strict().optional(),
            when: RowCondition.optional().describe('只在表中有这一行（列出几行时，其中任一行）时核对（模板不同，等式不同） / check only when the table has this row (of several listed, any) — templates differ in what ties'),
            unless: RowCondition.optional().describe('表中有这一行（列出几行时，其中任一行）时不核对 / skip when the table has this row (of several listed, any)'),
            linesAbove: z
              .boolean()
              .optional()
              .describe(
                '左边一格是其上各行（同一列，两行以上）之和时（西安 2022 部门整体支出绩效目标表：任务1……任务9 之上、金额合计 5364.27 恰是各任务之和），照常报告，但不给建议值：表内自洽，缺的是整行的钱，改合计只会使各行不再相加 / where the left cell is what the lines above it add up to (two or more, in its column: 西安 2022’s 部门整体支出绩效目标表, whose 金额合计 5,364.27 is its 任务1…任务9), reported, no value offered: the table holds together, whole lines of money are missing, and changing the total alone would break its own sum',
              ),
            undecidedBy: z
              .union([CellSelector, z.array(CellSelector).min(1)])
              .optional()
              .describe(
                '两边之差恰好等于这一格（列出几格时，其中任一格）的金额时，两表对这笔钱的归属不同（西安 2019：收支总表把 52.54 列为结转下年，支出总表却在本年支出；西安 2020：部门整体表只列本年收入，不含上年结转 90.57）：照常报告，但不给建议值 / where the two sides differ by exactly this cell’s amount (of several listed, any one’s), the tables book that money differently (西安 2019: the 收支总表 shows 52.54 as 结转下年, the 支出总表 spends it this year; 西安 2020: the department-wide form lists this year’s income, not the 90.57 carried over): reported, no value offered',
              ),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

export const SummaryLineParams = z
  .object({
    pairs: z
      .array(
        z
          .object({
            table: TableIdSchema.describe('按名称列出款、项的收支总表 / the two-sided summary listing 款 and 项 by name'),
            side: z.string().describe('哪一栏（如 expenseItem） / which side (expenseItem)'),
            column: z.string().describe('该栏的金额列 / that side’s amount column'),
            codesFrom: TableIdSchema.describe('按编码列出同样科目的表，名称与次序取编码 / the coded table listing the same subjects, whose names and order give the codes'),
            against: z
              .array(z.object({ table: TableIdSchema, column: z.string() }).strict())
              .min(1)
              .describe('该科目金额之和所在的各表与列 / the tables and columns whose amounts for the code add up to the line'),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

export const CorrespondenceParams = z
  .object({
    left: z.object({ table: TableIdSchema, column: z.string() }).strict(),
    right: z.object({ table: TableIdSchema, column: z.string() }).strict(),
    pairs: z
      .array(
        z
          .object({
            left: z.array(z.string().regex(/^\d{3,7}$/)).min(1),
            right: z.array(z.string().regex(/^\d{3,7}$/)).min(1),
            name: z.object({ 'zh-CN': z.string(), en: z.string() }).strict(),
            relation: z
              .enum(['eq', 'le', 'ge'])
              .default('eq')
              .describe(
                'eq：两边相等；le：左边不超过右边（右边的经济科目有一部分可列在别的功能科目下）；ge：左边不少于右边（左边的功能科目还可含别的经济科目） / eq: both sides equal; le: the left at most the right (part of the economic code may sit under another functional code); ge: the left at least the right (the functional code may hold other economic codes too)',
              ),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

export const ClassesListedParams = z
  .object({
    pairs: z
      .array(
        z
          .object({
            from: TableIdSchema.describe('按类名（不写编码）列出各功能分类的表，如收支总表 / the table listing functional classes by name (no codes), such as the summary'),
            side: z.string().describe('类名所在的行标签列 / the label column of the class lines'),
            column: z.string().describe('类的金额列 / the class lines’ amount column'),
            to: TableIdSchema.describe('按编码列出科目的表，如支出总表 / the table listing subjects by code, such as the expense summary'),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();
