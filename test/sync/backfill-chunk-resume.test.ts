import type { Order, Payment } from '@ledgerbridge/canonical';
import {
  backfillTick,
  changeBackfill,
  flushTenant,
  planBackfill,
  planChunk,
  syncOrder,
} from '@ledgerbridge/xero-app';
import { testBackends } from '@ledgerbridge/xero-app/testing';
import { SEEDED_TENANT_IDS } from '@ledgerbridge/xero-sandbox';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { auOrder, fakeCommerce } from '../support/fake-commerce.ts';
import { type FlushHarness, openFlushHarness } from '../support/flush-harness.ts';

// A history import plans each chunk at once (backfill/plan-chunk.ts): its orders planned in a few
// transactions side by side, the chunk settled after. A worker killed between the two leaves the chunk
// claimed with some orders planned; the next tick plans it again, and Xero gets each document once. The
// chunk is judged before it is planned (decision 0130), so the resumed chunk counts the orders it planned
// as fed: only an order that arrived live is skipped.
const tenantId = SEEDED_TENANT_IDS.au;
const day = 86_400_000;

const capture = (orderId: string, amount: string): Payment => ({
  id: `${orderId}-P1`,
  orderId,
  method: 'credit-card',
  currency: 'AUD',
  amount,
  accepted: true,
  createdAt: '2026-11-26T23:00:00Z',
  transactions: [
    { id: 'cap', type: 'CreditCardCapture', amount, succeeded: true, executedAt: '2026-11-26T23:05:00Z' },
  ],
  attributes: {},
});

