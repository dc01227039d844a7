/**
 * A consistent synthetic budget of any size, in the transcription format the workbook writer takes:
 * a county-wide consolidation with every 项 of several functional classes, a full economic table and
 * hundreds of project target tables. Amounts are drawn from a seeded PRNG; every identity holds.
 */
import { Random } from '../src/train/random.js';
import type { TranscribedTable, TranscribedTarget, Transcription } from '../src/xlsx/transcription.js';

export interface SyntheticOptions {
  classes: string[];
  sections: number;
  items: number;
  projects: number;
  seed: number;
}

const CN = '一二三四五六七八九十';
const money = (cents: number) => (cents / 100).toFixed(2);
const blank = (cents: number) => (cents ? money(cents) : '');

/** Splits a total (in cents) into n positive parts that add up exactly. */
function split(total: number, n: number, rng: Random): number[] {
  const weights = Array.from({ length: n }, () => 0.5 + rng.next());
  const sum = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((w) => Math.floor((total * w) / sum));
  parts[0]! += total - parts.reduce((a, b) => a + b, 0);
  return parts;
}

// Codes tied to economic ones (养老、年金、医疗、公积金) are left out so the correspondences hold trivially.
const TIED = new Set(['20805', '21011', '22102']);

export function syntheticBudget(o: SyntheticOptions): Transcription {
  const rng = new Random(o.seed);
  const header = (first: string[]) => ({
    header: [['序号', '功能分类科目', null, ...first], [null, '科目编码', '科目名称', ...first.map(() => null)]],
    merges: ['A1:A2', 'B1:C1', ...first.map((_, i) => `${String.fromCharCode(68 + i)}1:${String.fromCharCode(68 + i)}2`)],
    columnNumbers: ['栏次', ...Array.from({ length: first.length + 2 }, (_, i) => String(i + 1))],
  });
  // Functional rows: leaves get basic and project amounts; parents are the sums.
  type Row = { code: string; name: string; basic: number; project: number };
  const leaves: Row[] = [];
  const parents: Row[] = [];
  for (const cls of o.classes) {
    const classRow: Row = { code: cls, name: `${cls}类支出`, basic: 0, project: 0 };
    parents.push(classRow);
    for (let k = 1; k <= o.sections; k++) {
      const section = `${cls}${String(k).padStart(2, '0')}`;
      if (TIED.has(section)) continue;
      const sectionRow: Row = { code: section, name: `${section}款`, basic: 0, project: 0 };
      parents.push(sectionRow);
      for (let x = 1; x <= o.items; x++) {
        const leaf: Row = { code: `${section}${String(x).padStart(2, '0')}`, name: `${section}款第${x}项`, basic: Math.floor(rng.next() * 5_000_000), project: Math.floor(rng.next() * 20_000_000) };
        leaves.push(leaf);
        for (const p of [sectionRow, classRow]) {
          p.basic += leaf.basic;
          p.project += leaf.project;
        }
      }
    }
  }
  const functional = [...parents, ...leaves].sort((a, b) => (a.code < b.code ? -1 : 1));
  const totalBasic = leaves.reduce((s, r) => s + r.basic, 0);
  const totalProject = leaves.reduce((s, r) => s + r.project, 0);
  const total = totalBasic + totalProject;
  const org = '999县级汇总';
  const meta = { org, year: '预算年度：2024', unit: '单位：万元' };
  const totalRow = (cells: string[]) => ['1', '', '合计', ...cells];
  const coded = (id: string, sheet: string, title: string, cols: string[], cells: (r: Row) => number[]): TranscribedTable => ({
    id, sheet, title, ...meta, ...header(cols),
    rows: [totalRow(cells({ code: '', name: '', basic: totalBasic, project: totalProject }).map(blank)), ...functional.map((r, i) => [String(i + 2), r.code, r.name, ...cells(r).map(blank)])],
  });
  const expense = (r: Row) => [r.basic + r.project, r.basic, r.project];

  // Economic classification: the basic total spread over personnel (301, 303) and public use (302).
  const econ: { code: string; name: string; personnel: number; publicUse: number }[] = [];
  const [personnel, publicUse] = split(totalBasic, 2, rng);
  const groups: [string, number, 'personnel' | 'publicUse', number][] = [['301', 14, 'personnel', Math.floor(personnel! * 0.8)], ['302', 30, 'publicUse', publicUse!], ['303', 9, 'personnel', personnel! - Math.floor(personnel! * 0.8)]];
  for (const [cls, n, kind, amount] of groups) {
    const parts = split(amount, n, rng);
    econ.push({ code: cls, name: `${cls}类`, personnel: kind === 'personnel' ? amount : 0, publicUse: kind === 'publicUse' ? amount : 0 });
    // 30108…30113 and 30212/30217/30231 are tied to other tables; skipped like their functional twins.
    const codes = Array.from({ length: n + 12 }, (_, i) => `${cls}${String(i + 1).padStart(2, '0')}`).filter((c) => !['30108', '30109', '30110', '30111', '30113', '30212', '30217', '30231'].includes(c)).slice(0, n);
    codes.forEach((code, i) => econ.push({ code, name: `${code}款`, personnel: kind === 'personnel' ? parts[i]! : 0, publicUse: kind === 'publicUse' ? parts[i]! : 0 }));
  }
  const basicTable: TranscribedTable = {
    id: 'general-budget-basic', sheet: '表6', title: '部门预算一般公共预算财政拨款基本支出表', ...meta,
    header: [['序号', '支出部门经济分类科目', null, '一般公共预算基本支出', null, null], [null, '科目编码', '科目名称', '合计', '人员经费', '公用经费']],
    merges: ['A1:A2', 'B1:C1', 'D1:F1'], columnNumbers: ['栏次', '1', '2', '3', '4', '5'],
    rows: [['1', '', '合计', money(totalBasic), money(personnel!), money(publicUse!)], ...econ.map((e, i) => [String(i + 2), e.code, e.name, money(e.personnel + e.publicUse), blank(e.personnel), blank(e.publicUse)])],
  };

  const classes = parents.filter((p) => p.code.length === 3);
  const twoSided = (id: string, sheet: string, title: string, fiscal: boolean): TranscribedTable => {
    const rows: string[][] = [];
    const line = (a: string, b: string, c: string, d: string[]) => rows.push([String(rows.length + 1), a, b, c, ...d]);
    line(fiscal ? '一、一般公共预算拨款' : '一、一般公共预算拨款收入', money(total), '', fiscal ? ['', '', '', ''] : ['']);
    classes.forEach((c, i) => {
      const amount = money(c.basic + c.project);
      if (i === 0) rows[0]![3] = `${CN[i]}、${c.name}`;
      if (i === 0) rows[0]!.splice(4, fiscal ? 4 : 1, ...(fiscal ? [amount, amount, '', ''] : [amount]));
      else line('', '', `${CN[i % 10]}、${c.name}`, fiscal ? [amount, amount, '', ''] : [amount]);
    });
    line('本年收入合计', money(total), '本年支出合计', fiscal ? [money(total), money(total), '', ''] : [money(total)]);
    line('收入总计', money(total), '支出总计', fiscal ? [money(total), money(total), '', ''] : [money(total)]);
    return {
      id, sheet, title, ...meta,
      header: fiscal
        ? [['序号', '收入', null, '支出', null, null, null, null], [null, '项  目', '金额', '项  目', '合计', '一般公共预算财政拨款', '政府性基金预算财政拨款', '国有资本经营预算财政拨款']]
        : [['序号', '收入', null, '支出', null], [null, '项  目', '预算数', '项  目', '预算数']],
      merges: fiscal ? ['A1:A2', 'B1:C1', 'D1:H1'] : ['A1:A2', 'B1:C1', 'D1:E1'],
      columnNumbers: ['栏次', ...Array.from({ length: fiscal ? 7 : 4 }, (_, i) => String(i + 1))],
      rows,
    };
  };
  // Class names for the summaries must be ones the vocabulary knows; synthetic classes use their codes.
  const known: Record<string, string> = { '201': '一般公共服务支出', '205': '教育支出', '208': '社会保障和就业支出', '210': '卫生健康支出', '212': '城乡社区支出', '213': '农林水支出', '221': '住房保障支出', '214': '交通运输支出' };
  for (const c of classes) c.name = known[c.code] ?? c.name;
  for (const r of functional) if (r.code.length === 3) r.name = known[r.code] ?? r.name;

  const budgets = split(totalProject, o.projects, rng);
  const targets: TranscribedTarget[] = budgets.map((b, i) => ({
    title: `${i + 1}、2024年第${i + 1}号项目绩效目标表`, unit: '万元', projectCode: `P${String(i + 1).padStart(6, '0')}`, projectName: `2024年第${i + 1}号项目`,
    budget: money(b), fiscalFunds: money(b), otherFunds: '', purpose: `资金用于第${i + 1}号项目的实施，全部为本级财政资金。`,
    plan: ['20%', '50%', '80%', '100%'], goal: '按期完成项目任务',
    indicators: [
      ['产出指标', '数量指标', '服务人次', '服务对象人数', '≥1000人', '年度计划'],
      ['', '质量指标', '验收合格率', '验收合格率', '≥95%', '行业标准'],
      ['', '时效指标', '完成及时率', '按期完成率', '≥95%', '年度计划'],
      ['', '成本指标', '项目总成本', '项目总预算控制额', `≤${(b / 100).toFixed(2)}万元`, '预算批复'],
      ['效益指标', '社会效益指标', '群众获得感', '服务覆盖面', '≥90%', '工作规划'],
      ['满意度指标', '服务对象满意度指标', '服务对象满意度', '调查满意度', '≥90%', '问卷调查'],
    ],
  }));

  return {
    source: { title: 'synthetic', file: '', note: 'generated for benchmarks' },
    workbook: { targetsSheet: '项目绩效目标表' },
    tables: [
      twoSided('income-expense-summary', '表1', '部门预算收支总表', false),
      coded('income-summary', '表2', '部门预算收入总表', ['合计', '小计', '财政拨款收入'], (r) => [r.basic + r.project, r.basic + r.project, r.basic + r.project]),
      coded('expense-summary', '表3', '部门预算支出总表', ['合计', '基本支出', '项目支出'], expense),
      twoSided('fiscal-summary', '表4', '部门预算财政拨款收支总表', true),
      coded('general-budget-expense', '表5', '部门预算一般公共预算财政拨款支出表', ['合计', '基本支出', '项目支出'], expense),
      basicTable,
    ],
    targets,
    narrative: { sheet: '说明', title: '情况说明', items: [{ text: `2024年支出预算${money(total)}万元，其中基本支出${money(totalBasic)}万元；项目支出${money(totalProject)}万元。` }] },
  };
}
