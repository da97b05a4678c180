import { describe, expect, it } from 'vitest';
import { emitEvent } from './emitter.ts';

const config = { appUrl: 'https://lb.example', siteId: 'site-1', signingSecret: 'secret' };

function capture() {
  const sent: Array<{ url: string; body: Record<string, unknown>; signature: string | null }> = [];
  const fetchImpl = (async (url: string, init: RequestInit) => {
    sent.push({
      url,
      body: JSON.parse(String(init.body)) as Record<string, unknown>,
      signature: new Headers(init.headers).get('x-ledgerbridge-signature'),
    });
    return new Response(JSON.stringify({ status: 'stored' }), { status: 202 });
  }) as unknown as typeof fetch;
  return { sent, fetchImpl };
}

describe('emitEvent', () => {
  it('declares the schema version that introduced each type: 1 for orders, 2 for refunds', async () => {
    const { sent, fetchImpl } = capture();
    await emitEvent(config, { type: 'order.canceled', orderId: 'SC-1' }, { fetchImpl, eventId: 'e1' });
    await emitEvent(config, { type: 'refund.issued', refund: { id: 'RF-1' } }, { fetchImpl, eventId: 'e2' });
    expect(sent.map((s) => [s.body.type, s.body.schemaVersion])).toEqual([
      ['order.canceled', 1],
      ['refund.issued', 2],
    ]);
    expect(sent[1]).toMatchObject({ url: 'https://lb.example/webhooks/sitecore/site-1', body: { id: 'e2' } });
    expect(sent[1]?.signature).toMatch(/^t=\d+,v1=[\w-]+$/);
  });

  it('does not retry a 400: the event itself is wrong and the answer says why', async () => {
    let calls = 0;
    const fetchImpl = (async () => {
      calls += 1;
      return new Response(JSON.stringify({ message: 'schemaVersion: …' }), { status: 400 });
    }) as unknown as typeof fetch;
    const outcome = await emitEvent(config, { type: 'refund.issued', refund: {} }, { fetchImpl });
    expect(outcome).toMatchObject({ ok: false, status: 400, message: 'schemaVersion: …' });
    expect(calls).toBe(1);
  });
});
