/**
 * Loading the rule catalogue: every file validated against the rule schema, its iterator's
 * parameters, and the facts and placeholders that iterator provides. Errors name the file and the
 * JSON path.
 */
import { Rule } from 'json-rules-engine';
import type { z } from 'zod';
import { didYouMean } from '../suggest.js';
import type { TableVocabulary, Vocabulary } from '../vocabulary.js';
import { flattenIssues, jsonPath, REPORT_INPUT, schemaKeysAt } from '../zod-issues.js';
import { ITERATORS } from './registry.js';
import { ITERATOR_PARAMS } from './params/index.js';
import { backtrackingRisk } from './regex-safety.js';
import { IDENTITY_TEXTS, type FactSpec, type IteratorDef, type Reference } from './registry-types.js';
import { FAMILIES, RuleFile, type NestedCondition, type TopLevelCondition } from './schema.js';

export interface LoadedRule extends RuleFile {
  file: string;
  iteratorDef: IteratorDef<any>;
  /** Parameters after the iterator's schema applied its defaults. */
  parsedParams: unknown;
}

/**
 * What a check reads of a rule: the rule as linted, less what only the maintainers' tools read (its
 * description, its params as written, its cases). The prepared catalogue holds no more than this.
 */
export type CheckedRule = Omit<LoadedRule, 'description' | 'params' | 'tests'>;

export interface RuleProblem {
  file: string;
  path: string;
  /** The same path as keys, for finding the position in the file. */
  keys: PropertyKey[];
  message: string;
  onKey?: boolean;
}

function problem(file: string, keys: PropertyKey[], message: string, onKey = false): RuleProblem {
  return { file, path: jsonPath(keys), keys, message, ...(onKey && { onKey }) };
}

function zodProblems(file: string, prefix: PropertyKey[], error: z.ZodError, schema: z.ZodType): RuleProblem[] {
  return flattenIssues(error.issues, [], (path) => schemaKeysAt(schema, path)).map((i) => problem(file, [...prefix, ...i.path], i.message, i.onKey));
}

/** What the params name must exist in the vocabulary: tables, column roles, row keys. */
export function checkReferences(file: string, refs: Reference[], vocab: Vocabulary): RuleProblem[] {
  const problems: RuleProblem[] = [];
  for (const ref of refs) {
    const at = ['params', ...ref.path];
    const table = vocab.tables.get(ref.table);
    if (!table) {
      problems.push(problem(file, at, `词汇表中没有表“${ref.table}” / the vocabulary has no table “${ref.table}”${didYouMean(ref.table, vocab.tables.keys())}`));
      continue;
    }
    if (ref.coded && table.kind !== 'coded') {
      problems.push(problem(file, at, `“${ref.table}”不是按科目编码的表 / “${ref.table}” is not a coded table`));
    }
    const roles = table.columns.map((c) => c.role);
    if (ref.column !== undefined && !roles.includes(ref.column)) {
      problems.push(problem(file, at, `表“${ref.table}”没有列角色“${ref.column}” / table “${ref.table}” has no column role “${ref.column}”${didYouMean(ref.column, roles)}`));
    }
    if (ref.code !== undefined) problems.push(...codeProblems(file, at, ref.code, ref.economic ? 'economic' : table.codeSystem, vocab));
    if (ref.rowKey !== undefined) {
      const keys = table.rows.filter((r) => !ref.side || r.column === ref.side).map((r) => r.key);
      const ok = ref.rowKey.endsWith('*') ? keys.some((k) => k.startsWith(ref.rowKey!.slice(0, -1))) : keys.includes(ref.rowKey);
      if (!ok) {
        problems.push(problem(file, at, `表“${ref.table}”的“${ref.side ?? ''}”列没有行标签“${ref.rowKey}” / table “${ref.table}” has no row key “${ref.rowKey}” in “${ref.side ?? ''}”${didYouMean(ref.rowKey, keys)}`));
      }
    }
  }
  return problems;
}

/**
 * A code the params name against the table's classification: an economic one must be in the
 * vocabulary's list of economic subjects (a typo such as 3011 would sum nothing, silently); a
 * functional one begins with 2 (201 一般公共服务支出 … 232).
 */
function codeProblems(file: string, at: PropertyKey[], code: string, codeSystem: TableVocabulary['codeSystem'], vocab: Vocabulary): RuleProblem[] {
  const economic = vocab.economicSubjects;
  if (codeSystem === 'economic' && economic && !Object.hasOwn(economic, code)) {
    return [problem(file, at, `经济分类科目中没有编码“${code}” / the economic classification has no code “${code}”${didYouMean(code, Object.keys(economic))}`)];
  }
  if (codeSystem === 'functional' && !code.startsWith('2')) {
    return [problem(file, at, `“${code}”不是功能分类科目编码（功能分类编码以 2 开头） / “${code}” is not a functional code (functional codes begin with 2)`)];
  }
  return [];
}

