/** Parameter schemas of the narrative-items iterators: what the rule linter, the JSON Schema and the docs check params against. Loaded only when rule files are validated, never by a check. */
import { z } from 'zod';
import { CellSelector } from './amounts.js';

export const ItemParams = z.object({}).strict();

export const ReasonChangeParams = z.object({}).strict();

export const BracketParams = z
  .object({ minLength: z.number().int().positive().default(8).describe('只看至少这么长的文字 / only texts at least this long') })
  .strict();

export const QuoteParams = z
  .object({ minLength: z.number().int().positive().default(4).describe('只看至少这么长的文字 / only texts at least this long') })
  .strict();

export const BreakdownParams = z
  .object({
    exhaustive: z
      .array(z.array(z.string().min(1)).min(2))
      .default([])
      .describe(
        '组成全部的分项：“其中”恰好列出一组中的各项（如货物、工程、服务）时，分项之和应等于总数 / parts that make the whole: where the 其中 lists exactly the words of one set (货物, 工程, 服务), the parts add up to the total',
      ),
    wholeCounts: z
      .array(z.string().min(1).max(2))
      .default([])
      .describe(
        '以这些单位计的数（人、辆……）列出两项以上时即是全部：“离退休人员78人，其中：离休3人，退休72人”的各项之和应等于总数 / counts in these units (人, 辆 …) listed in two parts or more make the whole: “离退休人员78人，其中：离休3人，退休72人” adds up to its total',
      ),
  })
  .strict();

export const Pattern = z
  .object({
    name: z.object({ 'zh-CN': z.string(), en: z.string() }).strict(),
    pattern: z.string().min(1).describe('正则表达式；第 1 组（可选）为年份 / regex; optional group 1 a year'),
    amountOf: z
      .array(CellSelector)
      .min(1)
      .optional()
      .describe(
        '这句话说到的表格单元格（按所列次序，取工作簿中有的第一个），其金额为事实 tableAmount / the table cell the sentence speaks of (the first of these the workbook has), whose amount is the fact tableAmount',
      ),
    except: z
      .array(z.string().min(2))
      .optional()
      .describe(
        '固定说法：匹配落在其中一个之内时不算（如“党组织组织力”中的“组织组织”），再往后找 / set phrases: a match lying within one of them does not count (组织组织 in 党组织组织力), and the search goes on after it',
      ),
    quoteBefore: z
      .number()
      .int()
      .min(1)
      .max(20)
      .optional()
      .describe(
        '事实 matched 连同匹配之前的这么多字一起引用（不跨过空白和标点），便于在长段落中找到；比把这些字写进正则快得多 / the fact matched quotes this many characters before the match too (not across white space or punctuation), to find it in a long paragraph; much faster than writing them into the pattern',
      ),
  })
  .strict();

export const TextParams = z
  .object({
    patterns: z.array(Pattern).min(1),
    minLength: z.number().int().min(1).optional().describe('只看至少这么长的文字（默认 12：句子，不含表中短词） / only texts at least this long (default 12: sentences, not short table words)'),
  })
  .strict();
