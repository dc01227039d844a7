/**
 * zod issues as maintainers need them: one path and one message per mistake. A value that fits none
 * of a union's shapes is explained by the shape it comes closest to (fewest problems), so a bad
 * operator is reported at ...all[0].operator, not as "invalid input" at the whole condition.
 */
import type { z } from 'zod';

export interface PathIssue {
  path: PropertyKey[];
  message: string;
}

export function flattenIssues(issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[] = []): PathIssue[] {
  const out: PathIssue[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const branches = issue.errors.map((branch) => flattenIssues(branch, path));
      const best = branches.reduce((a, b) => (b.length < a.length || (b.length === a.length && depth(b) > depth(a)) ? b : a));
      out.push(...best);
    } else {
      out.push({ path, message: issue.message });
    }
  }
  return out;
}

function depth(issues: PathIssue[]): number {
  return Math.max(0, ...issues.map((i) => i.path.length));
}

/** "$.tables[3].columns[0].match" — how rule and vocabulary diagnostics name a place in a file. */
export function jsonPath(path: readonly PropertyKey[]): string {
  return '$' + path.map((p) => (typeof p === 'number' ? `[${p}]` : /^[A-Za-z_$][\w$]*$/.test(String(p)) ? `.${String(p)}` : `["${String(p)}"]`)).join('');
}
