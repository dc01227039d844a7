/**
 * Mutation tests on the real sample: change one value, delete one row, blank one indicator, and the
 * finding must land where a reviewer has to act — on the changed cell with a fix that restores the
 * original, on the parent of a deleted row, on the project table that lost a category.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { fromA1 } from '../../src/core/address.js';
import { checkGrid, type Catalogue, type CheckResult } from '../../src/core/check.js';
import type { Finding } from '../../src/core/findings.js';
import { withCellValues, type GridWorkbook } from '../../src/core/grid.js';
import { parentCode } from '../../src/core/codes.js';
import { loadCatalogue } from '../../src/cli/rule-files.js';
import { transposeDigits } from '../../src/train/mistakes.js';
import { sampleGrid } from '../helpers.js';
import { readWorkbookFile } from '../../src/xlsx/read-file.js';

let catalogue: Catalogue;
let base: GridWorkbook;
let baseline: CheckResult;

beforeAll(async () => {
  catalogue = await loadCatalogue();
  base = await sampleGrid();
  baseline = await checkGrid('sample.xlsx', base, catalogue);
});

/** A copy of the grid with one cell set (null blanks it); other sheets are shared, not copied. */
const withCell = (grid: GridWorkbook, sheet: string, cell: string, value: number | string | null): GridWorkbook => withCellValues(grid, [{ sheet, cell, value }]);

function withoutRow(grid: GridWorkbook, sheet: string, row: number): GridWorkbook {
  return { sheets: grid.sheets.map((s) => (s.name !== sheet ? s : { ...s, rows: s.rows.filter((_, i) => i !== row - 1) })) };
}

/** Findings the mutation added (the sample's own warnings are not news). */
function added(result: CheckResult): Finding[] {
  const key = (f: Finding) => `${f.ruleId}|${f.sheet}|${f.cell}`;
  const before = new Set(baseline.report.findings.map(key));
  return result.report.findings.filter((f) => !before.has(key(f)));
}

interface AmountCell {
  sheet: string;
  cell: string;
  value: number;
}

function amountCells(): AmountCell[] {
  const cells = new Map<string, AmountCell>();
  for (const t of baseline.recognition.tables) {
    // The fixed assets the 说明 prints are not all pinned by a sum: 其中：办公用房 is only bounded by its
    // 房屋, and a part left blank beside the blank 设备 row is one of four candidates, named on the 房屋
    // cell (rule cases hold what is checked there: the sum, the narrative's figure, the bound, the blanks).
    if (t.id === 'fixed-assets') continue;
    for (const r of t.rows) {
      for (const c of Object.values(r.cells)) {
        if (c.amount !== null) cells.set(`${c.sheet}!${c.cell}`, { sheet: c.sheet, cell: c.cell, value: c.amount });
      }
    }
    for (const c of [t.target?.budget, t.target?.fiscalFunds]) if (c?.amount != null) cells.set(`${c.sheet}!${c.cell}`, { sheet: c.sheet, cell: c.cell, value: c.amount });
  }
  return [...cells.values()];
}

const SLIPS: [string, (v: number) => number | null | undefined][] = [
  ['slipped decimal (×10)', (v) => Math.round(v * 1000) / 100],
  ['transposed digits', transposeDigits],
  ['value left blank', () => null],
  ['sign error', (v) => -v],
];