type Leaf = { fact: string; operator: string; value?: unknown; path: PropertyKey[] };

function leaves(cond: TopLevelCondition | NestedCondition, path: PropertyKey[] = ['conditions']): Leaf[] {
  if ('all' in cond) return cond.all.flatMap((c, i) => leaves(c, [...path, 'all', i]));
  if ('any' in cond) return cond.any.flatMap((c, i) => leaves(c, [...path, 'any', i]));
  if ('not' in cond) return leaves(cond.not, [...path, 'not']);
  return [{ fact: cond.fact, operator: cond.operator, value: cond.value, path }];
}

/** Every fact a condition tree reads, with the JSON path of each use (a value may name a fact too). */
export function conditionFacts(cond: TopLevelCondition | NestedCondition): { fact: string; path: PropertyKey[] }[] {
  return leaves(cond).flatMap((l) => [
    { fact: l.fact, path: [...l.path, 'fact'] },
    ...(l.value && typeof l.value === 'object' && !Array.isArray(l.value) ? [{ fact: (l.value as { fact: string }).fact, path: [...l.path, 'value', 'fact'] }] : []),
  ]);
}

const NUMERIC = new Set(['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive']);
const TYPE_NAMES: Record<string, string> = { number: '数字 a number', string: '文字 a string', boolean: 'true/false' };

function typeOf(v: unknown): string {
  return v === null ? 'null' : typeof v;
}

/** A condition whose value cannot be of its fact's type ("true" against a flag, 5 against a text). */
function typeProblems(file: string, leaf: Leaf, facts: Record<string, FactSpec>): RuleProblem[] {
  const spec = facts[leaf.fact]!;
  const wrong = (at: PropertyKey[], got: string) =>
    problem(file, at, `事实“${leaf.fact}”是${TYPE_NAMES[spec.type]}，这里给的是 ${got} / fact “${leaf.fact}” is ${spec.type}, the value here is ${got}`);
  const v = leaf.value;
  if (v && typeof v === 'object' && !Array.isArray(v) && 'fact' in v) {
    const other = Object.hasOwn(facts, String((v as { fact: unknown }).fact)) ? facts[String((v as { fact: unknown }).fact)] : undefined;
    return other && other.type !== spec.type ? [wrong([...leaf.path, 'value', 'fact'], `${other.type}（事实 fact “${String((v as { fact: unknown }).fact)}”）`)] : [];
  }
  if (leaf.operator === 'matches') return spec.type === 'string' ? [] : [wrong([...leaf.path, 'fact'], 'a regular expression / 正则表达式')];
  if (NUMERIC.has(leaf.operator)) {
    if (spec.type !== 'number') return [wrong([...leaf.path, 'operator'], `${leaf.operator}（只用于数字 / for numbers only）`)];
    return typeof v === 'number' ? [] : [wrong([...leaf.path, 'value'], JSON.stringify(v))];
  }
  if (leaf.operator === 'in' || leaf.operator === 'notIn') {
    if (!Array.isArray(v)) return [wrong([...leaf.path, 'value'], `${JSON.stringify(v)}（应为列表 / should be a list）`)];
    return v.flatMap((x, i) => (typeOf(x) === spec.type || (x === null && spec.nullable) ? [] : [wrong([...leaf.path, 'value', i], JSON.stringify(x))]));
  }
  if (leaf.operator === 'equal' || leaf.operator === 'notEqual') {
    return typeOf(v) === spec.type || v === null ? [] : [wrong([...leaf.path, 'value'], JSON.stringify(v))];
  }
  return [];
}

/** Every string under a key named "pattern" in the params, with its path. */
function patternsIn(value: unknown, path: PropertyKey[]): { path: PropertyKey[]; pattern: string }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => patternsIn(v, [...path, i]));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => (k === 'pattern' && typeof v === 'string' ? [{ path: [...path, k], pattern: v }] : patternsIn(v, [...path, k])));
}

export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{\{\s*([a-zA-Z0-9_.]+)\s*\}\}/g)].map((m) => m[1]!);
}

