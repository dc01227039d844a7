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
import { readWorkbookFile } from '../xlsx/read-file.js';
import { formatText } from './format-text.js';
import { CatalogueProblem, findConfig, resolveCatalogue, type CatalogueChoice } from './catalogue-files.js';
import { RuleFileError } from './rule-files.js';
import { rulesLint, rulesTest } from './rules-commands.js';

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

const processIo: Io = {
  out: (t) => process.stdout.write(t + '\n'),
  err: (t) => process.stderr.write(t + '\n'),
};

const USAGE = `用法 / Usage:
  budget-check check <文件.xlsx>... [--format text|json] [--lang zh-CN|en] [--rules <文件夹|规则包>] [--config <文件>]
  budget-check rules lint [规则文件夹]
  budget-check rules test [规则文件夹]

  --format text   按表分组的中文报告（默认） / report grouped by table (default)
  --format json   机器可读的检查结果 / findings as JSON (contract version 1)
  --lang en       英文输出 / English output
  --rules         规则文件夹、规则包名称（如 national）或规则包文件 / a rules folder, a pack name or a pack file
  --config        配置文件：选择规则包、关闭规则、改变严重程度；不指定时使用工作簿旁的 budget-check.json
                  / a config choosing the pack, disabling rules, changing severities; default: budget-check.json beside the workbook

退出码 / Exit codes: 0 无错误 no errors · 1 有错误或规则问题 errors found / rule problems · 2 无法使用的输入 unusable input`;

export async function checkFile(file: string, catalogue: Catalogue, lang: Lang): Promise<WorkbookReport> {
  try {
    const grid = await readWorkbookFile(file);
    return (await checkGrid(file, grid, catalogue, lang)).report;
  } catch (e) {
    if (e instanceof SourceError) return { file, tables: [], findings: [], error: { code: e.code, message: e.bilingual(lang) } };
    throw e;
  }
}

async function runCheck(files: string[], format: string, lang: Lang, choice: CatalogueChoice, io: Io): Promise<number> {
  const catalogues = new Map<string, Promise<Catalogue>>();
  const catalogueFor = async (file: string): Promise<Catalogue> => {
    // A config beside a workbook applies to that workbook; the same config is read once.
    const key = (await findConfig({ ...choice, workbook: file })) ?? '';
    let c = catalogues.get(key);
    if (!c) {
      c = resolveCatalogue({ ...choice, workbook: file });
      catalogues.set(key, c);
    }
    return c;
  };
  const reports: WorkbookReport[] = [];
  let vocab: Catalogue['vocab'] | undefined;
  try {
    for (const file of files) {
      const catalogue = await catalogueFor(file);
      vocab ??= catalogue.vocab;
      reports.push(await checkFile(file, catalogue, lang));
    }
  } catch (e) {
    if (e instanceof CatalogueProblem || e instanceof VocabularyError || e instanceof RuleFileError || e instanceof RuleCatalogueError) {
      io.err(`规则文件有误 / Rule file error:\n${e.message}`);
      return 2;
    }
    throw e;
  }

  if (format === 'json') {
    const report: Report = { version: 1, workbooks: reports };
    io.out(JSON.stringify(report, null, 2));
  } else {
    // An unusable file is told once, on stderr, below; the report covers the files that were read.
    const readable = reports.filter((r) => !r.error);
    if (readable.length && vocab) io.out(readable.map((r) => formatText(r, vocab!, lang)).join('\n\n'));
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
        rules: { type: 'string' },
        config: { type: 'string' },
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
  if (command === 'rules') {
    const [sub, dir] = files;
    if (sub === 'lint') return rulesLint(dir, io);
    if (sub === 'test') return rulesTest(dir, io, lang);
    io.err(`用法 / usage: budget-check rules lint|test [规则文件夹]\n\n${USAGE}`);
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
  return runCheck(files, values.format, lang, { ...(values.rules && { rules: values.rules }), ...(values.config && { config: values.config }) }, io);
}
