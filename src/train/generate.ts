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
import { MISTAKES, type Edit, type EditValue, type Mistake, type Planted } from './mistakes.js';
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

/** The answers the check does not report on their cell (a note does not count): those must go elsewhere. */
async function undetected(grid: GridWorkbook, answers: readonly Placed[], catalogue: Catalogue): Promise<Set<Placed>> {
  const { report } = await checkGrid('training', grid, catalogue);
  return new Set(answers.filter((a) => !report.findings.some((f) => f.sheet === a.answer.sheet && f.cell === a.answer.cell && f.severity !== 'info')));
}

interface Placed {
  mistake: Mistake;
  edits: Edit[];
  answer: Planted['answer'];
}

/**
 * Plans the edits of one training workbook: every mistake is given a place, the workbook with all of
 * them is checked once, and only those it does not find on their cell (masked by another, or not
 * findable where they fell) are moved, each at most ATTEMPTS times. One check per round, not one per
 * mistake (all sixteen into the sample: 9.0 s → 2.5 s for five workbooks).
 */
export async function planWorkbook(grid: GridWorkbook, mistakes: Mistake[], rng: Random, catalogue: Catalogue) {
  const recognition = recognize(grid, catalogue.vocab);
  const rowCells = new RowCells(grid);
  const narrative = grid.sheets.flatMap((s) =>
    s.rows.flatMap((row, r) => (row ?? []).flatMap((c, col) => (c && typeof c.value === 'string' && c.text.length >= 12 ? [{ sheet: s.name, cell: toA1(r + 1, col + 1), text: c.text }] : []))),
  );
  const cannot = (m: Mistake) => new TrainingError(`无法在这个工作簿中设置“${m.name}”（${m.id}） / cannot plant ${m.id} in this workbook`);
  const attempts = new Map(mistakes.map((m) => [m, 0]));
  const placed = new Map<Mistake, Placed>();
  let pending = mistakes;
  while (pending.length > 0) {
    for (const mistake of pending) {
      // A place apart from the others: no cell edited twice, no cell the answer of two mistakes.
      const taken = [...placed.values()];
      const touched = new Set(taken.flatMap((p) => p.edits.map((e) => `${e.sheet}!${e.cell}`)));
      let found: Planted | undefined;
      while (!found && attempts.get(mistake)! < ATTEMPTS) {
        attempts.set(mistake, attempts.get(mistake)! + 1);
        const p = mistake.plant({ recognition, rowCells, rng, narrativeCells: () => narrative });
        if (!p) throw cannot(mistake);
        if (!p.edits.some((e) => touched.has(`${e.sheet}!${e.cell}`)) && !taken.some((t) => t.answer.sheet === p.answer.sheet && t.answer.cell === p.answer.cell)) found = p;
      }
      if (!found) throw cannot(mistake);
      placed.set(mistake, { mistake, edits: found.edits, answer: found.answer });
    }
    const all = mistakes.map((m) => placed.get(m)!);
    const missed = await undetected(withCellValues(grid, all.flatMap((p) => p.edits)), all, catalogue);
    for (const p of missed) placed.delete(p.mistake);
    pending = mistakes.filter((m) => !placed.has(m));
  }
  const all = mistakes.map((m) => placed.get(m)!);
  return {
    edits: all.flatMap((p) => p.edits),
    answers: all.map((p): Omit<AnswerEntry, 'workbook'> => ({ mistake: p.mistake.id, name: p.mistake.name, explanation: p.mistake.explanation, ...p.answer })),
  };
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
