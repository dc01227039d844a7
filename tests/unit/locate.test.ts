/**
 * The locator may never make things worse: no negative amount where none was, candidates instead of
 * a guess when cells explain a failure equally, the likelier slip first, and a whole row when it was
 * typed wrong consistently and another table agrees.
 */
import { describe, expect, it } from 'vitest';
import type { CellRef } from '../../src/core/model.js';
import { evaluate, type Identity, type Overrides, type Term } from '../../src/core/rules/identity.js';
import { locate } from '../../src/core/rules/locate.js';
import { columnShifts, settledByShift } from '../../src/core/rules/column-shifts.js';

/** The catalogue's default judgement: broken by more than rounding explains. */
const byRounding = async (id: Identity, o?: Overrides) => {
  const e = evaluate(id, o);
  return e.breach > e.tolerance;
};

function cell(sheet: string, a1: string, amount: number | null): Term {
  const row = Number(a1.slice(1));
  const ref: CellRef = { sheet, cell: a1, row, col: a1.charCodeAt(0) - 64, text: amount === null ? '' : String(amount), amount, decimals: 2 };
  return { ref, factor: 1, unit: '元', sign: 1, label: { 'zh-CN': a1, en: a1 } };
}

function eq(key: string, lhs: Term[], rhs: Term[]): Identity {
  return { key, ruleId: 'test', relation: 'eq', lhs, rhs, context: {} };
}

