import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from './database.ts';
import { migrateToLatest } from './migrate.ts';

// The embedded database has one session: a statement sent through the handle from inside a
// transaction callback used to wait for itself forever. It must fail at once, naming the mistake.
describe('PGlite session re-entrancy', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openDatabase({ dataDir: 'memory://' });
    await migrateToLatest(handle.db);
  });
  afterAll(async () => handle?.close());

  it('refuses a query through the handle inside a transaction, at once', async () => {
    const { db } = handle;
    const started = Date.now();
    await expect(
      db.transaction().execute(async (trx) => {
        await sql`select 1`.execute(trx);
        await sql`select 2`.execute(db);
      }),
    ).rejects.toThrow(/inside db\.transaction\(\).*trx/);
    expect(Date.now() - started).toBeLessThan(10_000);
    // The transaction rolled back and released the session: the handle works again.
    await expect(sql<{ one: number }>`select 1 as one`.execute(db)).resolves.toMatchObject({
      rows: [{ one: 1 }],
    });
  });

  it('refuses a transaction opened inside a transaction', async () => {
    const { db } = handle;
    await expect(
      db
        .transaction()
        .execute(async () => db.transaction().execute(async (inner) => sql`select 1`.execute(inner))),
    ).rejects.toThrow(/trx/);
  });

  it('refuses a queue statement from inside a transaction', async () => {
    if (handle.queueConnection.backend !== 'pglite')
      throw new Error('expected the embedded queue connection');
    const queueDb = handle.queueConnection.db;
    await expect(
      handle.db.transaction().execute(async () => queueDb.executeSql('select 1', [])),
    ).rejects.toThrow(/queue \(pg-boss\) statement/);
  });

  it('lets independent work wait its turn instead of failing', async () => {
    const { db } = handle;
    let inside = false;
    const holder = db.transaction().execute(async (trx) => {
      inside = true;
      await new Promise((r) => setTimeout(r, 50));
      await sql`select 1`.execute(trx);
      inside = false;
    });
    await new Promise((r) => setTimeout(r, 5));
    expect(inside).toBe(true);
    const other = await sql<{ n: number }>`select 3 as n`.execute(db);
    expect(inside).toBe(false);
    expect(other.rows[0]?.n).toBe(3);
    await holder;
  });
});
