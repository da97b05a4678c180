import { describe, expect, it } from 'vitest';
import { signAlertBody, verifyAlertSignature } from './alert-signature.ts';

const secret = 'whsec_test';
const body = '{"id":"1","alerts":[]}';

describe('alert webhook signatures', () => {
  it('is HMAC-SHA256 of "timestamp.body" in hex, with the timestamp in the header', () => {
    // Reference value computed independently: printf '1700000000.{"id":"1","alerts":[]}' | openssl dgst -sha256 -hmac whsec_test
    expect(signAlertBody({ secret, body, timestamp: 1_700_000_000 })).toBe(
      't=1700000000,v1=45260d9886365af0907cc38020dfd161f2d6f0e7ce16c1ddf45ab8d1e6f662fd',
    );
  });

  it('verifies what it signed', () => {
    const header = signAlertBody({ secret, body, timestamp: 1_700_000_000 });
    expect(verifyAlertSignature({ secret, body, header, now: 1_700_000_010 })).toBe(true);
  });

  it('refuses another body, another secret, a stale timestamp and a malformed header', () => {
    const header = signAlertBody({ secret, body, timestamp: 1_700_000_000 });
    expect(verifyAlertSignature({ secret, body: `${body} `, header, now: 1_700_000_000 })).toBe(false);
    expect(verifyAlertSignature({ secret: 'other', body, header, now: 1_700_000_000 })).toBe(false);
    expect(verifyAlertSignature({ secret, body, header, now: 1_700_000_301 })).toBe(false);
    expect(verifyAlertSignature({ secret, body, header: 'v1=abc', now: 1_700_000_000 })).toBe(false);
  });
});
