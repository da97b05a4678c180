import { createHmac } from 'node:crypto';
import { signWebhookBody } from '@ledgerbridge/ordercloud-sandbox';
import { describe, expect, it } from 'vitest';
import { signOrderCloudPayload, verifyOrderCloudSignature } from './webhook-signature.ts';

const hashKey = 'sandbox-hash-key-ü';
const body = JSON.stringify({
  Route: 'v1/orders/{direction}/{orderID}/submit',
  LogID: 'a1',
  Response: { Body: { ID: 'O-1', Total: 153.81 } },
});
const rawBody = new Uint8Array(Buffer.from(body, 'utf8'));

describe('X-oc-hash verification', () => {
  it('accepts the Base64 HMAC-SHA256 of the raw body keyed by the HashKey (UTF-8)', () => {
    const signature = createHmac('sha256', Buffer.from(hashKey, 'utf8')).update(rawBody).digest('base64');
    expect(signOrderCloudPayload({ rawBody, hashKey })).toBe(signature);
    expect(verifyOrderCloudSignature({ rawBody, signature, hashKey })).toBe(true);
  });

  it('agrees with what the sandbox sends', () => {
    expect(verifyOrderCloudSignature({ rawBody, signature: signWebhookBody(body, hashKey), hashKey })).toBe(
      true,
    );
  });

  it('rejects a forged signature', () => {
    const forged = signOrderCloudPayload({ rawBody, hashKey: 'guessed-key' });
    expect(verifyOrderCloudSignature({ rawBody, signature: forged, hashKey })).toBe(false);
  });

  it('rejects a body changed by a single byte', () => {
    const signature = signOrderCloudPayload({ rawBody, hashKey });
    for (const index of [0, Math.floor(rawBody.length / 2), rawBody.length - 1]) {
      const tampered = new Uint8Array(rawBody);
      tampered[index] = (tampered[index] ?? 0) ^ 0x01;
      expect(verifyOrderCloudSignature({ rawBody: tampered, signature, hashKey })).toBe(false);
    }
    const reserialized = new Uint8Array(Buffer.from(JSON.stringify(JSON.parse(body), null, 1)));
    expect(verifyOrderCloudSignature({ rawBody: reserialized, signature, hashKey })).toBe(false);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['not base64', '!!!not-base64!!!'],
    ['truncated', signOrderCloudPayload({ rawBody, hashKey }).slice(0, 20)],
    ['hex instead of base64', createHmac('sha256', hashKey).update(rawBody).digest('hex')],
  ])('rejects a %s signature without throwing', (_name, signature) => {
    expect(verifyOrderCloudSignature({ rawBody, signature, hashKey })).toBe(false);
  });

  it('rejects everything when no hash key is configured', () => {
    expect(
      verifyOrderCloudSignature({
        rawBody,
        signature: signOrderCloudPayload({ rawBody, hashKey: '' }),
        hashKey: '',
      }),
    ).toBe(false);
  });
});
