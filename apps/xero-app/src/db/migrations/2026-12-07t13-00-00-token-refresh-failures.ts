import type { Kysely } from 'kysely';

// Frozen in time: imports nothing from the app.
export async function up(db: Kysely<unknown>): Promise<void> {
  // Refreshes that failed without a refusal (Xero's identity server down, a time-out) in a row, and the
  // last one's error: the "token refresh failing" alert fires on them before the authorisation ends.
  await db.schema
    .alterTable('xero_token_sets')
    .addColumn('refresh_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('refresh_failed_at', 'timestamptz')
    .addColumn('refresh_error', 'text')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('xero_token_sets')
    .dropColumn('refresh_failures')
    .dropColumn('refresh_failed_at')
    .dropColumn('refresh_error')
    .execute();
}
