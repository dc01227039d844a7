/** A worker thread of batch checking: reads and checks the workbooks it is sent, one at a time. */
import { parentPort } from 'node:worker_threads';
import type { Catalogue } from '../core/check.js';
import type { Lang } from '../core/messages.js';
import type { ReadLimits } from '../xlsx/reader/limits.js';
import { catalogueCache, type CatalogueChoice } from './catalogue-files.js';
import { checkFile } from './check-file.js';

export interface WorkerJob {
  index: number;
  file: string;
  lang: Lang;
  choice: CatalogueChoice;
  limits?: Partial<ReadLimits>;
}

/** Every job of a batch carries the same choice of rules; the cache is made with the first. */
let catalogues: ((workbook: string) => Promise<Catalogue>) | undefined;

function catalogueFor(job: WorkerJob): Promise<Catalogue> {
  catalogues ??= catalogueCache(job.choice);
  return catalogues(job.file);
}

parentPort!.on('message', async (job: WorkerJob) => {
  try {
    const report = await checkFile(job.file, await catalogueFor(job), job.lang, job.limits);
    parentPort!.postMessage({ index: job.index, report });
  } catch (e) {
    parentPort!.postMessage({ index: job.index, fatal: e instanceof Error ? e.message : String(e) });
  }
});
