import { describe, expect, it } from 'vitest';
import { createOAuthStateCodec, OAUTH_STATE_TTL_MS } from './oauth-state.ts';

const secret = 's'.repeat(40);

describe('OAuth state', () => {
  it('verifies in the browser that started it and yields the same nonce', () => {
    const codec = createOAuthStateCodec({ secret });
    const started = codec.start({ purpose: 'connect', workspaceId: 'w1' });
    const verified = codec.verify({ state: started.state, browserSecret: started.browserSecret });
    expect(verified).toEqual({
      ok: true,
      payload: { purpose: 'connect', workspaceId: 'w1', expiresAt: expect.any(Number) },
      nonce: started.nonce,
    });
  });

  it('refuses another browser, a tampered payload, another secret and an expired state', () => {
    let now = new Date('2026-11-27T12:00:00Z');
    const codec = createOAuthStateCodec({ secret, clock: () => now });
    const started = codec.start({ purpose: 'signin' });
    const other = codec.start({ purpose: 'signin' });
    expect(codec.verify({ state: started.state, browserSecret: other.browserSecret }).ok).toBe(false);
    expect(codec.verify({ state: started.state, browserSecret: undefined }).ok).toBe(false);
    const [payload, sig] = started.state.split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), w: 'victim' }),
    ).toString('base64url');
    expect(codec.verify({ state: `${forged}.${sig}`, browserSecret: started.browserSecret }).ok).toBe(false);
    expect(
      createOAuthStateCodec({ secret: 'x'.repeat(40) }).verify({
        state: started.state,
        browserSecret: started.browserSecret,
      }).ok,
    ).toBe(false);
    now = new Date(now.getTime() + OAUTH_STATE_TTL_MS + 1);
    expect(codec.verify({ state: started.state, browserSecret: started.browserSecret })).toMatchObject({
      ok: false,
    });
  });
});
