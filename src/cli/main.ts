/**
 * budget-check: checks budget workbooks from the command line.
 *   budget-check check <file.xlsx>... [--format text|json] [--lang zh-CN|en]
 * Exit codes: 0 no error-severity finding, 1 some, 2 input it cannot use (or a usage mistake).
 */
import { parseArgs } from 'node:util';
import { checkGrid, type Catalogue } from '../core/check.js';
import { RuleCatalogueError } from '../core/rules/catalogue.js';
import type { Report, WorkbookReport } from '../core/findings.js';
import type { Lang } from '../core/messages.js';
import { SourceError } from '../core/source-error.js';
import { VocabularyError } from '../core/vocabulary.js';
import { readWorkbookFile } from '../xlsx/read.js';
import { formatText } from './format-text.js';
import { loadCatalogue, RuleFileError } from './rule-files.js';

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

const processIo: Io = {
  out: (t) => process.stdout.write(t + '\n'),
  err: (t) => process.stderr.write(t + '\n'),
};

const USAGE = `用法 / Usage:
  budget-check check <文件.xlsx>... [--format text|json] [--lang zh-CN|en]

  --format text   按表分组的中文报告（默认） / report grouped by table (default)
  --format json   机器可读的检查结果 / findings as JSON (contract version 1)
  --lang en       英文输出 / English output

退出码 / Exit codes: 0 无错误 no errors · 1 有错误 errors found · 2 无法使用的输入 unusable input`;

export async function checkFile(file: string, catalogue: Catalogue, lang: Lang): Promise<WorkbookReport> {
  try {
    const grid = await readWorkbookFile(file);
    return (await checkGrid(file, grid, catalogue, lang)).report;
  } catch (e) {
    if (e instanceof SourceError) return { file, tables: [], findings: [], error: { code: e.code, message: e.bilingual(lang) } };
    throw e;
  }
}

async function runCheck(files: string[], format: string, lang: Lang, io: Io): Promise<number> {
  let catalogue: Catalogue;
  try {
    catalogue = await loadCatalogue();
  } catch (e) {
    if (e instanceof VocabularyError || e instanceof RuleFileError || e instanceof RuleCatalogueError) {
      io.err(`规则文件有误 / Rule file error: ${e.message}`);
      return 2;
    }
    throw e;
  }
  const reports: WorkbookReport[] = [];
  for (const file of files) reports.push(await checkFile(file, catalogue, lang));

  if (format === 'json') {
    const report: Report = { version: 1, workbooks: reports };
    io.out(JSON.stringify(report, null, 2));
  } else {
    // An unusable file is told once, on stderr, below; the report covers the files that were read.
    const readable = reports.filter((r) => !r.error);
    if (readable.length) io.out(readable.map((r) => formatText(r, catalogue.vocab, lang)).join('\n\n'));
  }
  // Unusable input always gets its one clear line on stderr, whatever the output format.
  for (const r of reports) if (r.error) io.err(`budget-check: ${r.error.message}`);
  if (reports.some((r) => r.error)) return 2;
  return reports.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'text' },
        lang: { type: 'string', default: 'zh-CN' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    io.err(`${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...files] = positionals;
  if (values.help || !command) {
    (values.help ? io.out : io.err)(USAGE);
    return values.help ? 0 : 2;
  }
  const lang = values.lang as Lang;
  if (lang !== 'zh-CN' && lang !== 'en') {
    io.err(`--lang 只能是 zh-CN 或 en / --lang must be zh-CN or en (got "${values.lang}")`);
    return 2;
  }
  if (values.format !== 'text' && values.format !== 'json') {
    io.err(`--format 只能是 text 或 json / --format must be text or json (got "${values.format}")`);
    return 2;
  }
  if (command !== 'check') {
    io.err(`未知命令 / Unknown command: ${command}\n\n${USAGE}`);
    return 2;
  }
  if (files.length === 0) {
    io.err(`请指定要检查的 .xlsx 文件 / Name at least one .xlsx file to check\n\n${USAGE}`);
    return 2;
  }
  return runCheck(files, values.format, lang, io);
}
