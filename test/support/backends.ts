export { type TestBackend, testBackends };

/**
 * Where a stack keeps its data: a fresh database on the PostgreSQL server, or the embedded PGlite the
 * stack opens itself (as `pnpm start` does without DATABASE_URL). `url` is empty for PGlite, which is
 * what `startStack({ databaseUrl })` reads as "embedded".
 */
export type StackDatabase = { readonly backend: TestBackend; readonly url: string; drop(): Promise<void> };

export async function createStackDatabase(backend: TestBackend, runUrl: string): Promise<StackDatabase> {
  if (backend === 'pglite') return { backend, url: '', drop: async () => {} };
  const database = await createTestDatabase('postgres', runUrl);
  return { backend, url: database.url ?? '', drop: () => database.drop() };
}
import { type TestBackend, createTestDatabase, testBackends } from '@ledgerbridge/xero-app/testing';
