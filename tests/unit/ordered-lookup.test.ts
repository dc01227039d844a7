import { describe, expect, it } from 'vitest';
import { OrderedLookup } from '../../src/core/rules/ordered-lookup.js';

describe('lookups by code in another table’s order', () => {
  const index = new Map(['201', '20101', '2010101', '2010102', '205', '20502'].map((code, i) => [code, i]));

  it('answers as the index does, asked in its order, with codes missing on either side, and out of order', () => {
    const asked = ['201', '20101', '2010101', '2019999', '2010102', '20502', '205', '201', '21001', '20502'];
    const lookup = new OrderedLookup(index);
    expect(asked.map((code) => lookup.get(code))).toEqual(asked.map((code) => index.get(code)));
  });

  it('finds nothing in an empty index', () => {
    expect(new OrderedLookup(new Map<string, number>()).get('201')).toBeUndefined();
  });
});
