/** The pane's logic without a browser: state, selectors, and the controller driving the demo workbook. */
import { beforeAll, describe, expect, it } from 'vitest';
import { fromA1 } from '../../src/core/address.js';
import { checkGrid, type Catalogue } from '../../src/core/check.js';
import { countBySeverity, type Finding } from '../../src/core/findings.js';
import type { GridWorkbook } from '../../src/core/grid.js';
import { findingKey } from '../../src/core/workbook-port.js';
import { loadCatalogue } from '../../src/cli/rule-files.js';
import { PaneController } from '../../src/taskpane/controller.js';
import { DemoWorkbook } from '../../src/taskpane/demo/demo-workbook.js';
import { defaultLang, t, tablesFoundText } from '../../src/taskpane/i18n.js';
import { countsByFamily, countsBySeverity, gatherRepeats, groupByTable, highlights, initialState, reducer, safeFixes, stepFrom, stepOrder, visibleFindings, type Action, type PaneState } from '../../src/taskpane/state.js';
import { sampleGrid } from '../helpers.js';

let catalogue: Catalogue;
let sample: GridWorkbook;
/** What the core finds in the sample: the pane must show exactly this. */
let coreFindings: Finding[];
beforeAll(async () => {
  catalogue = await loadCatalogue();
  sample = await sampleGrid();
  coreFindings = (await checkGrid('sample.xlsx', sample, catalogue)).report.findings;
});

function mutated(sheet: string, cell: string, value: number): GridWorkbook {
  const grid = structuredClone(sample);
  const p = fromA1(cell);
  const s = grid.sheets.find((x) => x.name === sheet)!;
  s.rows[p.row - 1]![p.col - 1] = { ...s.rows[p.row - 1]![p.col - 1]!, value, text: value.toFixed(2) };
  return grid;
}

function harness(grid: GridWorkbook) {
  let state: PaneState = initialState('zh-CN');
  const dispatch = (a: Action) => (state = reducer(state, a));
  const demo = new DemoWorkbook(grid, 'test.xlsx');
  const controller = new PaneController(demo, catalogue, dispatch, () => state);
  return { demo, controller, get state() { return state; }, dispatch };
}

describe('checking the sample in the pane', () => {
  it('shows the seed’s warnings grouped by project table, with counts by severity and family', async () => {
    const h = harness(structuredClone(sample));
    await h.controller.check();
    expect(h.state.phase).toBe('done');
    // The seed has no arithmetic errors; its warnings are in the performance forms, and two in the 说明.
    expect(countsBySeverity(h.state)).toEqual(countBySeverity(coreFindings));
    expect(countsBySeverity(h.state)).toEqual(expect.objectContaining({ error: 0 }));
    expect(countsBySeverity(h.state).warning).toBeGreaterThanOrEqual(7);
    // Every finding is counted in one family; the performance forms carry all but two, as performance
    // findings or as wording ones (the doubled word “工作工作”, the typo “胡比率” in five indicators). Of the
    // two in the 说明, one is a tie — it puts 17.65万元 in the procurement budget, whose table is printed
    // empty — and one a slip of the pen (“宣传最训调研”).
    const families = countsByFamily(h.state);
    expect(Object.values(families).reduce((a, b) => a + b, 0)).toBe(coreFindings.length);
    expect(families.tie).toBe(1);
    expect(families.performance! + families.format! + families.tie!).toBe(coreFindings.length);
    expect(families.format).toBe(coreFindings.filter((f) => f.ruleId.startsWith('text-')).length);
    const groups = groupByTable(h.state, visibleFindings(h.state));
    // Findings of no table (the 说明's slip) come first, under their sheet's name, then the tables in workbook order.
    expect(groups[0]!.title).toBe('说明');
    expect(groups[0]!.findings.map((f) => f.ruleId)).toEqual(['text-common-slip']);
    expect(groups[1]!.title).toBe('2024年劳动就业社会保障服务协理员补贴及培训经费');
    expect(groups.filter((g) => g.sheet !== null).every((g) => g.findings.every((f) => f.sheet === g.sheet))).toBe(true);
  });

  it('a cell the user selects in the workbook chooses its finding; a finding the pane chooses stays chosen', async () => {
    const h = harness(structuredClone(sample));
    await h.controller.start();
    await h.controller.check();
    const onCell = stepOrder(h.state).filter((f) => f.sheet === '项目绩效目标表' && f.cell === 'E251');
    expect(onCell).toHaveLength(2);
    await h.demo.userSelect({ sheet: '项目绩效目标表', cell: 'E251' });
    expect(h.state.selectedFinding).toBe(findingKey(onCell[0]!));
    // The pane choosing the second (its card's link) selects the cell too, and is not overruled.
    await h.controller.select(onCell[1]!);
    expect(h.state.selectedFinding).toBe(findingKey(onCell[1]!));
    // A cell with no finding: the cell is selected, no finding is.
    await h.demo.userSelect({ sheet: '表1', cell: 'A1' });
    expect([h.state.selected, h.state.selectedFinding]).toEqual(['表1!A1', undefined]);
    await h.controller.dispose();
    await h.demo.userSelect({ sheet: '项目绩效目标表', cell: 'E251' });
    expect(h.state.selected).toBe('表1!A1');
  });

  it('paints the most severe finding per cell', async () => {
    const h = harness(structuredClone(sample));
    await h.controller.check();
    const painted = highlights(h.state);
    expect(painted).toHaveLength(new Set(coreFindings.map((f) => `${f.sheet}!${f.cell}`)).size);
    let seen: unknown[] = [];
    h.demo.subscribe((v) => (seen = v.highlights));
    expect(seen).toEqual(painted);
  });
});

