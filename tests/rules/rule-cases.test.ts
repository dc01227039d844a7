/** Every rule proves itself: its own valid cases give no finding, its invalid cases exactly the expected ones. */
import { describe, expect, it } from 'vitest';
import { runRuleTests } from '../../src/core/rules/rule-tests.js';
import { loadCatalogue } from '../../src/cli/rule-files.js';

const catalogue = await loadCatalogue();

describe.each(catalogue.rules.map((r) => [r.id, r] as const))('rule %s', (_id, rule) => {
  it('has cases where it fires and cases where it must not', () => {
    expect(rule.tests.valid.length).toBeGreaterThan(0);
    expect(rule.tests.invalid.length).toBeGreaterThan(0);
  });

  it('passes its own cases', async () => {
    const results = await runRuleTests(rule, catalogue.vocab);
    const failures = results.filter((r) => !r.passed).map((r) => `${r.kind} “${r.name}”: ${r.problems.join('; ')}`);
    expect(failures).toEqual([]);
  });
});
