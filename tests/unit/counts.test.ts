/** The value given most often decides a code's usual name and the budget year. */
import { describe, expect, it } from 'vitest';
import { mostCommon } from '../../src/core/counts.js';

describe('the value given most often', () => {
  it('is the majority, and of equals the one given first', () => {
    expect(mostCommon(['行政运行', '行政运营', '行政运行'])).toBe('行政运行');
    expect(mostCommon(['2025', '2026', '2026', '2025'])).toBe('2025');
    expect(mostCommon(['2026', '2025', '2025'])).toBe('2025');
  });

  it('is undefined when nothing was given', () => {
    expect(mostCommon([])).toBeUndefined();
  });
});
