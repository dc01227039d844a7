/**
 * budget-check: checks budget workbooks from the command line.
 *   budget-check check <file.xlsx>... [--format text|json] [--lang zh-CN|en]
 * Exit codes: 0 no error-severity finding, 1 some, 2 input it cannot use (or a usage mistake).
 */
import { access, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { constants } from 'node:fs';
import { basename, dirname, extname, join, resolve as resolvePath } from 'node:path';
import { parseArgs } from 'node:util';
import type { Catalogue } from '../core/check.js';
import type { Report, WorkbookReport } from '../core/findings.js';
import type { Lang } from '../core/messages.js';
import { writeAnnotatedCopy } from '../xlsx/annotate.js';
import { checkMany, expandInputs, progressReporter } from './batch.js';
import { formatText } from './format-text.js';
import { catalogueCache, type CatalogueChoice } from './catalogue-files.js';
import { CatalogueProblem } from './rule-files.js';
import { toCsv, toHtml } from './reports.js';
import { runRecognize } from './recognize-command.js';
import { rulesLint, rulesTest } from './rules-commands.js';
import { runTrain } from './train-command.js';

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

const processIo: Io = {
  out: (t) => process.stdout.write(t + '\n'),
  err: (t) => process.stderr.write(t + '\n'),
};

const USAGE = `用法 / Usage:
  budget-check check <文件.xlsx|文件夹>... [--format text|json|csv|html] [--out <报告文件>] [--annotate <文件夹>]
                     [--lang zh-CN|en] [--rules <文件夹|规则包>] [--config <文件>] [--jobs N]
  budget-check train --from <工作簿.xlsx> --mistakes <类型,…|all> --count N --seed S --out <文件夹>
  budget-check recognize <文件.xlsx>... [--explain] [--format text|json] [--rules …]
  budget-check rules lint [规则文件夹]
  budget-check rules test [规则文件夹]

  --format text   按表分组的中文报告（默认） / report grouped by table (default)
  --format json   机器可读的检查结果 / findings as JSON (contract version 1)
  --format csv    每个问题一行 / one row per finding;  --format html  可发给各部门的报告 / a report to send on
  --out           报告写入文件 / write the report to a file;  --annotate  写出标注了问题的副本 / annotated copies
  --jobs          并行检查的线程数（默认为 CPU 核数） / worker threads (default: CPU cores)
  --explain       recognize：说明每张表为何识别、每列的角色来自哪个表头 / recognize: why each table and column was read so
  --lang en       英文输出 / English output
  --rules         规则文件夹、规则包名称（如 national）或规则包文件 / a rules folder, a pack name or a pack file
  --config        配置文件：选择规则包、关闭规则、改变严重程度；不指定时使用工作簿旁的 budget-check.json
                  / a config choosing the pack, disabling rules, changing severities; default: budget-check.json beside the workbook

  budget-check help [命令] · budget-check --version

退出码 / Exit codes: 0 无错误 no errors · 1 有错误或规则问题 errors found / rule problems · 2 无法使用的输入 unusable input`;

/** One command's part of the usage, for `budget-check help <command>`. */
const HELP: Record<string, string> = Object.fromEntries(
  ['check', 'train', 'recognize', 'rules'].map((c) => [c, USAGE.split('\n').filter((l) => l.includes(`budget-check ${c}`) || (c === 'check' && /^\s+(--|\s{10,})/.test(l))).join('\n')]),
);

async function version(): Promise<string> {
  const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
  return `${pkg.name} ${pkg.version} (Node ${process.versions.node})`;
}

interface CheckOptions {
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

async function runCheck(inputs: string[], o: CheckOptions, io: Io): Promise<number> {
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
        from: { type: 'string' },
        mistakes: { type: 'string', default: 'all' },
        count: { type: 'string', default: '1' },
        seed: { type: 'string', default: '1' },
        out: { type: 'string' },
        annotate: { type: 'string' },
        jobs: { type: 'string' },
        explain: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (e) {
    io.err(`${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...files] = positionals;
  if (values.version || command === 'version') {
    io.out(await version());
    return 0;
  }
  if (command === 'help') {
    const topic = files[0];
    if (topic && !HELP[topic]) {
      io.err(`没有“${topic}”命令的帮助 / no help for “${topic}”; commands: ${Object.keys(HELP).join(', ')}`);
      return 2;
    }
    io.out(topic ? HELP[topic]! : USAGE);
    return 0;
  }
  if (values.help || !command) {
    (values.help ? io.out : io.err)(USAGE);
    return values.help ? 0 : 2;
  }
  const lang = values.lang as Lang;
  if (lang !== 'zh-CN' && lang !== 'en') {
    io.err(`--lang 只能是 zh-CN 或 en / --lang must be zh-CN or en (got "${values.lang}")`);
    return 2;
  }
  if (!['text', 'json', 'csv', 'html'].includes(values.format!)) {
    io.err(`--format 只能是 text、json、csv 或 html / --format must be text, json, csv or html (got "${values.format}")`);
    return 2;
  }
  const jobs = values.jobs === undefined ? undefined : Number(values.jobs);
  if (jobs !== undefined && (!Number.isInteger(jobs) || jobs < 1)) {
    io.err('--jobs 应为正整数 / --jobs must be a positive whole number');
    return 2;
  }
  if (command === 'rules') {
    const [sub, dir] = files;
    if (sub === 'lint') return rulesLint(dir, io);
    if (sub === 'test') return rulesTest(dir, io, lang);
    io.err(`用法 / usage: budget-check rules lint|test [规则文件夹]\n\n${USAGE}`);
    return 2;
  }
  if (command === 'train') return runTrain(values, io);
  if (command === 'recognize') {
    const choice = { ...(values.rules && { rules: values.rules }), ...(values.config && { config: values.config }) };
    return runRecognize(files, { lang, format: values.format!, explain: values.explain!, choice }, io);
  }
  if (command !== 'check') {
    io.err(`未知命令 / Unknown command: ${command}\n\n${USAGE}`);
    return 2;
  }
  if (files.length === 0) {
    io.err(`请指定要检查的 .xlsx 文件 / Name at least one .xlsx file to check\n\n${USAGE}`);
    return 2;
  }
  return runCheck(
    files,
    {
      format: values.format!,
      lang,
      choice: { ...(values.rules && { rules: values.rules }), ...(values.config && { config: values.config }) },
      ...(values.out && { out: values.out }),
      ...(values.annotate && { annotate: values.annotate }),
      ...(jobs && { jobs }),
    },
    io,
  );
}
