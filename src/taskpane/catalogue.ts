/**
 * The rules the pane runs: the catalogue bundled at build time, a pack chosen from it, or a
 * maintainer's local rule files — all through the same linter and selection as the CLI.
 */
import type { Catalogue } from '../core/check.js';
import { lint, type Diagnostic, type SourceKind, type SourceText } from '../core/rules/lint.js';
import { PackFile } from '../core/rules/pack-schema.js';
import { applySelections, type Selection } from '../core/rules/packs.js';

export interface CatalogueChoice {
  catalogue: Catalogue;
  packs: { name: string; title: { 'zh-CN': string; en: string } }[];
}

/** Where a rules file belongs, from its path in the rules folder ("rules/vocabulary/tables.json"). */
export function kindOf(path: string): SourceKind {
  if (/(^|\/)vocabulary\//.test(path)) return 'vocabulary';
  if (/(^|\/)packs\//.test(path)) return 'pack';
  return 'rule';
}

export function buildCatalogue(sources: SourceText[], packName?: string): { catalogue?: Catalogue; diagnostics: Diagnostic[]; packs: CatalogueChoice['packs'] } {
  const rules = sources.filter((s) => s.kind !== 'pack');
  const { diagnostics, vocab, rules: loaded } = lint(rules);
  const packs = sources
    .filter((s) => s.kind === 'pack')
    .map((s) => PackFile.safeParse(JSON.parse(s.text)))
    .filter((p) => p.success)
    .map((p) => p.data!);
  if (diagnostics.length) return { diagnostics, packs };
  const selections: Selection[] = [];
  const chain = (name: string | undefined, depth = 0): void => {
    const pack = packs.find((p) => p.name === name);
    if (!pack || depth > 8) return;
    chain(pack.extends, depth + 1);
    selections.push({ include: pack.include, exclude: pack.exclude, severity: pack.severity });
  };
  chain(packName);
  return { catalogue: { vocab, rules: applySelections(loaded, selections) }, diagnostics: [], packs: packs.map((p) => ({ name: p.name, title: p.title })) };
}
