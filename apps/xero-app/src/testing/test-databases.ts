import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type DatabaseHandle, openDatabase } from '../db/database.ts';

export type TestBackend = 'postgres' | 'pglite';
export const testBackends: readonly TestBackend[] = ['postgres', 'pglite'];

export type TestDatabase = { readonly handle: DatabaseHandle; readonly url?: string; drop(): Promise<void> };

/**
 * A fresh database for one suite: a new database on the real server (beside the run's throwaway one),
 * or an in-memory PGlite. `runUrl` is the per-run database the global setup created.
 */
export async function createTestDatabase(backend: TestBackend, runUrl: string): Promise<TestDatabase> {
  if (backend === 'pglite') {
    const handle = await openDatabase({ dataDir: 'memory://' });
    return { handle, drop: () => handle.close() };
  }
  const name = `lb_suite_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: runUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(runUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString(), dataDir: '' });
  return {
    handle,
    url: url.toString(),
    drop: async () => {
      await handle.close();
      const client = new pg.Client({ connectionString: runUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
