import type { Kysely } from 'kysely';

// Frozen in time: imports nothing from the app.
// Mapping versions learn who saved them, from which environment, and which version they were edited from.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('mapping_versions')
    .addColumn('author', 'text', (c) => c.notNull().defaultTo('system'))
    .addColumn('environment', 'text')
    .addColumn('parent_id', 'uuid')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('mapping_versions')
    .dropColumn('author')
    .dropColumn('environment')
    .dropColumn('parent_id')
    .execute();
}
