/**
 * Build step for the pane (webpack.config.js loads this through tsx): lint the bundled rule files and
 * hand the pane their prepared form, as build:cli does for the CLI. A broken file fails the build with
 * the diagnostics `budget-check rules lint` prints, instead of reaching a clerk's pane.
 */
import { lint, type SourceText } from '../src/core/rules/lint.js';
import { PackFile } from '../src/core/rules/pack-schema.js';
import { fingerprint, prepareCatalogue } from '../src/core/rules/prepared.js';
import type { PaneRules } from '../src/taskpane/rule-set.js';
import { formatDiagnostic } from '../src/cli/rule-files.js';

export function preparePaneRules(sources: readonly SourceText[]): PaneRules {
  const { diagnostics, vocab, rules } = lint(sources);
  if (diagnostics.length) {
    throw new Error(`规则文件有错误，未能构建任务窗格 / the rule files have errors: pane not built\n${diagnostics.map(formatDiagnostic).join('\n')}`);
  }
  const packs = sources
    .filter((s) => s.kind === 'pack')
    .map((s) => PackFile.parse(JSON.parse(s.text)))
    .map(({ name, title, extends: base, include, exclude, severity }) => ({ name, title, ...(base !== undefined && { extends: base }), include, exclude, severity }));
  // The fingerprint covers what the catalogue is made of: rule and vocabulary files.
  const catalogue = prepareCatalogue({ vocab, rules }, fingerprint(sources.filter((s) => s.kind !== 'pack')), (f) => f);
  return { catalogue, packs };
}
