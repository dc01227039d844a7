/**
 * Two tables listing the same projects compared project by project: 浙江's 项目支出绩效表 (each
 * project's amount and goal) against its 项目支出表. A project is its unit and its name, as printed.
 */
import type { z } from 'zod';
import type { ProjectListParams, ProjectPairParams, TargetProjectParams } from '../params/amounts.js';
import type { RecognizedTable, TableRow } from '../../model.js';
import type { Lang } from '../../messages.js';
import type { TableId } from '../../vocabulary.js';
import { normalizeLabel } from '../../text.js';
import { addTo } from '../../multimap.js';
import { identityItem, type Item, type RuleContext } from '../context.js';
import { UNIT_FACTOR, type Term } from '../identity.js';
import { IDENTITY_FACTS, type IteratorDef, type Reference, flag, text, both } from '../registry-types.js';
import { subtotalHeads, Tie } from './amounts.js';
import { projectOf, targetTerm, targets } from './targets.js';
import { listedProjectRows, projectNameKey as nameKey } from './project-names.js';

type Pairs = z.infer<typeof ProjectPairParams>;
type Lists = z.infer<typeof ProjectListParams>;


/** The table's project rows by unit and name (by name alone when asked); its 合计 and rows naming no project are none. */
function projectRows(t: RecognizedTable, byName = false): Map<string, TableRow[]> {
  const out = new Map<string, TableRow[]>();
  for (const row of listedProjectRows(t)) {
    const project = row.labels.project!;
    addTo(out, byName ? nameKey(project) : `${normalizeLabel(row.labels.unitName ?? '')}|${normalizeLabel(project)}`, row);
  }
  return out;
}

/** The projects one side of a pair lists. */
interface ListedProjects {
  keys: Set<string>;
  byName: boolean;
  /** Each listed project's name and unit, normalised (grouped pairs). */
  names: { name: string; unit: string }[];
  name: (lang: Lang) => string;
}

/**
 * The projects the checked side lists: a table's, by unit and name; the project target tables', by
 * the project each names (none when the workbook publishes no target table: then none is missing).
 */
function listedProjects(ctx: RuleContext, from: TableId): ListedProjects | undefined {
  if (from === 'performance-target') {
    const targets = ctx.tables('performance-target');
    if (targets.length === 0) return undefined;
    return {
      keys: new Set(targets.map((t) => nameKey(projectOf(t)))),
      byName: true,
      names: targets.map((t) => ({ name: normalizeLabel(projectOf(t)), unit: '' })),
      name: (lang) => (lang === 'zh-CN' ? '项目绩效目标表' : 'the project target tables'),
    };
  }
  const t = ctx.table(from);
  if (!t) return undefined;
  const names = listedProjectRows(t).map((row) => ({ name: normalizeLabel(row.labels.project!), unit: normalizeLabel(row.labels.unitName ?? '') }));
  return { keys: new Set(projectRows(t).keys()), byName: false, names, name: (lang) => ctx.tableName(t, lang) };
}

/**
 * Whether a listed name is `name`'s (normalised) cut short, as a form's narrow cell prints it (烟台 自然资源和规划局
 * 2026: “矿山生态修复及监管项目-黄渤海海岸带（” for 公开表11's whole name): the project has its form.
 * Eight characters at least, so a short common name is never taken for another's beginning.
 */
function cutShort(name: string, listed: ListedProjects): boolean {
  return listed.names.some((l) => l.name.length >= CUT_NAME_MIN && l.name.length < name.length && name.startsWith(l.name));
}

const CUT_NAME_MIN = 8;

/** A part's name after its group's: “…专项资金-战略性新兴产业领域” under “…专项资金”. */
const PART_AFTER_GROUP = /^[-－—–]/u;

/**
 * Whether `name` (normalised) names a group of the listed projects — the rows named after it and a dash (深圳
 * 发改委 2026) — or one of them with its unit in brackets after the name (广州 政府办公厅 2026's
 * “专项工作经费（广州市人民政府办公厅）”: its 表12 lists 专项工作经费 under the unit's own row, or a table
 * with a unit column beside it).
 */
