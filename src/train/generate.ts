/**
 * Training workbooks: copies of a real workbook with chosen mistakes planted at random but
 * reproducible places, and the answer key. Each copy is checked before it is written, and a mistake
 * another one would mask is planted elsewhere, so every answer is one the checker finds.
 */
import { lstat, readFile } from 'node:fs/promises';
import { writeSafely } from '../cli/safe-output.js';
import { basename, extname, join } from 'node:path';
import ExcelJS from 'exceljs';
import { toA1 } from '../core/address.js';
import { checkGrid, type Catalogue } from '../core/check.js';
import { withCellValues, type GridWorkbook } from '../core/grid.js';
import { recognize } from '../core/recognize/recognize.js';
import { RowCells } from '../core/recognize/row-cells.js';
import { ANSWER_SHEET } from '../core/training.js';
import { readWorkbookBuffer } from '../xlsx/read-file.js';
import { MISTAKES, type Edit, type EditValue, type Mistake } from './mistakes.js';
import { Random } from './random.js';

export interface AnswerEntry {
  workbook: string;
  mistake: string;
  name: string;
  sheet: string;
  cell: string;
  original: EditValue;
  planted: EditValue;
  explanation: string;
}

export interface TrainOptions {
  from: string;
  mistakes: string[];
  count: number;
  seed: number;
  out: string;
  catalogue: Catalogue;
}

/** The answer key travels in a very hidden sheet (Excel cannot unhide it from its menus), for the pane. */
export { ANSWER_SHEET };
const ATTEMPTS = 25;

export class TrainingError extends Error {}

export function resolveMistakes(names: string): Mistake[] {
  if (names === 'all') return MISTAKES;
  return names.split(',').map((n) => {
    const m = MISTAKES.find((x) => x.id === n.trim());
    if (!m) throw new TrainingError(`未知的错误类型“${n}” / unknown mistake “${n}”; known: ${MISTAKES.map((x) => x.id).join(', ')}`);
    return m;
  });
}

async function detected(grid: GridWorkbook, answers: { sheet: string; cell: string }[], catalogue: Catalogue): Promise<boolean> {
  const { report } = await checkGrid('training', grid, catalogue);
  return answers.every((a) => report.findings.some((f) => f.sheet === a.sheet && f.cell === a.cell && f.severity !== 'info'));
}

/** Plans the edits of one training workbook. */
export async function planWorkbook(grid: GridWorkbook, mistakes: Mistake[], rng: Random, catalogue: Catalogue) {
  const recognition = recognize(grid, catalogue.vocab);
  const rowCells = new RowCells(grid);
  const narrative = grid.sheets.flatMap((s) =>
    s.rows.flatMap((row, r) => (row ?? []).flatMap((c, col) => (c && typeof c.value === 'string' && c.text.length >= 12 ? [{ sheet: s.name, cell: toA1(r + 1, col + 1), text: c.text }] : []))),
  );
  const edits: Edit[] = [];
  const answers: Omit<AnswerEntry, 'workbook'>[] = [];
  for (const mistake of mistakes) {
    let placed = false;
    for (let attempt = 0; attempt < ATTEMPTS && !placed; attempt++) {
      const p = mistake.plant({ recognition, rowCells, rng, narrativeCells: () => narrative });
      if (!p) break;
      const touched = new Set(edits.map((e) => `${e.sheet}!${e.cell}`));
      if (p.edits.some((e) => touched.has(`${e.sheet}!${e.cell}`)) || answers.some((a) => a.sheet === p.answer.sheet && a.cell === p.answer.cell)) continue;
      const trial = [...edits, ...p.edits];
      const trialAnswers = [...answers, { mistake: mistake.id, name: mistake.name, explanation: mistake.explanation, ...p.answer }];
      if (!(await detected(withCellValues(grid, trial), trialAnswers, catalogue))) continue;
      edits.push(...p.edits);
      answers.push(trialAnswers.at(-1)!);
      placed = true;
    }
    if (!placed) throw new TrainingError(`无法在这个工作簿中设置“${mistake.name}”（${mistake.id}） / cannot plant ${mistake.id} in this workbook`);
  }
  return { edits, answers };
}

