import { LRUCache } from 'lru-cache';
import { isUuid } from '../connections/uuid.ts';

/**
 * The hash key of a connection for the intake: known keys cached briefly (they change only on
 * repair), unknown IDs cached as unknown for a while (a flood of deliveries to made-up IDs costs no
 * query), IDs that are not UUIDs refused without a lookup.
 */
export function createHashKeyLookup(input: {
  load: (connectionId: string) => Promise<string | undefined>;
  knownTtlMs?: number;
  unknownTtlMs?: number;
  max?: number;
}): (connectionId: string) => Promise<string | undefined> {
  const known = new LRUCache<string, string>({
    max: input.max ?? 1000,
    ttl: input.knownTtlMs ?? 10_000,
    fetchMethod: async (connectionId) => input.load(connectionId),
  });
  const unknown = new LRUCache<string, true>({ max: 10_000, ttl: input.unknownTtlMs ?? 30_000 });
  return async (connectionId) => {
    if (!isUuid(connectionId) || unknown.has(connectionId)) return undefined;
    const key = await known.fetch(connectionId);
    if (key === undefined) unknown.set(connectionId, true);
    return key;
  };
}
