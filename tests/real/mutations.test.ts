/**
 * Mistakes planted in real templates, not only in our own: the Shanghai unit budget (a two-row-header
 * 收支总表 split into 人员经费 | 公用经费, split 类/款/项 codes, the horizontal 三公 table with
 * 机关运行经费) and the Jiangsu provincial budget with its codes stored as numbers formatted 0.00.
 * Each slip must be reported on the changed cell with a fix that restores it — including the slip
 * clerks make most: one row typed wrong consistently, so that it still adds up across.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { fromA1 } from '../../src/core/address.js';
import { checkGrid, type Catalogue, type CheckResult } from '../../src/core/check.js';
import type { Finding } from '../../src/core/findings.js';
import { withCellValues, type GridWorkbook } from '../../src/core/grid.js';
import type { RecognizedTable, TableRow } from '../../src/core/model.js';
import { displayText } from '../../src/core/text.js';
import { loadCatalogue } from '../../src/cli/rule-files.js';
import { readWorkbookFile } from '../../src/xlsx/read-file.js';
import { CORPUS_DIR } from '../../scripts/corpus-score.js';

let catalogue: Catalogue;
beforeAll(async () => {
  catalogue = await loadCatalogue();
});

const withCells = withCellValues;

function added(base: CheckResult, result: CheckResult): Finding[] {
  const key = (f: Finding) => `${f.ruleId}|${f.sheet}|${f.cell}|${f.severity}`;
  const before = new Set(base.report.findings.map(key));
  return result.report.findings.filter((f) => !before.has(key(f)));
}

/** Codes stored as numbers in a "0.00" column, as some provinces' workbooks hold them. */
function numericCodes(grid: GridWorkbook, tables: RecognizedTable[]): GridWorkbook {
  const cells = tables.flatMap((t) => t.rows.filter((r) => r.code && r.codeCell).map((r) => ({ sheet: t.sheet, cell: r.codeCell!, value: Number(r.code!.code) })));
  const out = withCells(grid, cells);
  for (const c of cells) {
    const p = fromA1(c.cell);
    const cell = out.sheets.find((s) => s.name === c.sheet)!.rows[p.row - 1]![p.col - 1]!;
    cell.numFmt = '0.00';
    cell.text = displayText(c.value, '0.00');
  }
  return out;
}

interface Template {
  name: string;
  file: string;
  prepare?: (grid: GridWorkbook, base: CheckResult) => GridWorkbook;
  /** At least how many standard tables the workbook holds. */
  standardTables: number;
  /** Which tables' amounts to plant slips in, and at least how many amounts they hold. */
  tables: (t: RecognizedTable) => boolean;
  amounts: number;
  /** The template splits 合计 into 基本支出 and 项目支出 by 项, so a row can be typed wrong consistently. */
  rowSlips: boolean;
}

