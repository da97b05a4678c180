import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../db/schema.ts';

/**
 * Deletes stored deliveries past the retention period. The timeline, order syncs and Xero operations
 * (what the console shows) live in their own tables and stay. A Xero event goes once it was handled
 * (processed or ignored); an OrderCloud delivery goes by age alone, because its job carries the event
 * and the queue gives up on a job within hours (dead letters keep their own copy), and OrderCloud
 * re-delivers within hours, so the row is no longer needed to recognise a duplicate.
 */
export async function purgeExpiredDeliveries(
  db: Kysely<DatabaseSchema>,
  input: { retentionDays: number; now?: Date },
): Promise<number> {
  const cutoff = new Date((input.now ?? new Date()).getTime() - input.retentionDays * 86_400_000);
  const result = await db
    .deleteFrom('inbound_events')
    .where('received_at', '<', cutoff)
    .where((eb) => eb.or([eb('source', '=', 'ordercloud'), eb('status', 'in', ['processed', 'ignored'])]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
