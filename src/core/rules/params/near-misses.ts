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
