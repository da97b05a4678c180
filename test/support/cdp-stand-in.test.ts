import { describe, expect, it } from 'vitest';
import { checkEvent } from './cdp-stand-in.ts';

// The stand-in's checks must be able to fail, or the browser test proves nothing.
const base = {
  client_key: 'k',
  browser_id: 'b',
  channel: 'WEB',
  language: 'EN',
  currency: 'AUD',
  page: 'p',
  pos: 'x',
};

describe('CDP stand-in schema check', () => {
  it('refuses an ORDER_CHECKOUT before IDENTITY and a malformed order', () => {
    const order = {
      referenceId: 'o',
      orderedAt: '2026-12-05T15:00:00.000Z',
      status: 'PURCHASED',
      currencyCode: 'AUD',
      price: 5,
      paymentType: 'Card',
    };
    const problems = checkEvent(
      { ...base, type: 'ORDER_CHECKOUT', order: { ...order, price: '5', status: 'purchased' } },
      new Set(),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        'ORDER_CHECKOUT before the guest was identified (IDENTITY)',
        'order.status must be uppercase',
        'order.price must be a number',
        'order.cardType (paymentType Card)',
      ]),
    );
    expect(
      checkEvent({ ...base, type: 'ORDER_CHECKOUT', order: { ...order, cardType: 'Visa' } }, new Set(['b'])),
    ).toEqual([]);
  });
  it('refuses an IDENTITY without identifiers', () => {
    expect(checkEvent({ ...base, type: 'IDENTITY', identifiers: [] }, new Set())).toContain(
      'identifiers must not be empty',
    );
    expect(
      checkEvent({ ...base, type: 'IDENTITY', identifiers: [{ provider: 'email', id: 'a@b.c' }] }, new Set()),
    ).toEqual([]);
  });
});