describe('a mistake, found and fixed in two clicks', () => {
  it('applies the fix, checks again, and the finding is gone (and undo brings it back)', async () => {
    const h = harness(mutated('表3', 'E13', 187.45));
    await h.controller.check();
    const finding = h.state.report!.findings.find((f) => f.cell === 'E13' && f.severity === 'error')!;
    expect(finding.fix).toMatchObject({ value: 178.45, safety: 'safe' });
    await h.controller.select(finding);
    let selected: unknown;
    h.demo.subscribe((v) => (selected = v.selected));
    expect(selected).toEqual({ sheet: '表3', cell: 'E13' });

    await h.controller.apply([finding.fix!]);
    expect(h.state.report!.findings.some((f) => f.severity === 'error')).toBe(false);
    expect(h.demo.undo()).toBe(true);
    await h.controller.check();
    expect(h.state.report!.findings.some((f) => f.cell === 'E13' && f.severity === 'error')).toBe(true);
  });

  it('全部安全修正 takes only safe fixes of findings not ignored', async () => {
    const grid = mutated('表3', 'E13', 187.45);
    const h = harness(grid);
    await h.controller.check();
    const fixes = safeFixes(h.state);
    expect(fixes).toEqual([{ sheet: '表3', cell: 'E13', value: 178.45, safety: 'safe' }]);
    await h.controller.ignore(findingKey(h.state.report!.findings.find((f) => f.cell === 'E13')!));
    expect(safeFixes(h.state)).toEqual([]);
  });
});

describe('ignoring and explaining', () => {
  it('ignored findings leave the list, the counts and the highlights, and come back on request', async () => {
    const h = harness(structuredClone(sample));
    await h.controller.check();
    const first = visibleFindings(h.state)[0]!;
    const warnings = countsBySeverity(h.state).warning;
    await h.controller.ignore(findingKey(first));
    expect(visibleFindings(h.state)).not.toContainEqual(first);
    expect(countsBySeverity(h.state).warning).toBe(warnings - 1);
    expect(highlights(h.state).some((x) => x.cell === first.cell && x.sheet === first.sheet)).toBe(false);
    h.dispatch({ type: 'show-ignored', on: true });
    expect(visibleFindings(h.state)).toContainEqual(first);
    await h.controller.unignore(findingKey(first));
    expect(countsBySeverity(h.state).warning).toBe(warnings);
  });

  it('an explanation is remembered by the workbook', async () => {
    const h = harness(structuredClone(sample));
    await h.controller.check();
    const w = visibleFindings(h.state).find((f) => f.severity === 'warning')!;
    await h.controller.explain(findingKey(w), '该指标按上级文件口径填写');
    expect(await h.demo.loadMemory()).toEqual({ explanations: { [findingKey(w)]: '该指标按上级文件口径填写' }, ignored: [] });
    await h.controller.explain(findingKey(w), '   ');
    expect((await h.demo.loadMemory()).explanations).toEqual({});
  });

  it('filters by severity and by family', async () => {
    const h = harness(structuredClone(sample));
    await h.controller.check();
    h.dispatch({ type: 'filter-severity', severity: 'info' });
    expect(visibleFindings(h.state).every((f) => f.severity === 'info')).toBe(true);
    h.dispatch({ type: 'filter-severity' });
    h.dispatch({ type: 'filter-family', family: 'tie' });
    expect(visibleFindings(h.state).map((f) => [f.ruleId, f.sheet, f.cell])).toEqual([['narrative-totals', '说明', 'A55']]);
  });
});

