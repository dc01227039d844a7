/** Project performance-target tables: their own arithmetic, their categories, plans and indicators. */
import type { z } from 'zod';
import type { BudgetsTotalParams, CategoryParams, PlanParams, TextParams, IndicatorParams, NarrativeProjectParams, TextAmountParams, WeightParams } from '../params/targets.js';
import type { Fix } from '../../findings.js';
import { FUND_PARTS, type CellRef, type FundBlock, type Indicator, type RecognizedTable, type TargetDetails, type Unit } from '../../model.js';
import type { IndicatorVocabulary, TableId } from '../../vocabulary.js';
import { fold, globalMatches, normalizeLabel, parseAmount, stripEnumeration } from '../../text.js';
import { identityItem, type Item, type RuleContext } from '../context.js';
import { listedProjectRows, projectNameKey } from './project-names.js';
import { CellIdentity, UNIT_FACTOR, evaluate, type Identity, type Term } from '../identity.js';
import { besideFigures, budgetYear, narrativeCells, statedFigure } from './narrative.js';
import { isComparatorText, parseIndicatorValue, toWanYuan } from '../indicator-value.js';
import { IDENTITY_FACTS, type IteratorDef, numOrNull, num, text, flag, both } from '../registry-types.js';
import { addTo } from '../../multimap.js';
import type { MergeIndex } from '../../grid.js';
import { parseRange } from '../../address.js';

export function targets(ctx: RuleContext): RecognizedTable[] {
  return ctx.tables('performance-target').filter((t) => t.target);
}

/** A form's budget in 万元, whatever unit its table states; null where it gives none. */
function budgetInWan(ctx: RuleContext, t: RecognizedTable): number | null {
  const budget = t.target!.budget?.amount;
  return budget != null ? (budget * UNIT_FACTOR[ctx.unit(t)]) / 10000 : null;
}

/** A category as forms vary in writing it: “经济成本” is 经济成本指标 (烟台 2026), “产出” is 产出指标. */
function category(text: string): string {
  return normalizeLabel(text).replace(/指标$/, '');
}

/**
 * The one 一级指标 whose 二级指标 (the vocabulary's categories) hold every one of these: where a form
 * leaves its 一级指标 blank, what its 二级指标 say it is (数量、质量、时效指标 are 产出指标's). Undefined
 * where none holds them all, or more than one does.
 */
export function level1Holding(level2s: readonly string[], categories: Readonly<Record<string, readonly string[]>>): string | undefined {
  const wanted = level2s.map(category).filter((c) => c !== '');
  if (wanted.length === 0) return undefined;
  const fits = Object.entries(categories).filter(([, l2s]) => wanted.every((w) => l2s.some((l2) => category(l2) === w)));
  return fits.length === 1 ? fits[0]![0] : undefined;
}

/** The cells holding text, of those given (a form leaves some blank). */
const filled = (cells: (CellRef | undefined)[]): CellRef[] => cells.filter((c): c is CellRef => !!c && c.text.trim() !== '');

/** An indicator's value as written: 指标性质, 指标值 and 计量单位 in three columns (重庆 2026) read as the one value they write. */
// A comparator column may say what kind of value it is instead (长沙 2025's 指标值类型: “定性”): no part of the value.
const indicatorValueText = (ind: Indicator): string =>
  [ind.comparator && isComparatorText(ind.comparator.text) ? ind.comparator : undefined, ind.value, ind.unit].map((c) => c?.text.trim() ?? '').join('');

/** A target table's project: its 项目名称, or the title naming it. */
export function projectOf(t: RecognizedTable): string {
  return t.target?.projectName?.text.trim() || t.title;
}

function projectText(ctx: RuleContext, t: RecognizedTable) {
  return {
    'zh-CN': { project: projectOf(t), table: `项目绩效目标表（${t.sheet}）`, whose: `项目“${projectOf(t)}”` },
    en: { project: projectOf(t), table: `project target table (${t.sheet})`, whose: `project “${projectOf(t)}”`, Whose: `Project “${projectOf(t)}”` },
  };
}

/** The department-wide form as an indicator's messages name it, where a project's would name the project. */
function overallFormText(t: RecognizedTable) {
  const zh = `部门整体支出绩效目标表（${t.sheet}）`;
  const en = `the department-wide target form (${t.sheet})`;
  return { 'zh-CN': { project: zh, table: zh, whose: zh }, en: { project: en, table: en, whose: en, Whose: `The department-wide target form (${t.sheet})` } };
}

type FundField = 'budget' | 'fiscalFunds' | 'carriedOverFunds' | 'otherFunds';
export const isFundField = (name: string): name is FundField => Object.hasOwn(FUND_NAMES, name);
const FUND_NAMES: Record<FundField, [string, string]> = {
  budget: ['预算数', 'budget'],
  fiscalFunds: ['财政资金', 'fiscal funds'],
  carriedOverFunds: ['上年结转', 'carried over'],
  otherFunds: ['其他资金', 'other funds'],
};

export function targetTerm(ctx: RuleContext, t: RecognizedTable, field: FundField, block: FundBlock | TargetDetails | undefined = t.target): Term | undefined {
  const ref = block?.[field];
  if (!ref) return undefined;
  const unit = ctx.unit(t);
  const names = FUND_NAMES[field];
  return {
    ref,
    factor: UNIT_FACTOR[unit],
    unit,
    sign: 1,
    // The table is named unless its sheet's name says it (“项目绩效目标表 项目绩效目标表!E114” said it twice).
    label: {
      'zh-CN': `${ref.sheet.includes('绩效目标') ? '' : '项目绩效目标表 '}${ref.sheet}!${ref.cell} ${projectOf(t)}“${names[0]}”`,
      en: `${ref.sheet.includes('绩效目标') ? '' : 'target table '}${ref.sheet}!${ref.cell} ${projectOf(t)} “${names[1]}”`,
    },
  };
}

// ── target-budget-sum: 预算数 = 财政资金 + 上年结转 + 其他资金 ──────────────────────────────────────────────

export const targetBudgetSum: IteratorDef<Record<string, never>> = {
  name: 'target-budget-sum',
  description: both('每个项目：预算数 = 财政资金 + 上年结转 + 其他资金', 'each project: budget = fiscal funds + carried over + other funds'),
  facts: { ...IDENTITY_FACTS, project: text('项目名称', 'project name'), parts: text('组成资金的名称', 'names of the funds added up') },
  identities: true,
  texts: ['project', 'table', 'left', 'parts'],
  run(ctx, _params, ruleId) {
    const items: Item[] = [];
    for (const t of targets(ctx)) {
      // Each block of funds adds up on its own: the year's, and the project's whole life beside it (上海).
      for (const block of [t.target, t.target?.sideFunds]) {
        const budget = targetTerm(ctx, t, 'budget', block);
        const fields = FUND_PARTS.filter((f) => block?.[f]);
        const parts = fields.map((f) => targetTerm(ctx, t, f, block)!);
        if (!budget || parts.length === 0) continue;
        const partNames = (lang: 'zh-CN' | 'en') => fields.map((f) => FUND_NAMES[f][lang === 'zh-CN' ? 0 : 1]).join(' + ');
        const identity = new CellIdentity(ruleId, budget, 'eq', [budget], parts, { project: projectOf(t) }, (lang) => ({ ...projectText(ctx, t)[lang], parts: partNames(lang) }));
        items.push(identityItem(identity, 'performance-target'));
      }
    }
    return items;
  },
};

// ── target-annual-within-whole: 年度资金申请总额 ≤ 项目资金总额 ─────────────────────────────────────────

export const targetAnnualWithinWhole: IteratorDef<Record<string, never>> = {
  name: 'target-annual-within-whole',
  description: both('项目资金分两栏列示的（上海）：年度资金申请总额不超过项目资金总额', 'a form with two blocks of funds (上海): the year’s request is at most the project’s whole funds'),
  facts: { ...IDENTITY_FACTS, project: text('项目名称', 'project name') },
  identities: true,
  texts: ['project', 'table', 'left', 'right'],
  run(ctx, _params, ruleId) {
    const items: Item[] = [];
    for (const t of targets(ctx)) {
      const whole = t.target?.sideFunds && targetTerm(ctx, t, 'budget', t.target.sideFunds);
      const annual = targetTerm(ctx, t, 'budget');
      // A long-running project's form may leave its whole funds blank (西安 2022's 专项资金 forms, 实施期限
      // 长期): nothing to hold the year to.
      if (!whole || !annual || whole.ref.amount === null) continue;
      // Named as the form names them: the annual block is the budget, the other the project's whole life.
      const right = { 'zh-CN': `${whole.ref.sheet}!${whole.ref.cell} 项目资金总额`, en: `${whole.ref.sheet}!${whole.ref.cell} 项目资金总额 (the project’s whole funds)` };
      const identity = new CellIdentity(ruleId, annual, 'le', [annual], [whole], { project: projectOf(t) }, (lang) => ({ ...projectText(ctx, t)[lang], right: right[lang] }));
      items.push(identityItem(identity, 'performance-target'));
    }
    return items;
  },
};

// ── target-budgets-total: Σ 项目预算数 vs 项目支出 ──────────────────────────────────────────────

/**
 * The target tables of the department's own projects: where a project spending table lists them, the
 * tables of projects it does not list are left out — a special fund the department administers for
 * others (烟台 商务局 2026's 会展业发展专项资金 and 葡萄酒产业发展专项资金, 4,200 万元 of no 项目支出).
 */
function ownTargets(ctx: RuleContext): RecognizedTable[] {
  const listed = new Set(ctx.tables('project-expense').flatMap(listedProjectRows).map((r) => projectNameKey(r.labels.project!)));
  const all = targets(ctx);
  return listed.size === 0 ? all : all.filter((t) => listed.has(projectNameKey(projectOf(t))));
}

