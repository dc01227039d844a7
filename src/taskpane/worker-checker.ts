/** The page's side of the check worker: one request at a time, answered as a report or the error the core threw. */
import type { WorkbookReport } from '../core/findings.js';
import type { GridWorkbook } from '../core/grid.js';
import type { Lang } from '../core/messages.js';
import type { Catalogue } from '../core/check.js';
import { SourceError } from '../core/source-error.js';
import type { CheckReply, CheckRequest } from './check-worker.js';
import { portable, type RuleSet } from './rule-set.js';

export type Checker = (file: string, grid: GridWorkbook, lang: Lang) => Promise<WorkbookReport>;

/** The slice of a DOM Worker used here (structural, so Node's type checking of this file agrees). */
export interface WorkerLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (e: { data: CheckReply }) => void): void;
  removeEventListener(type: 'message', listener: (e: { data: CheckReply }) => void): void;
  terminate(): void;
}

let next = 0;

export function workerChecker(worker: WorkerLike, rules: RuleSet & { catalogue: Catalogue }): Checker {
  // The worker attaches its iterators again only when the key changes.
  const { key } = rules;
  const catalogue = portable(rules);
  return (file, grid, lang) =>
    new Promise((resolve, reject) => {
      const id = ++next;
      const onMessage = (e: { data: CheckReply }) => {
        if (e.data.id !== id) return;
        worker.removeEventListener('message', onMessage);
        if ('report' in e.data) resolve(e.data.report);
        else if ('sourceError' in e.data) reject(new SourceError(e.data.sourceError.code, e.data.sourceError.params));
        else reject(new Error(e.data.failure));
      };
      worker.addEventListener('message', onMessage);
      const request: CheckRequest = { id, key, catalogue, file, grid, lang };
      worker.postMessage(request);
    });
}
