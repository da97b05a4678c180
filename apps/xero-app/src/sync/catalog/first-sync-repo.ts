import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { FirstSyncStore } from './first-sync.ts';

/** The first-sync check's records (catalog_first_syncs) and what it reads of the app's own items. */
export function createFirstSyncStore(db: Db): FirstSyncStore {
  return {
    async seenBefore(connectionId) {
      const op = await db
        .selectFrom('xero_operations')
        .select('id')
        .where('source_connection_id', '=', connectionId)
        .where('kind', '=', 'item-upsert')
        .limit(1)
        .executeTakeFirst();
      if (op) return true;
      const review = await db
        .selectFrom('catalog_reviews')
        .select('id')
        .where('connection_id', '=', connectionId)
        .limit(1)
        .executeTakeFirst();
      return review !== undefined;
    },
    async state(connectionId) {
      const row = await db
        .selectFrom('catalog_first_syncs')
        .select('state')
        .where('connection_id', '=', connectionId)
        .executeTakeFirst();
      return row?.state;
    },
    async claim(connectionId, staleMs) {
      // One statement: a new claim, or a stale one taken over; a settled row is never claimed again.
      const claimed = await db
        .insertInto('catalog_first_syncs')
        .values({ connection_id: connectionId, state: 'checking' })
        .onConflict((oc) =>
          oc
            .column('connection_id')
            .doUpdateSet({ state: 'checking', updated_at: sql`now()` })
            .where('catalog_first_syncs.state', '=', 'checking')
            .where(
              'catalog_first_syncs.updated_at',
              '<',
              sql<Date>`now() - make_interval(secs => ${staleMs / 1000})`,
            ),
        )
        .returning('connection_id')
        .executeTakeFirst();
      return claimed !== undefined;
    },
    async settle(connectionId, outcome) {
      await db
        .updateTable('catalog_first_syncs')
        .set({
          state: outcome.state,
          foreign_items: outcome.foreignItems,
          review_id: outcome.reviewId ?? null,
          updated_at: sql`now()`,
        })
        .where('connection_id', '=', connectionId)
        .execute();
    },
    async release(connectionId) {
      await db
        .deleteFrom('catalog_first_syncs')
        .where('connection_id', '=', connectionId)
        .where('state', '=', 'checking')
        .execute();
    },
    async codesMadeByApp(tenantId, codes) {
      if (codes.length === 0) return new Set();
      const rows = await db
        .selectFrom('xero_operations')
        .select(sql<string>`lower(payload->>'code')`.as('code'))
        .where('tenant_id', '=', tenantId)
        .where('kind', 'in', ['item', 'item-upsert'])
        .where(
          sql<string>`lower(payload->>'code')`,
          'in',
          codes.map((c) => c.toLowerCase()),
        )
        .execute();
      return new Set(rows.map((r) => r.code));
    },
  };
}
