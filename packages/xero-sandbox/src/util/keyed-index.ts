// An index over a collection of records kept in a Map by ID, by a key such as an invoice's number or a
// contact's name, so that a lookup does not read every record an organisation holds (the 100,000-order
// memory run made each new invoice and contact cost all the others). Built on first use from the records
// present, then told of each record saved; an entry whose record has since changed its key is skipped
// when read. A record whose key changes must be told again (`saved`).
type Collection<R> = ReadonlyMap<string, R>;

export type KeyedIndex<R> = {
  /** Call after a record is saved into (or changed within) `records`. */
  saved(records: Collection<R>, record: R): void;
  /** The records with this key now, in the order they first had it. */
  find(records: Collection<R>, key: string): R[];
};

export function keyedIndex<R>(
  keyOf: (record: R) => string | undefined,
  idOf: (record: R) => string,
): KeyedIndex<R> {
  const indexes = new WeakMap<Collection<R>, Map<string, Set<string>>>();
  const add = (index: Map<string, Set<string>>, record: R) => {
    const key = keyOf(record);
    if (key === undefined) return;
    const ids = index.get(key) ?? new Set<string>();
    ids.add(idOf(record));
    index.set(key, ids);
  };
  const indexOf = (records: Collection<R>) => {
    let index = indexes.get(records);
    if (!index) {
      index = new Map();
      for (const record of records.values()) add(index, record);
      indexes.set(records, index);
    }
    return index;
  };
  return {
    saved: (records, record) => add(indexOf(records), record),
    find(records, key) {
      const ids = indexOf(records).get(key);
      if (!ids) return [];
      const found: R[] = [];
      for (const id of ids) {
        const record = records.get(id);
        if (record !== undefined && keyOf(record) === key) found.push(record);
      }
      return found;
    },
  };
}
