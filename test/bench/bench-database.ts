import { randomBytes } from 'node:crypto';
import pg from 'pg';

const adminUrl = 'postgres://postgres@127.0.0.1:5432/postgres';

/** A throwaway database on the local PostgreSQL for one benchmark phase. */
export async function withBenchDatabase<T>(run: (url: string) => Promise<T>): Promise<T> {
  const name = `lb_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  try {
    return await run(url.toString());
  } finally {
    const cleanup = new pg.Client({ connectionString: adminUrl });
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await cleanup.end();
  }
}