/** Other places for a workbook whose first plan cannot hold every mistake: still fixed by the seed. */
const REPLANS = 12;

async function planReproducibly(grid: GridWorkbook, mistakes: Mistake[], seed: number, index: number, catalogue: Catalogue) {
  let last: unknown;
  for (let replan = 0; replan < REPLANS; replan++) {
    // Replan 0 is the seed's first choice, so workbooks that always planted keep their places.
    const rng = new Random(seed * 100_003 + index + replan * 7_919_113);
    try {
      return await planWorkbook(grid, mistakes, rng, catalogue);
    } catch (e) {
      if (!(e instanceof TrainingError)) throw e;
      last = e;
    }
  }
  throw last;
}

export async function generateTraining(opts: TrainOptions): Promise<AnswerEntry[]> {
  const mistakes = resolveMistakes(opts.mistakes.join(','));
  const bytes = await readFile(opts.from);
  const grid = await readWorkbookBuffer(opts.from, bytes);
  const stem = basename(opts.from, extname(opts.from));
  // Every workbook is planned before anything is written: a request that cannot be met leaves nothing behind.
  const plans = [];
  for (let i = 0; i < opts.count; i++) plans.push(await planReproducibly(grid, mistakes, opts.seed, i, opts.catalogue));
  // Nothing already in the folder is replaced: a trainer's earlier set, or a workbook, stays as it was.
  const names = plans.map((_, i) => `${stem}-练习${String(i + 1).padStart(2, '0')}.xlsx`);
  const clashes = [];
  for (const n of [...names, 'answers.json', 'answers.md']) if (await lstat(join(opts.out, n)).catch(() => undefined)) clashes.push(n);
  if (clashes.length) throw new TrainingError(`${opts.out} 中已有 ${clashes.join('、')}，不覆盖；请换一个空文件夹 / ${opts.out} already holds ${clashes.join(', ')}; nothing is replaced: choose an empty folder`);
  const all: AnswerEntry[] = [];
  for (const [i, { edits, answers }] of plans.entries()) {
    const name = names[i]!;
    // A fresh copy of the original for every workbook: its formatting kept, the original untouched.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    for (const e of edits) wb.getWorksheet(e.sheet)!.getCell(e.cell).value = e.value;
    const entries = answers.map((a) => ({ workbook: name, ...a }));
    const key = wb.addWorksheet(ANSWER_SHEET, { state: 'veryHidden' });
    key.getCell('A1').value = Buffer.from(JSON.stringify(entries), 'utf8').toString('base64');
    await writeSafely(join(opts.out, name), new Uint8Array(await wb.xlsx.writeBuffer()));
    all.push(...entries);
  }
  await writeSafely(join(opts.out, 'answers.json'), `${JSON.stringify(all, null, 2)}\n`);
  await writeSafely(join(opts.out, 'answers.md'), answersMarkdown(all));
  return all;
}

function show(v: EditValue): string {
  if (v === null) return '（空）';
  const s = String(v);
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

export function answersMarkdown(entries: AnswerEntry[]): string {
  const lines = ['# 练习答案 / Answer key', ''];
  for (const wb of [...new Set(entries.map((e) => e.workbook))]) {
    lines.push(`## ${wb}`, '', '| 序号 | 错误类型 | 位置 | 原来 | 改成 | 说明 |', '|---|---|---|---|---|---|');
    entries
      .filter((e) => e.workbook === wb)
      .forEach((e, i) => lines.push(`| ${i + 1} | ${e.name} | ${e.sheet}!${e.cell} | ${show(e.original).replace(/\|/g, '\\|')} | ${show(e.planted).replace(/\|/g, '\\|')} | ${e.explanation} |`));
    lines.push('');
  }
  return lines.join('\n');
}