/**
 * A project's target table printed twice — the same name, budget and indicators (烟台 宣传部 2026 prints
 * two projects' tables under both （二）部门主管专项资金 and （三）部门预算项目) — counts once.
 */
function reprintsOnce(tables: readonly RecognizedTable[]): RecognizedTable[] {
  const seen = new Set<string>();
  return tables.filter((t) => {
    const d = t.target!;
    const key = [projectNameKey(projectOf(t)), d.budget?.amount ?? '', ...d.indicators.map((i) => normalizeLabel(i.level3.text))].join('\u0000');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export const targetBudgetsTotal: IteratorDef<z.infer<typeof BudgetsTotalParams>> = {
  name: 'target-budgets-total',
  description: both('各项目绩效目标表的预算数之和与支出表合计行的项目支出核对', 'the sum of the projects’ budgets against 项目支出 on the 合计 row'),
  facts: { ...IDENTITY_FACTS, projectCount: num('项目绩效目标表的个数', 'number of project target tables') },
  identities: true,
  texts: ['table', 'left'],
  references: (p) => [{ path: ['column'], table: p.table, column: p.column }],
  run(ctx, params, ruleId) {
    const t = ctx.table(params.table);
    const total = t?.rows.find((r) => r.isTotal);
    const lhs = t && total && ctx.term(t, total, params.column);
    const budgets = reprintsOnce(ownTargets(ctx)).map((x) => targetTerm(ctx, x, 'budget')).filter((x): x is Term => !!x);
    if (!lhs || budgets.length === 0) return [];
    const tie = (relation: 'eq' | 'ge') => new CellIdentity(ruleId, lhs, relation, [lhs], budgets, { projectCount: budgets.length }, (lang) => ({ table: ctx.tableName(t!, lang) }));
    // auto: budgets adding up to 项目支出 as published are every project's, and hold it as an equation
    // (evidence for the locator); short of it, they are a selection, and only more than it is wrong.
    const equation = tie('eq');
    const e = evaluate(equation);
    const relation = params.relation === 'auto' ? (e.breach <= e.tolerance ? 'eq' : 'ge') : (params.relation ?? 'eq');
    return [identityItem(relation === 'eq' ? equation : tie(relation), t!.id)];
  },
};

// ── target-list-totals: a list's 合计 against the budgets of the projects it lists ─────────────

export const targetListTotals: IteratorDef<Record<string, never>> = {
  name: 'target-list-totals',
  description: both('逐行列出项目的绩效目标表（长沙 2025）：合计行的资金总额与所列各项目资金总额之和核对', 'a target table listing its projects (长沙 2025): its 合计 row against the sum of the budgets of the projects it lists'),
  facts: { ...IDENTITY_FACTS, projectCount: num('所列项目的个数', 'number of projects listed') },
  identities: true,
  texts: [],
  run(ctx, _params, ruleId) {
    const byTotal = new Map<CellRef, RecognizedTable[]>();
    for (const t of targets(ctx)) if (t.target!.listTotal) addTo(byTotal, t.target!.listTotal, t);
    const items: Item[] = [];
    for (const [total, projects] of byTotal) {
      const first = projects[0]!;
      const budgets = projects.map((p) => targetTerm(ctx, p, 'budget')).filter((x): x is Term => !!x);
      if (budgets.length === 0) continue;
      const unit = ctx.unit(first);
      // A project may be left out of the list (长沙 2025's, 1,181.09 short): like a table's list of
      // projects (rowSumItem, unsure), the cells are named with the difference, no one of them given a value.
      const lhs: Term = { ref: total, factor: UNIT_FACTOR[unit], unit, sign: 1, unsuggested: true, label: { 'zh-CN': `${total.sheet}!${total.cell} 合计“资金总额”`, en: `${total.sheet}!${total.cell} the 合计's budget` } };
      items.push(identityItem(new CellIdentity(ruleId, lhs, 'eq', [lhs], budgets, { projectCount: budgets.length }), first.id));
    }
    return items;
  },
};

// ── narrative-projects: a project's amount in the 说明 against its target table ────────────────

/** A project name shorter than this ("培训") is a word, not a name the narrative can be held to. */
const PROJECT_NAME_MIN = 4;

export const narrativeProjects: IteratorDef<z.infer<typeof NarrativeProjectParams>> = {
  name: 'narrative-projects',
  description: both(
    '说明中写到某个项目（名称与项目绩效目标表中的项目名称相同）并紧接着写出的金额，与该项目的预算数核对',
    'an amount the narrative states right after a project’s name (as its target table names it) against that project’s budget',
  ),
  facts: { ...IDENTITY_FACTS, project: text('项目名称', 'project name'), statement: text('说明中的原文', 'the words as written') },
  identities: true,
  texts: ['project', 'right'],
  run(ctx, params, ruleId) {
    const projects = namedBudgets(ctx);
    if (projects.length === 0) return [];
    const after = new RegExp(`^\\s*(?:${params.between})\\s*(\\d[\\d,]*(?:\\.\\d+)?)\\s*(亿元|万元|元|万)`, 'u');
    // A county's hundreds of projects against its thousands of text cells: each cell is read once,
    // asking at each character only for the names that begin with its first two.
    const byOpening = new Map<number, typeof projects>();
    for (const p of projects) {
      const key = opening(p.name, 0);
      addTo(byOpening, key, p);
    }
    const rank = new Map(projects.map((p, i) => [p, i]));
    const items: Item[] = [];
    const inTableRow = besideFigures(ctx);
    for (const { sheet, row, col, text: original, folded } of narrativeCells(ctx)) {
      if (!AMOUNT_WRITTEN.test(folded) || inTableRow({ sheet, row })) continue;
      const spoken = folded.replace(/\s/g, ' ');
      const mentions: { p: (typeof projects)[number]; at: number }[] = [];
      for (let at = 0; at + 1 < spoken.length; at++) for (const p of byOpening.get(opening(spoken, at)) ?? []) if (spoken.startsWith(p.name, at)) mentions.push({ p, at });
      // Longest names first: a name inside a longer project's name is that project's mention, not its own.
      mentions.sort((a, b) => rank.get(a.p)! - rank.get(b.p)! || a.at - b.at);
      const taken: [number, number][] = [];
      for (const { p, at } of mentions) {
        const end = at + p.name.length;
        if (taken.some(([a, b]) => at < b && end > a)) continue;
        taken.push([at, end]);
        const m = after.exec(spoken.slice(end));
        const parsed = m && parseAmount(m[1]!);
        if (!m || !parsed || parsed.kind !== 'number') continue;
        const unit: Unit = m[2] === '万' ? '万元' : (m[2] as Unit);
        const start = end + m.index + m[0].lastIndexOf(m[1]!, m[0].length - m[2]!.length);
        const stated = statedFigure({ sheet, row, col, text: original }, parsed, unit, start, m[1]!.length, { 'zh-CN': p.shown, en: p.shown });
        const identity: Identity = {
          key: `${ruleId}:${sheet}!${stated.ref.cell}#${start}`,
          ruleId,
          relation: 'eq',
          lhs: [stated],
          rhs: [p.budget],
          context: { project: p.shown, statement: original.slice(at, start + m[1]!.length + m[2]!.length) },
          describe: (lang) => ({ project: p.shown, right: p.budget.label[lang] }),
        };
        items.push(identityItem(identity, 'performance-target'));
      }
    }
    return items;
  },
};

/** A figure with its unit: a cell without one states no project's amount. */
const AMOUNT_WRITTEN = /\d\s*(?:亿元|万元|元|万)/u;

/** The first two characters of a text from `at`, as one number. */
function opening(text: string, at: number): number {
  return text.charCodeAt(at) * 65_536 + text.charCodeAt(at + 1);
}

/**
 * The projects the narrative can name: a target table's project name and its budget, longest names
 * first. A name two tables share (two targets of one project) is left out when their budgets differ:
 * the narrative could mean either.
 */
function namedBudgets(ctx: RuleContext): { name: string; shown: string; budget: Term }[] {
  const byName = new Map<string, { name: string; shown: string; budget: Term }[]>();
  for (const t of targets(ctx)) {
    const shown = t.target?.projectName?.text.trim() ?? '';
    const name = fold(shown).replace(/\s/g, ' ');
    const budget = targetTerm(ctx, t, 'budget');
    if (normalizeLabel(shown).length < PROJECT_NAME_MIN || !budget || budget.ref.amount === null) continue;
    addTo(byName, name, { name, shown, budget });
  }
  return [...byName.values()]
    .filter((list) => list.every((x) => x.budget.ref.amount! * x.budget.factor === list[0]!.budget.ref.amount! * list[0]!.budget.factor))
    .map((list) => list[0]!)
    .sort((a, b) => b.name.length - a.name.length);
}

// ── target-categories ─────────────────────────────────────────────────────────────────────────

export const targetCategories: IteratorDef<z.infer<typeof CategoryParams>> = {
  name: 'target-categories',
  description: both('每个项目的绩效指标是否包含必需的一级、二级指标', 'whether each project’s indicators include the required level-1 and level-2 categories'),
  facts: {
    project: text('项目名称', 'project name'),
    missing: text('缺少的指标类别，按一级指标分组，如“产出指标下的质量指标、时效指标；满意度指标”；列在别的一级指标下的注明“（列在了效益指标下）”', 'missing categories grouped by level 1, e.g. 产出指标下的质量指标、时效指标；满意度指标; one filed under another level 1 says so: （列在了效益指标下）'),
    missingCount: num('缺少的类别个数', 'number of missing categories'),
    indicatorCount: num('指标行数', 'number of indicator rows'),
    lackedBesideSiblings: text(
      '参数 besideSiblings 所列一级指标中，本项目没有、而同一张工作表上至少两个其他项目设有的（以“、”分隔；没有则为空）：同一模板的各项目本应一致',
      'those of the besideSiblings categories this project lacks while at least two other projects on the same sheet have them (joined by 、; empty when none): forms of one template ought to agree',
    ),
    siblingsWith: num('同一张工作表上设有其中第一个类别的其他项目个数', 'how many other projects on the same sheet have the first of them'),
    siblingExample: text('同一张工作表上设有该类别的一个其他项目的名称', 'the name of another project on the same sheet that has it'),
  },
  identities: false,
  texts: ['project', 'table'],
  run(ctx, params) {
    // A form without category columns (重庆 2026) is asked for none.
    const forms = targets(ctx).filter((t) => t.target!.categorized !== false);
    const presentIn = new Map<RecognizedTable, Map<string, Set<string>>>();
    const categories = ctx.vocab.indicators?.categories ?? {};
    for (const t of forms) {
      const present = new Map<string, Set<string>>();
      for (const i of t.target!.indicators) {
        // A 一级指标 left blank is what its 二级指标 make it: perf-level1-blank names the blank, and the
        // indicators under it are not missing.
        const l1 = category(i.level1.text.trim() === '' ? (level1Holding([i.level2.text], categories) ?? '') : i.level1.text);
        if (!present.has(l1)) present.set(l1, new Set());
        present.get(l1)!.add(category(i.level2.text));
      }
      presentIn.set(t, present);
    }
    return forms.map((t) => {
      const inds = t.target!.indicators;
      const present = presentIn.get(t)!;
      // 北京 prints every project's form on one sheet, from one template: one without the 成本指标 the
      // others on its sheet set (北京 宣传部 2026: 67 of 83) left it out. Forms on sheets of their own
      // may follow other templates (北京 卫健委's transfer-payment forms), and are not compared.
      const siblings = forms.filter((o) => o !== t && o.sheet === t.sheet);
      const siblingsWith = (l1: string) => siblings.filter((o) => presentIn.get(o)!.has(category(l1)));
      const lacked = params.besideSiblings.filter((l1) => !present.has(category(l1)) && siblingsWith(l1).length >= 2);
      const having = lacked.length > 0 ? siblingsWith(lacked[0]!) : [];
      const missing: MissingCategory[] = [];
      // Filed under another 一级指标 (时效指标 under 效益指标): it is there, in the wrong place.
      const filedElsewhere = (l1: string, alternatives: readonly string[]) =>
        [...present].find(([other, l2sThere]) => other !== '' && other !== category(l1) && alternatives.some((alt) => l2sThere.has(category(alt))))?.[0];
      for (const [l1, l2s] of Object.entries(params.required)) {
        const got = present.get(category(l1));
        // “服务对象满意度指标|企业满意度指标”: alternatives, any one of which will do; the first is named.
        if (!got) {
          // A whole 一级指标 missing may be one of its 二级指标 filed under another (广州 生态环境局 2026's
          // “2－效益指标，31－服务对象满意度”): said so, as perf-level2-category names the slip.
          const filed = l2s.map((l2) => ({ l2: l2.split('|')[0]!, under: filedElsewhere(l1, l2.split('|')) })).find((f) => f.under !== undefined);
          missing.push(filed ? { level1: l1, whole: true, level2: filed.l2, filedUnder: levelName(filed.under!, categories) } : { level1: l1 });
        } else
          for (const l2 of l2s) {
            const alternatives = l2.split('|');
            if (alternatives.some((alt) => got.has(category(alt)))) continue;
            const filedUnder = filedElsewhere(l1, alternatives);
            missing.push({ level1: l1, level2: alternatives[0]!, ...(filedUnder !== undefined && { filedUnder: levelName(filedUnder, categories) }) });
          }
      }
      return {
        facts: {
          project: projectOf(t),
          missing: missingText(missing),
          missingCount: missing.length,
          indicatorCount: inds.length,
          lackedBesideSiblings: lacked.join('、'),
          siblingsWith: having.length,
          siblingExample: having[0] ? projectOf(having[0]) : '',
        },
        text: (lang) => projectText(ctx, t)[lang],
        cell: { sheet: t.sheet, cell: t.titleCell ?? t.range.split(':')[0]! },
        table: 'performance-target' as const,
      };
    });
  },
};

interface MissingCategory {
  level1: string;
  /** The whole 一级指标 is missing; level2 then names one of its 二级指标 found filed elsewhere. */
  whole?: true;
  level2?: string;
  /** The 一级指标 the 二级指标 is filed under instead, when it is. */
  filedUnder?: string;
}

/**
 * What a project lacks, as a reader takes it: “产出指标下的质量指标、时效指标；满意度指标”, and a category filed
 * under another 一级指标 said to be so (“时效指标（列在效益指标下）”) rather than missing. “产出指标/时效指标”
 * read as “or”.
 */
function missingText(missing: readonly MissingCategory[]): string {
  const groups = new Map<string, string[]>();
  const wholes = new Map<string, string>();
  for (const m of missing) {
    const list = groups.get(m.level1) ?? [];
    if (m.whole) wholes.set(m.level1, `（${m.level2}列在了${m.filedUnder}下）`);
    else if (m.level2 !== undefined) list.push(m.filedUnder ? `${m.level2}（列在了${m.filedUnder}下）` : m.level2);
    groups.set(m.level1, list);
  }
  return [...groups].map(([l1, l2s]) => (l2s.length === 0 ? `${l1}${wholes.get(l1) ?? ''}` : `${l1}下的${l2s.join('、')}`)).join('；');
}

/** A category as the vocabulary writes it (“效益指标”), from its core (“效益”). */
function levelName(core: string, categories: Readonly<Record<string, readonly string[]>>): string {
  return Object.keys(categories).find((k) => category(k) === core) ?? core;
}

// ── target-weights: 指标权重 ──────────────────────────────────────────────────────────────────

/**
 * The score a form's weight column shares out, as its header states it: “分值权重（90分）” 90 (西安 2026:
 * the other 10 are the budget's execution rate), “指标权重(%)” 100 (重庆 2026). A header stating
 * neither (长春 2026's bare 权重, its weights adding up to 90) says nothing to check against.
 */
export function statedWeightTotal(header: string): number | undefined {
  const text = normalizeLabel(header);
  const points = /[(（](\d+(?:\.\d+)?)分[)）]/.exec(text);
  if (points) return Number(points[1]);
  return /[%％]|百分/.test(text) ? 100 : undefined;
}

/** Target forms with a weight column: every project's, and the department-wide form's. */
function weightedForms(ctx: RuleContext): RecognizedTable[] {
  return [...targets(ctx), ...ctx.tables('overall-target').filter((t) => t.target)].filter((t) => t.target!.weightHeader);
}

export const targetWeights: IteratorDef<z.infer<typeof WeightParams>> = {
  name: 'target-weights',
  description: both(
    '每张绩效目标表（项目的和部门整体的）各指标的权重之和，与权重列表头写明的总分',
    'each performance-target form’s indicator weights (a project’s and the department-wide one), summed, against the total its weight column’s header states',
  ),
  facts: {
    weightSum: num('各指标权重之和', 'the weights added up'),
    statedTotal: num('表头写明的总分（“(%)”为 100，“（90分）”为 90）', 'the total the header states (100 for “(%)”, 90 for “（90分）”)'),
    weightCount: num('填了权重的指标个数', 'indicators with a weight'),
    blankWeights: num('权重空白的指标个数', 'indicators whose weight is blank'),
    header: text('权重列的表头', 'the weight column’s header'),
  },
  identities: false,
  texts: ['subject', 'table'],
  run(ctx) {
    const items: Item[] = [];
    for (const t of weightedForms(ctx)) {
      const header = t.target!.weightHeader!;
      const statedTotal = statedWeightTotal(header.text);
      if (statedTotal === undefined) continue;
      const weights = t.target!.indicators.map((i) => i.weight).filter((w): w is CellRef => !!w);
      // A weight that is not a number (“10%”, “高”) leaves the sum unknown: nothing is said of it.
      if (weights.some((w) => w.amount === null && w.text.trim() !== '')) continue;
      const given = weights.filter((w) => w.amount !== null);
      if (given.length === 0) continue;
      // Added as the form prints them, to the cent: weights are whole numbers or halves.
      const weightSum = Math.round(given.reduce((sum, w) => sum + w.amount!, 0) * 100) / 100;
      const overall = t.id === 'overall-target';
      items.push({
        facts: { weightSum, statedTotal, weightCount: given.length, blankWeights: t.target!.indicators.length - given.length, header: header.text.trim() },
        text: (lang) =>
          overall
            ? { subject: lang === 'zh-CN' ? '' : 'the department as a whole', table: lang === 'zh-CN' ? `部门整体绩效目标表（${t.sheet}）` : `department-wide target table (${t.sheet})` }
            : { subject: lang === 'zh-CN' ? `项目“${projectOf(t)}”` : `project “${projectOf(t)}”`, table: projectText(ctx, t)[lang].table },
        cell: { sheet: header.sheet, cell: header.cell },
        related: given.map((w) => ({ sheet: w.sheet, cell: w.cell })),
        table: t.id,
      });
    }
    return items;
  },
};

// ── target-plan: 资金支出计划 ─────────────────────────────────────────────────────────────────

export const targetPlan: IteratorDef<z.infer<typeof PlanParams>> = {
  name: 'target-plan',
  description: both('资金支出计划（累计百分比）应逐期不减，并在年底达到 100%', 'the spending plan (cumulative %) never decreases and reaches 100% by year end'),
  facts: {
    project: text('项目名称', 'project name'),
    decreasing: flag('某期比前一期小', 'some period is lower than the one before'),
    largestDrop: num('某期比此前最高一期少的最大百分点数（没有为 0）', 'the largest fall below an earlier period, in points (0 when none)'),
    reaches100: flag('最大值达到 100%', 'the highest value reaches 100%'),
    maxPercent: num('已填的最大百分比', 'the highest percentage filled in'),
    filledCount: num('已填的期数', 'periods filled in'),
    invalidCount: num('无法识别为百分比的格数', 'cells that are not percentages'),
    periods: text('计划各期', 'the plan as written'),
    label: text('报告所在的那一期（如 12月底）', 'the period reported on (e.g. 12月底)'),
    lastPercent: numOrNull('最后一期（12月底）的百分比；空白为空', 'the last period’s percentage (12月底); empty when blank'),
  },
  identities: false,
  texts: ['project', 'table'],
  run(ctx, params) {
    const items: Item[] = [];
    for (const t of targets(ctx)) {
      const plan = t.target!.plan;
      if (plan.length === 0) continue;
      const values = plan.map((p) => {
        const v = parseIndicatorValue(p.cell.text);
        return p.cell.text.trim() === '' ? null : v.number !== null && (v.unit === '%' || v.unit === '') ? v.number : NaN;
      });
      let decreaseAt = -1;
      let previous = -Infinity;
      let largestDrop = 0;
      values.forEach((v, i) => {
        if (v === null || Number.isNaN(v)) return;
        if (v < previous && decreaseAt < 0) decreaseAt = i;
        if (v < previous) largestDrop = Math.max(largestDrop, previous - v);
        previous = Math.max(previous, v);
      });
      const filled = values.filter((v): v is number => v !== null && !Number.isNaN(v));
      const max = filled.length ? Math.max(...filled) : null;
      const at = params.report === 'decrease' && decreaseAt >= 0 ? decreaseAt : plan.length - 1;
      items.push({
        facts: {
          project: projectOf(t),
          decreasing: decreaseAt >= 0,
          largestDrop,
          reaches100: max !== null && Math.abs(max - 100) < 1e-9,
          maxPercent: max,
          filledCount: filled.length,
          invalidCount: values.filter((v) => Number.isNaN(v as number) && v !== null).length,
          periods: plan.map((p) => `${p.label} ${p.cell.text || '—'}`).join('，'),
          label: plan[at]!.label,
          lastPercent: Number.isNaN(values[values.length - 1] as number) ? null : (values[values.length - 1] ?? null),
        },
        text: (lang) => projectText(ctx, t)[lang],
        cell: { sheet: plan[at]!.cell.sheet, cell: plan[at]!.cell.cell },
        related: plan.filter((_, i) => i !== at).map((p) => ({ sheet: p.cell.sheet, cell: p.cell.cell })),
        table: 'performance-target',
      });
    }
    return items;
  },
};

// ── target-texts: what the form says the money is for, and what it aims at ─────────────────────

/**
 * A text as compared with the project's name: numbering ("1."), the year in front ("2024年") and
 * punctuation set aside, so "城乡居民养老保险区级补助" and "2024年城乡居民养老保险区级补助" read alike.
 */
export function textCore(text: string): string {
  return stripEnumeration(normalizeLabel(text))
    .replace(/^20\d{2}年(度)?/, '')
    .replace(/[，。、,.;；:：“”"'‘’()（）\s]/g, '');
}

export const targetTexts: IteratorDef<z.infer<typeof TextParams>> = {
  name: 'target-texts',
  description: both('项目绩效目标表的资金用途和年度绩效目标，与项目名称对照', 'a target table’s 资金用途 and 年度绩效目标, beside the project name'),
  facts: {
    project: text('项目名称', 'project name'),
    nameCore: text('项目名称去掉编号、年份和标点', 'the project name without numbering, year and punctuation'),
    text: text('所报告那一格的原文', 'the reported cell as written'),
    textCore: text('该格去掉编号、年份和标点', 'that cell without numbering, year and punctuation'),
    textLength: num('该格去掉编号、年份和标点后的字数', 'its length without numbering, year and punctuation'),
    blank: flag('该格为空', 'the cell is blank'),
    inTable: flag('该格在表的范围之内（标题行下横跨全表的“年度目标”之右的格子不在表内）', 'the cell lies inside the table (not past a heading that spans it, as 西安 2022’s 年度目标 over its goals)'),
  },
  identities: false,
  texts: ['project', 'table'],
  run(ctx, params) {
    const items: Item[] = [];
    for (const t of targets(ctx)) {
      const ref = params.report === 'purpose' ? t.target!.purpose : t.target!.goal;
      if (!ref) continue;
      const core = textCore(ref.text);
      const { left, right } = parseRange(t.range);
      items.push({
        facts: { project: projectOf(t), nameCore: textCore(projectOf(t)), text: ref.text.trim(), textCore: core, textLength: core.length, blank: ref.text.trim() === '', inTable: ref.col >= left && ref.col <= right },
        text: (lang) => projectText(ctx, t)[lang],
        cell: { sheet: ref.sheet, cell: ref.cell },
        table: 'performance-target',
      });
    }
    return items;
  },
};

// ── target-text-amounts: one item stated at two amounts in a project's own texts ───────────────

/** A clause that is an item and its amount and nothing else: “缴纳电费27万元”, “购买办公用品4万元”. */
const ITEM_AMOUNT = /^([\u4e00-\u9fff]{3,20}?)(?:约|为|共计|合计|共)?(\d[\d,]*(?:\.\d+)?)(万元|元|万)$/u;
/** Clauses end at punctuation, and at a new number after an amount (“…27万元3、…”). */
const CLAUSE_BREAK = /[，。；;,、：:！!？?\n]|(?<=元)(?=\d)/u;
const CLAUSE_NUMBER = /^(?:\d{1,2}[.．)）]|[(（](?:\d{1,2}|[一二三四五六七八九十]+)[)）])/u;

export const targetTextAmounts: IteratorDef<z.infer<typeof TextAmountParams>> = {
  name: 'target-text-amounts',
  description: both(
    '同一项目的资金用途、年度绩效目标和指标说明中，同一事项（如“缴纳电费”）写出的金额',
    'the amounts one item (缴纳电费) is given across a project’s 资金用途, 年度绩效目标 and indicator descriptions',
  ),
  facts: {
    project: text('项目名称', 'project name'),
    item: text('事项（金额前的文字）', 'the item (the words before the amount)'),
    amounts: text('写出的各个金额，按出现顺序', 'the amounts stated, in order'),
    distinctAmounts: num('不同金额的个数', 'how many different amounts'),
  },
  identities: false,
  texts: ['project', 'table'],
  run(ctx) {
    const items: Item[] = [];
    for (const t of targets(ctx)) {
      const d = t.target!;
      const cells = filled([d.purpose, d.goal, ...d.indicators.flatMap((i) => [i.description, i.basis])]);
      const stated = new Map<string, { cell: CellRef; wan: number; text: string }[]>();
      for (const cell of new Set(cells)) {
        for (const clause of normalizeLabel(cell.text).split(CLAUSE_BREAK)) {
          const m = ITEM_AMOUNT.exec(clause.replace(CLAUSE_NUMBER, ''));
          const parsed = m && parseAmount(m[2]!);
          if (!m || !parsed || parsed.kind !== 'number') continue;
          const wan = m[3] === '元' ? parsed.value / 10_000 : parsed.value;
          addTo(stated, m[1]!, { cell, wan, text: `${m[2]}${m[3]}` });
        }
      }
      // The form's budget in 万元: amounts that add up to it are its parts, not one item's figures.
      const budgetWan = budgetInWan(ctx, t);
      for (const [item, list] of stated) {
        if (list.length < 2) continue;
        const distinct = new Set(list.map((x) => Math.round(x.wan * 1e6)));
        // 福州 民政局 2026: “(1)…需预算安排479.25万元。(2)…需预算安排91.92万元” under a budget of 571.17.
        const total = list.reduce((sum, x) => sum + x.wan, 0);
        if (distinct.size === list.length && budgetWan !== null && Math.abs(total - budgetWan) < 0.005) continue;
        const places = [...new Set(list.map((x) => x.cell))];
        items.push({
          facts: { project: projectOf(t), item, amounts: list.map((x) => x.text).join('、'), distinctAmounts: distinct.size },
          text: (lang) => projectText(ctx, t)[lang],
          cell: { sheet: places[0]!.sheet, cell: places[0]!.cell },
          related: places.slice(1).map((c) => ({ sheet: c.sheet, cell: c.cell })),
          table: 'performance-target',
        });
      }
    }
    return items;
  },
};

// ── goal-indicator-values: a goal's percentage for a named indicator against the indicator ────────

/** A percentage written right after an indicator's name: “满意度不低于80%”, “合格率达到95%”. */
const NAMED_PERCENT = /^(?:达到|不低于|不少于|不高于|不超过|高于|低于|≥|≤|>|<|=|为|在)?(\d+(?:\.\d+)?)%/;

export const goalIndicatorValues: IteratorDef<z.infer<typeof TextAmountParams>> = {
  name: 'goal-indicator-values',
  description: both(
    '年度绩效目标或资金用途中紧跟某个指标名称写出的百分比，与该指标的指标值',
    'a percentage the annual goal or the purpose writes right after an indicator’s name, against that indicator’s value',
  ),
  facts: {
    project: text('项目名称', 'project name'),
    indicator: text('三级指标名称', 'the level-3 indicator'),
    stated: text('目标中写的值（原文）', 'the value the goal writes'),
    value: text('指标值原文', 'the indicator’s value as written'),
    differs: flag('两处的百分比不同', 'the two percentages differ'),
  },
  identities: false,
  texts: ['project', 'table'],
  run(ctx) {
    const items: Item[] = [];
    for (const t of targets(ctx)) {
      const d = t.target!;
      // Each text folded once per project, not once per indicator.
      const texts = filled([d.goal, d.purpose]).map((cell) => ({ cell, folded: normalizeLabel(cell.text) }));
      for (const ind of d.indicators) {
        // Short names (满意度, 合格率) recur in many indicators: only a name that is the indicator's own.
        const name = normalizeLabel(ind.level3.text);
        if (name.length < 4) continue;
        const valueText = indicatorValueText(ind);
        const v = parseIndicatorValue(valueText);
        if (v.unit !== '%' || v.number === null) continue;
        for (const { cell: c, folded } of texts) {
          const at = folded.indexOf(name);
          const m = at < 0 ? null : NAMED_PERCENT.exec(folded.slice(at + name.length));
          if (!m) continue;
          items.push({
            facts: { project: projectOf(t), indicator: ind.level3.text.trim(), stated: `${name}${m[0]}`, value: valueText, differs: Number(m[1]) !== v.number },
            text: (lang) => projectText(ctx, t)[lang],
            cell: { sheet: ind.value.sheet, cell: ind.value.cell },
            related: [{ sheet: c.sheet, cell: c.cell }],
            table: 'performance-target',
          });
          break;
        }
      }
    }
    return items;
  },
};

// ── indicators: one item per indicator row ───────────────────────────────────────────────────

/** The unit an indicator's name gives its value in a closing bracket (“完成时间（天）”, “满意度（%）”), when it is no percentage. */
function otherUnitNamed(name: string): boolean {
  const unit = /\(([^()]{1,4})\)$/.exec(name)?.[1];
  return unit !== undefined && !/^(%|百分比|百分率)$/.test(unit);
}

/** A rate word that is the rate's own noun (率, 满意度), not a word of what is done (完成, 达标). */
const namesRateItself = (word: string) => /[率度]$/.test(word);

/**
 * Spending whose name gives its value's money unit (西安 司法局 2026's 数量指标 “电费(万元)” 0.85): the
 * bare figure is a ceiling on what is spent, as a cost is, though filed under another category.
 */
function spendingNamedInMoney(name: string, spendingWords: readonly string[]): boolean {
  const unit = /\(([^()]{1,3})\)$/.exec(name)?.[1];
  return unit !== undefined && /^[千万亿]?元$/.test(unit) && spendingWords.some((w) => name.includes(w));
}

export const indicators: IteratorDef<z.infer<typeof IndicatorParams>> = {
  name: 'indicators',
  description: both('项目绩效目标表中的每一条指标', 'every indicator row of the project target tables'),
  facts: {
    project: text('项目名称', 'project name'),
    level1: text('一级指标', 'level-1 category'),
    level2: text('二级指标', 'level-2 category'),
    level3: text('三级指标', 'level-3 indicator'),
    value: text('指标值原文', 'the value as written'),
    level3Blank: flag('三级指标为空', 'level-3 indicator is blank'),
    valueBlank: flag('指标值为空', 'the value is blank'),
    level3IsCategory: flag('三级指标只是重复了某个类别名（占位）', 'the level-3 indicator merely repeats a category name'),
    level3AfterCategory: text(
      '三级指标以类别名（词汇表 categories 中的一级或二级指标名，连“指标”二字）开头、后面还有文字时，去掉类别名后的文字（“经济成本指标 项目总成本控制”→“项目总成本控制”）；否则为空',
      'where the level-3 indicator opens with a category’s name (a level 1 or 2 of the vocabulary’s categories, 指标 included) and goes on, what follows it (经济成本指标 项目总成本控制 → 项目总成本控制); empty otherwise',
    ),
    level2UnderLevel1: flag('二级指标属于其一级指标', 'the level-2 category belongs to its level-1 category'),
    level1Core: text('一级指标去掉空白和末尾的“指标”（“成本指标”→“成本”）', 'the level-1 category without white space and its trailing 指标 (成本指标 → 成本)'),
    level2Core: text('二级指标去掉空白和末尾的“指标”', 'the level-2 category without white space and its trailing 指标'),
    level2Options: text('该一级指标下的二级指标（词汇表 categories，以“、”分隔；一级指标未知时为空）', 'the level-2 categories of the level 1 (the vocabulary’s categories, joined by 、; empty when the level 1 is unknown)'),
    quantitative: flag('该二级指标须量化', 'the level-2 category must be quantified'),
    quantityExample: text('该二级指标量化写法的示例（词汇表 quantityExamples）', 'an example of a quantified value for the level-2 category (the vocabulary’s quantityExamples)'),
    nameUnit: text('三级指标名称给出的计量单位（“培训人数（人次）”为人次，“关注人数”为人）；没有为空', 'the unit the level-3 name gives (培训人数（人次）: 人次; 关注人数: 人); empty where it gives none'),
    isQuantity: flag('指标值是“比较符+数字+单位”', 'the value is comparator + number + unit'),
    hasNumber: flag('指标值含数字', 'the value holds a number'),
    comparator: text('比较符 ≥ ≤ > < =（无则为空）', 'the comparator, or empty'),
    comparatorAfter: flag('比较符写在了数字后面（“90≥”）', 'the comparator is written after the number (90≥)'),
    number: numOrNull('指标值中的数字', 'the number in the value'),
    fractionAsPercent: text(
      '指标值的数字大于 0、不大于 1 时，按比例读成的百分数（“1”→“100%”，“≥0.95”→“≥95%”）；否则为空',
      'a number above 0 and at most 1 read as a proportion, in per cent (1 → 100%, ≥0.95 → ≥95%); empty otherwise',
    ),
    unit: text('指标值的单位', 'the unit of the value'),
    unitKnown: flag('单位在认可列表中', 'the unit is an accepted one'),
    isRate: flag('比率、完成度或满意度类指标', 'a rate, completion or satisfaction indicator'),
    upperBoundOnRate: flag('比率类指标却用了 ≤ 或 <（越低越好的指标除外）', 'a rate indicator with ≤ or < (not one where less is better)'),
    lowerIsBetter: flag('越低越好的指标（事件发生率、差错次数……），上限是本意', 'an indicator where less is better (incident rate, errors …): a ceiling is meant'),
    moreIsBetter: flag('越多越好的效益指标（受益人数……），下限是本意', 'a benefit where more is better (受益人数 …): a floor is meant'),
    costWanYuan: numOrNull('成本指标金额（万元）', 'the cost indicator in 万元'),
    budgetWanYuan: num('项目预算数（万元）', 'the project budget in 万元'),
    costExceedsBudget: flag('成本指标高于项目预算数', 'the cost indicator exceeds the budget'),
    costOverBudget: numOrNull('成本指标减项目预算数（万元；任一缺少为空）', 'the cost indicator minus the budget, in 万元 (empty when either is missing)'),
    costIsWhole: flag('成本指标的名称表示项目的全部投入（项目总成本、财政投入总数……）', 'the cost indicator’s name makes it the project’s whole input (项目总成本, 财政投入总数 …)'),
    costCapped: flag('成本指标是上限或定数（≤、<、= 或不写比较符）', 'the cost indicator is a ceiling or a fixed figure (≤, <, = or no comparator)'),
    suggestion: text('建议写法', 'suggested wording'),
    basis: text('指标值确定依据原文', 'the basis as written'),
    basisCore: text('指标值确定依据去掉编号、年份和标点', 'the basis without numbering, year and punctuation'),
    categoryElsewhere: text(
      '本文件其他项目（至少两个，且一致）列同名三级指标的类别“一级/二级”；不一致或不足两个时为空',
      'the category (level 1/level 2) under which at least two other projects of the workbook, all alike, file an indicator of the same name; empty otherwise',
    ),
    categoryOdd: flag(
      '同名指标在其他项目中一致列在另一类别下（同一个二级指标格下有几条时只计第一条）',
      'other projects file an indicator of the same name, all alike, under another category (the first of several under one level-2 cell)',
    ),
    oddIndicators: text('同一个二级指标格下如此列错的各条三级指标', 'the level-3 indicators under this level-2 cell so misfiled'),
    numberRepeated: text(
      '三级指标的编号（“指标10：”）与同一个二级指标格下前面一条的相同时，该编号；否则为空',
      'the level-3 indicator’s number (指标10：) where an earlier indicator under the same level-2 cell has the same; empty otherwise',
    ),
    numberFirstAt: text('同编号的前一条三级指标的单元格', 'the cell of the earlier indicator with that number'),
    valueYearOffset: numOrNull(
      '指标值写的日期（“2025年12月31日”）的年份减预算年度；指标值不以年月写日期、或预算年度不明时为空',
      'the year of the date the value writes (2025年12月31日) minus the budget year; empty when the value is no date by year and month, or the budget year is unknown',
    ),
    namedYearOffset: numOrNull(
      '三级指标名称和指标值中写到的最晚年份（“2018年1月至12月”）减预算年度；都没写年份、或预算年度不明时为空',
      'the latest year the level-3 name and the value write (2018年1月至12月) minus the budget year; empty when neither writes a year, or the budget year is unknown',
    ),
  },
  identities: false,
  texts: ['project', 'table', 'whose', 'Whose'],
  needsIndicatorWords: true,
  run(ctx, params, _ruleId, couldReport) {
    const { report, offerFix, forms } = params;
    const words = ctx.vocab.indicators;
    if (!words) return [];
    const rows = ctx.memo('indicators', () => indicatorFacts(ctx, words));
    // The facts are worked out once for every rule (memo): an indicator none of this pass's rules
    // could report is passed over before its cells are listed (about thirty passes walk them all).
    return rows.flatMap(({ facts, text, cells, fixes, table }) => {
      if (table === 'overall-target' && forms !== 'all') return [];
      const at = cells[report];
      if (!at || (couldReport && !couldReport(facts))) return [];
      return {
        facts,
        text,
        cell: { sheet: at.sheet, cell: at.cell },
        related: (['level1', 'level2', 'level3', 'value'] as const).map((k) => cells[k]).filter((c) => c.cell !== at.cell).map((c) => ({ sheet: c.sheet, cell: c.cell })),
        ...(offerFix && fixes[report] && { fix: fixes[report] }),
        table,
      };
    });
  },
};

/**
 * A unit the vocabulary lists, in tens of thousands (“万条”), or a rate of listed ones: “元/人月” (福州
 * 2026) is 元 per 人 and 月, as the listed “元/人·月” is; “万条/年” (西安 2022). The part after the slash
 * may run several listed units together; one may name another in brackets (“个（套）”, 北京 2026).
 */
export function knownUnit(unit: string, units: ReadonlySet<string>): boolean {
  // 万 or 亿 before a listed unit multiplies it (万人次, 亿元), once: “万万元” is a slip (烟台 住建 2026's ≤234万万元).
  const listed = (u: string) => units.has(u) || (/^[万亿]/.test(u) && u[1] !== u[0] && units.has(u.slice(1)));
  if (listed(unit)) return true;
  // Once every so long (西安 工信局 2022's 校园安全巡查 “2小时一次”): a listed unit of time, then 一次.
  if (ONCE_EVERY.test(unit)) return true;
  if (countedThing(unit, units)) return true;
  // Two measure words run together (台套, 户次: 烟台 科技局 2026's “≥5台套”), not one doubled (个个).
  const twoWords = (u: string) => u.length === 2 && u[0] !== u[1] && units.has(u[0]!) && units.has(u[1]!) && !/[万亿元]/u.test(u);
  // …in tens of thousands too (烟台 市场监管局 2026: “≥5万台套”, “≥20万台件”).
  if (twoWords(unit) || (/^[万亿]/.test(unit) && twoWords(unit.slice(1)))) return true;
  // Two kinds counted together (福州 民政局 2026: “≥325人、户”, “≥4个、所”): each a unit.
  const kinds = unit.split('、');
  if (kinds.length > 1) return kinds.every((k) => k !== '' && listed(k));
  // A product of figures (广州 生态环境局 2026: 值班时间 “7*24”, 预报空间分辨率 “不低于1*1km”): the unit, if
  // any, is the last figure's.
  const product = /^[*×＊]\s*\d+(?:\.\d+)?\s*(.*)$/u.exec(unit);
  if (product) return product[1] === '' || knownUnit(product[1]!, units);
  // Trips of a thing (广州 生态环境局 2026: 喷雾作业 “≥600罐车次”): a two-character word that is no unit,
  // then 次 — not one character (“入次” is 人次 mistyped).
  const trips = /^([\u4e00-\u9fff]{2})次$/u.exec(unit);
  if (trips && ![...trips[1]!].some((ch) => units.has(ch) || /[万亿千百]/u.test(ch))) return true;
  const alternative = /^(.+)[(（](.+)[)）]$/.exec(unit);
  if (alternative) return listed(alternative[1]!) && listed(alternative[2]!);
  const slash = unit.indexOf('/');
  if (slash <= 0) return false;
  // …per something: “册件/人” (北京 文旅局 2026) is books and items a head.
  const per = unit.slice(0, slash);
  return (listed(per) || twoWords(per)) && splitsInto(unit.slice(slash + 1).replace(/[·/]/g, ''), units);
}

/** A date by year, month and day written with slashes, dashes or dots: “2026/6/1”, “2026-06-30”. */
const DATE_VALUE = /^[≤<=＝]?\s*(?:19|20)\d{2}[/\-.]\d{1,2}(?:[/\-.]\d{1,2})?$/u;

/** “小时一次”, “周一次”: once every so many hours, weeks. */
const ONCE_EVERY = /^(?:分钟|小时|个?工作日|天|日|周|个?月|季度?|年)一次$/u;

/**
 * A measure word with the thing it counts (“≥230个村”, 烟台 住建 2026; “家企业”, “所学校”): a listed
 * measure word, then one or two Chinese characters that are no unit themselves, so a unit run twice
 * (“个个”) or a measure word before a money unit (“个万元”) is still unknown.
 */
const MEASURE_WORDS = /^[个家所名户座条处间栋项件台辆套宗]([\u4e00-\u9fff]{1,2})$/u;
function countedThing(unit: string, units: ReadonlySet<string>): boolean {
  const thing = MEASURE_WORDS.exec(unit)?.[1];
  // The thing may hold a character that is a measure word elsewhere (北京 文旅局 2026: “≤10个片区”, 片).
  return thing !== undefined && units.has(unit[0]!) && thing[0] !== unit[0] && !units.has(thing) && !/[万亿元]/u.test(thing);
}

/** Whether the text is a run of listed units, each a whole word of it. */
function splitsInto(text: string, units: ReadonlySet<string>): boolean {
  // reachable[i]: the first i characters are a run of units.
  const reachable = [true];
  for (let i = 1; i <= text.length; i++) reachable[i] = reachable.some((ok, start) => ok && start < i && units.has(text.slice(start, i)));
  return text !== '' && reachable[text.length] === true;
}

/**
 * How a quantified value of this level-2 category is written, for a message to show: a satisfaction
 * rate is “≥90%”, not the head count a quantity indicator takes. A category without an example of its
 * own takes the first one listed.
 */
function quantityExample(params: IndicatorVocabulary, level2: string, level3 = ''): string {
  const entries = Object.entries(params.quantityExamples);
  const example = entries.find(([category]) => normalizeLabel(category) === level2)?.[1] ?? entries[0]?.[1] ?? '';
  // An example in the indicator's own measure: a rate's in per cent (“≥90%”, not “≥100人” for a 完成率),
  // a count's in the unit its name gives (“完成总结报告份数” → “≥100份”).
  if (RATE_NAME.test(level3)) return entries.map(([, e]) => e).find((e) => e.endsWith('%')) ?? '≥90%';
  const unit = unitOfName(level3);
  const number = /^[≥≤<>＞＜]?\d+(?:\.\d+)?/.exec(example)?.[0];
  return unit && number && !example.endsWith('%') ? `${number}${unit}` : example;
}

/** A name that measures a rate: …率, …满意度, a share. */
const RATE_NAME = /率|满意度|比例|占比|比重/;
/** A unit a name gives in its closing bracket: “培训人数（人次）”. */
const NAMED_UNIT = /[(（]([^()（）%％]{1,3})[)）]$/;
/** A count whose name says what it counts in: 人数, 份数, 次数, 个数, 户数, 家数, 件数, 项数. */
const COUNTED_IN = /([人份次个户家件项])数$/;
/** The unit an indicator's name gives: in its closing bracket (“培训人数（人次）”), or what it counts in (“关注人数”); '' where it gives none. */
const unitOfName = (level3: string) => NAMED_UNIT.exec(level3)?.[1] ?? COUNTED_IN.exec(level3)?.[1] ?? '';

/**
 * The comparator to suggest for a value written without one: ≤ for what should stay low, ≥ otherwise —
 * but = for a figure at its bound, which can go no further: “审核覆盖率 100%” is “=100%”, not “≥100%”;
 * nothing is below 0, so “安全事故发生率 0” is “=0”, and “≥0份” would hold of any report count.
 */
function comparatorFor(number: number, unit: string, ceiling: boolean): '≤' | '≥' | '=' {
  if (number === 0 || (unit === '%' && number === 100 && !ceiling)) return '=';
  return ceiling ? '≤' : '≥';
}

/** The latest year a text writes as “2018年”, if any. */
function latestYear(text: string): number | undefined {
  let latest: number | undefined;
  for (const m of globalMatches(YEAR_WRITTEN, text)) latest = Math.max(latest ?? 0, Number(m[1]));
  return latest;
}
const YEAR_WRITTEN = /(?<!\d)(20\d{2})\s*年/gu;

/** A value that is a date by year and month (“2025年12月31日”, “≤2026年6月底”): its year. */
const DEADLINE = /^[≤<=]?\s*(20\d{2})\s*年\s*\d{1,2}\s*月/u;
const deadlineYear = (value: string): number | undefined => {
  const m = DEADLINE.exec(value.trim());
  return m ? Number(m[1]) : undefined;
};

/**
 * Whether a category cell stands on the indicator's row or is merged down over it. A category read
 * from a cell above with no merge (a blank 二级指标 taken as the one written last) groups nothing:
 * 西安 气象局 2022's two blank categories, each numbered from 1, would otherwise be one.
 */
function spansRow(category: CellRef, row: number, merges: MergeIndex): boolean {
  if (category.row === row) return true;
  const range = merges.rangeAt(category.row, category.col);
  return range !== undefined && range.top <= row && row <= range.bottom;
}

/** “指标10：” (西安's forms number the indicators under each level-2 category); “指标4；” too, its colon mistyped. */
const INDICATOR_NUMBER = /^\s*(指标\s*(\d+))\s*[:：;；]/u;

/**
 * Indicators numbered as one before them under the same level-2 cell (西安 安监局 2019: 指标9, 指标10,
 * 指标10, 指标12), with that number and the earlier one's cell. A category printed again (a form broken
 * across pages, its level 2 written on both) is a cell of its own, numbered anew; an empty level-2 cell
 * groups nothing (西安 气象局 2022 leaves two categories' cells blank, each numbered from 1).
 */
function repeatedNumbers(indicators: readonly Indicator[], merges: MergeIndex): Map<Indicator, { number: string; cell: string }> {
  const seen = new Map<string, Map<string, CellRef>>();
  const repeated = new Map<Indicator, { number: string; cell: string }>();
  for (const ind of indicators) {
    const m = INDICATOR_NUMBER.exec(ind.level3.text);
    if (!m || ind.level2.text.trim() === '' || !spansRow(ind.level2, ind.row, merges)) continue;
    const group = `${ind.level2.sheet}!${ind.level2.cell}`;
    let numbers = seen.get(group);
    if (!numbers) seen.set(group, (numbers = new Map()));
    const earlier = numbers.get(m[2]!);
    if (earlier) repeated.set(ind, { number: m[1]!.replace(/\s+/g, ''), cell: earlier.cell });
    else numbers.set(m[2]!, ind.level3);
  }
  return repeated;
}

/** The facts of every indicator row, computed once per check for all the rules that read them. */
function indicatorFacts(ctx: RuleContext, params: IndicatorVocabulary) {
    const rows: { table: TableId; facts: Item['facts']; text: Item['text']; cells: Record<'value' | 'unit' | 'level3' | 'level2' | 'level1', CellRef> & { basis?: CellRef }; fixes: Partial<Record<'value' | 'unit' | 'level3' | 'level2' | 'level1' | 'basis', Fix>> }[] = [];
    const filedElsewhere = categoriesByIndicator(ctx);
    const categoryNames = new Set<string>();
    for (const [l1, l2s] of Object.entries(params.categories)) {
      categoryNames.add(normalizeLabel(l1));
      for (const l2 of l2s) categoryNames.add(normalizeLabel(l2));
    }
    // Longest first: 服务对象满意度指标 before 满意度指标.
    const categoryPrefixes = [...categoryNames].filter((n) => n.endsWith('指标')).sort((a, b) => b.length - a.length);
    const units = new Set(params.units.map(normalizeLabel));
    const wholeCostWords = params.wholeCostWords.map(normalizeLabel);
    const floorWords = params.floorWords.map(normalizeLabel);
    const spendingWords = params.spendingWords.map(normalizeLabel);
    const year = budgetYear(ctx);
    // The department-wide form's indicators too, for the rules that judge an indicator by itself
    // (IndicatorParams.forms): it has no project budget, and no other project files its indicators.
    const overallForms = ctx.tables('overall-target').filter((t) => t.target && t.target.indicators.length > 0);
    for (const t of [...targets(ctx), ...overallForms]) {
      const overall = t.id === 'overall-target';
      const budgetWan = overall ? null : budgetInWan(ctx, t);
      const filed = overall ? filedCategories(t.target!.indicators) : filedElsewhere.filedOf(t);
      // Several cost indicators each naming a whole (烟台 交通运输局 2026's 物业费: “公路大厦物业费（分摊）支出总成本”,
      // “机关网络租赁费支出总成本” …) are the parts' wholes, not the project's: none is its whole input.
      const wholeNamed = t.target!.indicators.filter((x) => isCostIndicator(x, params) && namesWholeCost(normalizeLabel(x.level3.text), wholeCostWords, projectOf(t)));
      const earlierNumbered = repeatedNumbers(t.target!.indicators, ctx.merges(t.sheet));
      for (const [i, ind] of t.target!.indicators.entries()) {
        const l1 = normalizeLabel(ind.level1.text);
        const l2 = normalizeLabel(ind.level2.text);
        const filedUnder = filed[i]!;
        const l3 = normalizeLabel(ind.level3.text);
        const valueText = indicatorValueText(ind);
        const v = parseIndicatorValue(valueText);
        const isCost = isCostIndicator(ind, params);
        // A rate is a percentage (or a bare number) of a rate-like indicator; money is never a rate, nor a
        // bare number whose name gives it another unit (西安 2026's “调查报告完成时间（天）≤10”).
        // A bare number is a rate only where the name calls it one (…率, …满意度): a completion word alone
        // (完成, 达标, 合格) names a rate beside a %, but “完成的…年报送审稿成果 1” under 数量指标 counts one
        // report (广州 生态环境局 2026).
        const rateWords = v.unit === '%' ? params.rateWords : params.rateWords.filter(namesRateItself);
        const isRate =
          !isCost &&
          (v.unit === '%' || (v.unit === '' && !otherUnitNamed(l3))) &&
          rateWords.some((w) => l3.includes(w) || normalizeLabel(ind.description?.text ?? '').includes(w));
        const cost = isCost && v.number !== null ? toWanYuan(v.number, v.unit) : undefined;
        const known = params.categories[ind.level1.text.trim()] ?? Object.entries(params.categories).find(([k]) => normalizeLabel(k) === l1)?.[1];
        // The value may name what it bounds itself: “投诉率≤5%” under a 满意度 indicator (烟台 大数据局 2026).
        const lowerIsBetter = [l3, normalizeLabel(valueText)].some((text) => ceilingMeant(text, params.ceilingWords, params.ceilingUnless));
        const spendingCeiling = v.unit === '' && spendingNamedInMoney(l3, spendingWords);
        // Only a number can be turned round (“≤万分之三” states its rate in words: nothing to write instead).
        const upperBoundOnRate = isRate && !lowerIsBetter && v.number !== null && (v.comparator === '≤' || v.comparator === '<');
        const floor = upperBoundOnRate ? rateFloor(v.number!, v.unit) : undefined;
        // “90≥” for a rate is “≥90%”: the sign before the number, a rate's unit after it.
        const signFirst = v.comparatorAfter ? `${v.comparator}${v.number}${v.unit || (isRate ? '%' : '')}` : undefined;
        const elsewhere = overall || l3 === '' || filedUnder.level2 === '' ? undefined : filedElsewhere.consensus(l3, t, filedUnder.key);
        const dateYear = deadlineYear(valueText);
        const namedYear = latestYear(`${ind.level3.text} ${valueText}`);
        rows.push({
          table: t.id,
          facts: {
            project: overall ? overallFormText(t)['zh-CN'].project : projectOf(t),
            level1: ind.level1.text.trim(),
            level2: ind.level2.text.trim(),
            level3: ind.level3.text.trim(),
            value: valueText,
            level3Blank: l3 === '',
            valueBlank: valueText === '',
            level3IsCategory: l3 !== '' && categoryNames.has(l3),
            level3AfterCategory: afterCategoryName(ind.level3.text, categoryPrefixes),
            level2UnderLevel1: t.target!.categorized === false || (known ? known.some((k) => category(k) === category(l2)) : false),
            level1Core: category(l1),
            level2Core: category(l2),
            level2Options: known?.join('、') ?? '',
            quantitative: params.quantitative.some((q) => normalizeLabel(q) === l2),
            quantityExample: quantityExample(params, l2, l3),
            nameUnit: unitOfName(l3),
            isQuantity: v.isQuantity,
            hasNumber: v.number !== null,
            comparator: v.comparator,
            comparatorAfter: v.comparatorAfter === true,
            number: v.number,
            fractionAsPercent: v.number !== null && v.number > 0 && v.number <= 1 ? `${v.comparator}${Number((v.number * 100).toFixed(6))}%` : '',
            unit: v.unit,
            // “0重大事故”: none of what follows the 0, which is no unit (西安 国资委 2022).
            unitKnown:
              v.unit === '' ||
              knownUnit(normalizeLabel(v.unit), units) ||
              (v.number === 0 && (v.comparator === '' || v.comparator === '=') && v.unit.length >= 2) ||
              // A date written with slashes or dashes (广州 生态环境局 2026's 验收通过时间 “2026/6/1”) has no unit.
              DATE_VALUE.test(valueText.trim()) ||
              // 度 is a kilowatt-hour where power is counted (西安 科技局 2022's 电量 “13500度”); on a
              // satisfaction rate (普陀 万里 2023's “90.00(度)”) it is no unit.
              (v.unit === '度' && l3.includes('电')),
            isRate,
            upperBoundOnRate,
            lowerIsBetter,
            moreIsBetter: floorWords.some((w) => l3.includes(w)),
            costWanYuan: cost ?? null,
            budgetWanYuan: budgetWan,
            costExceedsBudget: cost !== undefined && budgetWan !== null && cost > budgetWan + 0.005,
            costOverBudget: cost !== undefined && budgetWan !== null ? Math.round((cost - budgetWan) * 1e6) / 1e6 : null,
            costIsWhole: wholeNamed.length === 1 && wholeNamed[0] === ind,
            costCapped: isCost && ['≤', '<', '=', ''].includes(v.comparator),
            basis: ind.basis?.text.trim() ?? '',
            basisCore: textCore(ind.basis?.text ?? ''),
            categoryElsewhere: elsewhere?.shown ?? '',
            categoryOdd: elsewhere !== undefined,
            oddIndicators: elsewhere !== undefined ? ind.level3.text.trim() : '',
            numberRepeated: earlierNumbered.get(ind)?.number ?? '',
            numberFirstAt: earlierNumbered.get(ind)?.cell ?? '',
            valueYearOffset: dateYear !== undefined && year !== null ? dateYear - year : null,
            namedYearOffset: namedYear !== undefined && year !== null ? namedYear - year : null,
            // A cost, or a count that should stay low (泄露次数, 投诉), is bounded from above.
            // A rate under 成本指标 (预算执行率 100%, 资金分配合规率 100%) is no cost to cap: it takes ≥ unless less is better.
            suggestion: signFirst ?? floor ?? (v.isQuantity && v.comparator === '' && v.number !== null ? `${comparatorFor(v.number, v.unit, (isCost && v.unit !== '%') || lowerIsBetter || spendingCeiling)}${v.number}${v.unit}` : ''),
          },
          text: (lang) => (overall ? overallFormText(t) : projectText(ctx, t))[lang],
          // The unit's own cell where the form gives it one and it is filled (北京 2026's 绩效度量单位: “万” in
          // K14 beside “30” in J14), else the value's, which then holds the unit.
          cells: { value: ind.value, unit: ind.unit && ind.unit.text.trim() !== '' ? ind.unit : ind.value, level3: ind.level3, level2: ind.level2, level1: ind.level1, ...(ind.basis && { basis: ind.basis }) },
          fixes: {
            ...(floor && { value: { sheet: ind.value.sheet, cell: ind.value.cell, value: floor, safety: 'unsafe' as const } }),
            // Only where the value cell holds the whole value: in a form with a unit column (长沙 2025) the
            // sign sits in that column and the unit in the next one, and the value cell's “90” is right.
            ...(signFirst && !ind.unit && !ind.comparator && { value: { sheet: ind.value.sheet, cell: ind.value.cell, value: signFirst, safety: 'unsafe' as const } }),
            // Another level 2 under the same level 1: the one the other projects write.
            ...(elsewhere && elsewhere.level1 === filedUnder.level1 && ind.level2.text.trim() !== '' && { level2: { sheet: ind.level2.sheet, cell: ind.level2.cell, value: elsewhere.level2Text, safety: 'unsafe' as const } }),
          },
        });
      }
    }
    oneFindingPerCategoryCell(rows);
    fixOnlyWholeCategoryCells(rows);
    return rows;
}

/**
 * What a rate written as a ceiling is meant to say, turned round: “≤90%” → “≥90%”. A rate cannot pass
 * 100%, so “≤100%” turned round is “=100%”, as the ledgers write it (烟台 2026's 经费支出率 ≤100%, on six
 * workbooks): “≥100%” says the same but reads as if more were possible.
 */
function rateFloor(number: number, unit: string): string {
  return number === 100 && (unit === '%' || unit === '') ? `=${number}${unit}` : `≥${number}${unit}`;
}

/**
 * What a level-3 indicator says after a category's name it opens with (烟台 科技局 2026's “经济成本指标
 * 项目总成本控制”, its level 2 pasted in front), or '' where it opens with none or says nothing more.
 */
function afterCategoryName(level3: string, prefixes: readonly string[]): string {
  const text = level3.trim();
  const norm = normalizeLabel(text);
  const prefix = prefixes.find((p) => norm.startsWith(p) && norm.length > p.length);
  if (!prefix) return '';
  // The prefix's characters are found again in the text as written (normalizeLabel drops white space).
  let i = 0;
  for (const ch of prefix) {
    while (i < text.length && text[i] !== ch) i++;
    i++;
  }
  return text.slice(i).replace(/^[\s:：、，,]+/u, '').trim();
}

/**
 * A level-2 cell merged over several indicators is rewritten for all of them: its new name is offered
 * only where most of the indicators under it are filed otherwise, all to that name. 烟台 财政局 2026's
 * C24:C26 经济效益指标 holds three, one filed otherwise: renaming it would move two that belong there.
 * 福州 医保局 2026's C15:C17 holds three, two filed otherwise elsewhere and the third with them in meaning.
 */
function fixOnlyWholeCategoryCells(rows: { cells: Record<'level2', CellRef>; fixes: Partial<Record<'level2', Fix>> }[]): void {
  const key = (c: CellRef) => `${c.sheet}!${c.cell}`;
  const under = new Map<string, typeof rows>();
  for (const row of rows) addTo(under, key(row.cells.level2), row);
  for (const group of under.values()) {
    const moved = group.filter((row) => row.fixes.level2);
    if (moved.length === 0) continue;
    const names = new Set(moved.map((row) => row.fixes.level2!.value));
    if (names.size === 1 && moved.length * 2 > group.length) continue;
    for (const row of group) delete row.fixes.level2;
  }
}

/**
 * Indicators under one merged level-2 cell filed otherwise than elsewhere are one slip in that cell:
 * the first of them names them all, the rest are not counted again.
 */
function oneFindingPerCategoryCell(rows: { facts: Item['facts']; cells: Record<'level2', CellRef> }[]): void {
  const first = new Map<string, Item['facts']>();
  for (const { facts, cells } of rows) {
    if (facts.categoryOdd !== true) continue;
    const key = `${cells.level2.sheet}!${cells.level2.cell}`;
    const head = first.get(key);
    if (!head) {
      first.set(key, facts);
      continue;
    }
    head.oddIndicators = `${String(head.oddIndicators)}、${String(facts.oddIndicators)}`;
    facts.categoryOdd = false;
  }
}

interface FiledCategory {
  /** 一级 and 二级 normalised, and the two together as a key (“效益指标/社会效益指标”). */
  level1: string;
  level2: string;
  key: string;
  /** The 二级 as written, and both as written for messages. */
  level2Text: string;
  shown: string;
}

/** Each indicator's 一级 and 二级: a cell left blank under a merged one carries the category above (forms written row by row). */
function filedCategories(indicators: readonly Indicator[]): FiledCategory[] {
  let level1 = '';
  let level2 = '';
  return indicators.map((ind) => {
    level1 = ind.level1.text.trim() || level1;
    level2 = ind.level2.text.trim() || level2;
    const [n1, n2] = [normalizeLabel(level1), normalizeLabel(level2)];
    // Compared as categories: 经济成本指标 is the 经济成本 another form writes (烟台 商务局 2026).
    return { level1: n1, level2: n2, key: `${category(level1)}/${category(level2)}`, level2Text: level2, shown: `${level1}/${level2}` };
  });
}

/** How few other projects must file an indicator alike before one filing it otherwise stands out. */
const CONSENSUS = 2;

/**
 * The categories the workbook's target tables file each indicator under (by its normalised level-3
 * name), so one project filing an indicator otherwise than all the others is seen: 福州 2026's
 * 财政补助标准达标率, a 社会效益 indicator in two projects and 经济效益 in a third.
 */
function categoriesByIndicator(ctx: RuleContext) {
  const filings = new Map<string, (FiledCategory & { table: RecognizedTable })[]>();
  const byTable = new Map<RecognizedTable, FiledCategory[]>();
  for (const t of targets(ctx)) {
    const filed = filedCategories(t.target!.indicators);
    byTable.set(t, filed);
    t.target!.indicators.forEach((ind, i) => {
      const l3 = normalizeLabel(ind.level3.text);
      if (l3 !== '' && filed[i]!.level2 !== '') addTo(filings, l3, { ...filed[i]!, table: t });
    });
  }
  // Nearly every indicator is filed one way throughout (a county's 300 projects share 服务对象满意度):
  // only those filed two ways are looked at again, project by project.
  const mixed = new Set<string>();
  for (const [l3, list] of filings) if (list.some((f) => f.key !== list[0]!.key)) mixed.add(l3);
  return {
    /** Each indicator's category as the table files it (a blank cell carrying the one above). */
    filedOf: (t: RecognizedTable): FiledCategory[] => byTable.get(t)!,
    /** The category every other project (at least CONSENSUS of them) files the indicator under, when it is not `own`. */
    consensus(l3: string, table: RecognizedTable, own: string) {
      if (!mixed.has(l3)) return undefined;
      const others = filings.get(l3)!.filter((f) => f.table !== table);
      const first = others[0];
      if (!first || others.length < CONSENSUS || others.some((f) => f.key !== first.key)) return undefined;
      if (first.key === own) return undefined;
      return first;
    },
  };
}

/** Whether an indicator is filed under the cost category (成本指标), as a level 1 or a level 2. */
function isCostIndicator(ind: Indicator, params: IndicatorVocabulary): boolean {
  const cost = normalizeLabel(params.costCategory);
  return normalizeLabel(ind.level2.text) === cost || normalizeLabel(ind.level1.text) === cost;
}

/**
 * Less is better where a word says so (投诉, 残留), unless a word after it turns the rate round: 投诉处理率
 * is of complaints handled; 路产修复投诉率 (烟台 交通运输局 2026) is of complaints still, its 修复 before them.
 */
function ceilingMeant(text: string, words: readonly string[], unless: readonly string[]): boolean {
  for (const w of words) {
    const at = text.indexOf(w);
    if (at < 0) continue;
    if (!unless.some((u) => text.indexOf(u, at + w.length) >= 0)) return true;
  }
  return false;
}

/**
 * A cost indicator naming the project's whole input: “项目总成本”, but not “项目总成本中常规家庭补贴成本”,
 * a part of it (烟台 住建 2026's 保障性住房租金补贴: 1,590 + 10 of a 1,600 budget).
 */
function namesWholeCost(name: string, wholeCostWords: readonly string[], project: string): boolean {
  return wholeCostWords.some((w) => {
    const at = name.indexOf(w);
    return at >= 0 && name[at + w.length] !== '中' && wholeOf(name.slice(0, at), project);
  });
}

/** What may stand before a whole-cost word and still mean the project: nothing, 项目, the money (财政投入总数). */
const THE_PROJECT = /^(?:本|该)?(?:年度)?(?:项目)?(?:财政|资金|经费|预算)?$/u;

/**
 * Whether the thing a cost is the total of is the project: the project, its money, or what its name
 * names (“驻外机构工作保障经费总成本”, “设备购置总成本” of 专用设备购置). Something its name does not name
 * is a part (北京 公安局 2026's 民警门诊部医保专线租赁费: “市局大院医务室医保专线租赁费总成本”, one of
 * the two sites it pays for).
 */
function wholeOf(subject: string, project: string): boolean {
  if (THE_PROJECT.test(subject)) return true;
  // The project's name without its code (北京's “11000022Y000000430423-”).
  const name = normalizeLabel(project).replace(/^[0-9A-Za-z]+[-－—]/u, '');
  return name.includes(subject) || subject.includes(name);
}
