/** Lists kept by key: a value joins its key's list, in the order added, and a new key starts one. */
import { describe, expect, it } from 'vitest';
import { addTo } from '../../src/core/multimap.js';

describe('adding to lists kept by key', () => {
  it('keeps each key’s values in the order they were added', () => {
    const byCode = new Map<string, number[]>();
    addTo(byCode, '201', 1);
    addTo(byCode, '208', 2);
    addTo(byCode, '201', 3);
    expect([...byCode]).toEqual([
      ['201', [1, 3]],
      ['208', [2]],
    ]);
  });
});