function namesGroup(name: string, listed: ListedProjects): boolean {
  if (listed.names.some((l) => l.name.startsWith(name) && PART_AFTER_GROUP.test(l.name.slice(name.length)))) return true;
  const withUnit = /^(.+)\(([^()]+)\)$/u.exec(name);
  if (!withUnit) return false;
  const [, base, unit] = withUnit;
  return listed.names.some((l) => l.name === base && (l.unit === unit || listed.names.some((u) => u.name === unit)));
}

const references = (p: Pairs): Reference[] =>
  p.pairs.flatMap((pair, i) => [
    { path: ['pairs', i, 'from'], table: pair.from, column: pair.column },
    { path: ['pairs', i, 'to'], table: pair.to, column: pair.column },
  ]);

const listReferences = (p: Lists): Reference[] =>
  p.pairs.flatMap((pair, i) => [
    { path: ['pairs', i, 'from'], table: pair.from },
    { path: ['pairs', i, 'to'], table: pair.to, column: 'project' },
  ]);

export const projectAmounts: IteratorDef<Pairs> = {
  name: 'project-amounts',
  description: both('两张逐项目列示的表中，同一单位同一项目的金额', 'the amounts of one unit’s project in two tables that list projects'),
  facts: { ...IDENTITY_FACTS, right: text('另一表中同一项目的单元格', 'the same project’s cell in the other table'), code: text('（不用）', '(unused)') },
  identities: true,
  texts: ['right', 'relation', 'left'],
  references,
  *run(ctx, params, ruleId) {
    for (const pair of params.pairs) {
      const from = ctx.table(pair.from);
      const to = ctx.table(pair.to);
      if (!from || !to) continue;
      const others = projectRows(to);
      // A unit's subtotal over the key projects listed under it (广州 规划和自然资源局 2026's 说明七) is no
      // project: the unit's row in the other table counts all its projects.
      const subtotals = new Set(subtotalHeads(ctx, from, from.rows.filter((r) => !r.isTotal), [pair.column], 1) ?? []);
      for (const [key, rows] of projectRows(from)) {
        for (const row of rows) {
          // A project printed twice in either table has no one counterpart, unless its goal names it.
          const match = counterpart(ctx, from, row, rows, to, others.get(key) ?? []);
          if (!match || subtotals.has(row) || headsWithoutAmount(ctx, from, row, pair.column)) continue;
          const lhs = ctx.term(from, row, pair.column, 1, 'project');
          const rhs = ctx.term(to, match, pair.column, 1, 'project');
          if (!lhs || !rhs || (lhs.ref.amount === null && rhs.ref.amount === null)) continue;
          if (!pair.suggest) lhs.unsuggested = true;
          yield identityItem(new Tie(ruleId, 'eq', undefined, [lhs], [rhs], ''), from.id);
        }
      }
    }
  },
};

/**
 * The other table's row of a project: the one row of its name where each table has one, or, where
 * several units list a project of that name (广州 城管局 2026's 表12: 其他运行经费 under seven units; 卫健委
 * 2026's 说明七 and 表12 both list 专用卫生材料 under two), the one whose goal is this row's, word for word,
 * a goal no other row of that name in either table has.
 */
function counterpart(ctx: RuleContext, from: RecognizedTable, row: TableRow, rows: readonly TableRow[], to: RecognizedTable, match: readonly TableRow[]): TableRow | undefined {
  if (rows.length === 1 && match.length === 1) return match[0];
  const goalOf = (t: RecognizedTable, r: TableRow) => (t.columns.some((c) => c.role === 'goal') ? normalizeLabel(ctx.cell(t, r, 'goal')?.text ?? '') : '');
  const goal = goalOf(from, row);
  if (goal === '' || rows.some((r) => r !== row && goalOf(from, r) === goal)) return undefined;
  const same = match.filter((r) => goalOf(to, r) === goal);
  return same.length === 1 ? same[0] : undefined;
}

