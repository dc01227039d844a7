/** A row's name, code and 序号 cells, asked for on demand, are the cells recognition read them from. */
import { describe, expect, it } from 'vitest';
import { sheetFromValues, type CellValue } from '../../src/core/grid.js';
import { RowCells } from '../../src/core/recognize/row-cells.js';
import { recognizeGrid, table } from '../helpers.js';

const _ = null;

const rows: CellValue[][] = [
  ['部门支出总表', _, _, _, _],
  ['单位：万元', _, _, _, _],
  ['科目编码', '科目名称', '合计', '基本支出', '项目支出'],
  ['合计', _, 30, 10, 20],
  ['208', '社会保障和就业支出', 30, 10, 20],
  ['20801', '人力资源和社会保障管理事务', 30, 10, 20],
];

async function recognised() {
  // The 合计 label is merged across the code and name columns, as templates often do.
  const grid = { sheets: [sheetFromValues('表3', rows, ['A4:B4'])] };
  const t = table(await recognizeGrid(grid), 'expense-summary');
  return { t, cells: new RowCells(grid) };
}

describe('row cells', () => {
  it('recognition keeps only the amount cells on each row', async () => {
    const { t } = await recognised();
    expect(t.rows.map((r) => Object.keys(r.cells))).toEqual(t.rows.map(() => ['total', 'basic', 'project']));
  });

  it('a name cell is found where it is written, a merged one at its master', async () => {
    const { t, cells } = await recognised();
    const [total, cls] = t.rows;
    expect(cells.cell(t, cls!, 'name')).toMatchObject({ sheet: '表3', cell: 'B5', text: '社会保障和就业支出', amount: null });
    expect(cells.cell(t, cls!, 'code')).toMatchObject({ cell: 'A5', amount: 208 });
    expect(cells.cell(t, total!, 'name')).toMatchObject({ cell: 'A4', text: '合计' });
  });

  it('an amount is the row’s own cell; a column the table lacks is no cell', async () => {
    const { t, cells } = await recognised();
    const row = t.rows[1]!;
    expect(cells.cell(t, row, 'basic')).toBe(row.cells.basic);
    expect(cells.cell(t, row, 'seq')).toBeUndefined();
  });

  it('every column’s cell of a row, in column order', async () => {
    const { t, cells } = await recognised();
    expect(cells.all(t, t.rows[2]!).map((c) => c.cell)).toEqual(['A6', 'B6', 'C6', 'D6', 'E6']);
  });
});
