import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { openDatabase } from './database.ts';

// PostgreSQL only: a server refusing connections is a server's behaviour (embedded PGlite has one
// in-process session and nothing to refuse). The refusal is made real with a role allowed two
// connections (superusers are exempt from limits), so the shared test server is never filled up.
describe('a PostgreSQL server refusing new connections for a moment', () => {
  it('makes a query wait for a connection instead of failing the request', async () => {
    const runUrl = inject('postgresUrl');
    const role = `lb_patient_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: runUrl });
    await admin.connect();
    await admin.query(`create role ${role} login connection limit 2`);
    const url = new URL(runUrl);
    url.username = role;
    const handle = await openDatabase({ url: url.toString(), dataDir: '' });
    try {
      // Both of the role's connections held by transactions still working.
      let release: () => void = () => {};
      const held = new Promise<void>((r) => {
        release = r;
      });
      let inside = 0;
      const holders = [0, 1].map(() =>
        handle.db.transaction().execute(async (trx) => {
          await sql`select 1`.execute(trx);
          inside += 1;
          await held;
        }),
      );
      while (inside < 2) await new Promise((r) => setTimeout(r, 10));
      // A third query needs a new connection: the server refuses it (53300) until one is given back.
      const third = sql<{ n: number }>`select 42 as n`.execute(handle.db);
      setTimeout(release, 300);
      expect((await third).rows[0]?.n).toBe(42);
      await Promise.all(holders);
    } finally {
      await handle.close();
      await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where usename = $1`, [role]);
      await admin.query(`drop role ${role}`);
      await admin.end();
    }
  });
});