/** Validates one parsed rule file; returns the rule, or the problems found. */
export function validateRule(file: string, json: unknown, vocab?: Vocabulary): { rule?: LoadedRule; problems: RuleProblem[] } {
  const parsed = RuleFile.safeParse(json, REPORT_INPUT);
  if (!parsed.success) return { problems: zodProblems(file, [], parsed.error, RuleFile) };
  const rule = parsed.data;
  const problems: RuleProblem[] = [];
  const def = ITERATORS.get(rule.iterator);
  if (!def) {
    problems.push(problem(file, ['iterator'], `未知的迭代器“${rule.iterator}” / unknown iterator “${rule.iterator}”${didYouMean(rule.iterator, ITERATORS.keys())}（可用 / known: ${[...ITERATORS.keys()].join(', ')}）`));
    return { problems };
  }
  const schema = ITERATOR_PARAMS.get(def.name)!;
  const params = schema.safeParse(rule.params, REPORT_INPUT);
  if (!params.success) problems.push(...zodProblems(file, ['params'], params.error, schema));
  else if (vocab && def.references) problems.push(...checkReferences(file, def.references(params.data), vocab));
  if (vocab && def.needsIndicatorWords && !vocab.indicators) {
    problems.push(problem(file, ['iterator'], `词汇表中没有绩效指标词汇（indicators，见 rules/vocabulary/indicators.json） / the vocabulary has no indicator words (indicators, see rules/vocabulary/indicators.json)`));
  }
  const uses = conditionFacts(rule.conditions);
  for (const u of uses) {
    // Own facts only: "constructor" or "toString" are no facts of any iterator.
    if (!Object.hasOwn(def.facts, u.fact)) {
      problems.push(problem(file, u.path, `迭代器 ${def.name} 没有事实“${u.fact}” / unknown fact “${u.fact}” for iterator ${def.name}${didYouMean(u.fact, Object.keys(def.facts))}`));
    }
  }
  // One walk over the conditions: each leaf's value against its fact's type, and each "matches" regex.
  for (const leaf of leaves(rule.conditions)) {
    if (Object.hasOwn(def.facts, leaf.fact)) problems.push(...typeProblems(file, leaf, def.facts));
    if (leaf.operator !== 'matches') continue;
    try {
      if (typeof leaf.value !== 'string') throw new Error('the value must be a regular expression written as a string');
      new RegExp(leaf.value, 'u');
      const risk = backtrackingRisk(leaf.value);
      if (risk) problems.push(problem(file, [...leaf.path, 'value'], `“matches”的正则表达式不安全 / unsafe regular expression in “matches”: ${risk}`));
    } catch (e) {
      problems.push(problem(file, [...leaf.path, 'value'], `“matches”的值不是有效的正则表达式 / the value of “matches” is not a valid regular expression: ${(e as Error).message}`));
    }
  }
  // Patterns in params (the narrative iterators') run on every text cell: the same guard.
  if (params.success) {
    for (const { path, pattern } of patternsIn(params.data, ['params'])) {
      const risk = backtrackingRisk(pattern);
      if (risk) problems.push(problem(file, path, `正则表达式不安全 / unsafe regular expression: ${risk}`));
    }
  }
  try {
    // What json-rules-engine itself would refuse when the rule is added.
    new Rule({ conditions: rule.conditions as never, event: { type: 'finding' } });
  } catch (e) {
    problems.push(problem(file, ['conditions'], `json-rules-engine 不接受这些条件 / json-rules-engine rejects these conditions: ${(e as Error).message}`));
  }
  const provided = [...Object.keys(def.facts), ...def.texts, ...(def.identities ? IDENTITY_TEXTS : [])];
  for (const lang of ['zh-CN', 'en'] as const) {
    for (const name of placeholders(rule.message[lang])) {
      if (!provided.includes(name)) {
        problems.push(problem(file, ['message', lang], `占位符 {{${name}}} 没有对应的值 / placeholder {{${name}}} is never provided by iterator ${def.name}${didYouMean(name, provided)}`));
      }
    }
  }
  if (problems.length) return { problems };
  return {
    rule: { ...rule, file, iteratorDef: def, parsedParams: params.data },
    problems,
  };
}

export function checkRules(files: { file: string; json: unknown }[], vocab?: Vocabulary): { rules: LoadedRule[]; problems: RuleProblem[] } {
  const problems: RuleProblem[] = [];
  const rules: LoadedRule[] = [];
  const ids = new Map<string, string>();
  for (const { file, json } of files) {
    const r = validateRule(file, json, vocab);
    problems.push(...r.problems);
    if (!r.rule) continue;
    const previous = ids.get(r.rule.id);
    if (previous) problems.push(problem(file, ['id'], `规则编号“${r.rule.id}”重复（另见 ${previous}） / duplicate rule id “${r.rule.id}” (also in ${previous})`));
    ids.set(r.rule.id, file);
    rules.push(r.rule);
  }
  // Family order (hierarchy, ties, 三公, 绩效, 格式) decides which rule speaks first for a cell.
  rules.sort((a, b) => FAMILIES.indexOf(a.family) - FAMILIES.indexOf(b.family) || a.id.localeCompare(b.id));
  return { rules, problems };
}

