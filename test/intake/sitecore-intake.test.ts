import {
  createApiKeyStore,
  createKeyring,
  signEmitterBody,
  createSitecoreSite,
} from '@ledgerbridge/xero-app';
import type { TestDatabase } from '@ledgerbridge/xero-app/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { emitEvent } from '../../apps/sitecore-extension/src/lib/emitter.ts';
import type { DbProxy } from '../support/db-proxy.ts';
import { type IntakeStack, startIntakeStack } from '../support/intake-stack.ts';
import { type Stack, TEST_ENCRYPTION_KEY } from '../support/stack.ts';

const order = (id: string) => ({
  id,
  status: 'submitted',
  currency: 'AUD',
  placedAt: '2026-12-05T14:59:00Z',
  customer: { id: 'cust-1', kind: 'person', email: 'ana@example.com', firstName: 'Ana', lastName: 'Lee' },
  pricesIncludeTax: true,
  lines: [
    {
      id: 'l1',
      sku: 'MUG-1',
      name: 'Mug',
      quantity: '2',
      unitPrice: '11.00',
      lineSubtotal: '22.00',
      taxes: [{ amount: '2.00', ratePercent: '10' }],
    },
  ],
  taxTotal: '2.00',
  total: '22.00',
});

const orderEvent = (eventId: string, orderId = 'SC-1') => ({
  schemaVersion: 1,
  id: eventId,
  occurredAt: '2026-12-05T15:00:00Z',
  type: 'order.submitted',
  order: order(orderId),
});