describe('which cell is wrong', () => {
  it('never proposes a negative amount for a cell that held none', async () => {
    // total 10 = a 30 + b (blank): making b −20 would "balance" it; the total is the one to change.
    const total = cell('S', 'A1', 10);
    const a = cell('S', 'B1', 30);
    const b = cell('S', 'C1', null);
    const r = eq('r', [total], [a, b]);
    const { culprits } = await locate([r], [r], byRounding);
    for (const c of culprits) expect(c.value).toBeGreaterThanOrEqual(0);
    expect(culprits.map((c) => c.term.ref.cell)).not.toContain('C1');
  });

  it('names every candidate and offers no single answer when two cells explain a failure equally', async () => {
    const left = cell('表5', 'D5', 5);
    const right = cell('表6', 'C5', 4);
    const tie = eq('tie', [left], [right]);
    const { culprits } = await locate([tie], [tie], byRounding);
    expect(culprits).toHaveLength(1);
    expect(culprits[0]!.safety).toBe('ambiguous');
    expect(culprits[0]!.candidates.map((c) => `${c.term.ref.sheet}!${c.term.ref.cell}=${c.value}`).sort()).toEqual(['表5!D5=4', '表6!C5=5']);
  });

  it('offers a filled amount made nothing, on the word of one sum alone, for reference only', async () => {
    // 西安 宣传部 2021's 表13 row: 合计 105,100 = 三公 5,100 + 会议费 120,000 + 培训费 100,000. Were the
    // 合计 held by another sum, the 会议费 would be the one cell to change, to 0; but the 合计 may as well
    // have left the 会议费 out, so no one-click fix empties it.
    const total = cell('表13', 'L11', 105100);
    const held = eq('held', [cell('表13', 'L8', 105100)], [total]);
    const row = eq('row', [total], [cell('表13', 'M11', 5100), cell('表13', 'S11', 120000), cell('表13', 'T11', 100000)]);
    const { culprits } = await locate([row], [row, held], byRounding);
    const emptied = culprits.find((c) => c.term.ref.cell === 'S11');
    expect(Math.abs(emptied!.value)).toBe(0);
    expect(emptied?.safety).toBe('display-only');
  });

  it('prefers a blank left unfilled over an amount that should be nothing', async () => {
    // budget 81 = fiscal (blank) + other 0: fiscal 81 is likelier than budget 0.
    const budget = cell('T', 'C4', 81);
    const fiscal = cell('T', 'E4', null);
    const id = eq('sum', [budget], [fiscal]);
    const { culprits } = await locate([id], [id], byRounding);
    expect(culprits[0]!.term.ref.cell).toBe('E4');
    expect(culprits[0]!.value).toBe(81);
  });

  // Jiangsu 高院 2018's 三公 table: 合计 = 出国 + 公务用车 + 接待 + 会议费 + 培训费, and “三公”经费小计 =
  // the first three. Restoring the slipped cell leaves float noise (1e-11) in the sum; the other
  // cells restore it exactly. The noise once outranked the slip, and the fix went to a right cell.
  it.each([
    ['A6', 25582.6, 2558.26],
    ['H6', 2712.6, 271.26],
  ])('finds a decimal slipped in %s whatever float noise its restoring leaves', async (slipped, wrong, right) => {
    const amounts: Record<string, number> = { A6: 2558.26, B6: 620.75, C6: 170, D6: 266.8, G6: 183.95, H6: 271.26, I6: 1666.25, [slipped]: wrong };
    const t = Object.fromEntries(Object.entries(amounts).map(([a1, v]) => [a1, { ...cell('三公', a1, v), factor: 10_000, unit: '万元' as const }]));
    const total = eq('total', [t.A6!], [t.C6!, t.D6!, t.G6!, t.H6!, t.I6!]);
    const subtotal = eq('subtotal', [t.B6!], [t.C6!, t.D6!, t.G6!]);
    const { culprits } = await locate([total], [total, subtotal], byRounding);
    expect(culprits.map((c) => [c.term.ref.cell, c.value])).toEqual([[slipped, right]]);
  });

  it('does not hold a bound’s slack against the slipped cell (Shanghai: 三公 公务接待费 ≥ the basic table’s 30217)', async () => {
    // 合计 867.5 = 出国 839 + 接待 (28.5 typed 285); the basic table's 接待费 5.2 ≤ 接待 holds either way.
    const total = cell('表9', 'A6', 867.5);
    const abroad = cell('表9', 'B6', 839);
    const reception = cell('表9', 'C6', 285);
    const basicReception = cell('表8', 'D24', 5.2);
    const sum = eq('sum', [total], [abroad, reception]);
    const bound: Identity = { key: 'bound', ruleId: 'test', relation: 'le', lhs: [basicReception], rhs: [reception], context: {} };
    const { culprits } = await locate([sum], [sum, bound], byRounding);
    expect(culprits.map((c) => [c.term.ref.cell, c.value, c.safety])).toEqual([['C6', 28.5, 'unsafe']]);
  });

  it('prefers a slipped decimal undone to a change that leaves the sums more exact (Shanghai 司法局 2026)', async () => {
    // 合计 10.71 = 用车 9.98 + 接待 (0.73 typed 7.30), in 万元; the basic table's 接待费 7,330 元 ≤ 接待 holds
    // within rounding at 0.73 (7,300 元) and exactly at 7.30. Changing 合计 to 17.28 is exact, and wrong.
    const wan = (a1: string, v: number) => ({ ...cell('表9', a1, v), factor: 10_000, unit: '万元' as const });
    const total = wan('A6', 10.71);
    const vehicles = wan('D6', 9.98);
    const reception = wan('C6', 7.3);
    const basicReception = cell('表8', 'D24', 7330);
    const sum = eq('sum', [total], [vehicles, reception]);
    const bound: Identity = { key: 'bound', ruleId: 'test', relation: 'le', lhs: [basicReception], rhs: [reception], context: {} };
    const { culprits } = await locate([sum], [sum, bound], byRounding);
    expect(culprits.map((c) => [c.term.ref.cell, c.value])).toEqual([['C6', 0.73]]);
  });

  it('places a slipped cell though a sentence quoting it has a typo of its own (Jiangsu 检察院 2017)', async () => {
    // 合计 17996.68 = 基本 (12323.48 typed 123234.80) + 项目 5533 + 机动 140.20; the narrative quotes 基本
    // twice, once right (A19) and once as 12323.46 (A10, the published typo).
    const wan = (sheet: string, a1: string, v: number) => ({ ...cell(sheet, a1, v), factor: 10_000, unit: '万元' as const });
    const [total, basic, project, reserve] = [wan('表3', 'A4', 17996.68), wan('表3', 'B4', 123234.8), wan('表3', 'C4', 5533), wan('表3', 'D4', 140.2)];
    const [right, typo] = [wan('说明', 'A19', 12323.48), wan('说明', 'A10', 12323.46)];
    const row = eq('row', [total], [basic, project, reserve]);
    const quoted = eq('A19', [right], [basic]);
    const quotedWrong = eq('A10', [typo], [basic]);
    const { culprits } = await locate([quotedWrong, row, quoted], [quotedWrong, row, quoted], byRounding);
    expect(culprits.map((c) => [c.term.ref.cell, c.value, c.safety])).toEqual([['B4', 12323.48, 'safe'], ['A10', 12323.48, 'unsafe']]);
  });

  it('finds a row typed wrong consistently (合计 and 基本支出 both off) when another table agrees', async () => {
    // 表3: parent = Σ children in two columns; child row 合计 = 基本 + 项目 still adds up.
    const parentTotal = cell('表3', 'C5', 100);
    const parentBasic = cell('表3', 'D5', 100);
    const childTotal = cell('表3', 'C6', 90);
    const childBasic = cell('表3', 'D6', 90);
    const childProject = cell('表3', 'E6', 0);
    const otherChildTotal = cell('表3', 'C7', 0);
    const otherChildBasic = cell('表3', 'D7', 0);
    const otherChildProject = cell('表3', 'E7', 0);
    const elsewhere = cell('表5', 'C6', 100); // the same 项 in another table says 100
    const hTotal = eq('hT', [parentTotal], [childTotal, otherChildTotal]);
    const hBasic = eq('hB', [parentBasic], [childBasic, otherChildBasic]);
    const row = eq('row', [childTotal], [childBasic, childProject]);
    const otherRow = eq('row2', [otherChildTotal], [otherChildBasic, otherChildProject]);
    const tie = eq('tie', [childTotal], [elsewhere]);
    const { culprits, unplaced } = await locate([hTotal, hBasic, tie], [hTotal, hBasic, row, otherRow, tie], byRounding);
    expect(unplaced).toEqual([]);
    const cells = culprits.flatMap((c) => [c, ...c.with]).map((c) => `${c.term.ref.cell}=${c.value}`).sort();
    expect(cells).toEqual(['C6=100', 'D6=100']);
  });

  it('leaves a deleted row on its parent: a sibling that could absorb it is no evidence', async () => {
    const parentTotal = cell('表6', 'C5', 100);
    const parentPersonnel = cell('表6', 'D5', 100);
    const sibTotal = cell('表6', 'C6', 60);
    const sibPersonnel = cell('表6', 'D6', 60);
    const sibPublic = cell('表6', 'E6', 0);
    const hTotal = eq('hT', [parentTotal], [sibTotal]);
    const hPersonnel = eq('hP', [parentPersonnel], [sibPersonnel]);
    const row = eq('row', [sibTotal], [sibPersonnel, sibPublic]);
    const { culprits, unplaced } = await locate([hTotal, hPersonnel], [hTotal, hPersonnel, row], byRounding);
    expect(culprits.filter((c) => c.with.length > 0)).toEqual([]);
    expect(unplaced.length + culprits.length).toBeGreaterThan(0);
  });
});

