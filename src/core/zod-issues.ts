/**
 * zod issues as maintainers need them: one path and one bilingual message per mistake, naming the
 * fix where it can. A value that fits none of a union's shapes is explained by the shape it comes
 * closest to (fewest problems), so a bad operator is reported at ...all[0].operator, not as
 * "invalid input" at the whole condition.
 */
import type { z } from 'zod';
import { closest, didYouMean } from './suggest.js';

export interface PathIssue {
  path: PropertyKey[];
  message: string;
  /** The problem is the key itself (an unknown key), not its value. */
  onKey?: boolean;
}

/** Parse options for diagnostics: zod includes the offending input only when asked. */
export const REPORT_INPUT = { reportInput: true } as const;

type Issue = z.core.$ZodIssue;

/** zod leaves `input` out when the key is absent altogether. */
function isMissing(issue: Issue): issue is Issue & ({ code: 'invalid_type'; expected: string } | { code: 'invalid_value'; values: unknown[] }) {
  return (issue.code === 'invalid_type' || issue.code === 'invalid_value') && !('input' in issue && issue.input !== undefined);
}

function describe(issue: Issue, keysAt: (path: PropertyKey[]) => string[]): string {
  if (isMissing(issue)) {
    const expected = 'values' in issue ? issue.values.map((v) => JSON.stringify(v)).join(' | ') : String(issue.expected);
    return `缺少必填项（应为 ${expected}） / required, missing (expected ${expected})`;
  }
  switch (issue.code) {
    case 'invalid_type':
      return `类型应为 ${issue.expected} / expected ${issue.expected}`;
    case 'invalid_value': {
      const options = issue.values.map((v) => JSON.stringify(v)).join(' | ');
      const got = typeof issue.input === 'string' ? issue.input : undefined;
      const hint = got ? closest(got, issue.values.map(String)) : undefined;
      return hint
        ? `“${got}”无效，是否应为“${hint}”？（可选：${options}） / “${got}” is not valid: did you mean “${hint}”? (one of ${options})`
        : `取值应为 ${options} 之一 / must be one of ${options}`;
    }
    case 'unrecognized_keys': {
      const known = keysAt(issue.path);
      return issue.keys
        .map((k) => `未知的键“${k}”（拼写错误？） / unknown key “${k}” (a typo?)${didYouMean(k, known)}`)
        .join('；');
    }
    case 'too_small':
      return issue.origin === 'array' ? `至少需要 ${String(issue.minimum)} 项 / needs at least ${String(issue.minimum)} item(s)` : `过短或过小 / too small: ${issue.message}`;
    default:
      return issue.message;
  }
}

export function flattenIssues(
  issues: readonly Issue[],
  prefix: readonly PropertyKey[] = [],
  keysAt: (path: PropertyKey[]) => string[] = () => [],
): PathIssue[] {
  const out: PathIssue[] = [];
  const missing = new Set<string>();
  const suggested = new Set<string>();
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const branches = issue.errors.map((branch) => flattenIssues(branch, path, keysAt));
      const best = branches.reduce((a, b) => (b.length < a.length || (b.length === a.length && depth(b) > depth(a)) ? b : a));
      out.push(...best);
    } else if (issue.code === 'unrecognized_keys') {
      // One diagnostic per key, placed on the key itself.
      const known = keysAt(path);
      for (const key of issue.keys) {
        const near = closest(key, known);
        if (near) suggested.add(JSON.stringify([...path, near]));
        out.push({ path: [...path, key], message: describe({ ...issue, path, keys: [key] } as Issue, () => known), onKey: true });
      }
    } else {
      if (isMissing(issue)) missing.add(JSON.stringify(path));
      out.push({ path, message: describe({ ...issue, path } as Issue, keysAt) });
    }
  }
  // "severty" is one mistake, not two: drop "severity is missing" when a misspelling of it is there.
  return out.filter((i) => !(missing.has(JSON.stringify(i.path)) && suggested.has(JSON.stringify(i.path))));
}

function depth(issues: PathIssue[]): number {
  return Math.max(0, ...issues.map((i) => i.path.length));
}

/** "$.tables[3].columns[0].match" — how rule and vocabulary diagnostics name a place in a file. */
export function jsonPath(path: readonly PropertyKey[]): string {
  return '$' + path.map((p) => (typeof p === 'number' ? `[${p}]` : /^[A-Za-z_$][\w$]*$/.test(String(p)) ? `.${String(p)}` : `["${String(p)}"]`)).join('');
}

/** Keys an object schema accepts at a path (for "did you mean"); walks objects, arrays, unions, wrappers. */
export function schemaKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  const found = new Set<string>();
  const visit = (s: unknown, rest: readonly PropertyKey[], seen: number) => {
    if (!s || seen > 40) return;
    const def = (s as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
    if (!def) return;
    switch (def.type) {
      case 'object': {
        const shape = def.shape as Record<string, unknown>;
        if (rest.length === 0) Object.keys(shape).forEach((k) => found.add(k));
        else visit(shape[String(rest[0])], rest.slice(1), seen + 1);
        return;
      }
      case 'array':
        if (rest.length) visit(def.element, rest.slice(1), seen + 1);
        return;
      case 'record':
        if (rest.length) visit(def.valueType, rest.slice(1), seen + 1);
        return;
      case 'union':
        for (const o of def.options as unknown[]) visit(o, rest, seen + 1);
        return;
      case 'lazy':
        visit((def.getter as () => unknown)(), rest, seen + 1);
        return;
      case 'optional':
      case 'default':
      case 'nullable':
      case 'readonly':
      case 'prefault':
      case 'nonoptional':
        visit(def.innerType, rest, seen + 1);
        return;
      case 'pipe':
        visit(def.in, rest, seen + 1);
        return;
      default:
        return;
    }
  };
  visit(schema, path, 0);
  return [...found];
}