describe('errors and language', () => {
  it('a workbook with no budget table becomes a plain message, not a frozen pane', async () => {
    const h = harness({ sheets: [{ name: '名单', rows: [[{ value: '姓名', text: '姓名' }]], merges: [] }] });
    await h.controller.check();
    expect(h.state.phase).toBe('failed');
    expect(h.state.error!.message).toMatch(/没有找到任何预算表/);
    h.dispatch({ type: 'dismiss-error' });
    expect(h.state.phase).toBe('idle');
  });

  it('speaks Chinese unless Office is set to another language', () => {
    expect(defaultLang('zh-CN')).toBe('zh-CN');
    expect(defaultLang('en-US')).toBe('en');
    expect(defaultLang(undefined)).toBe('zh-CN');
    expect(t('en', 'tablesFound', { std: 9, targets: 16 })).toBe('9 standard tables and 16 project tables recognised');
  });

  it('counts a project spending table apart from the standard tables', () => {
    const tables = [...Array.from({ length: 9 }, (_, i) => ({ id: `std${i}` })), { id: 'project-expense' }, { id: 'performance-target' }];
    expect(tablesFoundText('zh-CN', tables)).toBe('识别到 9 张标准表、1 张项目支出表、1 张项目绩效目标表');
    expect(tablesFoundText('zh-CN', tables.filter((x) => x.id !== 'project-expense'))).toBe('识别到 9 张标准表、1 张项目绩效目标表');
    expect(tablesFoundText('zh-CN', [...tables, { id: 'project-performance' }])).toBe('识别到 9 张标准表、1 张项目支出表、1 张项目支出绩效表、1 张项目绩效目标表');
    // English counts one table as one.
    expect(tablesFoundText('en', tables)).toBe('9 standard tables, 1 project spending table and 1 project table recognised');
    expect(tablesFoundText('en', [...tables, { id: 'project-expense' }, { id: 'performance-target' }])).toBe('9 standard tables, 2 project spending tables and 2 project tables recognised');
    expect(t('en', 'training.result', { found: 1, n: 16, missed: 15, wrong: 1 })).toBe('Found 1 of 16, missed 15, marked 1 right cell as wrong.');
  });

  it('checks again after edits only when asked, debounced', async () => {
    const h = harness(mutated('表3', 'E13', 187.45));
    await h.controller.check();
    await h.controller.setAutoRecheck(true, 5);
    const fix = h.state.report!.findings.find((f) => f.cell === 'E13')!.fix!;
    h.demo.edit({ sheet: fix.sheet, cell: fix.cell }, fix.value as number);
    await new Promise((r) => setTimeout(r, 60));
    expect(h.state.report!.findings.some((f) => f.severity === 'error')).toBe(false);
  });
});

describe('a controller replaced (another rule pack) lets go of the workbook', () => {
  it('stops re-checking after dispose: an edit then reads nothing', async () => {
    const h = harness(structuredClone(sample));
    await h.controller.check();
    await h.controller.setAutoRecheck(true, 5);
    await h.controller.dispose();
    let reads = 0;
    const read = h.demo.read.bind(h.demo);
    h.demo.read = () => (reads++, read());
    h.demo.edit({ sheet: '表3', cell: 'E13' }, 1);
    await new Promise((r) => setTimeout(r, 40));
    expect(reads).toBe(0);
  });
});

