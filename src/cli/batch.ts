/**
 * Checking many workbooks: the files of the folders given, in a stable order, spread over worker
 * threads; progress on stderr (a bar on a terminal, plain lines otherwise). A file that cannot be
 * read is reported in its place and the others go on.
 */
import { readdir, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Catalogue } from '../core/check.js';
import type { WorkbookReport } from '../core/findings.js';
import type { Lang } from '../core/messages.js';
import type { CatalogueChoice } from './catalogue-files.js';
import { checkFile } from './check-file.js';
import type { WorkerJob } from './check-worker.js';

/** Folders become their .xlsx files (not starting with ~$, Excel's lock files), sorted; files stay as given. */
export async function expandInputs(inputs: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const input of inputs) {
    const s = await stat(input).catch(() => undefined);
    if (s?.isDirectory()) {
      const names = (await readdir(input)).filter((n) => n.toLowerCase().endsWith('.xlsx') && !n.startsWith('~$')).sort((a, b) => a.localeCompare(b, 'zh-CN'));
      out.push(...names.map((n) => join(input, n)));
    } else out.push(input);
  }
  return out;
}

export interface Progress {
  (done: number, total: number, file: string): void;
}

/** Progress for people: a redrawn bar on a terminal, one line per workbook in a log. */
export function progressReporter(stream: NodeJS.WriteStream, total: number): Progress {
  if (total < 2) return () => undefined;
  const started = Date.now();
  if (stream.isTTY) {
    return (done, all) => {
      const width = 30;
      const filled = Math.round((done / all) * width);
      const rate = done / Math.max(0.001, (Date.now() - started) / 1000);
      stream.write(`\r检查中 checking [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${done}/${all}  ${rate.toFixed(1)}/s${done === all ? '\n' : ''}`);
    };
  }
  return (done, all, file) => stream.write(`[${done}/${all}] ${file}\n`);
}

/** The compiled worker; under tsx (benchmarks, tests) a bootstrap that registers tsx first, as threads do not inherit it. */
function startWorker(): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./check-worker.js', import.meta.url));
  const ts = new URL('./check-worker.ts', import.meta.url).href;
  return new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(ts)}); });`, { eval: true });
}

export async function checkMany(
  files: string[],
  options: { lang: Lang; choice: CatalogueChoice; jobs?: number; catalogueFor: (file: string) => Promise<Catalogue>; progress?: Progress },
): Promise<WorkbookReport[]> {
  const jobs = Math.max(1, Math.min(options.jobs ?? availableParallelism(), files.length));
  const reports: WorkbookReport[] = new Array(files.length);
  let done = 0;
  const finish = (i: number, r: WorkbookReport) => {
    reports[i] = r;
    options.progress?.(++done, files.length, files[i]!);
  };
  if (jobs === 1) {
    for (const [i, file] of files.entries()) finish(i, await checkFile(file, await options.catalogueFor(file), options.lang));
    return reports;
  }
  let next = 0;
  await Promise.all(
    Array.from({ length: jobs }, () =>
      new Promise<void>((resolve, reject) => {
        const worker = startWorker();
        const feed = () => {
          if (next >= files.length) {
            void worker.terminate().then(() => resolve());
            return;
          }
          const job: WorkerJob = { index: next, file: files[next]!, lang: options.lang, choice: options.choice };
          next++;
          worker.postMessage(job);
        };
        worker.on('message', (m: { index: number; report?: WorkbookReport; fatal?: string }) => {
          // Something unexpected in one workbook is that workbook's problem, not the batch's.
          finish(m.index, m.report ?? { file: files[m.index]!, tables: [], findings: [], error: { code: 'internal', message: `内部错误 / internal error: ${m.fatal}` } });
          feed();
        });
        worker.on('error', reject);
        feed();
      }),
    ),
  );
  return reports;
}