describe('columns printed a row off (西安 国资委 2022’s 表6)', () => {
  // Truth: 302 合计 30 = 人员 10 + 项目 20, its items 30201 10 (10 + 0) and 30202 20 (0 + 20). The 合计
  // column printed a row up (302 shows 30201's 10, 30201 shows 30202's 20, 30202 the next row's 5),
  // and 302's 人员 shows the row above's 99.
  const F = (row: number, v: number) => cell('表6', `F${row}`, v);
  const G = (row: number, v: number | null) => cell('表6', `G${row}`, v);
  const I = (row: number, v: number | null) => cell('表6', `I${row}`, v);
  const [f16, f17, f18, g16, g17, g18, i16, i17, i18] = [F(16, 10), F(17, 20), F(18, 5), G(16, 99), G(17, 10), G(18, null), I(16, 20), I(17, null), I(18, 20)];
  const all = [
    eq('r16', [f16], [g16, i16]),
    eq('r17', [f17], [g17, i17]),
    eq('r18', [f18], [g18, i18]),
    eq('F302', [f16], [f17, f18]),
    eq('G302', [g16], [g17, g18]),
  ];

  it('solves no total from parts that fail their own rows: 302 is never told 25, the sum of two shifted figures', async () => {
    const { culprits } = await locate(all, all, byRounding);
    const proposed = culprits.flatMap((c) => [c, ...c.candidates]).map((c) => `${c.term.ref.cell}=${c.value}`);
    // Nor 119 (302's row with its shifted 人员), nor, as a choice, 30201's 合计 made to fit 302's shifted one.
    for (const wrong of ['F16=25', 'F16=119', 'F17=5']) expect(proposed).not.toContain(wrong);
    // Each item's 合计 or its parts, as a choice; 302's 人员 from its items; 302's 合计 left to the person.
    expect(proposed.filter((p) => p.startsWith('F16='))).toEqual([]);
    expect(proposed).toContain('F17=10');
    expect(proposed).toContain('G16=10');
  });
});

