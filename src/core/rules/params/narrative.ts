/** Parameter schemas of the narrative iterators: what the rule linter, the JSON Schema and the docs check params against. Loaded only when rule files are validated, never by a check. */
import { z } from 'zod';
import { TABLE_IDS } from '../../vocabulary.js';

export const Statement = z
  .object({
    name: z.object({ 'zh-CN': z.string(), en: z.string() }).strict(),
    pattern: z
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
      )
      .describe('正则表达式：第 1 组为金额，第 2 组（可选）为单位 / regex: group 1 the amount, optional group 2 the unit'),
    table: z.enum(TABLE_IDS),
    column: z.string(),
    row: z
      .object({ key: z.string().optional(), side: z.string().optional(), total: z.literal(true).optional() })
      .strict(),
    relation: z.enum(['eq', 'le']).default('eq'),
  })
  .strict();

export const NarrativeParams = z.object({ statements: z.array(Statement).min(1) }).strict();
