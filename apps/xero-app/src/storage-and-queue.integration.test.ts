import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { migrateToLatest } from './db/migrate.ts';
import { createJobQueue, type JobQueue } from './queue/job-queue.ts';
import { createTestDatabase, type TestDatabase, testBackends } from './testing/test-databases.ts';

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.each(testBackends)('storage and queue on %s', (backend) => {
  let database: TestDatabase;
  let queue: JobQueue;

  beforeAll(async () => {
    database = await createTestDatabase(backend, inject('postgresUrl'));
    await migrateToLatest(database.handle.db);
    queue = createJobQueue(database.handle.queueConnection, { pollingIntervalSeconds: 0.5 });
    await queue.start();
  });

  afterAll(async () => {
    await queue?.stop(2_000);
    await database?.drop();
  });

  it('applies migrations once: a second run is a no-op', async () => {
    const again = await migrateToLatest(database.handle.db);
    expect(again.results).toEqual([]);
    const tables = await sql<{ table_name: string }>`
      select table_name from information_schema.tables where table_schema = 'public' order by table_name`.execute(
      database.handle.db,
    );
    expect(tables.rows.map((r) => r.table_name)).toEqual(
      expect.arrayContaining(['environments', 'inbound_events', 'links', 'timeline', 'workspaces']),
    );
  });

  it('never works a job enqueued in a transaction that rolls back, and works a committed one', async () => {
    await queue.define('tx-probe', { retryLimit: 0, retryDelaySeconds: 1, retryDelayMaxSeconds: 1 });
    const seen: string[] = [];
    await queue.work<{ tag: string }>('tx-probe', async (job) => {
      seen.push(job.data.tag);
    });
    await expect(
      database.handle.db.transaction().execute(async (trx) => {
        await queue.enqueue({ trx, queue: 'tx-probe', data: { tag: 'rolled-back' } });
        await trx.insertInto('workspaces').values({ name: 'doomed' }).execute();
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    await database.handle.db.transaction().execute(async (trx) => {
      await trx.insertInto('workspaces').values({ name: 'kept' }).execute();
      await queue.enqueue({ trx, queue: 'tx-probe', data: { tag: 'committed' } });
    });
    await waitFor(async () => (seen.includes('committed') ? true : undefined), 10_000);
    // Give a rolled-back job every chance to surface before asserting it never does.
    await new Promise((r) => setTimeout(r, 1_500));
    expect(seen).toEqual(['committed']);
    const names = await database.handle.db.selectFrom('workspaces').select('name').execute();
    expect(names.map((n) => n.name)).toEqual(['kept']);
  });

  it('retries a throwing job with growing delays, then dead-letters it with its error', async () => {
    await queue.define('flaky', { retryLimit: 3, retryDelaySeconds: 1, retryDelayMaxSeconds: 60 });
    const attempts: number[] = [];
    await queue.work<{ orderId: string }>('flaky', async (job) => {
      attempts.push(Date.now());
      throw new Error(`Xero answered 503 for ${job.data.orderId}`);
    });
    const id = await queue.enqueue({ queue: 'flaky', data: { orderId: 'o-42' } });
    const dead = await waitFor(async () => {
      const letters = await queue.deadLetters('flaky');
      return letters.find((l) => l.sourceJobId === id);
    }, 30_000);
    expect(attempts).toHaveLength(4);
    const gaps = attempts.slice(1).map((t, i) => t - (attempts[i] ?? 0));
    // Backoff doubles per retry (with jitter): ~1–2 s, ~2–4 s, ~4–8 s.
    expect(gaps[0]).toBeGreaterThanOrEqual(900);
    expect(gaps[2]).toBeGreaterThan(gaps[0] ?? 0);
    expect(dead.data).toEqual({ orderId: 'o-42' });
    expect(dead.retries).toBe(3);
    expect(JSON.stringify(dead.error)).toContain('Xero answered 503 for o-42');
  });

  it('works again a job whose worker died, once its heartbeat lapses, without waiting out a minute', async () => {
    // A queue of its own (own schema), started now: pg-boss's default would first look for lapsed
    // heartbeats a full minute after this start, past the wait below.
    const own = createJobQueue(database.handle.queueConnection, {
      schema: 'pgboss_dead_worker',
      pollingIntervalSeconds: 0.5,
    });
    await own.start();
    try {
      await own.define(
        'orphan',
        { retryLimit: 2, retryDelaySeconds: 1, retryDelayMaxSeconds: 1 },
        { heartbeatSeconds: 10 },
      );
      const id = await own.enqueue({ queue: 'orphan', data: { orderId: 'o-7' } });
      // What a SIGKILLed worker leaves: the job active, its heartbeat no longer beating.
      await sql`update pgboss_dead_worker.job set state = 'active', started_on = now() - interval '1 minute',
        heartbeat_on = now() - interval '1 minute' where id = ${id}`.execute(database.handle.db);
      const worked: string[] = [];
      await own.work<{ orderId: string }>('orphan', async (job) => {
        worked.push(job.data.orderId);
      });
      await waitFor(async () => (worked.length > 0 ? true : undefined), 30_000);
      expect(worked).toEqual(['o-7']);
    } finally {
      await own.stop(2_000);
    }
  }, 60_000);

  it('drains a backlog without sleeping out the poll between jobs', async () => {
    await queue.define('drain', { retryLimit: 0, retryDelaySeconds: 1, retryDelayMaxSeconds: 1 });
    for (let i = 0; i < 5; i += 1) await queue.enqueue({ queue: 'drain', data: { n: i } });
    const done: number[] = [];
    // A minute between polls: the five jobs are done within the test only if a worker that has just
    // finished one fetches the next at once.
    await queue.work<{ n: number }>(
      'drain',
      async (job) => {
        done.push(job.data.n);
      },
      { pollingIntervalSeconds: 60 },
    );
    await waitFor(async () => (done.length === 5 ? true : undefined), 15_000);
    expect([...done].sort()).toEqual([0, 1, 2, 3, 4]);
  });
});
