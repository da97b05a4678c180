import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../sandbox-options.ts';
import { createRateLimiter } from './rate-limiter.ts';

function setup(limits = DEFAULT_LIMITS) {
  let now = 1_000_000;
  const limiter = createRateLimiter({ limits, minuteMs: 60_000, dayMs: 86_400_000, now: () => now });
  return { limiter, advance: (ms: number) => (now += ms) };
}

const call = { clientId: 'app', tenantId: 'tenant', dailyLimit: 5000 };

describe('rate limiter', () => {
  it('refuses the 61st call in a fixed minute window and reopens after it', () => {
    const { limiter, advance } = setup();
    for (let i = 0; i < 60; i += 1) {
      expect(limiter.admit(call).ok).toBe(true);
      limiter.release('app', 'tenant');
      advance(500);
    }
    const refused = limiter.admit(call);
    expect(refused).toMatchObject({ ok: false, problem: 'minute', retryAfterMs: 30_000 });
    advance(30_000);
    expect(limiter.admit(call)).toMatchObject({ ok: true, remaining: { minute: 59, day: 4939 } });
  });

  it('counts calls in flight and refuses the sixth', () => {
    const { limiter } = setup();
    for (let i = 0; i < 5; i += 1) expect(limiter.admit(call).ok).toBe(true);
    expect(limiter.admit(call)).toMatchObject({ ok: false, problem: 'concurrent' });
    limiter.release('app', 'tenant');
    expect(limiter.admit(call).ok).toBe(true);
    expect(limiter.stats()[0]).toMatchObject({ maxInFlight: 5, rejected: { concurrent: 1 } });
  });

  it('applies the daily limit per tenant and the app limit across tenants', () => {
    const { limiter } = setup({ ...DEFAULT_LIMITS, minute: 1000, appMinute: 3 });
    const starter = { ...call, dailyLimit: 2 };
    expect(limiter.admit(starter).ok).toBe(true);
    expect(limiter.admit(starter).ok).toBe(true);
    expect(limiter.admit(starter)).toMatchObject({ ok: false, problem: 'day' });
    expect(limiter.admit({ ...call, tenantId: 'other' }).ok).toBe(true);
    expect(limiter.admit({ ...call, tenantId: 'third' })).toMatchObject({ ok: false, problem: 'appminute' });
  });
});
