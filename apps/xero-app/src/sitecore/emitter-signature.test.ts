import { describe, expect, it } from 'vitest';
import { signEmitterBody, verifyEmitterSignature } from './emitter-signature.ts';

const secret = 'whsec_test_secret_value';
const now = new Date('2026-12-05T15:00:00Z');
const body = new TextEncoder().encode('{"id":"e1"}');

describe('emitter signature', () => {
  it('verifies what it signed', () => {
    const header = signEmitterBody({ secret, body, now });
    expect(header).toMatch(/^t=\d+,v1=[A-Za-z0-9_-]{43}$/);
    expect(verifyEmitterSignature({ secret, body, header, now })).toEqual({ ok: true });
  });

  it('refuses another secret, another body, a stale timestamp, a missing or malformed header', () => {
    const header = signEmitterBody({ secret, body, now });
    expect(verifyEmitterSignature({ secret: 'other', body, header, now })).toEqual({
      ok: false,
      reason: 'mismatch',
    });
    const other = new TextEncoder().encode('{"id":"e2"}');
    expect(verifyEmitterSignature({ secret, body: other, header, now }).ok).toBe(false);
    const later = new Date(now.getTime() + 301_000);
    expect(verifyEmitterSignature({ secret, body, header, now: later })).toEqual({
      ok: false,
      reason: 'stale',
    });
    expect(verifyEmitterSignature({ secret, body, header: undefined, now })).toEqual({
      ok: false,
      reason: 'missing',
    });
    expect(verifyEmitterSignature({ secret, body, header: 'v1=abc', now })).toEqual({
      ok: false,
      reason: 'malformed',
    });
  });

  it('accepts any of several v1 values (secret rotation)', () => {
    const good = signEmitterBody({ secret, body, now }).split(',')[1];
    const t = Math.floor(now.getTime() / 1000);
    expect(verifyEmitterSignature({ secret, body, header: `t=${t},v1=wrong,${good}`, now })).toEqual({
      ok: true,
    });
  });
});
