import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limiter.ts';

describe('token-bucket rate limiter', () => {
  it('allows the burst, then refuses with the seconds until a token is back, then refills', () => {
    let t = 0;
    const limiter = createRateLimiter({ capacity: 3, refillPerSecond: 0.5, now: () => t });
    expect([1, 2, 3].map(() => limiter.take('ip').allowed)).toEqual([true, true, true]);
    expect(limiter.take('ip')).toEqual({ allowed: false, retryAfterSeconds: 2 });
    expect(limiter.take('other').allowed).toBe(true);
    t = 2_000;
    expect(limiter.take('ip').allowed).toBe(true);
    expect(limiter.take('ip').allowed).toBe(false);
  });

  it('never holds more than the burst, however long a key was idle', () => {
    let t = 0;
    const limiter = createRateLimiter({ capacity: 2, refillPerSecond: 100, now: () => t });
    t = 3_600_000;
    expect([1, 2, 3].map(() => limiter.take('k').allowed)).toEqual([true, true, false]);
  });
});
