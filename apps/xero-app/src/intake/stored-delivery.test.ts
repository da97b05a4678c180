import { describe, expect, it } from 'vitest';
import { createKeyring } from '../crypto/keyring.ts';
import { scrubSecrets, storedDeliveryContext, toStoredDelivery } from './stored-delivery.ts';

const jwt =
  'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJ1c3IiOiJidXllcjEiLCJyb2xlIjpbIkZ1bGxBY2Nlc3MiXX0.c2lnbmF0dXJlLWJ5dGVz';
const delivery = {
  Route: 'v1/orders/{direction}/{orderID}/submit',
  RouteParams: { direction: 'Incoming', orderID: 'o-1' },
  QueryParams: {},
  Verb: 'POST',
  Date: '2026-12-05T10:00:00Z',
  LogID: 'log-1',
  UserToken: jwt,
  ConfigData: { apiKey: 'merchant-config-key' },
  Request: {
    Body: { Comments: `token ${jwt} pasted`, Password: 'hunter2' },
    Headers: `Authorization: Bearer ${jwt}`,
  },
  Response: {
    Body: { ID: 'o-1', Total: 10.5, xp: { paymentToken: 'tok_live_1', note: 'ship to 12 Main St' } },
    Headers: { 'set-cookie': 'sid=abc' },
  },
};

describe('what is stored of an OrderCloud delivery', () => {
  const keyring = createKeyring({ current: 'k'.repeat(43) });
  const stored = toStoredDelivery(delivery, 'conn-1', (p, c) => keyring.encrypt(p, c));
  const text = JSON.stringify(stored);

  it('keeps the envelope in clear and nothing secret: no UserToken, headers, ConfigData or JWT', () => {
    expect(stored).toMatchObject({
      Route: delivery.Route,
      Verb: 'POST',
      LogID: 'log-1',
      Date: delivery.Date,
      ResponseID: 'o-1',
    });
    for (const secret of [jwt, 'eyJ', 'hunter2', 'merchant-config-key', 'tok_live_1', 'sid=abc', 'Bearer'])
      expect(text).not.toContain(secret);
    expect(text).not.toContain('ship to 12 Main St');
  });

  it('seals the bodies under the connection, scrubbed of secret fields and tokens', () => {
    const opened = JSON.parse(keyring.decrypt(stored.sealedBodies, storedDeliveryContext('conn-1')));
    expect(opened).toEqual({
      request: { Comments: 'token [token removed] pasted' },
      response: { ID: 'o-1', Total: 10.5, xp: { note: 'ship to 12 Main St' } },
    });
    expect(() => keyring.decrypt(stored.sealedBodies, storedDeliveryContext('conn-2'))).toThrow();
  });

  it('leaves ordinary values alone', () => {
    expect(scrubSecrets({ host: 'australiaeast.ordercloud.io', n: 1, list: ['a.b.c'] })).toEqual({
      host: 'australiaeast.ordercloud.io',
      n: 1,
      list: ['a.b.c'],
    });
  });
});
