/**
 * The check in a Web Worker, so a county-size workbook never freezes the page: the page sends the
 * catalogue as plain data, the worker attaches its iterators (once per catalogue) and runs the same
 * core. The worker never lints: the page has, or the build did.
 */
import { checkGrid, type Catalogue } from '../core/check.js';
import type { WorkbookReport } from '../core/findings.js';
import type { GridWorkbook } from '../core/grid.js';
import type { Lang } from '../core/messages.js';
import { reviveCatalogue, type PreparedCatalogue } from '../core/rules/prepared.js';
import { SourceError } from '../core/source-error.js';

export interface CheckRequest {
  id: number;
  /** Changes whenever the rules or the pack do. */
  key: string;
  catalogue: PreparedCatalogue;
  file: string;
  grid: GridWorkbook;
  lang: Lang;
}

export type CheckReply =
  | { id: number; report: WorkbookReport }
  | { id: number; sourceError: { code: SourceError['code']; params: SourceError['params'] } }
  | { id: number; failure: string };

let cached: { key: string; catalogue: Catalogue } | undefined;

export async function answer(request: CheckRequest): Promise<CheckReply> {
  const { id, key, file, grid, lang } = request;
  try {
    if (cached?.key !== key) {
      // The page and the worker come from one build, so this fails only if they do not.
      const catalogue = reviveCatalogue(request.catalogue, (f) => f);
      if (!catalogue) return { id, failure: 'the rules sent to the check worker are of another version' };
      cached = { key, catalogue };
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
