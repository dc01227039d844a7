/** budget-check train: training workbooks with planted mistakes and their answer key. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { SourceError } from '../core/source-error.js';
import { generateTraining, TrainingError } from '../train/generate.js';
import { OutputRefused } from './safe-output.js';
import { MISTAKES } from '../train/mistakes.js';
import { resolveCatalogue } from './catalogue-files.js';
import type { Io } from './main.js';

export async function runTrain(values: { from?: string; mistakes?: string; count?: string; seed?: string; out?: string; rules?: string; config?: string }, io: Io): Promise<number> {
  if (!values.from || !values.out) {
    io.err('请用 --from 指定原工作簿、--out 指定输出文件夹 / --from <workbook> and --out <folder> are required');
    io.err(`错误类型 / mistakes: ${MISTAKES.map((m) => `${m.id}（${m.name}）`).join('、')}`);
    return 2;
  }
  const count = Number(values.count);
  const seed = Number(values.seed);
  if (!Number.isInteger(count) || count < 1 || count > 1000 || !Number.isInteger(seed)) {
    io.err('--count 应为 1 到 1000 的整数，--seed 应为整数 / --count must be 1..1000 and --seed an integer');
    return 2;
  }
  if (resolve(values.out) === resolve(values.from) || !existsSync(values.from)) {
    io.err(`找不到原工作簿：${values.from} / source workbook not found: ${values.from}`);
    return 2;
  }
  try {
    const catalogue = await resolveCatalogue({ ...(values.rules && { rules: values.rules }), ...(values.config && { config: values.config }) });
    const answers = await generateTraining({ from: values.from, mistakes: (values.mistakes ?? 'all').split(','), count, seed, out: values.out, catalogue });
    io.out(`已生成 ${count} 个练习工作簿，共 ${answers.length} 处错误；答案见 ${values.out}/answers.json 和 answers.md`);
    io.out(`Wrote ${count} training workbook(s) with ${answers.length} planted mistakes; answer key in ${values.out}/answers.json and answers.md`);
    return 0;
  } catch (e) {
    if (e instanceof TrainingError || e instanceof OutputRefused) {
      io.err(e.message);
      return 2;
    }
    if (e instanceof SourceError) {
      io.err(`budget-check: ${e.bilingual('zh-CN')}`);
      return 2;
    }
    throw e;
  }
}
