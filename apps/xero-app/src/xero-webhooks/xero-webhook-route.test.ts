import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { XeroWebhookEvent } from './xero-webhook-payload.ts';
import { createXeroWebhookRoute } from './xero-webhook-route.ts';

const key = 'webhook-key-123';
const sign = (body: string, withKey = key) => createHmac('sha256', withKey).update(body).digest('base64');
const intentToReceive = JSON.stringify({
  events: [],
  firstEventSequence: 0,
  lastEventSequence: 0,
  entropy: 'XYZ',
});
const invoicePaid = JSON.stringify({
  events: [
    {
      resourceUrl: 'https://api.xero.com/api.xro/2.0/Invoices/inv-1',
      resourceId: 'inv-1',
      eventDateUtc: '2026-11-27T12:00:00.000',
      eventType: 'UPDATE',
      eventCategory: 'INVOICE',
      tenantId: 'tenant-1',
      tenantType: 'ORGANISATION',
    },
  ],
  firstEventSequence: 1,
  lastEventSequence: 1,
  entropy: 'ABC',
});

function setup(receive: (events: readonly XeroWebhookEvent[]) => Promise<unknown> = async () => {}) {
  const received: XeroWebhookEvent[][] = [];
  const app = createXeroWebhookRoute({
    webhookKey: key,
    receive: async (events) => {
      received.push([...events]);
      return receive(events);
    },
  });
  const post = (body: string, signature?: string) =>
    app.request('/webhooks/xero', {
      method: 'POST',
      body,
      headers: {
        'content-type': 'application/json',
        ...(signature !== undefined ? { 'x-xero-signature': signature } : {}),
      },
    });
  return { post, received };
}

describe('POST /webhooks/xero', () => {
  it('answers intent-to-receive: 200 with an empty body when signed correctly', async () => {
    const { post, received } = setup();
    const response = await post(intentToReceive, sign(intentToReceive));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
    expect(received).toEqual([]);
  });

  it('answers intent-to-receive: 401 with an empty body when mis-signed or unsigned', async () => {
    const { post } = setup();
    for (const signature of [
      sign(intentToReceive, 'wrong-key'),
      sign(`${intentToReceive} `),
      '',
      undefined,
    ]) {
      const response = await post(intentToReceive, signature);
      expect(response.status).toBe(401);
      expect(await response.text()).toBe('');
    }
  });

  it('refuses a forged event with 401 and stores nothing', async () => {
    const { post, received } = setup();
    const forged = invoicePaid.replace('inv-1', 'inv-666');
    const response = await post(forged, sign(invoicePaid));
    expect(response.status).toBe(401);
    expect(received).toEqual([]);
  });

  it('verifies the raw bytes: the same JSON re-serialised is not accepted', async () => {
    const { post } = setup();
    const pretty = JSON.stringify(JSON.parse(invoicePaid), null, 2);
    expect((await post(pretty, sign(invoicePaid))).status).toBe(401);
    expect((await post(pretty, sign(pretty))).status).toBe(200);
  });

  it('hands valid events to the use case before answering 200, and 500 when they could not be stored', async () => {
    const ok = setup();
    expect((await ok.post(invoicePaid, sign(invoicePaid))).status).toBe(200);
    expect(ok.received[0]).toMatchObject([
      { resourceId: 'inv-1', eventCategory: 'INVOICE', tenantId: 'tenant-1' },
    ]);
    const down = setup(async () => {
      throw new Error('database down');
    });
    expect((await down.post(invoicePaid, sign(invoicePaid))).status).toBe(500);
  });
});