describe('two tables agreeing on a cell whose change breaks its own sums', () => {
  // 湖州 交通运输局 2026: 表04's 一般公共预算 35,673.03 where 表01 and 表05 both say 52,244.36, and its
  // 一、财政拨款 (= 一般公共预算 + 基金) adding up to the wrong figure too.
  function tables(summary: number, spending: number) {
    const inSummary = cell('表01', 'B7', summary);
    const fiscal = cell('表04', 'B6', 42673.03);
    const general = cell('表04', 'B7', 35673.03);
    const fund = cell('表04', 'B8', 7000);
    const inSpending = cell('表05', 'C7', spending);
    const withSummary = eq('t1', [inSummary], [general]);
    const withSpending = eq('t2', [general], [inSpending]);
    const ownSum = eq('sum', [fiscal], [general, fund]);
    // The two other tables' figures are held by their own sums.
    const summarySum = eq('s01', [cell('表01', 'B6', summary + 139963.4)], [inSummary, cell('表01', 'B8', 139963.4)]);
    const spendingSum = eq('s05', [inSpending], [cell('表05', 'C8', spending)]);
    return { withSummary, withSpending, holding: [ownSum, summarySum, spendingSum] };
  }

  it('names that cell, with the value the two agree on, for reference only', async () => {
    const { withSummary, withSpending, holding } = tables(52244.36, 52244.36);
    const { culprits, unplaced } = await locate([withSummary, withSpending], [withSummary, withSpending, ...holding], byRounding);
    expect(unplaced).toEqual([]);
    expect(culprits).toHaveLength(1);
    expect(`${culprits[0]!.term.ref.sheet}!${culprits[0]!.term.ref.cell}=${culprits[0]!.value}`).toBe('表04!B7=52244.36');
    expect(culprits[0]!.safety).toBe('display-only');
  });

  it('comes before a lone sentence: the narrative and another table agreeing on a table cell are not outvoted by changing the sentence (杭州 交通运输局 2026)', async () => {
    // 表5's 基本支出 82,479.29 against 表6's 82,529.89 and the 说明's 82,529.89; 表5's own 合计 = 基本 + 项目 holds.
    const basic = cell('表5', 'C6', 82479.29);
    const project = cell('表5', 'F6', 350034.42);
    const total = cell('表5', 'B6', 432513.71);
    const basicTable = cell('表6', 'B6', 82529.89);
    const sentence = cell('说明', 'A40', 82529.89);
    const withBasicTable = eq('t6', [basic], [basicTable]);
    const withSentence = eq('n', [sentence], [basic]);
    const row = eq('row', [total], [basic, project]);
    const basicTableSum = eq('s6', [basicTable], [cell('表6', 'C6', 82529.89)]);
    const { culprits, unplaced } = await locate([withBasicTable, withSentence], [withBasicTable, withSentence, row, basicTableSum], byRounding);
    expect(unplaced).toEqual([]);
    expect(culprits.map((c) => `${c.term.ref.sheet}!${c.term.ref.cell}=${c.value} ${c.safety}`)).toEqual(['表5!C6=82529.89 display-only']);
  });

  it('names nothing when the two tables disagree on the value', async () => {
    const { withSummary, withSpending, holding } = tables(52244.36, 50000);
    const { culprits, unplaced } = await locate([withSummary, withSpending], [withSummary, withSpending, ...holding], byRounding);
    expect(culprits).toEqual([]);
    expect(unplaced).toHaveLength(2);
  });
});

