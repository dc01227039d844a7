/**
 * A maintainer's local rule files in the pane: laid over the bundled ones and linted as the CLI lints
 * a --rules folder. Loaded on demand, with the linter, zod and jsonc-parser: opening the pane needs none of them.
 */
import { lint, type SourceKind, type SourceText } from '../core/rules/lint.js';
import { PackFile } from '../core/rules/pack-schema.js';
import { fingerprint } from '../core/rules/prepared.js';
import type { RuleSet } from './rule-set.js';

/** Every file of rules/ as text, for local files to replace one by one (webpack defines it). */
declare const __RULE_SOURCES__: SourceText[];

/** Where a rules file belongs, from its path in the rules folder ("rules/vocabulary/tables.json"). */
export function kindOf(path: string): SourceKind {
  if (/(^|\/)vocabulary\//.test(path)) return 'vocabulary';
  if (/(^|\/)packs\//.test(path)) return 'pack';
  return 'rule';
}

/** Local files replace the bundled ones of the same name; the bundled vocabulary stays unless some is given. */
export function overBundled(local: readonly SourceText[], bundled: readonly SourceText[] = __RULE_SOURCES__): SourceText[] {
  const names = new Set(local.map((x) => x.file.split('/').pop()));
  const givesVocabulary = local.some((y) => y.kind === 'vocabulary');
  return [...bundled.filter((x) => !names.has(x.file.split('/').pop()) && (x.kind !== 'vocabulary' || !givesVocabulary)), ...local];
}

const parsedOrUndefined = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** Every rule of the files (no pack applied), or the files' problems; packs that do not parse are not offered. */
export function localRuleSet(sources: readonly SourceText[]): RuleSet {
  const { diagnostics, vocab, rules } = lint(sources.filter((s) => s.kind !== 'pack'));
  const packs = sources
    .filter((s) => s.kind === 'pack')
    .map((s) => PackFile.safeParse(parsedOrUndefined(s.text)))
    .filter((p) => p.success)
    .map((p) => ({ name: p.data!.name, title: p.data!.title }));
  const key = `${fingerprint(sources)}|local`;
  return diagnostics.length ? { diagnostics, packs, key } : { catalogue: { vocab, rules }, diagnostics: [], packs, key };
}
