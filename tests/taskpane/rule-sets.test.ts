/**
 * The pane's rules: the bundled ones arrive prepared by the build (no linter when the pane opens) and
 * must select and check exactly as the CLI does; local files are linted, and the check worker gets
 * either as plain data.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { checkGrid } from '../../src/core/check.js';
import type { GridWorkbook } from '../../src/core/grid.js';
import type { SourceText } from '../../src/core/rules/lint.js';
import { resolveCatalogue } from '../../src/cli/catalogue-files.js';
import { DEFAULT_RULES_DIR, folderSources } from '../../src/cli/rule-files.js';
import { answer } from '../../src/taskpane/check-worker.js';
import { localRuleSet, overBundled } from '../../src/taskpane/local-rules.js';
import { bundledRuleSet, portable, type PaneRules } from '../../src/taskpane/rule-set.js';
import { preparePaneRules } from '../../scripts/pane-rules.js';
import { SAMPLE_XLSX, sampleGrid } from '../helpers.js';

let sources: SourceText[];
let prepared: PaneRules;
let sample: GridWorkbook;
beforeAll(async () => {
  sources = await folderSources(DEFAULT_RULES_DIR);
  // Through JSON, as webpack writes it into the bundle.
  prepared = JSON.parse(JSON.stringify(preparePaneRules(sources)));
  sample = await sampleGrid();
});

const bySeverity = (rules: { id: string; severity: string }[]) => rules.map((r) => `${r.id}:${r.severity}`);

describe('the bundled rules in the pane', () => {
  it.each(['national', 'lenient-performance'])('select what the CLI selects with --rules %s, and check the sample the same', async (pack) => {
    const pane = bundledRuleSet(prepared, pack);
    const cli = await resolveCatalogue({ rules: pack });
    expect(pane.diagnostics).toEqual([]);
    expect(bySeverity(pane.catalogue!.rules)).toEqual(bySeverity(cli.rules));
    const paneReport = (await checkGrid(SAMPLE_XLSX, sample, pane.catalogue!)).report;
    expect(paneReport).toEqual((await checkGrid(SAMPLE_XLSX, sample, cli)).report);
    expect(pane.packs.map((p) => p.name).sort()).toEqual(['lenient-performance', 'national']);
  });

  it('get a new key for another pack, so the worker does not keep the old selection', () => {
    expect(bundledRuleSet(prepared, 'national').key).not.toBe(bundledRuleSet(prepared, 'lenient-performance').key);
  });

  it('stop the build when a rule file has a problem, naming its file and position', () => {
    const broken = sources.map((s) => (s.file.endsWith('perf-value-unit.json') ? { ...s, text: s.text.replace('"severity"', '"severty"') } : s));
    expect(() => preparePaneRules(broken)).toThrow(/perf-value-unit\.json:\d+:\d+ +\$\.severty/);
  });

  it('reach the check worker as plain data and check there as on the page', async () => {
    const set = bundledRuleSet(prepared, 'lenient-performance');
    const catalogue = set.catalogue!;
    const reply = await answer({ id: 7, key: set.key, catalogue: structuredClone(portable({ ...set, catalogue })), file: SAMPLE_XLSX, grid: sample, lang: 'en' });
    expect(reply).toEqual({ id: 7, report: (await checkGrid(SAMPLE_XLSX, sample, catalogue, 'en')).report });
  });
});

describe('local rule files in the pane', () => {
  const bundledFile = (name: string) => sources.find((s) => s.file.endsWith(`/${name}`))!;

  it('replace the bundled file of the same name and keep the bundled vocabulary unless they bring one', () => {
    const rule = bundledFile('perf-value-unit.json');
    const local = { file: 'perf-value-unit.json', text: rule.text.replace(/"severity": "\w+"/, '"severity": "error"'), kind: 'rule' as const };
    const merged = overBundled([local], sources);
    expect(merged.filter((s) => s.file.endsWith('perf-value-unit.json'))).toEqual([local]);
    expect(merged.filter((s) => s.kind === 'vocabulary')).toEqual(sources.filter((s) => s.kind === 'vocabulary'));
    const vocabulary = { file: 'my/vocabulary/tables.json', text: bundledFile('tables.json').text, kind: 'vocabulary' as const };
    expect(overBundled([vocabulary], sources).filter((s) => s.kind === 'vocabulary')).toEqual([vocabulary]);

    const set = localRuleSet(merged);
    expect(set.diagnostics).toEqual([]);
    expect(set.catalogue!.rules.find((r) => r.id === 'perf-value-unit')!.severity).toBe('error');
    expect(set.key).not.toBe(localRuleSet(sources).key);
  });

  it('with a problem give its position and no catalogue; a pack that is not JSON is left out, not thrown', () => {
    const broken = { file: 'perf-value-unit.json', text: bundledFile('perf-value-unit.json').text.replace('"severity"', '"severty"'), kind: 'rule' as const };
    const badPack = { file: 'packs/mine.json', text: '{ "name": ', kind: 'pack' as const };
    const set = localRuleSet(overBundled([broken, badPack], sources));
    expect(set.catalogue).toBeUndefined();
    expect(set.diagnostics).toEqual([expect.objectContaining({ file: 'perf-value-unit.json', path: '$.severty' })]);
    expect(set.packs.map((p) => p.name).sort()).toEqual(['lenient-performance', 'national']);
  });
});