describe('the figure a slip undoes', () => {
  // 合计 200.00 over 123.61 + 76.38 = 199.99: the published table rounds. A decimal slipped (1236.10)
  // or two digits swapped (213.61) is undone to 123.61, not to the 123.62 the rounded parts leave.
  it.each([
    ['a slipped decimal', 1236.1],
    ['two digits swapped', 213.61],
  ])('%s is restored to the figure as written, within the sums\' rounding', async (_, typed) => {
    const total = cell('表3', 'C6', 200);
    const a = cell('表3', 'C7', typed);
    const b = cell('表3', 'C8', 76.38);
    const sum = eq('sum', [total], [a, b]);
    const { culprits } = await locate([sum], [sum], byRounding);
    expect(culprits.map((c) => [c.term.ref.cell, c.value])).toEqual([['C7', 123.61]]);
  });
});

describe('a row the table itself corroborates', () => {
  // Guilin 司法局 2015's 三公 table in two columns (合计 = 一般公共预算 on every row): 合计 = 出国 + 接待 +
  // 公务用车费, and 公务用车费 = 运行维护费 + 购置费.
  function threePublic(amounts: Record<number, number>) {
    const at = new Map<string, Term>();
    for (const col of ['B', 'C']) for (const [row, amount] of Object.entries(amounts)) at.set(`${col}${row}`, cell('三公', `${col}${row}`, amount));
    const t = (a1: string) => at.get(a1)!;
    const ids: Identity[] = [];
    for (const col of ['B', 'C']) ids.push(eq(`sum${col}4`, [t(`${col}4`)], [t(`${col}5`), t(`${col}6`), t(`${col}7`)]), eq(`sum${col}7`, [t(`${col}7`)], [t(`${col}8`), t(`${col}9`)]));
    for (const row of Object.keys(amounts)) ids.push(eq(`row${row}`, [t(`B${row}`)], [t(`C${row}`)]));
    return ids;
  }
  async function located(ids: Identity[]) {
    const failing: Identity[] = [];
    for (const id of ids) if (await byRounding(id)) failing.push(id);
    return locate(failing, ids, byRounding);
  }

  it('takes a subtotal left 0 over its parts when its parent is short by as much (its parts and its parent agree)', async () => {
    // Published: 合计 34.35, 接待 1.70, 公务用车费 0 over 运行维护费 32.65. Typing 32.65 in both columns
    // restores all four sums; 合计 = 1.70 would restore only two, against the parts that say otherwise.
    const { culprits, unplaced } = await located(threePublic({ 4: 34.35, 5: 0, 6: 1.7, 7: 0, 8: 32.65, 9: 0 }));
    expect(unplaced).toEqual([]);
    expect(culprits.flatMap((c) => [c, ...c.with]).map((c) => `${c.term.ref.cell}=${c.value}`).sort()).toEqual(['B7=32.65', 'C7=32.65']);
    expect(culprits.map((c) => c.safety)).toEqual(['safe']);
  });

  it('does not take the subtotal when only its parent is short (a sibling row may be the one left out)', async () => {
    // 公务用车费 32.65 = its parts, 合计 short by 10: 接待 or 出国 could hold the 10 as well as 公务用车费.
    const { culprits } = await located(threePublic({ 4: 44.35, 5: 0, 6: 1.7, 7: 32.65, 8: 32.65, 9: 0 }));
    expect(culprits.filter((c) => c.with.length > 0)).toEqual([]);
  });
});

