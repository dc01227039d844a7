/** Parameter schemas of the columns iterators: what the rule linter, the JSON Schema and the docs check params against. Loaded only when rule files are validated, never by a check. */
import { z } from 'zod';
import { TABLE_IDS } from '../../vocabulary.js';

export const ColumnParams = z
  .object({
    tables: z.array(z.enum(TABLE_IDS)).min(1),
    role: z.string().describe('要看的列角色 / the column role to look at'),
  })
  .strict();
