/** budget-check check: workbooks and folders to reports, annotated copies and an exit code. */
import { existsSync } from 'node:fs';
import type { Catalogue } from '../core/check.js';
import type { Report, WorkbookReport } from '../core/findings.js';
import type { Lang } from '../core/messages.js';
import type { ReadLimits } from '../xlsx/reader/limits.js';
import { checkMany, inputFiles, progressReporter } from './batch.js';
import { formatText } from './format-text.js';
import { catalogueCache, type CatalogueChoice } from './catalogue-files.js';
import type { Io } from './main.js';
import { CatalogueProblem } from './rule-files.js';
import { terminalSafe, toCsv, toHtml } from './reports.js';
import { checkReportPath, OutputRefused, planAnnotatedCopies, writeSafely } from './safe-output.js';

export interface CheckOptions {
  format: string;
  lang: Lang;
  choice: CatalogueChoice;
  out?: string;
  annotate?: string;
  jobs?: number;
  /** Reading limits beyond the defaults (--max-cells …). */
  limits?: Partial<ReadLimits>;
  /** Per-workbook timeout in a batch (--timeout). */
  timeoutMs?: number;
}

export async function runCheck(inputs: string[], o: CheckOptions, io: Io): Promise<number> {
  // Nothing is written, created or claimed unless every input exists and every output can be written.
  const absent = [];
  for (const input of inputs) if (!existsSync(input)) absent.push(input);
  if (absent.length) {
    for (const a of absent) io.err(`budget-check: 找不到文件：${a} / File not found: ${a}`);
    return 2;
  }
  const found = await inputFiles(inputs);
  const files = found.map((f) => f.file);
  // Every output is settled before any work: it can be written, and it replaces no input, no
  // workbook and nothing through a symlink.
  let copies: Map<string, string> | undefined;
  try {
    if (o.out) await checkReportPath(o.out, files);
    if (o.annotate) copies = await planAnnotatedCopies(found, o.annotate);
  } catch (e) {
    if (!(e instanceof OutputRefused)) throw e;
    io.err(`budget-check: ${e.message}`);
    return 2;
  }
  if (files.length === 0) {
    io.err(`budget-check: ${inputs.join(' ')} 是文件夹，其中没有 .xlsx 工作簿 / ${inputs.join(' ')} is a folder with no .xlsx workbook in it`);
    return 2;
  }
  const catalogueFor = catalogueCache(o.choice);
  let reports: WorkbookReport[];
  let vocab: Catalogue['vocab'];
  try {
    // The rules are checked before any workbook: a broken rule file stops the run with its position.
    vocab = (await catalogueFor(files[0]!)).vocab;
    reports = await checkMany(files, {
      lang: o.lang,
      choice: o.choice,
      ...(o.jobs && { jobs: o.jobs }),
      ...(o.limits && { limits: o.limits }),
      ...(o.timeoutMs && { timeoutMs: o.timeoutMs }),
      catalogueFor,
      progress: progressReporter(process.stderr, files.length),
    });
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
    output = terminalSafe(reports.filter((r) => !r.error).map((r) => formatText(r, vocab, o.lang)).join('\n\n'));
  }
  if (o.out) {
    try {
      await writeSafely(o.out, output, { replace: true });
    } catch (e) {
      io.err(`budget-check: 无法写入报告 ${o.out} / cannot write the report ${o.out}: ${(e as Error).message}`);
      return 2;
    }
    io.err(`报告已写入 / report written to ${o.out}`);
  } else if (output) io.out(output);

  if (o.annotate && copies) {
    // ExcelJS (the writer) loads only when copies are asked for: 0.4 s of every other run.
    const { annotatedCopy } = await import('../xlsx/annotate.js');
    for (const r of reports.filter((x) => !x.error)) {
      const to = copies.get(r.file)!;
      try {
        await writeSafely(to, await annotatedCopy(r), { base: o.annotate });
      } catch (e) {
        io.err(`budget-check: 未写出 ${to} / not written: ${(e as Error).message}`);
        return 2;
      }
    }
    io.err(`已写出标注副本 / annotated copies written to ${o.annotate}`);
  }
  // Unusable input always gets its one clear line on stderr, whatever the output format.
  for (const r of reports) {
    if (!r.error) continue;
    io.err(`budget-check: ${terminalSafe(r.error.message)}`);
    if (r.error.code === 'too-large') io.err('  如确为真实工作簿，可用 --max-cells、--max-merge-cells、--max-part-mb 放宽上限 / if it is a real workbook, raise the limits with --max-cells, --max-merge-cells, --max-part-mb');
  }
  if (reports.some((r) => r.error)) return 2;
  return reports.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

