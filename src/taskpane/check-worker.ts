/**
 * The check in a Web Worker, so a county-size workbook never freezes the page: the worker builds the
 * catalogue from the same rule sources (cached while they do not change) and runs the same core.
 */
import { checkGrid } from '../core/check.js';
import type { WorkbookReport } from '../core/findings.js';
import type { GridWorkbook } from '../core/grid.js';
import type { Lang } from '../core/messages.js';
import type { SourceText } from '../core/rules/lint.js';
import { SourceError } from '../core/source-error.js';
import { buildCatalogue } from './catalogue.js';

export interface CheckRequest {
  id: number;
  /** Changes whenever the sources or the pack do. */
  key: string;
  sources: SourceText[];
  pack?: string;
  file: string;
  grid: GridWorkbook;
  lang: Lang;
}

export type CheckReply =
  | { id: number; report: WorkbookReport }
  | { id: number; sourceError: { code: SourceError['code']; params: SourceError['params'] } }
  | { id: number; failure: string };

let cached: { key: string; catalogue: NonNullable<ReturnType<typeof buildCatalogue>['catalogue']> } | undefined;

export async function answer(request: CheckRequest): Promise<CheckReply> {
  const { id, key, sources, pack, file, grid, lang } = request;
  try {
    if (cached?.key !== key) {
      const built = buildCatalogue(sources, pack);
      if (!built.catalogue) return { id, failure: built.diagnostics.map((d) => d.message).join('; ') };
      cached = { key, catalogue: built.catalogue };
    }
    const { report } = await checkGrid(file, grid, cached.catalogue, lang);
    return { id, report };
  } catch (e) {
    if (e instanceof SourceError) return { id, sourceError: { code: e.code, params: e.params } };
    return { id, failure: e instanceof Error ? e.message : String(e) };
  }
}

// In a worker: answer each request in turn.
const scope = globalThis as unknown as { onmessage?: (e: { data: CheckRequest }) => void; postMessage?: (m: CheckReply) => void; document?: unknown };
if (scope.document === undefined && typeof scope.postMessage === 'function') {
  scope.onmessage = (e) => void answer(e.data).then((reply) => scope.postMessage!(reply));
}
