/** The tables a rule's params may name. Loaded only when rule files are validated, never by a check. */
import { z } from 'zod';
import { OPTIONAL_TABLE_IDS, TABLE_IDS } from '../../vocabulary.js';

/** A standard table, or one some templates add (项目支出表, 政府采购预算表 …). */
export const RecognizedTableId = z.enum([...TABLE_IDS, ...OPTIONAL_TABLE_IDS]);

/** Any of those, or the project target tables, one per project (performance-target). */
export const TableIdSchema = z.enum([...RecognizedTableId.options, 'performance-target']);