describe('the same slip copied into two tables', () => {
  it('places the second copy once the first is corrected, though a tie between them held each copy back', async () => {
    // 普陀 司法局 2026: 行政运行's 项目支出 64,840,547 (all the 款's projects) typed in both 表3 and 表5.
    // In each table the 款 and the row fail; 表3 ≥ 表5 on that cell holds only while both copies stand.
    const ids: Identity[] = [];
    for (const sheet of ['表3', '表5']) {
      const [section, admin, other] = [cell(sheet, 'G7', 100), cell(sheet, 'G8', 100), cell(sheet, 'G9', 100)];
      const [rowTotal, rowBasic] = [cell(sheet, 'E8', 14), cell(sheet, 'F8', 14)];
      ids.push(eq(`款${sheet}`, [section], [admin, other]), eq(`row${sheet}`, [rowTotal], [rowBasic, admin]));
    }
    const bound: Identity = { key: 'covers', ruleId: 'test', relation: 'ge', lhs: [cell('表3', 'G8', 100)], rhs: [cell('表5', 'G8', 100)], context: {} };
    ids.push(bound);
    const failing: Identity[] = [];
    for (const id of ids) if (await byRounding(id)) failing.push(id);
    expect(failing).toHaveLength(4);
    const { culprits, unplaced } = await locate(failing, ids, byRounding);
    expect(unplaced).toEqual([]);
    expect(culprits.map((c) => [`${c.term.ref.sheet}!${c.term.ref.cell}=${c.value}`, c.safety]).sort()).toEqual([['表3!G8=0', 'safe'], ['表5!G8=0', 'safe']]);
  });
});

describe('the rules decide, not the locator', () => {
  it('accepts a change a rule with a looser tolerance accepts, and refuses one it refuses', async () => {
    // total 100 = b 30 fails. The total is tied to another table (100 = 100) and b to c (30 = 30).
    // Judged by rounding, neither can change without breaking its tie: the failure stays on the
    // total for a person. A maintainer's rule that tolerates 100 元 on b's tie lets b take 100.
    const total = cell('S', 'A1', 100);
    const x = cell('U', 'A1', 100);
    const b = cell('S', 'C1', 30);
    const c = cell('T', 'C1', 30);
    const sum = eq('sum', [total], [b]);
    const totalTie = eq('total-tie', [total], [x]);
    const tie = eq('tie', [b], [c]);
    const all = [sum, totalTie, tie];
    const strict = await locate([sum], all, byRounding);
    expect(strict.culprits).toEqual([]);
    expect(strict.unplaced).toEqual([sum]);
    const loose = async (id: Identity, o?: Overrides) => {
      const e = evaluate(id, o);
      return e.breach > (id.key === 'tie' ? 100 : e.tolerance);
    };
    const looser = await locate([sum], all, loose);
    expect(looser.culprits.map((k) => `${k.term.ref.sheet}!${k.term.ref.cell}=${k.value}`)).toEqual(['S!C1=100']);
  });
});

