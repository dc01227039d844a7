/**
 * Lookups by code in another table's index, made in that table's order. Two tables of one workbook
 * list their codes in nearly the same order, so the entry after the last one found is nearly always
 * the one asked for: compared first, it spares a hash lookup by a code's text, which on tables of
 * 27,000 codes was most of a cross-table tie's time. Any code the order misses is looked up.
 */
export class OrderedLookup<V> {
  private readonly keys: string[];
  private readonly values: V[];
  private next = 0;

  constructor(private readonly index: ReadonlyMap<string, V>) {
    this.keys = [...index.keys()];
    this.values = [...index.values()];
  }

  get(key: string): V | undefined {
    const { keys, next } = this;
    // The next entry, or the one after it (a code the other table lacks in between).
    for (let k = next; k < next + 2 && k < keys.length; k++) {
      if (keys[k] === key) {
        this.next = k + 1;
        return this.values[k];
      }
    }
    return this.index.get(key);
  }
}