describe('a single wrong value in any table', () => {
  it('finds more than 300 amount cells to mutate in the sample', () => {
    expect(amountCells().length).toBeGreaterThan(300);
  });

  // Each kind mutates every fourth cell, the kinds in turn, so every cell meets one kind and every kind
  // some eighty cells: four kinds on every cell were 1,200 full checks, a fifth of the unit tests' time,
  // and two on every cell still 48–56 s of it on a busy machine (2026-12-01).
  it.each(SLIPS.map((s, kind) => [...s, kind] as const))('%s: reported on the changed cell, with a fix that restores the original', async (_name, slip, kind) => {
    const misses: string[] = [];
    for (const c of amountCells().filter((_, i) => i % SLIPS.length === kind)) {
      const wrong = slip(c.value);
      if (wrong === undefined) continue;
      const result = await checkGrid('mutant.xlsx', withCell(base, c.sheet, c.cell, wrong), catalogue);
      const news = added(result);
      const hit = news.find((f) => f.sheet === c.sheet && f.cell === c.cell && f.severity !== 'info');
      // Where two cells explain the slip equally (财政资金 or 其他资金 left blank), the original must be
      // among the named candidates, with no one-click fix.
      const restores =
        (hit?.fix && Math.abs(Number(hit.fix.value) - c.value) < 0.005) ||
        (hit && !hit.fix && hit.candidates?.some((k) => k.sheet === c.sheet && k.cell === c.cell && Math.abs(Number(k.value) - c.value) < 0.005));
      // Knock-on warnings can be right (a budget typed too low now sits below its cost indicator);
      // an error anywhere else would be a misplaced finding.
      const strayErrors = news.filter((f) => f !== hit && f.severity === 'error');
      if (!restores || strayErrors.length) {
        misses.push(`${c.sheet}!${c.cell} ${c.value}→${wrong}: ${news.map((f) => `${f.sheet}!${f.cell}=${f.fix?.value}`).join(', ') || 'nothing'}`);
      }
    }
    expect(misses).toEqual([]);
    // Some eighty full checks: honest time, on a loaded machine too.
  }, 120_000);

  it('says what kind of slip it looks like', async () => {
    const cell = amountCells().find((c) => c.sheet === '表3' && c.value === 251.32)!;
    const result = await checkGrid('mutant.xlsx', withCell(base, cell.sheet, cell.cell, 215.32), catalogue);
    const f = added(result).find((x) => x.cell === cell.cell)!;
    expect(f.severity).toBe('error');
    expect(f.fix).toEqual({ sheet: '表3', cell: cell.cell, value: 251.32, safety: 'safe' });
    expect(f.message).toContain('应为 251.32');
    expect(f.message).toContain('疑似相邻数字颠倒（251.32 写成了 215.32）');
    const tenfold = await checkGrid('mutant.xlsx', withCell(base, cell.sheet, cell.cell, 2513200), catalogue);
    expect(added(tenfold).find((x) => x.cell === cell.cell)!.message).toContain('疑似元与万元混用');
  });

  it('explains in English too', async () => {
    const cell = amountCells().find((c) => c.sheet === '表3' && c.value === 251.32)!;
    const result = await checkGrid('mutant.xlsx', withCell(base, cell.sheet, cell.cell, 215.32), catalogue, 'en');
    const f = result.report.findings.find((x) => x.cell === cell.cell)!;
    expect(f.message).toMatch(/is 215\.32 ×10k yuan but should be 251\.32 ×10k yuan\. Because: .*transposed digits/);
  });
});

describe('a deleted row', () => {
  const coded = ['income-summary', 'expense-summary', 'general-budget-expense', 'general-budget-basic'];

  it.each(coded)('%s: each deleted 项 (or 款) row is reported on its parent row', async (id) => {
    const t = baseline.recognition.tables.find((x) => x.id === id)!;
    const leaves = t.rows.filter((r) => r.code && !t.rows.some((c) => c.code && parentCode(c.code.code) === r.code!.code));
    expect(leaves.length).toBeGreaterThan(3);
    const misses: string[] = [];
    for (const leaf of leaves) {
      const parent = t.rows.find((r) => r.code?.code === parentCode(leaf.code!.code))!;
      const result = await checkGrid('mutant.xlsx', withoutRow(base, t.sheet, leaf.row), catalogue);
      const onParent = added(result).filter((f) => f.sheet === t.sheet && f.cell && fromA1(f.cell).row === parent.row);
      // A parent with one child loses its whole sum: then the parent's parent is where it shows.
      const onGrandparent = added(result).filter((f) => {
        const gp = t.rows.find((r) => r.code?.code === parentCode(parent.code!.code));
        return gp && f.sheet === t.sheet && f.cell && fromA1(f.cell).row === gp.row;
      });
      if (onParent.length === 0 && onGrandparent.length === 0) misses.push(`${leaf.code!.code}: ${added(result).map((f) => `${f.sheet}!${f.cell}`).join(', ')}`);
    }
    expect(misses).toEqual([]);
  });
});