/**
 * A unit's name over its key projects with nothing beside it (广州 卫健委 2026's 说明七: “广州市胸科医院”,
 * its 预算数 and 绩效目标 blank, its projects below): a heading, not a project left without its amount.
 * A project has its goal at least, where the list prints goals.
 */
function headsWithoutAmount(ctx: RuleContext, t: RecognizedTable, row: TableRow, column: string): boolean {
  if (!t.columns.some((c) => c.role === 'goal') || (ctx.cell(t, row, column)?.amount ?? null) !== null) return false;
  return (ctx.cell(t, row, 'goal')?.text.trim() ?? '') === '';
}

/** Each group of a list headed by a unit's subtotal row (subtotalHeads): the head and the rows under it; none for a flat list. */
function unitGroups(ctx: RuleContext, t: RecognizedTable): Map<TableRow, TableRow[]> {
  return ctx.memo(`unit-groups:${t.id}:${t.sheet}:${t.range}`, () => {
    const rows = t.rows.filter((r) => !r.isTotal);
    const heads = new Set(subtotalHeads(ctx, t, rows, ['total'], 1) ?? []);
    const groups = new Map<TableRow, TableRow[]>();
    let members: TableRow[] | undefined;
    for (const row of rows) {
      if (heads.has(row)) groups.set(row, (members = []));
      else members?.push(row);
    }
    return groups;
  });
}

/**
 * Whether a key project no row of the listed table names is the rest of its unit there under one
 * name: the unit's rows other than its key projects add up to it in one of the table's columns, each
 * row rounded to the cent (广州 规划和自然资源局 2026's 说明七: 土地开发中心's “基本建设经费” 785,004.99,
 * its other 153 projects' 政府性基金 in 表12 785,005.00 — the land reserve projects under their category).
 */
function unitRemainder(ctx: RuleContext, keyList: RecognizedTable, row: TableRow, listedTable: RecognizedTable | undefined): boolean {
  const amount = ctx.cell(keyList, row, 'total')?.amount;
  if (!listedTable || !amount) return false;
  const unitOf = (groups: Map<TableRow, TableRow[]>, r: TableRow) => [...groups].find(([, members]) => members.includes(r));
  const keyUnit = unitOf(unitGroups(ctx, keyList), row);
  if (!keyUnit) return false;
  const unitName = normalizeLabel(keyUnit[0].labels.project ?? '');
  const listedUnit = [...unitGroups(ctx, listedTable)].find(([head]) => normalizeLabel(head.labels.project ?? '') === unitName);
  if (!listedUnit) return false;
  const keyNames = new Set(keyUnit[1].map((r) => nameKey(r.labels.project ?? '')));
  const rest = listedUnit[1].filter((r) => !keyNames.has(nameKey(r.labels.project ?? '')));
  if (rest.length < 2) return false;
  // In 元, whichever unit each table is printed in; half a cent of rounding per figure, in its own unit.
  const keyFactor = UNIT_FACTOR[ctx.unit(keyList)];
  const listedFactor = UNIT_FACTOR[ctx.unit(listedTable)];
  const slack = 0.005 * (rest.length * listedFactor + keyFactor);
  return ctx.amountRoles(listedTable).some((role) => Math.abs(rest.reduce((s, r) => s + (ctx.cell(listedTable, r, role)?.amount ?? 0), 0) * listedFactor - amount * keyFactor) <= slack);
}

