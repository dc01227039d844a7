/**
 * Training workbooks: for every mistake in the catalogue and many seeds, budget-check check finds
 * each planted mistake on its answer-key cell; the original is never touched; seeds reproduce.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/core/findings.js';
import type { AnswerEntry } from '../../src/train/generate.js';
import { MISTAKES } from '../../src/train/mistakes.js';
import { ROOT, SAMPLE_XLSX } from '../helpers.js';

const BIN = join(ROOT, 'bin', 'budget-check.js');
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: ROOT });
const SEEDS = 8;

function train(mistakes: string, count: number, seed: number): { dir: string; answers: AnswerEntry[] } {
  const dir = mkdtempSync(join(tmpdir(), 'train-'));
  const r = run('train', '--from', SAMPLE_XLSX, '--mistakes', mistakes, '--count', String(count), '--seed', String(seed), '--out', dir);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return { dir, answers: JSON.parse(readFileSync(join(dir, 'answers.json'), 'utf8')) as AnswerEntry[] };
}

/** Every answer has a finding (not a mere note) on its cell, in its workbook, from the real CLI. */
function missed(dir: string, answers: AnswerEntry[]): string[] {
  const r = run('check', dir, '--format', 'json');
  const report = JSON.parse(r.stdout) as Report;
  const misses: string[] = [];
  for (const a of answers) {
    const wb = report.workbooks.find((w) => w.file.endsWith(a.workbook))!;
    if (!wb.findings.some((f) => f.sheet === a.sheet && f.cell === a.cell && f.severity !== 'info')) misses.push(`${a.workbook} ${a.mistake} ${a.sheet}!${a.cell}`);
  }
  return misses;
}

describe('the common-mistakes catalogue', () => {
  it('has the sixteen mistakes trainers teach, each named and explained in Chinese', () => {
    expect(MISTAKES).toHaveLength(16);
    for (const m of MISTAKES) {
      expect(m.name).toMatch(/[\u4e00-\u9fff]/);
      expect(m.explanation.length).toBeGreaterThan(10);
    }
  });

  it.each(MISTAKES.map((m) => [m.id, m.name]))(`%s (%s): found on its answer cell in ${SEEDS} seeded workbooks`, (id) => {
    const { dir, answers } = train(id, SEEDS, 11);
    expect(answers).toHaveLength(SEEDS);
    expect(answers.every((a) => a.mistake === id)).toBe(true);
    expect(missed(dir, answers)).toEqual([]);
  });

  it('all sixteen at once, in several workbooks, are each found', () => {
    const { dir, answers } = train('all', 4, 3);
    expect(answers).toHaveLength(64);
    expect(new Set(answers.map((a) => a.workbook)).size).toBe(4);
    expect(missed(dir, answers)).toEqual([]);
  });
});

describe('the training output', () => {
  it('writes the workbooks, answers.json in the agreed shape, and a readable Chinese key', () => {
    const { dir, answers } = train('transposed-digits,missing-indicator-value', 2, 5);
    expect(readdirSync(dir).sort()).toEqual(['answers.json', 'answers.md', 'caofeidian-hrss-2024-练习01.xlsx', 'caofeidian-hrss-2024-练习02.xlsx']);
    for (const a of answers) {
      expect(Object.keys(a).sort()).toEqual(['cell', 'explanation', 'mistake', 'name', 'original', 'planted', 'sheet', 'workbook']);
      expect(a.cell).toMatch(/^[A-Z]+\d+$/);
    }
    const md = readFileSync(join(dir, 'answers.md'), 'utf8');
    expect(md).toContain('| 1 | 数字颠倒 |');
    expect(md).toContain('指标值未填');
  });

  it('never modifies the original workbook', () => {
    const before = readFileSync(SAMPLE_XLSX);
    const mtime = statSync(SAMPLE_XLSX).mtimeMs;
    train('all', 1, 9);
    expect(readFileSync(SAMPLE_XLSX).equals(before)).toBe(true);
    expect(statSync(SAMPLE_XLSX).mtimeMs).toBe(mtime);
  });

  it('the same seed plants the same mistakes in the same places; another seed elsewhere', () => {
    const places = (seed: number) => train('all', 1, seed).answers.map((a) => `${a.mistake}@${a.sheet}!${a.cell}=${a.planted}`);
    expect(places(21)).toEqual(places(21));
    expect(places(21)).not.toEqual(places(22));
  });

  it('refuses an unknown mistake name, listing the known ones', () => {
    const r = run('train', '--from', SAMPLE_XLSX, '--mistakes', 'typo-digits', '--out', mkdtempSync(join(tmpdir(), 'train-')));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/未知的错误类型“typo-digits”.*transposed-digits/);
  });
});