const TEMPLATES: Template[] = [
  { name: 'Shanghai unit budget (two-row 收支总表, horizontal 三公)', file: 'shanghai-putuo-commerce-2025-unit', standardTables: 8, tables: () => true, amounts: 40, rowSlips: true },
  {
    name: 'Jiangsu provincial budget with codes stored as numbers (0.00)',
    file: 'jiangsu-sheng-zhengxie-2019-dept',
    prepare: (grid, base) => numericCodes(grid, base.recognition.tables.filter((t) => t.rows.some((r) => r.code))),
    // The coded tables are what numeric codes put at risk; the summaries too: the 收支总表, the 收入总表
    // listed by category (小计 = its items), the 支出总表 (合计 = 基本支出 + 项目支出 + 单位预留机动经费),
    // the 财政拨款收支总表 by use (支出合计 = the same three rows) and the 三公 table (合计 = “三公”经费小计
    // + 会议费 + 培训费).
    standardTables: 8,
    tables: (t) => t.rows.some((r) => r.code) || ['income-expense-summary', 'income-summary', 'expense-summary', 'three-public', 'fiscal-summary'].includes(t.id),
    amounts: 40,
    rowSlips: false,
  },
  {
    // Restoring a slip here leaves float noise in the 合计 sum, which once outranked the slip itself.
    name: 'Jiangsu 三公 table whose restored sums carry float noise (高院 2018)',
    file: 'jiangsu-sheng-gaoyuan-2018-dept',
    standardTables: 8,
    tables: (t) => t.id === 'three-public',
    amounts: 7,
    rowSlips: false,
  },
  {
    // 接待费 is bounded by the basic table's 30217 with room to spare: that slack once counted against
    // the slipped cell, and the 合计 or 出国 were offered instead.
    name: 'Shanghai 三公 table bounded by the basic table (普陀 政府办 2025)',
    file: 'shanghai-putuo-govoffice-2025-dept',
    standardTables: 8,
    tables: (t) => t.id === 'three-public',
    amounts: 3,
    rowSlips: false,
  },
  {
    // 接待费 0.73 万元 sits within rounding of the basic table's 30217 in 元: undoing its slip leaves that
    // rounding, and a 合计 that would restore the sum exactly once outranked it.
    name: 'Shanghai 三公 table within rounding of the basic table (普陀 司法局 2026 unit)',
    file: 'shanghai-putuo-justice-2026-unit',
    standardTables: 8,
    tables: (t) => t.id === 'three-public',
    amounts: 4,
    rowSlips: false,
  },
  {
    // The narrative quotes 基本支出 twice, once with the published typo 12323.46: a slip in the table
    // must still be placed, and the typo told the figure the table is restored to.
    name: 'Jiangsu 支出预算总表 quoted by a narrative with a typo of its own (检察院 2017)',
    file: 'jiangsu-sheng-jianchayuan-2017-dept',
    standardTables: 8,
    tables: (t) => t.id === 'expense-summary',
    amounts: 4,
    rowSlips: false,
  },
  {
    // Listed down the rows under 支出 | 预算数, in 亿元: the header once named no label column, and no sum ran.
    name: 'Chongqing municipal 三公 table listed down its rows (2024)',
    file: 'chongqing-municipal-2024-threepublic',
    standardTables: 1,
    tables: (t) => t.id === 'three-public',
    amounts: 6,
    rowSlips: false,
  },
];

const AMOUNT_ROLES = new Set(['total', 'basic', 'project', 'personnel', 'publicUse', 'subtotal', 'fiscal', 'expenseAmount', 'incomeAmount', 'expensePersonnel', 'expensePublicUse', 'expenseProject', 'abroad', 'vehicleSubtotal', 'vehicleRunning', 'reception', 'agencyRunning', 'reserve', 'threePublicSubtotal', 'meeting', 'training', 'expenseTotal']);

