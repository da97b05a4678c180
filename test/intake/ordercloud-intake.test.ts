import type { TestDatabase } from '@ledgerbridge/xero-app/testing';
import { signOrderCloudPayload } from '@ledgerbridge/ordercloud';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DbProxy } from '../support/db-proxy.ts';
import { type IntakeStack, startIntakeStack } from '../support/intake-stack.ts';
import type { Stack } from '../support/stack.ts';

const HASH_KEY = 'stack-hash-key-0123456789';

function submitPayload(logId: string, orderId = 'ORDER-1') {
  return {
    Route: 'v1/orders/{direction}/{orderID}/submit',
    RouteParams: { direction: 'Incoming', orderID: orderId },
    QueryParams: {},
    Verb: 'POST',
    Date: '2026-11-27T10:00:00.000Z',
    LogID: logId,
    UserToken: null,
    Request: { Body: null, Headers: {} },
    Response: {
      Body: { ID: orderId, Status: 'Open', Currency: 'AUD', Total: 10, IsSubmitted: true },
      Headers: {},
    },
    ConfigData: null,
  };
}

describe('OrderCloud webhook intake', () => {
  let intake: IntakeStack;
  let database: TestDatabase;
  let stack: Stack;
  let proxy: DbProxy;
  let url: string;

  const storedFor = async (logId: string) =>
    (
      await database.handle.db
        .selectFrom('inbound_events')
        .select('id')
        .where('delivery_id', '=', logId)
        .execute()
    ).length;
  const post = (body: string, headers: Record<string, string>) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const signed = (body: string) => ({
    'x-oc-hash': signOrderCloudPayload({ rawBody: body, hashKey: HASH_KEY }),
  });

  beforeAll(async () => {
    intake = await startIntakeStack(inject('postgresUrl'));
    ({ database, proxy, stack } = intake);
    url = `${stack.server.url}/webhooks/ordercloud/${stack.connectionId}`;
    await database.handle.db.deleteFrom('inbound_events').execute();
  }, 60_000);

  afterAll(async () => {
    await intake?.close();
  });

  it('refuses a missing or forged signature with 401 and stores nothing', async () => {
    const body = JSON.stringify(submitPayload('log-forged'));
    expect((await post(body, {})).status).toBe(401);
    const forged = await post(body, {
      'x-oc-hash': signOrderCloudPayload({ rawBody: body, hashKey: 'someone-else' }),
    });
    expect(forged.status).toBe(401);
    expect(await storedFor('log-forged')).toBe(0);
  });

  it('refuses a body changed by one byte after signing', async () => {
    const body = JSON.stringify(submitPayload('log-tampered'));
    const tampered = body.replace('ORDER-1', 'ORDER-2');
    const response = await post(tampered, signed(body));
    expect(response.status).toBe(401);
    expect(await storedFor('log-tampered')).toBe(0);
  });

  it('answers malformed JSON and a wrong shape with 400 naming the problem', async () => {
    const broken = '{"Route": "v1/cart/submit", ';
    const malformed = await post(broken, signed(broken));
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: string }).error).toBe('malformed_json');
    const shape = JSON.stringify({ ...submitPayload('log-shape'), LogID: undefined });
    const wrong = await post(shape, signed(shape));
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { message: string }).message).toContain('LogID');
    expect(await storedFor('log-shape')).toBe(0);
  });

  it('acknowledges an unknown route with 2xx, ignores it and counts it', async () => {
    const body = JSON.stringify({
      ...submitPayload('log-unknown'),
      Route: 'v1/catalogs/{catalogID}',
      RouteParams: { catalogID: 'c' },
    });
    const response = await post(body, signed(body));
    expect(response.status).toBe(200);
    expect(((await response.json()) as { status: string }).status).toBe('ignored');
    expect(await storedFor('log-unknown')).toBe(0);
    const metrics = await (await fetch(`${stack.server.url}/metrics`)).text();
    expect(metrics).toMatch(
      /ledgerbridge_ordercloud_webhooks_ignored_total\{reason="route not synced: POST v1\/catalogs\/\{catalogID\}"\} 1/,
    );
  });

  it('refuses an oversized body with 413', async () => {
    const big = JSON.stringify({ ...submitPayload('log-big'), ConfigData: 'x'.repeat(2 * 1024 * 1024) });
    const response = await post(big, signed(big));
    expect(response.status).toBe(413);
    expect(await storedFor('log-big')).toBe(0);
  });

  it('stores the same delivery once and enqueues one job', async () => {
    const body = JSON.stringify(submitPayload('log-twice'));
    expect((await post(body, signed(body))).status).toBe(202);
    expect((await post(body, signed(body))).status).toBe(200);
    expect(await storedFor('log-twice')).toBe(1);
    const jobs = await stack.infra.queue.findJobs('sync', { eventId: 'log-twice' });
    expect(jobs).toHaveLength(1);
  });

  it('refuses a delivery during a database outage with 503, then accepts the retry', async () => {
    const body = JSON.stringify(submitPayload('log-outage', 'ORDER-9'));
    proxy.cut();
    const during = await post(body, signed(body));
    expect(during.status).toBe(503);
    expect(during.headers.get('retry-after')).toBeTruthy();
    proxy.restore();
    const retried = await post(body, signed(body));
    expect(retried.status).toBe(202);
    const rows = await database.handle.db
      .selectFrom('inbound_events')
      .select('delivery_id')
      .where('delivery_id', '=', 'log-outage')
      .execute();
    expect(rows).toHaveLength(1);
  });
});
