/**
 * Two tables listing the same projects compared project by project: 浙江's 项目支出绩效表 (each
 * project's amount and goal) against its 项目支出表. A project is its unit and its name, as printed.
 */
import type { z } from 'zod';
import type { ProjectListParams, ProjectPairParams } from '../params/amounts.js';
import type { RecognizedTable, TableRow } from '../../model.js';
import type { Lang } from '../../messages.js';
import type { TableId } from '../../vocabulary.js';
import { normalizeLabel } from '../../text.js';
import { addTo } from '../../multimap.js';
import { identityItem, type Item, type RuleContext } from '../context.js';
import { IDENTITY_FACTS, type IteratorDef, type Reference, flag, text, both } from '../registry-types.js';
import { Tie } from './amounts.js';
import { projectOf } from './targets.js';
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

/**
 * The projects the checked side lists: a table's, by unit and name; the project target tables', by
 * the project each names (none when the workbook publishes no target table: then none is missing).
 */
function listedProjects(ctx: RuleContext, from: TableId): { keys: Set<string>; byName: boolean; name: (lang: Lang) => string } | undefined {
  if (from === 'performance-target') {
    const targets = ctx.tables('performance-target');
    if (targets.length === 0) return undefined;
    return { keys: new Set(targets.map((t) => nameKey(projectOf(t)))), byName: true, name: (lang) => (lang === 'zh-CN' ? '项目绩效目标表' : 'the project target tables') };
  }
  const t = ctx.table(from);
  return t && { keys: new Set(projectRows(t).keys()), byName: false, name: (lang) => ctx.tableName(t, lang) };
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
      for (const [key, rows] of projectRows(from)) {
        // A project printed twice in either table has no one counterpart.
        const match = others.get(key);
        if (rows.length !== 1 || match?.length !== 1) continue;
        const lhs = ctx.term(from, rows[0]!, pair.column, 1, 'project');
        const rhs = ctx.term(to, match[0]!, pair.column, 1, 'project');
        if (!lhs || !rhs || (lhs.ref.amount === null && rhs.ref.amount === null)) continue;
        if (!pair.suggest) lhs.unsuggested = true;
        yield identityItem(new Tie(ruleId, 'eq', undefined, [lhs], [rhs], ''), from.id);
      }
    }
  },
};

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
      for (const [key, rows] of projectRows(to, listed.byName)) {
        const row = rows[0]!;
        const cell = ctx.cell(to, row, 'project');
        if (!cell) continue;
        const item: Item = {
          facts: { project: row.labels.project ?? '', unit: row.labels.unitName ?? '', missing: !listed.keys.has(key) },
          text: (lang) => ({ table: listed.name(lang), otherTable: ctx.tableName(to, lang) }),
          cell: { sheet: cell.sheet, cell: cell.cell },
          table: pair.from,
        };
        yield item;
      }
    }
  },
};
