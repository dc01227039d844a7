/**
 * Loading the rule catalogue: every file validated against the rule schema, its iterator's
 * parameters, and the facts and placeholders that iterator provides. Errors name the file and the
 * JSON path.
 */
import type { z } from 'zod';
import { flattenIssues, jsonPath } from '../zod-issues.js';
import { ITERATORS } from './registry.js';
import { IDENTITY_TEXTS, type IteratorDef } from './registry-types.js';
import { FAMILIES, RuleFile, type NestedCondition, type TopLevelCondition } from './schema.js';

export interface LoadedRule extends RuleFile {
  file: string;
  iteratorDef: IteratorDef<any>;
  /** Parameters after the iterator's schema applied its defaults. */
  parsedParams: unknown;
  /** Facts the conditions read: items agreeing on these get the same verdict. */
  conditionFacts: string[];
}

export interface RuleProblem {
  file: string;
  path: string;
  message: string;
}

export class RuleCatalogueError extends Error {
  constructor(readonly problems: RuleProblem[]) {
    super(problems.map((p) => `${p.file}: ${p.path} ${p.message}`).join('\n'));
    this.name = 'RuleCatalogueError';
  }
}

function zodProblems(file: string, prefix: PropertyKey[], error: z.ZodError): RuleProblem[] {
  return flattenIssues(error.issues, prefix).map((i) => ({ file, path: jsonPath(i.path), message: i.message }));
}

/** Every fact a condition tree reads, with the JSON path of each use. */
export function conditionFacts(cond: TopLevelCondition | NestedCondition, path: PropertyKey[] = ['conditions']): { fact: string; path: PropertyKey[] }[] {
  if ('all' in cond) return cond.all.flatMap((c, i) => conditionFacts(c, [...path, 'all', i]));
  if ('any' in cond) return cond.any.flatMap((c, i) => conditionFacts(c, [...path, 'any', i]));
  if ('not' in cond) return conditionFacts(cond.not, [...path, 'not']);
  const out = [{ fact: cond.fact, path: [...path, 'fact'] }];
  if (cond.value && typeof cond.value === 'object' && !Array.isArray(cond.value)) out.push({ fact: cond.value.fact, path: [...path, 'value', 'fact'] });
  return out;
}

export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{\{\s*([a-zA-Z0-9_.]+)\s*\}\}/g)].map((m) => m[1]!);
}

/** Validates one parsed rule file; returns the rule, or the problems found. */
export function validateRule(file: string, json: unknown): { rule?: LoadedRule; problems: RuleProblem[] } {
  const parsed = RuleFile.safeParse(json);
  if (!parsed.success) return { problems: zodProblems(file, [], parsed.error) };
  const rule = parsed.data;
  const problems: RuleProblem[] = [];
  const def = ITERATORS.get(rule.iterator);
  if (!def) {
    problems.push({ file, path: '$.iterator', message: `unknown iterator “${rule.iterator}”; known: ${[...ITERATORS.keys()].join(', ')} / 未知的迭代器` });
    return { problems };
  }
  const params = def.params.safeParse(rule.params);
  if (!params.success) problems.push(...zodProblems(file, ['params'], params.error));
  const uses = conditionFacts(rule.conditions);
  for (const u of uses) {
    if (!(u.fact in def.facts)) {
      problems.push({ file, path: jsonPath(u.path), message: `unknown fact “${u.fact}” for iterator ${def.name}; known: ${Object.keys(def.facts).join(', ')} / 未知的事实名` });
    }
  }
  for (const lang of ['zh-CN', 'en'] as const) {
    for (const name of placeholders(rule.message[lang])) {
      if (!(name in def.facts) && !def.texts.includes(name) && !(def.identities && IDENTITY_TEXTS.includes(name))) {
        problems.push({ file, path: `$.message["${lang}"]`, message: `placeholder {{${name}}} is never provided by iterator ${def.name} / 占位符 {{${name}}} 没有对应的值` });
      }
    }
  }
  if (problems.length) return { problems };
  return {
    rule: { ...rule, file, iteratorDef: def, parsedParams: params.data, conditionFacts: [...new Set(uses.map((u) => u.fact))] },
    problems,
  };
}

export function loadRules(files: { file: string; json: unknown }[]): LoadedRule[] {
  const problems: RuleProblem[] = [];
  const rules: LoadedRule[] = [];
  const ids = new Map<string, string>();
  for (const { file, json } of files) {
    const r = validateRule(file, json);
    problems.push(...r.problems);
    if (!r.rule) continue;
    const previous = ids.get(r.rule.id);
    if (previous) problems.push({ file, path: '$.id', message: `duplicate rule id “${r.rule.id}” (also in ${previous}) / 规则编号重复` });
    ids.set(r.rule.id, file);
    rules.push(r.rule);
  }
  if (problems.length) throw new RuleCatalogueError(problems);
  // Family order (hierarchy, ties, 三公, 绩效, 格式) decides which rule speaks first for a cell.
  return rules.sort((a, b) => FAMILIES.indexOf(a.family) - FAMILIES.indexOf(b.family) || a.id.localeCompare(b.id));
}
