import type { Kysely } from 'kysely';

// Frozen in time: imports nothing from the app.
// The day forecast the flusher paces by, kept per tenant for the dashboard (docs/decisions/0032).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('rate_budgets').addColumn('forecast', 'jsonb').execute();
  await db.schema.alterTable('rate_budgets').addColumn('forecast_at', 'timestamptz').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('rate_budgets').dropColumn('forecast').dropColumn('forecast_at').execute();
}
