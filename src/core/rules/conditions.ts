/**
 * A rule's conditions compiled to a plain function of an item's facts. The semantics are
 * json-rules-engine 7's, operator for operator (its validators included: the ordering operators
 * need a fact that parses as a number, contains/doesNotContain an array); the engine stays the
 * reference — the linter hands every rule to it, and a test holds the two to the same verdict on the
 * items of every workbook we have. Running the engine per item cost a promise, an almanac and a deep
 * clone of the facts: on a county consolidation most of the check's time and memory.
 */
import type { NestedCondition, TopLevelCondition } from './schema.js';

export type Facts = Readonly<Record<string, unknown>>;
export type Predicate = (facts: Facts) => boolean;
/**
 * Whether a rule could still report an item, judged from a few of its facts known before the item is
 * built: false when one of the rule's top-level `all` conditions already fails on them.
 */
export type Screen = (early: Facts) => boolean;

/** The one operator we add to the engine's own: a text fact against a regular expression. */
export type MatchText = (fact: unknown, pattern: unknown) => boolean;

/** The engine's test, parseFloat(v).toString() !== 'NaN', without a string per comparison. */
const isNumeric = (v: unknown) => (typeof v === 'number' ? !Number.isNaN(v) : !Number.isNaN(Number.parseFloat(v as string)));

const OPERATORS: Record<string, (a: unknown, b: unknown) => boolean> = {
  equal: (a, b) => a === b,
  notEqual: (a, b) => a !== b,
  in: (a, b) => (b as unknown[]).indexOf(a) > -1,
  notIn: (a, b) => (b as unknown[]).indexOf(a) === -1,
  contains: (a, b) => Array.isArray(a) && a.indexOf(b) > -1,
  doesNotContain: (a, b) => Array.isArray(a) && a.indexOf(b) === -1,
  lessThan: (a, b) => isNumeric(a) && (a as number) < (b as number),
  lessThanInclusive: (a, b) => isNumeric(a) && (a as number) <= (b as number),
  greaterThan: (a, b) => isNumeric(a) && (a as number) > (b as number),
  greaterThanInclusive: (a, b) => isNumeric(a) && (a as number) >= (b as number),
};

const isFactValue = (value: unknown, fact: string) => value !== null && typeof value === 'object' && (value as { fact?: unknown }).fact === fact;

/** Own facts only: "constructor" is no fact (an item's facts are a plain object). */
const factOf = (facts: Facts, name: string): unknown => (Object.hasOwn(facts, name) ? facts[name] : undefined);

export function compileConditions(conditions: TopLevelCondition | NestedCondition, matches: MatchText): Predicate {
  const c = conditions as Record<string, unknown>;
  if (Array.isArray(c.all)) {
    const parts = (c.all as NestedCondition[]).map((x) => compileConditions(x, matches));
    // Loops, not every/some: a closure per call, on every item, was a tenth of a check's allocation.
    return (f) => {
      for (const p of parts) if (!p(f)) return false;
      return true;
    };
  }
  if (Array.isArray(c.any)) {
    const parts = (c.any as NestedCondition[]).map((x) => compileConditions(x, matches));
    return (f) => {
      for (const p of parts) if (p(f)) return true;
      return false;
    };
  }
  if (c.not !== undefined) {
    const inner = compileConditions(c.not as NestedCondition, matches);
    return (f) => !inner(f);
  }
  const fact = String(c.fact);
  const operator = String(c.operator);
  const test = operator === 'matches' ? matches : OPERATORS[operator];
  if (!test) throw new Error(`unknown operator “${operator}”`);
  const value = c.value;
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && 'fact' in value) {
    const other = String((value as { fact: unknown }).fact);
    return (f) => test(factOf(f, fact), factOf(f, other));
  }
  return (f) => test(factOf(f, fact), value);
}

/**
 * True when the conditions report only a relation broken beyond its tolerance: at their top, `all`
 * holds the leaf `breach greaterThan {fact: tolerance}` (every identity rule we ship). Then an
 * identity whose breach does not pass its tolerance cannot report, whatever the other conditions say.
 */
export function requiresBreach(conditions: TopLevelCondition | NestedCondition): boolean {
  if (!('all' in conditions)) return false;
  return conditions.all.some((c) => 'fact' in c && c.fact === 'breach' && c.operator === 'greaterThan' && isFactValue(c.value, 'tolerance'));
}

/**
 * The rule's screen: its top-level `all` leaves, each judged once every fact it reads is among the
 * early facts (the others cannot be judged yet, so they never exclude). The leaves' verdicts are the
 * predicate's own, so an item the screen excludes is one the predicate would not report: an iterator
 * asks before building an item of facts, texts and cells that nearly every row would throw away.
 */
export function compileScreen(conditions: TopLevelCondition | NestedCondition, matches: MatchText): Screen {
  if (!('all' in conditions)) return () => true;
  const leaves = conditions.all
    .filter((c): c is Extract<NestedCondition, { fact: string }> => 'fact' in c)
    .map((c) => {
      const value = c.value as unknown;
      const other = value !== null && typeof value === 'object' && !Array.isArray(value) && 'fact' in value ? String((value as { fact: unknown }).fact) : undefined;
      return { fact: c.fact, other, test: compileConditions(c, matches) };
    });
  return (early) => {
    for (const l of leaves) if (Object.hasOwn(early, l.fact) && (l.other === undefined || Object.hasOwn(early, l.other)) && !l.test(early)) return false;
    return true;
  };
}
