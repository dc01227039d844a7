/**
 * Checking many workbooks: the files of the folders given, in a stable order, spread over worker
 * threads; progress on stderr (a bar on a terminal, plain lines otherwise). A file that cannot be
 * read is reported in its place and the others go on.
 */
import { readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { Catalogue } from '../core/check.js';
import type { WorkbookReport } from '../core/findings.js';
import type { Lang } from '../core/messages.js';
import type { ReadLimits } from '../xlsx/reader/limits.js';
import type { CatalogueChoice } from './catalogue-files.js';
import { checkFile } from './check-file.js';
import type { WorkerJob } from './check-worker.js';
import { boundHeapGrowthFor } from './heap-growth.js';

/**
 * Each workbook to check, with the folder it was found in when a folder was given (its root): folders
 * become their .xlsx files (not starting with ~$, Excel's lock files), sorted; files stay as given.
 */
export async function inputFiles(inputs: string[]): Promise<{ file: string; root?: string }[]> {
  const out: { file: string; root?: string }[] = [];
  for (const input of inputs) {
    const s = statSync(input, { throwIfNoEntry: false });
    if (s?.isDirectory()) {
      const names = readdirSync(input).filter((n) => n.toLowerCase().endsWith('.xlsx') && !n.startsWith('~$')).sort((a, b) => a.localeCompare(b, 'zh-CN'));
      out.push(...names.map((n) => ({ file: join(input, n), root: input })));
    } else out.push({ file: input });
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

/**
 * Worker threads for a batch when --jobs is not given: one per core. A spare core for V8's own threads
 * (garbage collection, compilation) paid while V8 optimised eagerly (2 workers 25.8 workbooks/s against
 * 28.1 for one); since the CLI raises its interrupt budget (launch.cts) it compiles far less, and on this
 * 2-core machine 200 workbooks went 29.6 → 42.8 and 35.0 → 41.6 workbooks/s with a second worker (the
 * 73 corpus workbooks 1.76 → 1.55 s).
 */
export const defaultJobs = (): number => Math.max(1, availableParallelism());

/** How long one workbook may take in a worker before it is given up as that workbook's error. */
export const FILE_TIMEOUT_MS = 120_000;
/** Heap for one worker: far above a real workbook's needs, so a hostile one cannot take the machine. */
const WORKER_HEAP_MB = 2048;

function failed(file: string, code: string, zh: string, en: string): WorkbookReport {
  return { file, tables: [], findings: [], error: { code, message: `${file}：${zh} / ${file}: ${en}` } };
}

/** One workbook in a worker: its report, or the reason it has none (crash, memory, timeout) as its error entry. */
function runJob(worker: Worker, job: WorkerJob, timeoutMs: number): Promise<{ report: WorkbookReport; healthy: boolean }> {
  return new Promise((resolve) => {
    const settle = (report: WorkbookReport, healthy: boolean) => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      if (!healthy) void worker.terminate();
      resolve({ report, healthy });
    };
    const onMessage = (m: { index: number; report?: WorkbookReport; fatal?: string }) =>
      // Something unexpected in one workbook is that workbook's problem, not the batch's.
      settle(m.report ?? failed(job.file, 'internal', `内部错误：${m.fatal}`, `internal error: ${m.fatal}`), true);
    const onError = (e: Error & { code?: string }) =>
      settle(
        e.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? failed(job.file, 'too-large', `检查时内存超过 ${WORKER_HEAP_MB} MB 的上限，已停止`, `checking it needed more than the ${WORKER_HEAP_MB} MB memory limit; stopped`)
          : failed(job.file, 'internal', `检查线程出错：${e.message}`, `the checking thread failed: ${e.message}`),
        false,
      );
    const onExit = (code: number) => settle(failed(job.file, 'internal', `检查线程意外退出（${code}）`, `the checking thread exited unexpectedly (${code})`), false);
    const timer = setTimeout(
      () => settle(failed(job.file, 'timeout', `检查超过 ${timeoutMs / 1000} 秒仍未完成，已停止`, `not finished after ${timeoutMs / 1000} s; stopped`), false),
      timeoutMs,
    );
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage(job);
  });
}

/**
 * The compiled worker; under tsx (benchmarks, tests) a bootstrap that registers tsx first, as threads do
 * not inherit it. node:worker_threads loads only for a batch that uses them: one workbook is checked here.
 */
async function startWorker(): Promise<Worker> {
  const { Worker } = await import('node:worker_threads');
  const resourceLimits = { maxOldGenerationSizeMb: WORKER_HEAP_MB };
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./check-worker.js', import.meta.url), { resourceLimits });
  const ts = new URL('./check-worker.ts', import.meta.url).href;
  return new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(ts)}); });`, { eval: true, resourceLimits });
}

export async function checkMany(
  files: string[],
  options: { lang: Lang; choice: CatalogueChoice; jobs?: number; catalogueFor: (file: string) => Promise<Catalogue>; progress?: Progress; timeoutMs?: number; limits?: Partial<ReadLimits> },
): Promise<WorkbookReport[]> {
  const jobs = Math.max(1, Math.min(options.jobs ?? defaultJobs(), files.length));
  const reports: WorkbookReport[] = new Array(files.length);
  let done = 0;
  const finish = (i: number, r: WorkbookReport) => {
    reports[i] = r;
    options.progress?.(++done, files.length, files[i]!);
  };
  // On this thread, before any worker starts: V8's flags are the whole process's.
  await boundHeapGrowthFor(files);
  // One workbook is checked here; a batch always in workers, which give each workbook its timeout and heap limit.
  if (files.length === 1) {
    finish(0, await checkFile(files[0]!, await options.catalogueFor(files[0]!), options.lang, options.limits));
    return reports;
  }
  let next = 0;
  await Promise.all(
    Array.from({ length: jobs }, async () => {
      let worker: Worker | undefined;
      while (next < files.length) {
        const index = next++;
        worker ??= await startWorker();
        const outcome = await runJob(worker, { index, file: files[index]!, lang: options.lang, choice: options.choice, ...(options.limits && { limits: options.limits }) }, options.timeoutMs ?? FILE_TIMEOUT_MS);
        // A worker that died or hung is replaced; the batch goes on with the next workbook.
        if (!outcome.healthy) worker = undefined;
        finish(index, outcome.report);
      }
      await worker?.terminate();
    }),
  );
  return reports;
}
