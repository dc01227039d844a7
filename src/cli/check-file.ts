/** One workbook from disk to report; an unusable file becomes a report with an error, never an exception. */
import { checkGrid, type Catalogue } from '../core/check.js';
import type { WorkbookReport } from '../core/findings.js';
import type { Lang } from '../core/messages.js';
import { SourceError } from '../core/source-error.js';
import { readWorkbookFile } from '../xlsx/read-file.js';
import type { ReadLimits } from '../xlsx/reader/limits.js';

export async function checkFile(file: string, catalogue: Catalogue, lang: Lang, limits?: Partial<ReadLimits>): Promise<WorkbookReport> {
  try {
    const grid = await readWorkbookFile(file, limits ? { limits } : {});
    return (await checkGrid(file, grid, catalogue, lang)).report;
  } catch (e) {
    if (e instanceof SourceError) return { file, ...(catalogue.config && { config: catalogue.config }), tables: [], findings: [], error: { code: e.code, message: e.bilingual(lang) } };
    throw e;
  }
}