describe('performance indicators', () => {
  const targets = () => baseline.recognition.tables.filter((t) => t.target);

  it('a blanked indicator value is reported on that cell', async () => {
    for (const t of targets().slice(0, 4)) {
      const ind = t.target!.indicators[0]!;
      const result = await checkGrid('mutant.xlsx', withCell(base, ind.value.sheet, ind.value.cell, null), catalogue);
      expect(added(result)).toContainEqual(expect.objectContaining({ ruleId: 'perf-value-missing', sheet: ind.value.sheet, cell: ind.value.cell, severity: 'error' }));
    }
  });

  it('a blanked 三级指标 is reported on that cell', async () => {
    const ind = targets()[5]!.target!.indicators[2]!;
    const result = await checkGrid('mutant.xlsx', withCell(base, ind.level3.sheet, ind.level3.cell, null), catalogue);
    expect(added(result)).toContainEqual(expect.objectContaining({ ruleId: 'perf-level3-missing', cell: ind.level3.cell }));
  });

  it('a deleted 满意度 row is reported on its project’s table', async () => {
    for (const t of targets().slice(0, 3)) {
      const satisfaction = t.target!.indicators.find((i) => i.level1.text === '满意度指标')!;
      const result = await checkGrid('mutant.xlsx', withoutRow(base, t.sheet, satisfaction.row), catalogue);
      expect(added(result)).toContainEqual(
        expect.objectContaining({ ruleId: 'perf-required-categories', sheet: t.sheet, cell: t.titleCell, message: expect.stringContaining('满意度指标') }),
      );
    }
  });
});

describe('two figures of one sentence changed', () => {
  it('each finding offers the sentence with both restored, so applying one fix does not undo the other', async () => {
    const sentence = base.sheets.find((s) => s.name === '说明')!.rows[7]![0]!.text;
    const wrong = sentence.replace('基本支出2091.75万元', '基本支出2191.75万元').replace('项目支出14408.74万元', '项目支出14508.74万元');
    expect(wrong).not.toBe(sentence);
    const result = await checkGrid('mutant.xlsx', withCell(base, '说明', 'A8', wrong), catalogue);
    const rewrites = result.report.findings.filter((f) => f.fix?.sheet === '说明' && f.fix.cell === 'A8');
    expect(rewrites.map((f) => f.message.match(/“(基本支出|项目支出)”/)?.[1]).sort()).toEqual(['基本支出', '项目支出']);
    expect(rewrites.every((f) => f.fix!.value === sentence && f.fix!.safety === 'unsafe')).toBe(true);
  });
});

describe('a total and one of its parts changed alike', () => {
  it('offers no rewrite of the sentence: its 其中 parts add up to the total as written, so the total is not rewritten, and rewriting the part alone would leave the sentence not adding up', async () => {
    const wrong = '2024年支出预算16600.49万元，其中：基本支出2191.75万元，项目支出14408.74万元。';
    const result = await checkGrid('mutant.xlsx', withCell(base, '说明', 'A8', wrong), catalogue);
    const onSentence = result.report.findings.filter((f) => f.sheet === '说明' && f.cell === 'A8' && f.severity !== 'info');
    expect(onSentence.map((f) => f.message.match(/“([^”]+)”为/)?.[1]).sort()).toEqual(['基本支出', '支出预算总额']);
    expect(onSentence.filter((f) => f.fix !== undefined)).toEqual([]);
  });
});

describe('a narrative figure for a source the 收支总表 prints none of (无锡 水利局 2026)', () => {
  it('is named with the 0 for reference only, saying that one check alone asks for it — not that the change would unbalance a sum', async () => {
    const grid = await readWorkbookFile('samples/real/jiangsu-wuxi-shuili-2026-dept.xlsx');
    const before = await checkGrid('wuxi.xlsx', grid, catalogue);
    const sentence = grid.sheets.find((s) => s.name === '说明')!.rows[8]![0]!.text;
    expect(sentence).toContain('财政专户管理资金收入0万元');
    const result = await checkGrid('mutant.xlsx', withCell(grid, '说明', 'A9', sentence.replace('财政专户管理资金收入0万元', '财政专户管理资金收入1万元')), catalogue);
    const key = (f: Finding) => `${f.ruleId}|${f.sheet}|${f.cell}|${f.message}`;
    const known = new Set(before.report.findings.map(key));
    const news = result.report.findings.filter((f) => !known.has(key(f)));
    expect(news.map((f) => [f.ruleId, f.sheet, f.cell])).toEqual([['narrative-totals', '说明', 'A9']]);
    expect(news[0]!.message).toContain('只有这一处核对要求它为 0');
    expect(news[0]!.message).not.toContain('只改这一格');
    expect(news[0]!.fix?.safety ?? 'display-only').toBe('display-only');
  });
});
