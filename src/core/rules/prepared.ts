/**
 * The rule catalogue in prepared form: what the linter produced from the bundled rule files (parsed,
 * defaults applied, vocabulary normalised), saved at build time so a check loads it without parsing
 * JSON positions or running schemas. A fingerprint of the source files guards it: when a maintainer
 * edits a rule, the fingerprint no longer matches and the files are linted again.
 */
import type { Catalogue } from '../check.js';
import type { IndicatorVocabulary, TableVocabulary, TextMatcher } from '../vocabulary.js';
import type { CheckedRule } from './catalogue.js';
import { ITERATORS } from './registry.js';

export const PREPARED_VERSION = 5;

/**
 * A rule as prepared: what a check reads of it (CheckedRule), without its iterator (attached again on
 * load). Its cases, its description and its params as written are left to `rules test` and the docs,
 * which lint the files: the cases were most of the prepared file (parsing them cost a fresh check 13
 * of its 16 ms of catalogue parsing), the description and params 150 of the 400 KB left.
 */
export type PreparedRule = Omit<CheckedRule, 'iteratorDef'>;

/** A source file as the file system saw it when the catalogue was prepared. */
export interface SourceStamp {
  file: string;
  size: number;
  mtimeMs: number;
}

export interface PreparedCatalogue {
  version: number;
  fingerprint: string;
  /**
   * The sources' sizes and modification times, where the file system has them (the CLI): while they
   * all match, the files are not read and hashed at all. Any difference falls back to the fingerprint.
   */
  stamps?: SourceStamp[];
  vocab: { tables: TableVocabulary[]; metaRow: TextMatcher[]; noteRow: TextMatcher[]; totalRow: TextMatcher[]; indicators?: IndicatorVocabulary; economicSubjects?: Record<string, string>; functionalSubjects?: Record<string, string> };
  rules: PreparedRule[];
}

/** A 53-bit hash (cyrb53) of the sources' names and texts: cheap, and any edit changes it. */
export function fingerprint(sources: readonly { file: string; text: string }[]): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  const feed = (s: string) => {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
  };
  for (const s of sources) {
    feed(s.file);
    feed('\u0000');
    feed(s.text);
    feed('\u0001');
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36) + `-${sources.length}`;
}

/** `file` of each rule is rewritten by `relative` (an absolute path on the build machine means nothing elsewhere). */
export function prepareCatalogue(catalogue: Catalogue, print: string, relative: (file: string) => string): PreparedCatalogue {
  return {
    version: PREPARED_VERSION,
    fingerprint: print,
    vocab: { ...catalogue.vocab, tables: [...catalogue.vocab.tables.values()] },
    rules: catalogue.rules.map(({ id, family, severity, title, iterator, conditions, message, file, parsedParams }) => ({ id, family, severity, title, iterator, conditions, message, file: relative(file), parsedParams })),
  };
}

/** The catalogue again, iterators attached; undefined when the prepared form is from another version or names an unknown iterator. */
export function reviveCatalogue(p: PreparedCatalogue, absolute: (file: string) => string): Catalogue | undefined {
  if (p.version !== PREPARED_VERSION) return undefined;
  const rules: CheckedRule[] = [];
  for (const r of p.rules) {
    const def = ITERATORS.get(r.iterator);
    if (!def) return undefined;
    rules.push({ ...r, file: absolute(r.file), iteratorDef: def });
  }
  return {
    vocab: { ...p.vocab, tables: new Map(p.vocab.tables.map((t) => [t.id, t])) },
    rules,
  };
}
