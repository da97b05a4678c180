import type { Kysely } from 'kysely';

// Frozen in time: imports nothing from the app.
// A mapping version saved from the designer records the environment's routing rules saved with it (0052).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('mapping_versions').addColumn('routing', 'jsonb').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('mapping_versions').dropColumn('routing').execute();
}
