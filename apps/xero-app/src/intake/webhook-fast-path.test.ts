import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeliveryAnswer, DeliveryHandler } from './ordercloud-delivery.ts';
import { createOrderCloudWebhookRoute } from './ordercloud-webhook-route.ts';
import { withOrderCloudFastPath } from './webhook-fast-path.ts';

type Seen = { connectionId: string; body: string | undefined; signature: string | undefined };

/** A handler that records what it was given and answers from the connection ID. */
function recordingHandler(seen: Seen[]): DeliveryHandler {
  return async (input) => {
    seen.push({
      connectionId: input.connectionId,
      body: input.rawBody ? Buffer.from(input.rawBody).toString('utf8') : undefined,
      signature: input.signature,
    });
    if (!input.rawBody) return { status: 413, body: { error: 'payload_too_large', message: 'too big' } };
    const answers: Record<string, DeliveryAnswer> = {
      busy: { status: 503, body: { error: 'unavailable', message: 'later' }, retryAfterSeconds: 30 },
      ok: { status: 202, body: { status: 'stored' } },
    };
    return (
      answers[input.connectionId] ?? { status: 404, body: { error: 'unknown_connection', message: '?' } }
    );
  };
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function listen(listener: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(listener);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** The same deliveries through the node:http fast path and through the Hono route. */
async function both(maxBodyBytes: number) {
  const fastSeen: Seen[] = [];
  const honoSeen: Seen[] = [];
  const fallbackApp = new Hono();
  fallbackApp.all('*', (c) => c.json({ served: 'fallback', path: c.req.path }, 200));
  const fast = await listen(
    withOrderCloudFastPath({
      handle: recordingHandler(fastSeen),
      fallback: getRequestListener(fallbackApp.fetch),
      maxBodyBytes,
    }),
  );
  const honoApp = createOrderCloudWebhookRoute({ handle: recordingHandler(honoSeen), maxBodyBytes });
  const hono = await listen(getRequestListener(honoApp.fetch));
  return { fast, hono, fastSeen, honoSeen };
}

const post = (url: string, body: string, signature?: string) =>
  fetch(url, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', ...(signature ? { 'x-oc-hash': signature } : {}) },
  });

describe('OrderCloud intake adapters', () => {
  it('give the handler the same bytes, connection and signature, and answer alike', async () => {
    const { fast, hono, fastSeen, honoSeen } = await both(1024);
    for (const base of [fast, hono]) {
      const stored = await post(`${base}/webhooks/ordercloud/ok`, '{"a":"é"}', 'c2ln');
      expect(stored.status).toBe(202);
      expect(await stored.json()).toEqual({ status: 'stored' });
      const busy = await post(`${base}/webhooks/ordercloud/busy`, '{}');
      expect(busy.status).toBe(503);
      expect(busy.headers.get('retry-after')).toBe('30');
      const unknown = await post(`${base}/webhooks/ordercloud/nobody`, '{}');
      expect(unknown.status).toBe(404);
    }
    expect(fastSeen).toEqual(honoSeen);
    expect(fastSeen[0]).toEqual({ connectionId: 'ok', body: '{"a":"é"}', signature: 'c2ln' });
  });

  it('read an oversized body to its end and hand over nothing', async () => {
    const { fast, hono, fastSeen, honoSeen } = await both(16);
    for (const base of [fast, hono]) {
      const response = await post(`${base}/webhooks/ordercloud/ok`, 'x'.repeat(100_000));
      expect(response.status).toBe(413);
    }
    expect(fastSeen).toEqual([{ connectionId: 'ok', body: undefined, signature: undefined }]);
    expect(honoSeen).toEqual(fastSeen);
  });

  it('leave every other request to the app', async () => {
    const { fast, fastSeen } = await both(1024);
    const get = await fetch(`${fast}/webhooks/ordercloud/ok`);
    expect(await get.json()).toEqual({ served: 'fallback', path: '/webhooks/ordercloud/ok' });
    const deeper = await post(`${fast}/webhooks/ordercloud/ok/extra`, '{}');
    expect(await deeper.json()).toEqual({ served: 'fallback', path: '/webhooks/ordercloud/ok/extra' });
    expect(fastSeen).toEqual([]);
  });
});
