import {
  createRateBudget,
  type Db,
  migrateToLatest,
  type RateLimits,
  xeroLimits,
} from '@ledgerbridge/xero-app';
import { createTestDatabase, type TestDatabase, testBackends } from '@ledgerbridge/xero-app/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

// Worker processes take the app's minute in blocks (docs/decisions/0115): a block's calls are spent
// without the app-wide lock, counted whole until it closes. Each budget below is one process; they share
// the database and a clock the test moves. A 60 s minute: a block lasts 1 s.
describe.each(testBackends)("blocks of the app's minute (%s)", (backend) => {
  let database: TestDatabase;
  let db: Db;

  beforeAll(async () => {
    database = await createTestDatabase(backend, inject('postgresUrl'));
    db = database.handle.db;
    await migrateToLatest(db);
  });
  afterAll(async () => {
    await database?.drop();
  });

  const emptyMinute = async () => {
    await db.deleteFrom('xero_app_calls').execute();
    await db.deleteFrom('xero_app_turns').execute();
    await db.deleteFrom('xero_app_blocks').execute();
  };
  const start = new Date('2026-12-08T10:00:00.000Z').getTime();
  // Waits are handed back, never slept through.
  const limits = (over: Partial<RateLimits>): RateLimits => ({ ...xeroLimits(5000), maxWaitMs: 0, ...over });
  const worker = (clock: { ms: number }, over: Partial<RateLimits>) => {
    const budget = createRateBudget({ db, limits: async () => limits(over), now: () => new Date(clock.ms) });
    const call = async (tenantId: string) => {
      const lease = await budget.acquire({ tenantId });
      if (lease.ok) await budget.release({ tenantId, leaseId: lease.value.leaseId, meta: null });
      return lease;
    };
    return { budget, call };
  };
  /** Calls another process made 30 s ago: in the window, not in its latest tenth (the spread). */
  const earlierCalls = async (calls: number) => {
    await sql`insert into xero_app_calls (bucket, calls) values (${new Date(start - 30_000)}, ${calls})
      on conflict (bucket) do update set calls = xero_app_calls.calls + excluded.calls`.execute(db);
  };
  const appCalls = async () => {
    const rows = await db.selectFrom('xero_app_calls').select('calls').execute();
    return rows.reduce((sum, r) => sum + r.calls, 0);
  };
  const spentFromBlocks = async (prefix: string) => {
    const row = await db
      .selectFrom('rate_calls')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('tenant_id', 'like', `${prefix}%`)
      .where('app_block', 'is not', null)
      .executeTakeFirstOrThrow();
    return row.n;
  };

  it('never lets two processes spending blocks exceed the app limit in any minute', async () => {
    await emptyMinute();
    const clock = { ms: start };
    const over = { appPerMinute: 40, appBlockCalls: 4 };
    const processes = [worker(clock, over), worker(clock, over)];
    // Eight tenants asking again and again, far more than 40 a minute, from either process.
    let n = 0;
    for (let step = 0; step < 160; step += 1) {
      for (const p of processes) {
        await p.call(`cap-${n % 8}`);
        n += 1;
      }
      clock.ms += 750;
    }
    const calls = await db
      .selectFrom('rate_calls')
      .select('at')
      .where('tenant_id', 'like', 'cap-%')
      .orderBy('at')
      .execute();
    const times = calls.map((c) => new Date(c.at).getTime());
    let first = 0;
    for (const [last, t] of times.entries()) {
      while ((times[first] ?? 0) <= t - 60_000) first += 1;
      expect(last - first + 1).toBeLessThanOrEqual(40);
    }
    // The minute was used (120 s: more than one minute's worth), and blocks spent part of it.
    expect(times.length).toBeGreaterThan(40);
    expect(await spentFromBlocks('cap-')).toBeGreaterThan(0);
  }, 120_000);

  it("gives back a killed process's unspent calls once its block is over, and keeps its spent ones", async () => {
    await emptyMinute();
    const clock = { ms: start };
    // 100 a minute, blocks of 5; 88 calls already in the window.
    const over = { appPerMinute: 100, appBlockCalls: 5 };
    await earlierCalls(88);
    const killed = worker(clock, over);
    expect((await killed.call('kill-a1')).ok).toBe(true); // under the lock, taking a block of 5
    expect((await killed.call('kill-a2')).ok).toBe(true); // spent from the block
    expect(await spentFromBlocks('kill-a')).toBe(1);
    // The process is killed here: its block is never given back.
    const other = worker(clock, over);
    // 88 + a1 + a's block (5) + b1 + b's block (5) is the whole minute.
    for (let i = 1; i <= 6; i += 1) expect((await other.call(`kill-b${i}`)).ok).toBe(true);
    const refused = await other.call('kill-b7');
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toMatch(/app minute/);
    // Two lives of a block later the killed block is closed: its one spent call stays counted, its four
    // unspent ones are back, and the tenant waiting first is admitted.
    clock.ms += 2_100;
    expect((await other.call('kill-b7')).ok).toBe(true);
    expect(await appCalls()).toBe(88 + 1 + 1 + 1 + 5 + 1);
    const open = await db.selectFrom('xero_app_blocks').select('expires_at').execute();
    expect(open.every((b) => new Date(b.expires_at).getTime() > clock.ms)).toBe(true);
  });

  it('does not let a tenant that just came take a block call from a tenant waiting in line', async () => {
    await emptyMinute();
    const clock = { ms: start };
    const over = { appPerMinute: 100, appBlockCalls: 5 };
    await earlierCalls(88);
    const a = worker(clock, over);
    const b = worker(clock, over);
    expect((await a.call('line-a1')).ok).toBe(true); // a holds a block of 5, 4 unspent
    await earlierCalls(6); // the rest of the minute, spent elsewhere
    expect((await b.call('line-w')).ok).toBe(false); // w waits in line
    // A new tenant at a, whose block has room, still waits behind w.
    expect((await a.call('line-n')).ok).toBe(false);
    const line = await db.selectFrom('xero_app_turns').select('tenant_id').orderBy('ticket').execute();
    expect(line.map((r) => r.tenant_id)).toEqual(['line-w', 'line-n']);
    // w's flush comes to a: served from the block, then n.
    expect((await a.call('line-n')).ok).toBe(false);
    expect((await a.call('line-w')).ok).toBe(true);
    expect((await a.call('line-n')).ok).toBe(true);
    expect(await spentFromBlocks('line-')).toBe(2);
    expect(await db.selectFrom('xero_app_turns').select('tenant_id').execute()).toEqual([]);
  });

  it("keeps each tenant's calls in flight, minute and day exact when its calls are spent from a block", async () => {
    await emptyMinute();
    const clock = { ms: start };
    const base = limits({ perMinute: 7, appBlockCalls: 50 });
    const budget = createRateBudget({
      db,
      limits: async (tenantId) => (tenantId === 'own-day' ? { ...base, perDay: 3 } : base),
      now: () => new Date(clock.ms),
    });
    // Five in flight at once, not a sixth.
    const leases = [];
    for (let i = 0; i < 5; i += 1) {
      const lease = await budget.acquire({ tenantId: 'own-x' });
      if (!lease.ok) throw new Error(lease.error.message);
      leases.push(lease.value.leaseId);
    }
    const sixth = await budget.acquire({ tenantId: 'own-x' });
    expect(sixth.ok).toBe(false);
    if (!sixth.ok) expect(sixth.error.message).toMatch(/in flight/);
    for (const leaseId of leases) await budget.release({ tenantId: 'own-x', leaseId, meta: null });
    // Seven a minute: two more, not an eighth.
    for (let i = 0; i < 2; i += 1) {
      const lease = await budget.acquire({ tenantId: 'own-x' });
      if (!lease.ok) throw new Error(lease.error.message);
      await budget.release({ tenantId: 'own-x', leaseId: lease.value.leaseId, meta: null });
    }
    const eighth = await budget.acquire({ tenantId: 'own-x' });
    expect(eighth.ok).toBe(false);
    if (!eighth.ok) expect(eighth.error.message).toMatch(/minute limit/);
    // Three a day: not a fourth.
    for (let i = 0; i < 3; i += 1) {
      const lease = await budget.acquire({ tenantId: 'own-day' });
      if (!lease.ok) throw new Error(lease.error.message);
      await budget.release({ tenantId: 'own-day', leaseId: lease.value.leaseId, meta: null });
    }
    const fourth = await budget.acquire({ tenantId: 'own-day' });
    expect(fourth.ok).toBe(false);
    if (!fourth.ok) expect(fourth.error.message).toMatch(/daily limit/);
    // Each call counted once: the tenant's own and, from the block, none twice.
    const own = await db
      .selectFrom('rate_calls')
      .select(['tenant_id', sql<number>`count(*)::int`.as('n')])
      .where('tenant_id', 'in', ['own-x', 'own-day'])
      .groupBy('tenant_id')
      .orderBy('tenant_id')
      .execute();
    expect(own).toEqual([
      { tenant_id: 'own-day', n: 3 },
      { tenant_id: 'own-x', n: 7 },
    ]);
    // The first call under the lock took the block; the other nine were spent from it.
    expect(await spentFromBlocks('own-')).toBe(9);
    await budget.returnBlock();
    // Given back: the ten calls made are counted, the block's unspent forty-one are not.
    expect(await appCalls()).toBe(10);
    expect(await db.selectFrom('xero_app_blocks').select('id').execute()).toEqual([]);
  });
});