describe.each(testBackends)('a history import chunk on %s', (backend) => {
  let harness: FlushHarness;

  beforeAll(async () => {
    harness = await openFlushHarness({ backend, runUrl: inject('postgresUrl'), tenants: [tenantId] });
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('is planned at once, and a worker killed before settling it resumes with nothing twice or miscounted', async () => {
    const { sandbox, db } = harness;
    const ctx = harness.contextOf(tenantId);
    const accountingFor = harness.deps.accountingFor;
    // Six orders of three buyers (two share a company: one slice plans both).
    const buyers = [
      { id: 'U1', first: 'Ana', last: 'One', email: 'ana@b1.example', companyId: 'B1' },
      { id: 'U2', first: 'Ben', last: 'Two', email: 'ben@b1.example', companyId: 'B1' },
      { id: 'U3', first: 'Cy', last: 'Three', email: 'cy@b3.example', companyId: 'B3' },
    ];
    const ids = ['H1', 'H2', 'H3', 'H4', 'H5', 'H6'];
    const orders = new Map<string, Order>(
      ids.map((id, i) => [
        id,
        auOrder(id, buyers[i % 3] as (typeof buyers)[number], [['Mug', '1', '11.00', '1.00']]),
      ]),
    );
    const commerce = fakeCommerce(orders, new Map(ids.map((id) => [id, [capture(id, '11.00')]])));
    const planned = await planBackfill(
      { db, commerceFor: async () => commerce, dayLimitOf: async () => 1000 },
      { workspaceId: ctx.workspaceId, from: '2026-11-01', to: '2026-12-31', actor: 'test' },
    );
    if (!planned.ok) throw new Error(planned.error.message);
    expect(planned.value.estimate.orders).toBe(6);
    const started = await changeBackfill(
      { db, kick: async () => {} },
      { workspaceId: ctx.workspaceId, actor: 'test', id: planned.value.id, action: 'start' },
    );
    expect(started.ok).toBe(true);

    const syncDeps = {
      db,
      commerceFor: async () => commerce,
      accountingFor,
      requestFlush: async () => {},
      requestWriteBack: async () => {},
    };
    const tickDeps = {
      db,
      accountingFor,
      budgetOf: async () => undefined,
      // Orders handed to the queue one by one: the first worker never gets that far.
      enqueue: async (events: readonly unknown[]) => {
        if (events.length > 0) throw new Error('the worker is gone');
      },
      dayMs: day,
      // A day after the start: the pace allows the whole import.
      now: () => new Date(Date.now() + day),
    };
    // H6 arrives live after the dry run: the import skips it as seen live, and only it.
    await syncOrder(syncDeps, { connectionId: ctx.connectionId, orderId: 'H6' });
    // Fifty calls left of the org's 1,000 (Xero's answers say so; the budget's own limit is the configured
    // 5,000): the import waits for the day, the tenth kept for live orders.
    const spent = await backfillTick(
      { ...tickDeps, budgetOf: async () => ({ dayLimit: 5000, dayUsed: 4950 }) as never },
      { backfillId: planned.value.id },
    );
    expect(spent).toMatchObject({ fed: 0, reason: 'the day’s share for the import is spent' });

    // The first worker plans the chunk's orders and is killed before the chunk is settled.
    await expect(
      backfillTick(
        {
          ...tickDeps,
          planChunk: (input) =>
            planChunk(syncDeps, {
              ...input,
              settle: async () => {
                throw new Error('killed');
              },
            }),
        },
        { backfillId: planned.value.id },
      ),
    ).rejects.toThrow('the worker is gone');
    // The chunk was judged before planning: the five it plans, H6 skipped.
    const planning = await db
      .selectFrom('backfill_orders')
      .select(['order_id', 'status'])
      .where('backfill_id', '=', planned.value.id)
      .orderBy('seq')
      .execute();
    expect(Object.fromEntries(planning.map((r) => [r.order_id, r.status]))).toEqual({
      H1: 'planning',
      H2: 'planning',
      H3: 'planning',
      H4: 'planning',
      H5: 'planning',
      H6: 'known',
    });
    // Its operations are the import's: live ones go first.
    const ops = await db.selectFrom('xero_operations').select(['kind', 'order_id', 'background']).execute();
    expect(ops.filter((o) => o.kind === 'invoice')).toHaveLength(6);
    const imported = ops.filter((o) => o.order_id !== null && o.order_id !== 'H6');
    expect(imported.length).toBeGreaterThan(0);
    expect(imported.every((o) => o.background)).toBe(true);

    // The next tick (any worker) takes the claimed chunk again and settles it.
    const resumed = await backfillTick(
      {
        ...tickDeps,
        // 486 left of 1,000: plenty for a chunk (the configured 5,000 would have read as 90 % spent).
        budgetOf: async () => ({ dayLimit: 5000, dayUsed: 4514 }) as never,
        planChunk: (input) => planChunk(syncDeps, input),
      },
      { backfillId: planned.value.id },
    );
    // The orders the dead worker planned count as fed when resumed, not as seen live.
    expect(resumed).toMatchObject({ fed: 5, skipped: 0, planned: true });
    for (let i = 0; i < 5; i += 1) await flushTenant(harness.deps, { tenantId });
    const docs = await sandbox.admin.documents(tenantId);
    expect(docs.invoices.map((inv) => inv.Reference).sort()).toEqual(ids);
    expect(docs.payments).toHaveLength(6);
    // Full batches: one call for the six invoices, one for their payments.
    const batches = await db.selectFrom('xero_batches').select(['kind', 'operation_ids']).execute();
    expect(batches.filter((b) => b.kind === 'invoice')).toHaveLength(1);
    expect(batches.filter((b) => b.kind === 'payment')).toHaveLength(1);
    expect((await backfillTick(tickDeps, { backfillId: planned.value.id })).waitMs).toBeUndefined();
    const b = await db
      .selectFrom('backfills')
      .select(['status', 'fed_orders', 'skipped_orders'])
      .where('id', '=', planned.value.id)
      .executeTakeFirstOrThrow();
    expect(b.status).toBe('done');
    expect(b).toMatchObject({ fed_orders: 5, skipped_orders: 1 });
  }, 120_000);
});