export const projectsListed: IteratorDef<Lists> = {
  name: 'projects-listed',
  description: both('一张表中的每个项目在另一张表中是否也列出', 'whether each project of one table is listed in the other'),
  facts: {
    project: text('项目名称', 'the project'),
    unit: text('单位名称（表中有此列时）', 'the unit, where the table has the column'),
    missing: flag('对照的表列有此项目，逐项目核对的表中没有', 'the table checked against lists the project, the table checked does not'),
  },
  identities: false,
  texts: ['table', 'otherTable'],
  references: listReferences,
  *run(ctx, params) {
    for (const pair of params.pairs) {
      const listed = listedProjects(ctx, pair.from);
      const to = ctx.table(pair.to);
      if (!listed || !to) continue;
      const fromTable = ctx.table(pair.from);
      for (const [key, rows] of projectRows(to, listed.byName)) {
        const row = rows[0]!;
        const cell = ctx.cell(to, row, 'project');
        if (!cell) continue;
        const project = row.labels.project ?? '';
        const name = normalizeLabel(project);
        const missing =
          !listed.keys.has(key) && !(pair.grouped && (namesGroup(name, listed) || unitRemainder(ctx, to, row, fromTable))) && !cutShort(name, listed);
        const item: Item = {
          facts: { project, unit: row.labels.unitName ?? '', missing },
          text: (lang) => ({ table: listed.name(lang), otherTable: ctx.tableName(to, lang) }),
          cell: { sheet: cell.sheet, cell: cell.cell },
          table: pair.from,
        };
        yield item;
      }
    }
  },
};

/**
 * Each project's target table against its row in the project spending table, matched by name: the
 * year's budget the form gives and the project's total (烟台 住建 2026: 既有住宅加装电梯专项资金经费's form
 * says 500.00, 公开表11 400.00). A project may be printed on several forms, or listed on several rows
 * (烟台 住建's 实施公车统管: five of each): forms and rows of one name that agree to the cent pair off
 * first. A form left over is compared with the one row left over, or, where every row has its form,
 * with the project's only row (施工图审查费: a form of 122.22 beside one of 650.00, its row 650.00).
 * Anything else has no one counterpart and is not compared. Which side is wrong only the preparer
 * knows: no value is offered.
 */
export const targetProjectAmounts: IteratorDef<z.infer<typeof TargetProjectParams>> = {
  name: 'target-project-amounts',
  description: both('每个项目绩效目标表的预算数，与项目支出表中同名项目的金额', 'each project target table’s budget, against the same-named project’s amount in the project spending table'),
  facts: { ...IDENTITY_FACTS, right: text('项目支出表中同一项目的单元格', 'the same project’s cell in the project spending table') },
  identities: true,
  texts: ['right', 'relation', 'left'],
  references: (p) => [{ path: ['column'], table: p.table, column: p.column }],
  *run(ctx, params, ruleId) {
    const to = ctx.table(params.table);
    if (!to) return;
    const rows = projectRows(to, true);
    const forms = new Map<string, Term[]>();
    for (const t of targets(ctx)) {
      const budget = targetTerm(ctx, t, 'budget');
      // A form whose budget is blank or 0 states none to compare.
      if (budget?.ref.amount) addTo(forms, nameKey(projectOf(t)), budget);
    }
    for (const [key, budgets] of forms) {
      const amounts = (rows.get(key) ?? []).flatMap((row) => ctx.term(to, row, params.column, 1, 'project') ?? []).filter((t) => t.ref.amount !== null);
      if (amounts.length === 0) continue;
      const cents = (t: Term) => Math.round(t.ref.amount! * t.factor * 100);
      const leftRows = [...amounts];
      const leftForms = budgets.filter((b) => {
        const i = leftRows.findIndex((r) => cents(r) === cents(b));
        if (i < 0) return true;
        leftRows.splice(i, 1);
        return false;
      });
      const counterpart = leftRows.length === 1 ? leftRows[0] : leftRows.length === 0 && amounts.length === 1 ? amounts[0] : undefined;
      if (!counterpart || (leftRows.length === 1 && leftForms.length !== 1)) continue;
      for (const lhs of leftForms) {
        lhs.unsuggested = true;
        yield identityItem(new Tie(ruleId, 'eq', undefined, [lhs], [counterpart], ''), 'performance-target');
      }
    }
  },
};
