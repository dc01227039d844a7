/** Parameter schemas of the near-misses iterators: what the rule linter, the JSON Schema and the docs check params against. Loaded only when rule files are validated, never by a check. */
import { z } from 'zod';

export const ListParams = z
  .object({
    maxDifferences: z
      .number()
      .int()
      .min(1)
      .max(3)
      .default(1)
      .describe('比较时最多容许几个字不同（规则条件再判断） / most characters that may differ for a name to be offered (the conditions decide)'),
  })
  .strict();

export const ListItemParams = ListParams.extend({
  maxDropped: z
    .number()
    .int()
    .min(0)
    .max(4)
    .default(2)
    .describe('表中名称省去几个字仍算表中有（“机关事业单位养老保险缴费”省去“基本”） / how many characters a table name may drop and still count (机关事业单位养老保险缴费 for …基本养老保险缴费)'),
  suffixes: z
    .array(z.string().min(1))
    .default(['支出'])
    .describe('表中名称加上这些词仍算表中有（“提租补贴支出”） / words a table name may carry after it and still count (提租补贴支出)'),
  collectiveTerms: z
    .array(
      z
        .object({
          term: z.string().min(2).describe('统称 / the collective term'),
          members: z.array(z.string().min(2)).min(1).describe('表中名称含其中任一词时，统称算表中有 / it counts as present when a table name contains one of these'),
        })
        .strict(),
    )
    .default([])
    .describe('统称：表中列的是其下各项（“社会保障缴费”统称养老、医疗保险缴费等） / collective terms whose members the tables list instead (社会保障缴费 for the pension and medical contributions)'),
  subjectEndings: z
    .array(z.string().min(1))
    .default([])
    .describe('科目名称的结尾（“费”“支出”“购置”……）：以此结尾的项所占比例即 subjectLikeShare / how subject names end (费, 支出, 购置 …): the share of items ending so is subjectLikeShare'),
}).strict();

export const Wording = z
  .object({
    text: z.string().min(6).describe('标准写法（至少 6 个字） / the standard wording (at least 6 characters)'),
    name: z.object({ 'zh-CN': z.string(), en: z.string() }).strict().optional(),
  })
  .strict();

export const WordingParams = z
  .object({
    wordings: z.array(Wording).min(1).describe('各地表中照抄的标准写法 / the standard wordings forms copy'),
    maxDifferences: z
      .number()
      .int()
      .min(1)
      .max(3)
      .default(2)
      .describe('比较时最多容许几个字不同（规则条件再判断） / most characters that may differ for a wording to be offered (the conditions decide)'),
  })
  .strict();

export const WordOrderParams = z
  .object({
    minLength: z
      .number()
      .int()
      .min(4)
      .max(20)
      .default(7)
      .describe('只比较至少这么多字的科目名称（短名称与寻常词组用字相同的机会多，如“福利工资”） / only subject names at least this long (short ones share their characters with ordinary phrases, such as 福利工资)'),
  })
  .strict();

export const TitlePrefixParams = z
  .object({
    minTitles: z.number().int().min(2).default(4).describe('其余至少这么多张表的标题共有同一开头时才比较 / compare only where at least this many other titles share their opening'),
    minOpening: z.number().int().min(4).default(8).describe('共同开头至少这么多字 / the shared opening at least this long'),
  })
  .strict();