describe.each(TEMPLATES)('$name', ({ file, prepare, standardTables, tables, amounts, rowSlips }) => {
  let grid: GridWorkbook;
  let base: CheckResult;
  beforeAll(async () => {
    const raw = await readWorkbookFile(`${CORPUS_DIR}${file}.xlsx`);
    const first = await checkGrid(`${file}.xlsx`, raw, catalogue);
    grid = prepare ? prepare(raw, first) : raw;
    base = await checkGrid(`${file}.xlsx`, grid, catalogue);
  });

  it('reads the same tables and findings whatever the code cells hold', async () => {
    expect(base.recognition.tables.filter((t) => t.id !== 'performance-target').length).toBeGreaterThanOrEqual(standardTables);
    expect(base.report.findings.filter((f) => f.ruleId === 'recognition/code-invalid')).toEqual([]);
  });

  it('a slipped decimal in any filled amount is reported on its cell with the restoring fix', async () => {
    const targets = base.recognition.tables.filter(tables).flatMap((t) =>
      t.rows.flatMap((r) => Object.entries(r.cells).filter(([role, c]) => AMOUNT_ROLES.has(role) && c.amount && !c.invalid).map(([, c]) => c)),
    );
    const unique = [...new Map(targets.map((c) => [`${c.sheet}!${c.cell}`, c])).values()];
    expect(unique.length).toBeGreaterThanOrEqual(amounts);
    const misses: string[] = [];
    for (const c of unique) {
      const wrong = Math.round(c.amount! * 1000) / 100;
      const result = await checkGrid('mutant.xlsx', withCells(grid, [{ sheet: c.sheet, cell: c.cell, value: wrong }]), catalogue);
      const news = added(base, result);
      // On the cell with the restoring fix, or — where cells explain it equally — named among the candidates.
      const restoring = (v: number | string | undefined) => v !== undefined && Math.abs(Number(v) - c.amount!) < 0.005;
      const onCell = (f: Finding) => f.sheet === c.sheet && f.cell === c.cell && f.severity !== 'info';
      const restores =
        news.some((f) => onCell(f) && restoring(f.fix?.value)) ||
        news.some((f) => !f.fix && f.candidates?.some((k) => k.sheet === c.sheet && k.cell === c.cell && restoring(k.value)));
      if (!restores) misses.push(`${c.sheet}!${c.cell} ${c.amount}→${wrong}: ${news.map((f) => `${f.sheet}!${f.cell}=${f.fix?.value ?? '?'}`).join(', ') || 'nothing'}`);
    }
    expect(misses).toEqual([]);
  }, 240_000);

  // Only where the template splits 合计 by 项 (registered, not skipped, elsewhere).
  if (rowSlips) it('a 项 typed wrong consistently (合计 and 基本支出 both off, the row still adds up) lands on that row with the restoring fix', async () => {
    const t = base.recognition.tables.find((x) => x.id === 'expense-summary' && x.rows.some((r) => r.code?.level === 3))!;
    const leaves = t.rows.filter((r: TableRow) => r.code?.level === 3 && (r.cells.basic?.amount ?? 0) > 0 && r.cells.total?.amount);
    expect(leaves.length).toBeGreaterThan(2);
    const misses: string[] = [];
    for (const leaf of leaves) {
      const delta = 1000;
      const total = leaf.cells.total!;
      const basic = leaf.cells.basic!;
      const result = await checkGrid(
        'mutant.xlsx',
        withCells(grid, [
          { sheet: total.sheet, cell: total.cell, value: total.amount! + delta },
          { sheet: basic.sheet, cell: basic.cell, value: basic.amount! + delta },
        ]),
        catalogue,
      );
      const news = added(base, result);
      for (const c of [total, basic]) {
        const hit = news.find((f) => f.sheet === c.sheet && f.cell === c.cell && f.fix && Math.abs(Number(f.fix.value) - c.amount!) < 0.005);
        if (!hit) misses.push(`${leaf.code!.code} ${c.cell}: ${news.map((f) => `${f.sheet}!${f.cell}=${f.fix?.value ?? '?'}`).join(', ') || 'nothing'}`);
      }
    }
    expect(misses).toEqual([]);
  }, 120_000);
});

