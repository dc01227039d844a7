/** Lists kept by key (tables by id, rows by code, names by length): one way to add to them. */

/** Appends `value` to the list `map` keeps under `key`, starting the list when there is none. */
export function addTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
