/** Every rule proves itself: its own valid cases give no finding, its invalid cases exactly the expected ones. */
import { describe, expect, it } from 'vitest';
import { runRuleTests } from '../../src/core/rules/rule-tests.js';
import { lintedCatalogue } from '../../src/cli/rule-files.js';

const catalogue = await lintedCatalogue();

describe.each(catalogue.rules.map((r) => [r.id, r] as const))('rule %s', (_id, rule) => {
  it('has cases where it fires and cases where it must not', () => {
    expect(rule.tests.valid.length).toBeGreaterThan(0);
    expect(rule.tests.invalid.length).toBeGreaterThan(0);
  });

  it('passes its own cases', async () => {
    const results = await runRuleTests(rule, catalogue.vocab, 'zh-CN', catalogue.rules);
    const failures = results.filter((r) => !r.passed).map((r) => `${r.kind} “${r.name}”: ${r.problems.join('; ')}`);
    expect(failures).toEqual([]);
  });
});

describe('an invalid case asserts more than the place, as RuleTester does', () => {
  const rule = catalogue.rules.find((r) => r.id === 'hierarchy-sum')!;
  const childCase = rule.tests.invalid.find((t) => t.name.startsWith('a child mistyped') && !t.catalogue)!;
  const withExpectation = (expected: Record<string, unknown>) => ({
    ...rule,
    tests: { valid: [], invalid: [{ ...childCase, findings: [{ sheet: '表3', cell: 'E8', ...expected }] }] },
  });

  it.each([
    ['the message', { message: '别的提示' }, /message .* expected “别的提示”/],
    ['the severity', { severity: 'warning' }, /severity error, expected warning/],
    ['the related cells', { related: ['表3!E6'] }, /related 表3!E6, 表3!E7, expected 表3!E6/],
    ['the fix', { fix: 11 }, /fix 10, expected 11/],
    ['the fix safety', { fixSafety: 'safe' }, /fix safety unsafe, expected safe/],
    ['the candidates', { candidates: ['表3!E8', '表3!E6'] }, /candidates none, expected/],
  ])('fails when %s differs, saying how', async (_what, expected, problem) => {
    const [result] = await runRuleTests(withExpectation(expected) as typeof rule, catalogue.vocab);
    expect(result!.passed).toBe(false);
    expect(result!.problems.join('\n')).toMatch(problem);
  });

  it('passes when everything stated matches', async () => {
    const [result] = await runRuleTests(withExpectation({ severity: 'error', fix: 10, fixSafety: 'unsafe', related: ['表3!E7', '表3!E6'] }) as typeof rule, catalogue.vocab);
    expect(result!.problems).toEqual([]);
  });
});
