/**
 * Two pieces that must stay cheap on hostile input: rule-id wildcards (packs and configs are
 * untrusted; "a*a*a*…" must not backtrack exponentially) and the merge index (a merge over a whole
 * sheet must not be expanded cell by cell).
 */
import { describe, expect, it } from 'vitest';
import { MergeIndex } from '../../src/core/grid.js';
import { matchesPattern } from '../../src/core/rules/packs.js';

describe('rule-id wildcards', () => {
  it.each([
    ['perf-*', 'perf-value-missing', true],
    ['*-sum', 'hierarchy-sum', true],
    ['*', 'anything', true],
    ['perf-*-missing', 'perf-value-missing', true],
    ['perf-*-missing', 'perf-value-missing-x', false],
    ['hierarchy-sum', 'hierarchy-sum', true],
    ['hierarchy-sum', 'hierarchy-sums', false],
    ['h*m', 'hierarchy-sum', true],
    ['*x*', 'hierarchy-sum', false],
    ['', '', true],
    ['**', 'a', true],
  ])('%s against %s: %s', (pattern, id, expected) => {
    expect(matchesPattern(pattern, id)).toBe(expected);
  });

  it('answers a 30-star pattern against a long id at once (a regex built from it backtracks for minutes)', () => {
    const pattern = `${'a*'.repeat(30)}b`;
    const id = 'a'.repeat(60);
    // Tens of thousands of steps; a regex built from the pattern would outlast the test's timeout.
    expect(matchesPattern(pattern, id)).toBe(false);
    expect(matchesPattern(`${'a*'.repeat(30)}a`, id)).toBe(true);
  });
});

describe('the merge index', () => {
  const index = new MergeIndex(['A1:C1', 'B3:B2000', 'E5:F6', 'A1:XFD1048576']);

  it('gives each covered cell its master, and the master none', () => {
    expect(index.master(1, 2)).toEqual({ row: 1, col: 1 });
    expect(index.master(1, 1)).toBeUndefined();
    expect(index.master(1500, 2)).toEqual({ row: 3, col: 2 });
    expect(index.master(6, 6)).toEqual({ row: 5, col: 5 });
    expect(index.master(5, 5)).toBeUndefined();
  });

  it('finds the merge starting at a cell; the first of overlapping merges wins', () => {
    expect(index.rangeAt(3, 2)).toEqual({ top: 3, left: 2, bottom: 2000, right: 2 });
    expect(index.rangeAt(1, 1)).toEqual({ top: 1, left: 1, bottom: 1, right: 3 });
    expect(index.rangeAt(2, 2)).toBeUndefined();
  });

  it('builds a whole-sheet merge without expanding it', () => {
    // 17 billion cells: expanded, this would exhaust memory long before the timeout.
    const whole = new MergeIndex(['A1:XFD1048576']);
    expect(whole.master(1_048_576, 16_384)).toEqual({ row: 1, col: 1 });
  });
});
