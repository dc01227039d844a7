/** Parameter schemas of the narrative-items iterators: what the rule linter, the JSON Schema and the docs check params against. Loaded only when rule files are validated, never by a check. */
import { z } from 'zod';

export const ItemParams = z.object({}).strict();

export const Pattern = z
  .object({
    name: z.object({ 'zh-CN': z.string(), en: z.string() }).strict(),
    pattern: z.string().min(1).describe('正则表达式；第 1 组（可选）为年份 / regex; optional group 1 a year'),
  })
  .strict();

export const TextParams = z
  .object({
    patterns: z.array(Pattern).min(1),
    minLength: z.number().int().min(1).optional().describe('只看至少这么长的文字（默认 12：句子，不含表中短词） / only texts at least this long (default 12: sentences, not short table words)'),
  })
  .strict();
