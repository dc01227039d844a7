/** Parameter schemas of the codes iterators: what the rule linter, the JSON Schema and the docs check params against. Loaded only when rule files are validated, never by a check. */
import { z } from 'zod';
import { RecognizedTableId } from './tables.js';

/** Any recognised table: the linter's references check that the ones named hold codes. */
export const TableIdSchema = RecognizedTableId;

export const CodeRowParams = z
  .object({
    tables: z.array(TableIdSchema).min(1),
    detailLevel: z
      .object({ functional: z.number().int().min(1).max(3), economic: z.number().int().min(1).max(2) })
      .strict()
      .default({ functional: 3, economic: 2 })
      .describe('须细化到的级次：功能分类到项(3)，经济分类到款(2) / the level amounts must be itemised to'),
    finestAt: z
      .record(z.string().regex(/^\d{3}(?:\d{2})?$/), z.number().int().min(1).max(3))
      .default({ '219': 2, '227': 1 })
      .describe(
        '功能分类中没有更细级次的科目：编码 → 它之下最细的级次（援助其他地区支出 219 的款下不设项，预备费 227 不设款） / functional codes under which the classification goes no deeper: code → the finest level below it (219 援助其他地区支出 has no 项 under its 款; 227 预备费 has no 款)',
      ),
  })
  .strict();

export const CodeNameParams = z
  .object({
    tables: z.array(TableIdSchema).min(2),
    classLines: z
      .array(TableIdSchema)
      .default([])
      .describe(
        '按名称列类的收支两栏表（收支总表、财政拨款收支总表）：其支出栏的类行（词汇表中带 code 的行）也算作该类编码的一处名称 / two-sided tables naming the classes by line (the summaries): their class lines (rows the vocabulary gives a code) count as names of the class’s code too',
      ),
  })
  .strict();

export const StandardNameParams = z
  .object({
    tables: z.array(TableIdSchema).min(1),
    names: z
      .record(z.string().regex(/^\d{3,7}$/), z.string().min(1))
      .optional()
      .describe('科目编码 → 标准名称（政府收支分类科目）；不写则用词汇表的 economicSubjects / subject code → its standard name (the government classification); the vocabulary’s economicSubjects when absent'),
  })
  .strict();

export const CoverageParams = z
  .object({
    pairs: z
      .array(z.object({ from: TableIdSchema, to: TableIdSchema, column: z.string().default('total') }).strict())
      .min(1),
  })
  .strict();

export const EmptyParams = z
  .object({
    tables: z
      .array(
        z
          .object({
            table: TableIdSchema,
            fiscalColumn: z.string().optional().describe('财政拨款收支总表中对应的列 / the matching column of the fiscal summary'),
            narrativeWord: z.string().min(1).optional().describe('说明中指这类预算的词，如“政府性基金” / the word the narrative uses for this budget, such as 政府性基金'),
          })
          .strict(),
      )
      .min(1),
    report: z
      .enum(['table', 'fiscal', 'note', 'noteFund'])
      .describe(
        '报告在哪里：表名、财政拨款收支总表的相应金额、表下注；noteFund 为表下注，并提出把注中写的别的预算种类改为本表的 / where to report: the table, the fiscal summary’s matching amount, the note below the table; noteFund the note, with a fix naming the table’s own budget instead of the other one it names',
      ),
  })
  .strict();
