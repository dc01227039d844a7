/**
 * Rule packs and overrides. A pack names a set of rules (the national template; a province's variant)
 * and may change severities; a config (a user's, or one beside a workbook) picks a pack, disables
 * rules and changes severities — all without copying rule files.
 */
import type { CheckedRule } from './catalogue.js';

export type { ConfigFile, PackFile } from './pack-schema.js';

/**
 * Does a rule id match a pattern where * stands for any text? Matched directly, never through a
 * regular expression built from the pattern: a pack or config is untrusted data, and "a*a*a*…" must
 * not take exponential time. Linear backtracking to the last star keeps it O(pattern × id).
 */
export function matchesPattern(pattern: string, id: string): boolean {
  let p = 0;
  let i = 0;
  let star = -1;
  let resume = 0;
  while (i < id.length) {
    if (p < pattern.length && pattern[p] !== '*' && pattern[p] === id[i]) {
      p++;
      i++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      resume = i;
    } else if (star >= 0) {
      p = star + 1;
      i = ++resume;
    } else return false;
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

function matcher(pattern: string): (id: string) => boolean {
  return (id) => matchesPattern(pattern, id);
}

export interface Selection {
  include: string[];
  exclude: string[];
  severity: Record<string, 'error' | 'warning' | 'info'>;
}

/** Patterns or ids that match no rule: almost always a typo, so they are reported, not ignored. */
export function unmatched(rules: readonly Pick<CheckedRule, 'id'>[], patterns: readonly string[]): string[] {
  return patterns.filter((p) => !rules.some((r) => matcher(p)(r.id)));
}

/** The rules a selection keeps, with severities overridden; later selections win. */
export function applySelections<R extends CheckedRule>(rules: readonly R[], selections: readonly Selection[]): R[] {
  let kept = [...rules];
  for (const s of selections) {
    const inc = s.include.map(matcher);
    const exc = s.exclude.map(matcher);
    kept = kept.filter((r) => inc.some((m) => m(r.id)) && !exc.some((m) => m(r.id)));
  }
  return kept.map((r) => {
    let severity = r.severity;
    for (const s of selections) for (const [pattern, sev] of Object.entries(s.severity)) if (matcher(pattern)(r.id)) severity = sev;
    return severity === r.severity ? r : { ...r, severity };
  });
}
