/**
 * budget-check: checks budget workbooks from the command line.
 *   budget-check check <file.xlsx>... [--format text|json] [--lang zh-CN|en]
 * Exit codes: 0 no error-severity finding, 1 some, 2 input it cannot use (or a usage mistake).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Lang } from '../core/messages.js';

// Each command's modules (ExcelJS, zod, json-rules-engine …) load when that command runs, so
// --help, --version and a usage mistake answer at the speed of a bare Node start.

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
                     [--max-cells N] [--max-merge-cells N] [--max-part-mb N] [--timeout 秒]
  budget-check train --from <工作簿.xlsx> --mistakes <类型,…|all> --count N --seed S --out <文件夹>
  budget-check recognize <文件.xlsx>... [--explain] [--format text|json] [--rules …]
  budget-check rules lint [规则文件夹]
  budget-check rules test [规则文件夹]

  --format text   按表分组的中文报告（默认） / report grouped by table (default)
  --format json   机器可读的检查结果 / findings as JSON (contract version 1)
  --format csv    每个问题一行 / one row per finding;  --format html  可发给各部门的报告 / a report to send on
  --out           报告写入文件 / write the report to a file;  --annotate  写出标注了问题的副本 / annotated copies
  --jobs          批量检查的线程数（默认为 CPU 核数） / worker threads for a batch (default: one per CPU core)
  --max-cells 等  读取上限（默认：非空单元格 1,000,000、单个合并区域 2,000,000 格、解压后单个部件 256 MB），
                  单个工作簿检查超时（默认 120 秒，批量检查时） / reading limits (defaults: 1,000,000 non-empty cells,
                  2,000,000 cells per merge (a whole column), 256 MB per uncompressed part) and the per-workbook timeout in a batch (120 s)
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
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
  return `${pkg.name} ${pkg.version} (Node ${process.versions.node})`;
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
        'max-cells': { type: 'string' },
        'max-merge-cells': { type: 'string' },
        'max-part-mb': { type: 'string' },
        timeout: { type: 'string' },
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
  const limits: { maxCells?: number; maxMergeArea?: number; maxPartBytes?: number } = {};
  let timeoutMs: number | undefined;
  for (const [flag, apply] of [
    ['max-cells', (n: number) => (limits.maxCells = n)],
    ['max-merge-cells', (n: number) => (limits.maxMergeArea = n)],
    ['max-part-mb', (n: number) => (limits.maxPartBytes = n * 1024 * 1024)],
    ['timeout', (n: number) => (timeoutMs = n * 1000)],
  ] as const) {
    const raw = (values as Record<string, unknown>)[flag] as string | undefined;
    if (raw === undefined) continue;
    const n = Number(raw);
    if (!Number.isFinite(n) || n <= 0) {
      io.err(`--${flag} 应为正数 / --${flag} must be a positive number`);
      return 2;
    }
    apply(n);
  }
  if (command === 'rules') {
    const [sub, dir] = files;
    if (sub === 'lint') return (await import('./rules-commands.js')).rulesLint(dir, io);
    if (sub === 'test') return (await import('./rules-commands.js')).rulesTest(dir, io, lang);
    io.err(`用法 / usage: budget-check rules lint|test [规则文件夹]\n\n${USAGE}`);
    return 2;
  }
  if (command === 'train') return (await import('./train-command.js')).runTrain(values, io);
  if (command === 'recognize') {
    const choice = { ...(values.rules && { rules: values.rules }), ...(values.config && { config: values.config }) };
    return (await import('./recognize-command.js')).runRecognize(files, { lang, format: values.format!, explain: values.explain!, choice }, io);
  }
  if (command !== 'check') {
    io.err(`未知命令 / Unknown command: ${command}\n\n${USAGE}`);
    return 2;
  }
  if (files.length === 0) {
    io.err(`请指定要检查的 .xlsx 文件 / Name at least one .xlsx file to check\n\n${USAGE}`);
    return 2;
  }
  return (await import('./check-command.js')).runCheck(
    files,
    {
      format: values.format!,
      lang,
      choice: { ...(values.rules && { rules: values.rules }), ...(values.config && { config: values.config }) },
      ...(values.out && { out: values.out }),
      ...(values.annotate && { annotate: values.annotate }),
      ...(jobs && { jobs }),
      ...(Object.keys(limits).length && { limits }),
      ...(timeoutMs && { timeoutMs }),
    },
    io,
  );
}
