import { sql } from 'kysely';
import { migrateToLatest } from '../db/migrate.ts';
import { createTestDatabase, type TestBackend, type TestDatabase } from './test-databases.ts';

/** A fresh, migrated database holding one workspace: what a repository's integration test starts from. */
export async function openWorkspaceDatabase(
  backend: TestBackend,
  runUrl: string,
): Promise<{ database: TestDatabase; workspaceId: string }> {
  const database = await createTestDatabase(backend, runUrl);
  await migrateToLatest(database.handle.db);
  const ws = await sql<{ id: string }>`insert into workspaces (name) values ('w') returning id`.execute(
    database.handle.db,
  );
  return { database, workspaceId: ws.rows[0]?.id ?? '' };
}
