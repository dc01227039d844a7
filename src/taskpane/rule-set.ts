/**
 * The rules the pane runs. The bundled catalogue arrives prepared — linted when the pane was built,
 * as the CLI's build/catalogue.json is — so opening the pane runs no schema and loads no linter. A
 * maintainer's local rule files go through the linter, which loads only then (local-rules.ts).
 */
import type { Catalogue } from '../core/check.js';
import type { Severity } from '../core/findings.js';
import type { Diagnostic } from '../core/rules/lint.js';
import { applySelections, type Selection } from '../core/rules/packs.js';
import { prepareCatalogue, reviveCatalogue, type PreparedCatalogue } from '../core/rules/prepared.js';

/** A pack as its file says, defaults applied: what the pane offers and how it selects. */
export interface PackChoice {
  name: string;
  title: { 'zh-CN': string; en: string };
  extends?: string;
  include: string[];
  exclude: string[];
  severity: Record<string, Severity>;
}

/** The bundled rules as the build prepared them. */
export interface PaneRules {
  catalogue: PreparedCatalogue;
  packs: PackChoice[];
}

/** What the pane checks with: the catalogue (none while the files have problems), the packs to offer, and a key that changes with either. */
export interface RuleSet {
  catalogue?: Catalogue;
  diagnostics: Diagnostic[];
  packs: Pick<PackChoice, 'name' | 'title'>[];
  key: string;
}

/** The rules a pack keeps, with its severities, after the packs it extends (eight deep at most, as the CLI reads them). */
export function withPack(catalogue: Catalogue, packs: readonly PackChoice[], name: string | undefined): Catalogue {
  const selections: Selection[] = [];
  const chain = (packName: string | undefined, depth = 0): void => {
    const pack = packs.find((p) => p.name === packName);
    if (!pack || depth > 8) return;
    chain(pack.extends, depth + 1);
    selections.push({ include: pack.include, exclude: pack.exclude, severity: pack.severity });
  };
  chain(name);
  return { vocab: catalogue.vocab, rules: applySelections(catalogue.rules, selections) };
}

const offered = (packs: readonly PackChoice[]) => packs.map((p) => ({ name: p.name, title: p.title }));

/** The bundled rules with a pack applied. The files travel by their relative names, so `file` stays as prepared. */
export function bundledRuleSet(rules: PaneRules, pack: string): RuleSet {
  const catalogue = reviveCatalogue(rules.catalogue, (f) => f);
  // Only a pane built from another version of the core could get here: say so rather than check nothing.
  if (!catalogue) return { diagnostics: [{ file: 'rules', line: 1, column: 1, path: '$', message: '内置规则与程序版本不符，请重新构建 / the bundled rules do not match this build; build again' }], packs: offered(rules.packs), key: 'invalid' };
  return { catalogue: withPack(catalogue, rules.packs, pack), diagnostics: [], packs: offered(rules.packs), key: `${rules.catalogue.fingerprint}|${pack}` };
}

/** The catalogue as plain data for the check worker (iterators are code: the worker attaches its own). */
export function portable(set: RuleSet & { catalogue: Catalogue }): PreparedCatalogue {
  return prepareCatalogue(set.catalogue, set.key, (f) => f);
}
