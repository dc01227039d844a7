/**
 * The common-mistakes catalogue: what finance staff get wrong again and again, each with a Chinese
 * name and explanation, and a small function that plants it in a recognised workbook as cell edits.
 */
import { parentCode } from '../core/codes.js';
import type { CellRef, Recognition, RecognizedTable, TableRow } from '../core/model.js';
import type { RowCells } from '../core/recognize/row-cells.js';
import { normalizeLabel } from '../core/text.js';
import type { Random } from './random.js';

export type EditValue = string | number | null;

export interface Edit {
  sheet: string;
  cell: string;
  value: EditValue;
}

export interface Planted {
  /** The cells to change. */
  edits: Edit[];
  /** Where the checker should report it (the answer key's cell). */
  answer: { sheet: string; cell: string; original: EditValue; planted: EditValue };
}

export interface MistakeContext {
  recognition: Recognition;
  /** Every column's cell of a row (names, codes, 序号 too), for a mistake that clears a row. */
  rowCells: RowCells;
  /** Long text cells (the 说明 narrative), for mistakes that rewrite a sentence. */
  narrativeCells(): { sheet: string; cell: string; text: string }[];
  rng: Random;
}

export interface Mistake {
  id: string;
  name: string;
  explanation: string;
  /** One way of planting it, or undefined when the workbook offers no place for it. */
  plant(ctx: MistakeContext): Planted | undefined;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

const AMOUNT_TABLES = ['income-summary', 'expense-summary', 'general-budget-expense', 'general-budget-basic', 'fiscal-summary', 'income-expense-summary', 'three-public'];

function tables(ctx: MistakeContext, ...ids: string[]): RecognizedTable[] {
  return ctx.recognition.tables.filter((t) => ids.includes(t.id));
}

/** Amount cells holding a non-zero number in the given tables. */
function amountCells(ctx: MistakeContext, ids = AMOUNT_TABLES, filter: (t: RecognizedTable, r: TableRow, role: string) => boolean = () => true): CellRef[] {
  const out: CellRef[] = [];
  for (const t of tables(ctx, ...ids)) {
    for (const r of t.rows) {
      for (const [role, c] of Object.entries(r.cells)) {
        if (c.amount && !c.invalid && filter(t, r, role)) out.push(c);
      }
    }
  }
  return out;
}

function single(ref: CellRef, value: EditValue): Planted {
  return { edits: [{ sheet: ref.sheet, cell: ref.cell, value }], answer: { sheet: ref.sheet, cell: ref.cell, original: ref.amount ?? ref.text, planted: value } };
}

/** The amount with its first pair of different adjacent digits swapped (251.32 → 521.32), if any. */
export function transposeDigits(v: number): number | undefined {
  const digits = v.toFixed(2).replace('.', '');
  for (let i = 0; i + 1 < digits.length; i++) {
    if (digits[i] === digits[i + 1]) continue;
    const t = digits.slice(0, i) + digits[i + 1] + digits[i] + digits.slice(i + 2);
    const n = Number(`${t.slice(0, -2)}.${t.slice(-2)}`);
    if (n !== v && t[0] !== '0') return n;
  }
  return undefined;
}

function indicatorsWhere(ctx: MistakeContext, test: (level2: string, level3: string, value: string) => boolean) {
  const out: { t: RecognizedTable; ind: NonNullable<RecognizedTable['target']>['indicators'][number] }[] = [];
  for (const t of tables(ctx, 'performance-target')) {
    for (const ind of t.target?.indicators ?? []) {
      if (test(normalizeLabel(ind.level2.text), normalizeLabel(ind.level3.text), ind.value.text.trim())) out.push({ t, ind });
    }
  }
  return out;
}

export const MISTAKES: Mistake[] = [
  {
    id: 'transposed-digits',
    name: '数字颠倒',
    explanation: '录入时把相邻两位数字写反（如 251.32 写成 215.32），差额能被 9 整除。',
    plant(ctx) {
      const ref = ctx.rng.pick(amountCells(ctx).filter((c) => transposeDigits(c.amount!) !== undefined));
      return ref && single(ref, transposeDigits(ref.amount!)!);
    },
  },
  {
    id: 'slipped-decimal',
    name: '小数点错位',
    explanation: '小数点向左或向右移了一位，金额相差 10 倍。',
    plant(ctx) {
      const ref = ctx.rng.pick(amountCells(ctx));
      return ref && single(ref, round2(ref.amount! * (ctx.rng.next() < 0.5 ? 10 : 0.1)) || round2(ref.amount! * 10));
    },
  },
  {
    id: 'unit-mix',
    name: '元与万元混用',
    explanation: '以万元为单位的表中填入了以元为单位的数字，金额相差 10000 倍。',
    plant(ctx) {
      const ref = ctx.rng.pick(amountCells(ctx));
      return ref && single(ref, round2(ref.amount! * 10000));
    },
  },
  {
    id: 'omitted-child-row',
    name: '漏填下级科目',
    explanation: '某个项级科目整行没有填写，上级科目的金额却包含了它，上级与下级合计对不上。',
    plant(ctx) {
      const candidates: { t: RecognizedTable; row: TableRow; parent: TableRow }[] = [];
      for (const t of tables(ctx, 'expense-summary', 'income-summary', 'general-budget-expense', 'general-budget-basic')) {
        for (const row of t.rows) {
          if (!row.code || row.code.level < 2) continue;
          const siblings = t.rows.filter((r) => r.code && parentCode(r.code.code) === parentCode(row.code!.code));
          const parent = t.rows.find((r) => r.code?.code === parentCode(row.code!.code));
          // With siblings left, the parent still has children to be compared with.
          if (parent && siblings.length > 1 && !t.rows.some((r) => r.code && parentCode(r.code.code) === row.code!.code)) candidates.push({ t, row, parent });
        }
      }
      const c = ctx.rng.pick(candidates);
      if (!c) return undefined;
      const cells = ctx.rowCells.all(c.t, c.row).filter((x, i, all) => all.findIndex((y) => y.cell === x.cell) === i);
      const edits = [...cells.map((x) => ({ sheet: x.sheet, cell: x.cell, value: null })), ...(c.row.codeCell ? [{ sheet: c.t.sheet, cell: c.row.codeCell, value: null }] : [])];
      const total = c.parent.cells.total!;
      return { edits, answer: { sheet: total.sheet, cell: total.cell, original: total.amount, planted: total.amount } };
    },
  },
  {
    id: 'parent-not-updated',
    name: '改了下级未改上级',
    explanation: '调整了某个项级科目的金额（各表一致），但没有同步修改它上级“款”的金额。',
    plant(ctx) {
      const es = tables(ctx, 'expense-summary')[0];
      if (!es) return undefined;
      // Project-spending rows: no basic-spending correspondence ties them elsewhere.
      const rows = es.rows.filter((r) => r.code?.level === 3 && r.cells.project?.amount && !r.cells.basic?.amount && es.rows.filter((x) => x.code && parentCode(x.code.code) === parentCode(r.code!.code)).length > 1);
      const row = ctx.rng.pick(rows);
      if (!row) return undefined;
      const delta = round2(Math.max(1, Math.round(row.cells.project!.amount! * 0.1)));
      const edits: Edit[] = [];
      for (const t of tables(ctx, 'expense-summary', 'general-budget-expense', 'income-summary')) {
        const same = t.rows.find((r) => r.code?.code === row.code!.code);
        if (!same) continue;
        for (const role of ['total', 'project', 'subtotal', 'fiscal']) {
          const c = same.cells[role];
          if (c?.amount) edits.push({ sheet: c.sheet, cell: c.cell, value: round2(c.amount + delta) });
        }
      }
      const parent = es.rows.find((r) => r.code?.code === parentCode(row.code!.code))!;
      return { edits, answer: { sheet: es.sheet, cell: parent.cells.total!.cell, original: parent.cells.total!.amount, planted: parent.cells.total!.amount } };
    },
  },
  {
    id: 'sign-error',
    name: '正负号错误',
    explanation: '把正数录成了负数（或相反），差额是该数的两倍。',
    plant(ctx) {
      const ref = ctx.rng.pick(amountCells(ctx));
      return ref && single(ref, -ref.amount!);
    },
  },
  {
    id: 'row-total-mismatch',
    name: '行合计不等于各项之和',
    explanation: '一行中的“合计”与基本支出、项目支出等各列之和不一致。',
    plant(ctx) {
      const ref = ctx.rng.pick(amountCells(ctx, ['expense-summary', 'general-budget-expense', 'general-budget-basic'], (_t, r, role) => role === 'total' && !r.isTotal));
      return ref && single(ref, round2(ref.amount! + Math.max(1, Math.round(ref.amount! * 0.07))));
    },
  },
  {
    id: 'copied-from-last-year',
    name: '照抄上年数',
    explanation: '收支总表中的某类支出照抄了上年的数字，与支出总表本年的数对不上。',
    plant(ctx) {
      const ref = ctx.rng.pick(amountCells(ctx, ['income-expense-summary'], (_t, r, role) => role === 'expenseAmount' && !!r.keys.expenseItem?.startsWith('class')));
      return ref && single(ref, round2(ref.amount! * (1 + (ctx.rng.next() < 0.5 ? -1 : 1) * (0.03 + ctx.rng.next() * 0.05))));
    },
  },
  {
    id: 'three-public-mismatch',
    name: '“三公”经费小计或车辆费用不符',
    explanation: '“三公”经费表中的小计或公务用车费用与其组成部分对不上。',
    plant(ctx) {
      const ref = ctx.rng.pick(amountCells(ctx, ['three-public'], (_t, r) => ['subtotal', 'vehicle', 'vehicleRunning', 'vehiclePurchase'].includes(r.keys.item ?? '')));
      return ref && single(ref, round2(ref.amount! + 1));
    },
  },
  {
    id: 'three-public-narrative',
    name: '说明中的“三公”经费与表不符',
    explanation: '情况说明里写的“三公”经费金额与“三公”经费支出表不一致。',
    plant: (ctx) => plantNarrative(ctx),
  },
  {
    id: 'missing-indicator-value',
    name: '指标值未填',
    explanation: '绩效指标的“指标值”是空的，无法评价完成情况。',
    plant(ctx) {
      const c = ctx.rng.pick(indicatorsWhere(ctx, (_l2, l3, v) => l3 !== '' && v !== ''));
      return c && single(c.ind.value, null);
    },
  },
  {
    id: 'missing-indicator-category',
    name: '缺少指标类别',
    explanation: '绩效目标表缺少必需的指标类别（如满意度指标）。',
    plant(ctx) {
      const c = ctx.rng.pick(indicatorsWhere(ctx, (l2) => l2 === '服务对象满意度指标'));
      if (!c) return undefined;
      const cells = [c.ind.level1, c.ind.level2, c.ind.level3, c.ind.value, c.ind.description, c.ind.basis].filter((x): x is CellRef => !!x && x.row === c.ind.row);
      return {
        edits: cells.map((x) => ({ sheet: x.sheet, cell: x.cell, value: null })),
        answer: { sheet: c.t.sheet, cell: c.t.titleCell!, original: c.ind.level1.text, planted: null },
      };
    },
  },
  {
    id: 'cost-above-budget',
    name: '成本指标超过预算',
    explanation: '成本指标写的金额高于项目的预算数。',
    plant(ctx) {
      const c = ctx.rng.pick(indicatorsWhere(ctx, (l2, _l3, v) => l2 === '成本指标' && /万元$/.test(v)).filter((x) => x.t.target?.budget?.amount));
      return c && single(c.ind.value, `≤${round2(c.t.target!.budget!.amount! * 1.2)}万元`);
    },
  },
  {
    id: 'rate-wrong-comparator',
    name: '比率指标比较符写反',
    explanation: '完成率、满意度等比率类指标应写“≥”，却写成了“≤”。',
    plant(ctx) {
      const c = ctx.rng.pick(indicatorsWhere(ctx, (l2, l3, v) => l2 !== '成本指标' && /率|满意度/.test(l3) && /^≥\d+(\.\d+)?%$/.test(v)));
      return c && single(c.ind.value, c.ind.value.text.trim().replace('≥', '≤'));
    },
  },
  {
    id: 'plan-not-100',
    name: '资金支出计划未达到 100%',
    explanation: '资金支出计划的累计百分比到年底还没有达到 100%。',
    plant(ctx) {
      const c = ctx.rng.pick(tables(ctx, 'performance-target').filter((t) => t.target?.plan.at(-1)?.cell.text.trim() === '100%'));
      const last = c?.target?.plan.at(-1)?.cell;
      return last && single(last, `${80 + Math.floor(ctx.rng.next() * 4) * 5}%`);
    },
  },
  {
    id: 'empty-table-no-note',
    name: '空表未注明',
    explanation: '没有政府性基金（或国有资本经营）预算的部门，空表下面漏写了“空表列示”的说明。',
    plant(ctx) {
      const t = ctx.rng.pick(tables(ctx, 'gov-fund-expense', 'state-capital-expense').filter((x) => x.note && x.rows.length === 0));
      return t && { edits: [{ sheet: t.sheet, cell: t.note!.cell, value: null }], answer: { sheet: t.sheet, cell: t.titleCell!, original: t.note!.text, planted: null } };
    },
  },
];

const NARRATIVE = /(“三公”经费预算安排|公务用车购置及运维费|公务用车运维费|公务用车运行维护费)(\d+(?:\.\d+)?)万元/;

function plantNarrative(ctx: MistakeContext): Planted | undefined {
  const cells = ctx.narrativeCells();
  const hits = cells.filter((c) => {
    const m = NARRATIVE.exec(c.text);
    return m && Number(m[2]) > 0;
  });
  const c = ctx.rng.pick(hits);
  if (!c) return undefined;
  const m = NARRATIVE.exec(c.text)!;
  const wrong = round2(Number(m[2]) + 1 + Math.floor(ctx.rng.next() * 5));
  const planted = c.text.replace(m[0], `${m[1]}${wrong}万元`);
  return { edits: [{ sheet: c.sheet, cell: c.cell, value: planted }], answer: { sheet: c.sheet, cell: c.cell, original: c.text, planted } };
}