describe('parts over a total that the table above corroborates', () => {
  // 长春 2026's 301 工资福利支出: 合计 and 人员经费 both 911.21, its 款 adding up to 920.96 in both
  // columns; the 合计 row's own sum (Σ classes) holds with 911.21. Any 款 changed in both columns
  // restores both sums; the 301 row changed would break the sum above it.
  const grand = cell('表6', 'C5', 1000);
  const grandP = cell('表6', 'D5', 1000);
  const parent = cell('表6', 'C6', 911);
  const parentP = cell('表6', 'D6', 911);
  const other = cell('表6', 'C20', 89);
  const otherP = cell('表6', 'D20', 89);
  const kids = [7, 8, 9].map((r) => [cell('表6', `C${r}`, 307), cell('表6', `D${r}`, 307)] as const);
  const hTotal = eq('hT', [parent], kids.map(([c]) => c));
  const hPersonnel = eq('hP', [parentP], kids.map(([, d]) => d));
  const above = eq('above', [grand], [parent, other]);
  const aboveP = eq('aboveP', [grandP], [parentP, otherP]);
  const rows = [eq('r6', [parent], [parentP]), ...kids.map(([c, d], i) => eq(`r${i}`, [c], [d]))];

  it('names no cell and says the parts are where to look', async () => {
    const { culprits, unplaced, partsRivalled } = await locate([hTotal, hPersonnel], [hTotal, hPersonnel, above, aboveP, ...rows], byRounding);
    expect(culprits).toEqual([]);
    expect(unplaced).toEqual([hTotal, hPersonnel]);
    expect(partsRivalled).toEqual([hTotal, hPersonnel]);
  });

  it('does not say so where the total row could be the one (nothing above it)', async () => {
    const { partsRivalled } = await locate([hTotal, hPersonnel], [hTotal, hPersonnel, ...rows], byRounding);
    expect(partsRivalled).toEqual([]);
  });
});

describe('a slid column settles the rows it explains', () => {
  it('an ambiguous row of a slid 合计 column takes the slide’s figure, as a best guess (西安 国资委 2022’s 表6 F19)', async () => {
    // 合计 printed a row up over five rows: each row's right 合计 stands in the row above. Row 4's parts
    // are 0 and 30, so its failure alone could be its 合计, its 人员经费 or its 项目支出.
    const rows: [number | null, number, number][] = [
      [50, 10, 20],
      [20, 20, 30],
      [10, 0, 20],
      [15, 0, 10],
      [99, 5, 10],
    ];
    const ids = rows.map(([total, a, b], i) => eq(`r${i}`, [cell('表6', `F${i + 2}`, total)], [cell('表6', `G${i + 2}`, a), cell('表6', `I${i + 2}`, b)]));
    const above = new Map(rows.map(([total], i) => [`F${i + 2}`, total]));
    const neighbour = (ref: CellRef, by: -1 | 1): CellRef | undefined => {
      const a1 = `${String.fromCharCode(64 + ref.col)}${ref.row + by}`;
      if (ref.col !== 6 || !above.has(a1)) return undefined;
      return { ...ref, cell: a1, row: ref.row + by, amount: above.get(a1)!, text: String(above.get(a1)) };
    };
    const [shift] = await columnShifts(ids, neighbour, byRounding);
    expect(shift?.cells.map((c) => c.term.ref.cell)).toEqual(['F3', 'F4', 'F5', 'F6']);
    const { culprits } = await locate(ids, ids, byRounding);
    const f5 = culprits.find((c) => c.resolves[0]!.key === 'r3')!;
    expect(f5.safety).toBe('ambiguous');
    const settled = settledByShift(f5, [shift!]);
    expect(settled).toMatchObject({ safety: 'unsafe', value: 10, candidates: [] });
    expect(settled.term.ref.cell).toBe('F5');
    // A failure the slide does not explain is left as it was.
    const other = culprits.find((c) => c.resolves[0]!.key === 'r0')!;
    expect(settledByShift(other, [shift!])).toBe(other);
  });
});
