/**
 * Rules decide in their conditions: a rule file compares numbers and text, so a maintainer can
 * change a tolerance, a threshold or a relation without TypeScript. A rule whose every condition
 * only asks whether a precomputed flag is true or false has its decision hidden in an iterator.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';

type Condition = { fact?: string; value?: unknown; all?: Condition[]; any?: Condition[]; not?: Condition };

function leaves(c: Condition): Condition[] {
  if (c.fact !== undefined) return [c];
  return [...(c.all ?? []), ...(c.any ?? []), ...(c.not ? [c.not] : [])].flatMap(leaves);
}

const rules = readdirSync(`${ROOT}rules`)
  .filter((f) => f.endsWith('.json') && f !== 'schema.json')
  .map((f) => JSON.parse(readFileSync(`${ROOT}rules/${f}`, 'utf8')) as { id: string; conditions: Condition });

const onFlagsOnly = rules.filter((r) => leaves(r.conditions).every((l) => typeof l.value === 'boolean')).map((r) => r.id);

describe('where the catalogue decides', () => {
  it('at most one rule in five decides only on a precomputed true/false', () => {
    expect(rules.length).toBeGreaterThan(40);
    expect(onFlagsOnly.length / rules.length).toBeLessThanOrEqual(0.2);
  });

  it('every amount identity is judged in the rule file: the breach against a tolerance', () => {
    const identityRules = rules.filter((r) => JSON.stringify(r.conditions).includes('"breach"'));
    expect(identityRules.length).toBeGreaterThanOrEqual(14);
    for (const r of identityRules) expect(leaves(r.conditions).find((l) => l.fact === 'breach')!.value, r.id).not.toBe(true);
  });
});
