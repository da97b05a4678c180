import { sql } from 'kysely';
import { type Db, ensureOperation, type FlushDeps, flushTenant } from '@ledgerbridge/xero-app';
import { testBackends } from '@ledgerbridge/xero-app/testing';
import { SEEDED_TENANT_IDS, type XeroSandbox } from '@ledgerbridge/xero-sandbox';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type FlushHarness, openFlushHarness } from '../support/flush-harness.ts';

// A paced day (decision 0032): what follows the invoice waits longer than the invoice's path, the flush
// comes back when the first held batch is due, and a contact goes with the invoice batch it is for.
describe.each(testBackends)('a flush on a paced day (%s)', (backend) => {
  let harness: FlushHarness;
  let sandbox: XeroSandbox;
  let db: Db;
  let deps: FlushDeps;
  const pace = { fillWaitMs: 60_000, followOnWaitMs: 600_000 };

  beforeAll(async () => {
    harness = await openFlushHarness({
      backend,
      runUrl: inject('postgresUrl'),
      // One organisation per test: each test's held operations are its own.
      tenants: [SEEDED_TENANT_IDS.au, SEEDED_TENANT_IDS.nz, SEEDED_TENANT_IDS.uk, SEEDED_TENANT_IDS.us],
      deps: { paceFillWaitMs: async () => pace },
    });
    ({ sandbox, db, deps } = harness);
  });
  afterAll(async () => {
    await harness?.close();
  });

  /** An operation planned `ageMs` ago (its payload is never sent unless a test says so). */
  const plan = async (
    tenantId: string,
    input: { kind: 'invoice' | 'payment' | 'contact'; key: string; ageMs: number; payload?: object },
    dependsOn: string | null = null,
  ) => {
    const ctx = harness.contextOf(tenantId);
    const op = await ensureOperation(db, {
      workspaceId: ctx.workspaceId,
      tenantId,
      connectionId: ctx.connectionId,
      orderId: input.key,
      kind: input.kind,
      key: `${tenantId}:${input.kind}:${input.key}`,
      payload: input.payload ?? {},
      dependsOn,
    });
    // Planned `ageMs` ago: created_at is the database's own column, written once at insert.
    const at = new Date(Date.now() - input.ageMs).toISOString();
    await sql`update xero_operations set created_at = ${at}::timestamptz where id = ${op.id}`.execute(db);
    return op.id;
  };
  const statusOf = async (id: string) =>
    (await db.selectFrom('xero_operations').select('status').where('id', '=', id).executeTakeFirstOrThrow())
      .status;
  const contactWrites = async (tenantId: string) =>
    (await sandbox.admin.requests({ tenantId, kind: 'accounting' })).filter(
      (r) => r.method === 'POST' && r.path.endsWith('/Contacts'),
    ).length;

  it('holds payments while they keep arriving, past the invoice path’s wait, and comes back within it', async () => {
    const tenantId = SEEDED_TENANT_IDS.au;
    // The ready one is two minutes old (an invoice would have gone a minute ago); another was planned
    // 10 s ago and waits on its invoice: payments are still arriving.
    const oldest = await plan(tenantId, { kind: 'payment', key: 'paid-1', ageMs: 120_000 });
    const invoice = await plan(tenantId, { kind: 'invoice', key: 'unpaid-2', ageMs: 10_000 });
    await plan(tenantId, { kind: 'payment', key: 'paid-2', ageMs: 10_000 }, invoice);
    const outcome = await flushTenant(deps, { tenantId });
    expect(outcome.calls).toBe(0);
    expect(await statusOf(oldest)).toBe('ready');
    // Not in eight minutes: one flush per organisation is queued, and orders placed meanwhile need it.
    expect(outcome.again?.afterMs).toBeGreaterThan(0);
    expect(outcome.again?.afterMs).toBeLessThanOrEqual(pace.fillWaitMs);
  });

  it('comes back when the first held batch is due, not the last one it asked about', async () => {
    const tenantId = SEEDED_TENANT_IDS.nz;
    // The invoice is due in about 10 s; the payments (asked after it) in about 55 s.
    await plan(tenantId, { kind: 'invoice', key: 'soon-1', ageMs: 50_000 });
    await plan(tenantId, { kind: 'payment', key: 'later-1', ageMs: 120_000 });
    await plan(tenantId, { kind: 'payment', key: 'later-2', ageMs: 5_000 });
    const outcome = await flushTenant(deps, { tenantId });
    expect(outcome.calls).toBe(0);
    expect(outcome.again?.afterMs).toBeGreaterThan(0);
    expect(outcome.again?.afterMs).toBeLessThanOrEqual(10_000);
  });

  const contactPayload = (id: string) => ({
    customer: { id, kind: 'guest', firstName: 'Pace', lastName: id, attributes: {} },
    asCompany: false,
    guestName: 'Guest',
    contactNumber: `pace-${id}`,
  });

  it('asks the pace again at each pass: orders arriving during a long flush are held once the day is paced', async () => {
    const tenantId = SEEDED_TENANT_IDS.us;
    const first = await plan(tenantId, {
      kind: 'contact',
      key: 'first-pass',
      ageMs: 1_000,
      payload: contactPayload('first-pass'),
    });
    let asked = 0;
    let arrived = '';
    const outcome = await flushTenant(
      {
        ...deps,
        // The flush starts on a quiet day; while it sends, a busy morning's orders arrive.
        paceFillWaitMs: async () => {
          asked += 1;
          if (asked === 1) return { fillWaitMs: 0, followOnWaitMs: 0 };
          arrived ||= await plan(tenantId, {
            kind: 'contact',
            key: 'second-pass',
            ageMs: 1_000,
            payload: contactPayload('second-pass'),
          });
          return pace;
        },
      },
      { tenantId },
    );
    expect(asked).toBeGreaterThan(1);
    expect(outcome.calls).toBe(1);
    expect(await statusOf(first)).toBe('done');
    expect(await statusOf(arrived)).toBe('ready');
    expect(outcome.again?.afterMs).toBeGreaterThan(50_000);
  });

  it('sends a young contact with the invoice batch that is due, and holds it when none is', async () => {
    const tenantId = SEEDED_TENANT_IDS.uk;
    // Alone, a contact ten seconds old waits for its minute.
    const held = await plan(tenantId, {
      kind: 'contact',
      key: 'held',
      ageMs: 10_000,
      payload: contactPayload('held'),
    });
    const quiet = await flushTenant(deps, { tenantId });
    expect(quiet.calls).toBe(0);
    expect(await statusOf(held)).toBe('ready');
    expect(await contactWrites(tenantId)).toBe(0);

    // An invoice a minute and more old is due (it waits on another new contact): the contacts go now,
    // so that invoice and theirs join this cycle's batch instead of the next one. One turn: the contacts.
    const young = await plan(tenantId, {
      kind: 'contact',
      key: 'young',
      ageMs: 5_000,
      payload: contactPayload('young'),
    });
    await plan(tenantId, { kind: 'invoice', key: 'due', ageMs: 70_000 }, young);
    const turn = await flushTenant({ ...deps, othersWaiting: async () => true }, { tenantId });
    expect(turn.calls).toBe(1);
    expect(await contactWrites(tenantId)).toBe(1);
    expect(await statusOf(held)).toBe('done');
    expect(await statusOf(young)).toBe('done');
  });
});
