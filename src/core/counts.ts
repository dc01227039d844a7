/** Counting what was written: the value most often given, for a code's name or a budget year. */

/** The value given most often; of equals, the one given first. Undefined for none. */
export function mostCommon<T>(items: readonly T[]): T | undefined {
  const first = items[0];
  // Nearly always every item agrees (a code named alike in every table): no counting then.
  if (items.every((x) => x === first)) return first;
  const counts = new Map<T, number>();
  for (const x of items) counts.set(x, (counts.get(x) ?? 0) + 1);
  let best = first as T;
  for (const [x, n] of counts) if (n > counts.get(best)!) best = x;
  return best;
}