describe('Jiangsu summaries (收支预算总表 with two expense sections, totals merged over C:E with the amount in F; 财政拨款收支预算总表 by 支出用途)', () => {
  const file = 'jiangsu-sheng-zhengxie-2019-dept';
  let grid: GridWorkbook;
  let base: CheckResult;
  beforeAll(async () => {
    grid = await readWorkbookFile(`${CORPUS_DIR}${file}.xlsx`);
    base = await checkGrid(`${file}.xlsx`, grid, catalogue);
  });

  it('reads 当年收入小计 / 上年结转资金 / 收入合计 as the year total, the carry-over and the grand total, on both sides', () => {
    const t = base.recognition.tables.find((x) => x.id === 'income-expense-summary')!;
    const keyed = (side: string) => t.rows.filter((r) => /Total$|^carried/.test(r.keys[side] ?? '')).map((r) => [r.keys[side], r.cells[side === 'incomeItem' ? 'incomeAmount' : 'expenseAmount']?.cell]);
    expect(keyed('incomeItem')).toEqual([['incomeYearTotal', 'B27'], ['carriedOver', 'B28'], ['incomeGrandTotal', 'B29']]);
    expect(keyed('expenseItem')).toEqual([['expenseYearTotal', 'F27'], ['carriedForward', 'F28'], ['expenseGrandTotal', 'F29']]);
  });

  // 收支预算总表 B27 B29 F27 F29; 财政拨款收支预算总表 D10, its 支出合计 under 支出用途/金额 with no carry rows;
  // 收入预算总表 C5, its 收入总计.
  it.each([
    ['income-expense-summary', 'B27'],
    ['income-expense-summary', 'B29'],
    ['income-expense-summary', 'F27'],
    ['income-expense-summary', 'F29'],
    ['fiscal-summary', 'D10'],
    ['income-summary', 'C5'],
  ])('a slipped decimal in %s %s is reported on it with the restoring fix', async (table, cell) => {
    const ref = base.recognition.tables.find((x) => x.id === table)!.rows.flatMap((r) => Object.values(r.cells)).find((c) => c.cell === cell)!;
    const wrong = Math.round(ref.amount! * 1000) / 100;
    const news = added(base, await checkGrid('mutant.xlsx', withCells(grid, [{ sheet: ref.sheet, cell, value: wrong }]), catalogue));
    expect(news.find((f) => f.sheet === ref.sheet && f.cell === cell && Math.abs(Number(f.fix?.value) - ref.amount!) < 0.005), news.map((f) => `${f.cell} ${f.message}`).join('\n')).toBeDefined();
  });
});

describe('Anhui 杜集 2020 三公 table: nils written 0 among 22.20 and 18.00, the narrative writing “公务接待费支出预算为…”', () => {
  const file = 'anhui-huaibei-dujidevzone-2020-threepublic';
  it('a 公务接待费 with two digits swapped (22.20 → 22.02) is placed on its cell, the narrative agreeing, with a safe fix', async () => {
    const grid = await readWorkbookFile(`${CORPUS_DIR}${file}.xlsx`);
    const base = await checkGrid(`${file}.xlsx`, grid, catalogue);
    const reception = base.recognition.tables.find((t) => t.id === 'three-public')!.rows.find((r) => r.keys.item === 'reception')!.cells.total!;
    expect([reception.cell, reception.amount]).toEqual(['B6', 22.2]);
    const news = added(base, await checkGrid('mutant.xlsx', withCells(grid, [{ sheet: reception.sheet, cell: 'B6', value: 22.02 }]), catalogue));
    expect(news.filter((f) => f.severity !== 'info').map((f) => [f.cell, f.fix?.value, f.fix?.safety])).toEqual([['B6', 22.2, 'safe']]);
  });
});

describe('Shanghai 普陀 政府办 2025: 机关运行经费 in the 三公 table and in the narrative', () => {
  const file = 'shanghai-putuo-govoffice-2025-dept';
  it('a 机关运行经费 with two digits swapped (213.28 → 123.28) names the sentence and the cell, and choosing the sentence rewrites only its number', async () => {
    const grid = await readWorkbookFile(`${CORPUS_DIR}${file}.xlsx`);
    const base = await checkGrid(`${file}.xlsx`, grid, catalogue);
    const cell = base.recognition.tables.find((t) => t.id === 'three-public')!.rows[0]!.cells.agencyRunning!;
    expect([cell.cell, cell.amount]).toEqual(['G6', 213.28]);
    const news = added(base, await checkGrid('mutant.xlsx', withCells(grid, [{ sheet: cell.sheet, cell: 'G6', value: 123.28 }]), catalogue));
    const [finding, ...others] = news.filter((f) => f.severity !== 'info');
    expect(others).toEqual([]);
    expect(finding!.fix).toBeUndefined();
    const sentence = finding!.candidates!.find((k) => k.sheet === '说明')!;
    const original = grid.sheets.find((s) => s.name === '说明')!.rows[fromA1(sentence.cell).row - 1]![0]!.text;
    expect(sentence.value).toBe(original.replace('213.28', '123.28'));
    expect(finding!.candidates!.find((k) => k.sheet === cell.sheet)).toMatchObject({ cell: 'G6', value: 213.28 });
  });
});