describe('order and flow', () => {
  const finding = (ruleId: string, severity: Finding['severity'], cell: string, sheet = '项目绩效目标表'): Finding => ({ ruleId, severity, sheet, cell, message: `${ruleId} ${cell}`, table: 'performance-target' });
  function stateWith(findings: Finding[], tables = 8): PaneState {
    let state = initialState('zh-CN');
    const report = {
      file: 'x.xlsx',
      tables: Array.from({ length: tables }, (_, i) => ({ id: 'performance-target' as const, sheet: '项目绩效目标表', range: `A${i * 10 + 1}:H${i * 10 + 9}`, unit: null, title: `项目${i + 1}`, project: `项目${i + 1}` })),
      findings,
    };
    state = reducer(state, { type: 'checked', report, families: {} });
    return state;
  }

  it('puts the group holding an error first, and errors first inside a group', () => {
    const state = stateWith([finding('perf-a', 'warning', 'E2'), finding('perf-b', 'info', 'E12'), finding('perf-c', 'warning', 'E13'), finding('perf-d', 'error', 'E14')]);
    const groups = groupByTable(state, visibleFindings(state));
    expect(groups.map((g) => g.title)).toEqual(['项目2', '项目1']);
    expect(groups[0]!.findings.map((f) => f.severity)).toEqual(['error', 'warning', 'info']);
  });

  it('puts a finding under its own table where two tables share an id, and one of no table under its sheet', () => {
    let state = initialState('zh-CN');
    const table = (sheet: string, title: string) => ({ id: 'general-budget-expense' as const, sheet, range: 'A1:H40', unit: '元' as const, title });
    const report = {
      file: 'x.xlsx',
      // 西安 国资委 2022: 表5 by function and 表6 by economic subject, both read as the general budget's spending.
      tables: [table('表5', '一般公共预算支出明细表（按功能科目分）'), table('表6', '一般公共预算支出明细表（按经济分类科目分）')],
      findings: [
        { ruleId: 'hierarchy-sum', severity: 'error' as const, sheet: '表6', cell: 'F16', message: 'F16', table: 'general-budget-expense' as const },
        { ruleId: 'narrative-totals', severity: 'warning' as const, sheet: '说明', cell: 'A42', message: 'A42' },
        { ruleId: 'no-tables', severity: 'info' as const, message: 'whole' },
      ],
    };
    state = reducer(state, { type: 'checked', report, families: {} });
    const groups = groupByTable(state, visibleFindings(state));
    expect(groups.map((g) => [g.title, g.sheet, g.findings.map((f) => f.cell ?? '')])).toEqual([
      ['一般公共预算支出明细表（按经济分类科目分）', '表6', ['F16']],
      ['说明', null, ['A42']],
      [null, null, ['']],
    ]);
  });

  it('gathers one rule firing once in each of many tables into one group with a count; fewer stay apart', () => {
    const many = stateWith(Array.from({ length: 6 }, (_, i) => finding('perf-missing', 'warning', `E${i * 10 + 2}`)));
    const gathered = gatherRepeats(groupByTable(many, visibleFindings(many)));
    expect(gathered).toHaveLength(1);
    expect(gathered[0]!.repeated).toEqual({ ruleId: 'perf-missing', tables: 6 });
    const few = stateWith(Array.from({ length: 4 }, (_, i) => finding('perf-missing', 'warning', `E${i * 10 + 2}`)));
    expect(gatherRepeats(groupByTable(few, visibleFindings(few)))).toHaveLength(4);
  });

  it('steps through findings in list order, wrapping around', () => {
    let state = stateWith([finding('perf-a', 'warning', 'E2'), finding('perf-d', 'error', 'E14')]);
    const first = stepFrom(state, 1)!;
    expect(first.cell).toBe('E14');
    state = reducer(state, { type: 'select', key: `${first.sheet}!${first.cell}`, finding: findingKey(first) });
    expect(stepFrom(state, 1)!.cell).toBe('E2');
    expect(stepFrom(state, -1)!.cell).toBe('E2');
  });

  it('a severity filter whose last finding is ignored switches itself off', () => {
    let state = stateWith([finding('perf-a', 'warning', 'E2'), finding('perf-d', 'error', 'E14')]);
    state = reducer(state, { type: 'filter-severity', severity: 'error' });
    state = reducer(state, { type: 'ignore', key: findingKey(finding('perf-d', 'error', 'E14')) });
    expect(state.severityFilter).toBeUndefined();
    expect(visibleFindings(state)).toHaveLength(1);
  });

  it('two findings of one rule on one cell compared with different cells have different keys', () => {
    const a = { ...finding('tie', 'error', 'E6', '表1'), related: [{ sheet: '表3', cell: 'E6' }] };
    const b = { ...finding('tie', 'error', 'E6', '表1'), related: [{ sheet: '表5', cell: 'E6' }] };
    expect(findingKey(a)).not.toBe(findingKey(b));
    expect(findingKey(finding('x', 'error', 'E6'))).toBe('x|项目绩效目标表!E6');
  });
});