describe('Sitecore emitter intake (POST /webhooks/sitecore/:siteId)', () => {
  let intake: IntakeStack;
  let database: TestDatabase;
  let stack: Stack;
  let proxy: DbProxy;
  let url: string;
  let secret: string;
  let siteId: string;

  const storedFor = async (eventId: string) =>
    (
      await database.handle.db
        .selectFrom('inbound_events')
        .select('id')
        .where('delivery_id', '=', eventId)
        .where('source', '=', 'sitecore')
        .execute()
    ).length;
  const post = (body: string, headers: Record<string, string>) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const signed = (body: string, withSecret = secret) => ({
    'x-ledgerbridge-signature': signEmitterBody({ secret: withSecret, body, now: new Date() }),
  });

  beforeAll(async () => {
    intake = await startIntakeStack(inject('postgresUrl'));
    ({ database, proxy, stack } = intake);
    const db = database.handle.db;
    const environment = await db
      .selectFrom('environments')
      .select('id')
      .where('workspace_id', '=', stack.workspaceId)
      .executeTakeFirstOrThrow();
    const apiKeys = createApiKeyStore(db);
    const site = await createSitecoreSite(
      {
        db,
        keyring: createKeyring({ current: TEST_ENCRYPTION_KEY }),
        createApiKey: (name) => apiKeys.create({ workspaceId: stack.workspaceId, name, actor: 'test' }),
      },
      { workspaceId: stack.workspaceId, name: 'Storefront', environmentId: environment.id, actor: 'test' },
    );
    if (!site) throw new Error("the environment is not the workspace's");
    siteId = site.id;
    secret = site.signingSecret;
    url = `${stack.server.url}/webhooks/sitecore/${siteId}`;
  }, 60_000);

  afterAll(async () => {
    await intake?.close();
  });

  it('refuses a missing, forged or stale signature with 401 and stores nothing', async () => {
    const body = JSON.stringify(orderEvent('ev-forged'));
    const missing = await post(body, {});
    expect(missing.status).toBe(401);
    expect(((await missing.json()) as { error: string }).error).toBe('missing_signature');
    expect((await post(body, signed(body, 'lbs_someone-else'))).status).toBe(401);
    const stale = signEmitterBody({ secret, body, now: new Date(Date.now() - 3_600_000) });
    const old = await post(body, { 'x-ledgerbridge-signature': stale });
    expect(old.status).toBe(401);
    expect(((await old.json()) as { message: string }).message).toContain('5 minutes');
    const tampered = body.replace('SC-1', 'SC-2');
    expect((await post(tampered, signed(body))).status).toBe(401);
    expect(await storedFor('ev-forged')).toBe(0);
  });

  it('answers 404 for an unknown site', async () => {
    const body = JSON.stringify(orderEvent('ev-unknown'));
    const response = await fetch(
      `${stack.server.url}/webhooks/sitecore/00000000-0000-4000-8000-000000000000`,
      {
        method: 'POST',
        headers: signed(body),
        body,
      },
    );
    expect(response.status).toBe(404);
  });

  it('answers malformed JSON and a wrong shape with 400 naming the field', async () => {
    const broken = '{"schemaVersion": 1, ';
    const malformed = await post(broken, signed(broken));
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: string }).error).toBe('malformed_json');
    const event = orderEvent('ev-shape');
    const bad = JSON.stringify({ ...event, order: { ...event.order, currency: 'australian dollars' } });
    const wrong = await post(bad, signed(bad));
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { message: string }).message).toContain('order.currency');
    expect(await storedFor('ev-shape')).toBe(0);
  });

  it('refuses an oversized body with 413', async () => {
    const event = orderEvent('ev-big');
    const big = JSON.stringify({
      ...event,
      order: { ...event.order, attributes: { note: 'x'.repeat(300 * 1024) } },
    });
    const response = await post(big, signed(big));
    expect(response.status).toBe(413);
    expect(await storedFor('ev-big')).toBe(0);
  });

  it('stores an order once (with its canonical document) and enqueues one job for a duplicate delivery', async () => {
    const body = JSON.stringify(orderEvent('ev-twice', 'SC-7'));
    expect((await post(body, signed(body))).status).toBe(202);
    const again = await post(body, signed(body));
    expect(again.status).toBe(200);
    expect(((await again.json()) as { status: string }).status).toBe('duplicate');
    expect(await storedFor('ev-twice')).toBe(1);
    const jobs = await stack.infra.queue.findJobs('sync', { eventId: 'ev-twice' });
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.data).toMatchObject({ type: 'order.submitted', orderId: 'SC-7', source: 'sitecore' });
    const document = await database.handle.db
      .selectFrom('sitecore_documents')
      .select(['kind', 'payload'])
      .where('site_id', '=', siteId)
      .where('document_id', '=', 'SC-7')
      .executeTakeFirstOrThrow();
    expect(document.kind).toBe('order');
    expect((document.payload as { total: string }).total).toBe('22.00');
  });

  it('stores a customer event for the contact upsert', async () => {
    const body = JSON.stringify({
      schemaVersion: 1,
      id: 'ev-customer',
      occurredAt: '2026-12-05T15:00:00Z',
      type: 'customer.updated',
      customer: { id: 'cust-9', kind: 'person', email: 'kim@example.com', firstName: 'Kim' },
    });
    expect((await post(body, signed(body))).status).toBe(202);
    const jobs = await stack.infra.queue.findJobs('sync', { eventId: 'ev-customer' });
    expect(jobs[0]?.data).toMatchObject({ type: 'customer.updated', customerId: 'cust-9' });
  });

  it('refuses an event during a database outage with 503, then accepts the retry', async () => {
    const body = JSON.stringify(orderEvent('ev-outage', 'SC-9'));
    proxy.cut();
    const during = await post(body, signed(body));
    expect(during.status).toBe(503);
    expect(during.headers.get('retry-after')).toBeTruthy();
    proxy.restore();
    const retried = await post(body, signed(body));
    expect(retried.status).toBe(202);
    expect(await storedFor('ev-outage')).toBe(1);
  });

  it("accepts the extension's own emitter (its signature and body), once per event ID", async () => {
    const config = { appUrl: stack.server.url, siteId, signingSecret: secret };
    const first = await emitEvent(
      config,
      { type: 'order.submitted', order: orderEvent('x').order },
      { eventId: 'ev-head' },
    );
    expect(first).toMatchObject({ ok: true, status: 'stored' });
    const again = await emitEvent(
      config,
      { type: 'order.submitted', order: orderEvent('x').order },
      { eventId: 'ev-head' },
    );
    expect(again).toMatchObject({ ok: true, status: 'duplicate' });
    const forged = await emitEvent(
      { ...config, signingSecret: 'lbs_wrong' },
      { type: 'order.canceled', orderId: 'SC-1' },
    );
    expect(forged).toMatchObject({ ok: false, status: 401 });
    expect(await storedFor('ev-head')).toBe(1);
  });
});
