/** budget-check check: workbooks and folders to reports, annotated copies and an exit code. */
import { access, mkdir, stat, writeFile } from 'node:fs/promises';
import { constants } from 'node:fs';
import { basename, dirname, extname, join, resolve as resolvePath } from 'node:path';
import type { Catalogue } from '../core/check.js';
import type { Report, WorkbookReport } from '../core/findings.js';
import type { Lang } from '../core/messages.js';
import { checkMany, expandInputs, progressReporter } from './batch.js';
import { formatText } from './format-text.js';
import { catalogueCache, type CatalogueChoice } from './catalogue-files.js';
import type { Io } from './main.js';
import { CatalogueProblem } from './rule-files.js';
import { toCsv, toHtml } from './reports.js';

export interface CheckOptions {
  format: string;
  lang: Lang;
  choice: CatalogueChoice;
  out?: string;
  annotate?: string;
  jobs?: number;
}

/** Where a report or annotated copies would go, checked before any work: a reason it cannot, or undefined. */
async function unwritable(path: string, kind: 'file' | 'folder'): Promise<string | undefined> {
  const s = await stat(path).catch(() => undefined);
  if (s && kind === 'file' && s.isDirectory()) return `${path} 是文件夹，不能写入报告 / ${path} is a folder, not a file to write the report to`;
  if (s && kind === 'folder' && !s.isDirectory()) return `${path} 已是一个文件，不能作为标注副本的文件夹 / ${path} is a file, not a folder for annotated copies`;
  const parent = s && kind === 'folder' ? path : dirname(resolvePath(path));
  const ok = await access(parent, constants.W_OK).then(() => true, () => false);
  return ok ? undefined : `无法写入 ${parent}（文件夹不存在或没有写权限） / cannot write to ${parent} (missing folder or no permission)`;
}

export async function runCheck(inputs: string[], o: CheckOptions, io: Io): Promise<number> {
  // Nothing is written, created or claimed unless every input exists and every output can be written.
  const absent = [];
  for (const input of inputs) if (!(await stat(input).catch(() => undefined))) absent.push(input);
  if (absent.length) {
    for (const a of absent) io.err(`budget-check: 找不到文件：${a} / File not found: ${a}`);
    return 2;
  }
  for (const [path, kind] of [[o.out, 'file'], [o.annotate, 'folder']] as const) {
    const problem = path && (await unwritable(path, kind));
    if (problem) {
      io.err(`budget-check: ${problem}`);
      return 2;
    }
  }
  const catalogueFor = catalogueCache(o.choice);
  let reports: WorkbookReport[];
  let vocab: Catalogue['vocab'];
  try {
    const files = await expandInputs(inputs);
    if (files.length === 0) {
      io.err(`budget-check: ${inputs.join(' ')} 是文件夹，其中没有 .xlsx 工作簿 / ${inputs.join(' ')} is a folder with no .xlsx workbook in it`);
      return 2;
    }
    // The rules are checked before any workbook: a broken rule file stops the run with its position.
    vocab = (await catalogueFor(files[0]!)).vocab;
    reports = await checkMany(files, { lang: o.lang, choice: o.choice, ...(o.jobs && { jobs: o.jobs }), catalogueFor, progress: progressReporter(process.stderr, files.length) });
  } catch (e) {
    if (e instanceof CatalogueProblem) {
      io.err(`规则文件有误 / Rule file error:\n${e.message}`);
      return 2;
    }
    throw e;
  }

  const report: Report = { version: 1, workbooks: reports };
  let output: string;
  if (o.format === 'json') output = JSON.stringify(report, null, 2);
  else if (o.format === 'csv') output = toCsv(report, vocab, o.lang);
  else if (o.format === 'html') output = toHtml(report, vocab, new Date());
  else {
    // An unusable file is told once, on stderr, below; the report covers the files that were read.
    output = reports.filter((r) => !r.error).map((r) => formatText(r, vocab, o.lang)).join('\n\n');
  }
  if (o.out) {
    try {
      await writeFile(o.out, output);
    } catch (e) {
      io.err(`budget-check: 无法写入报告 ${o.out} / cannot write the report ${o.out}: ${(e as Error).message}`);
      return 2;
    }
    io.err(`报告已写入 / report written to ${o.out}`);
  } else if (output) io.out(output);

  if (o.annotate) {
    // ExcelJS (the writer) loads only when copies are asked for: 0.4 s of every other run.
    const { writeAnnotatedCopy } = await import('../xlsx/annotate.js');
    await mkdir(o.annotate, { recursive: true });
    for (const r of reports.filter((x) => !x.error)) {
      const to = join(o.annotate, `${basename(r.file, extname(r.file))}-审核.xlsx`);
      if (resolvePath(to) === resolvePath(r.file)) continue;
      await writeAnnotatedCopy(r, to);
    }
    io.err(`已写出标注副本 / annotated copies written to ${o.annotate}`);
  }
  // Unusable input always gets its one clear line on stderr, whatever the output format.
  for (const r of reports) if (r.error) io.err(`budget-check: ${r.error.message}`);
  if (reports.some((r) => r.error)) return 2;
  return reports.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

