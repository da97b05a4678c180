import { LRUCache } from 'lru-cache';

// Token buckets in a bounded LRU: synchronous (the intake fast path calls it per delivery), memory
// capped by the number of keys, clock injectable for tests. Per process: N replicas allow N times the
// figures, which the limits are sized for.

export type RateVerdict =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly retryAfterSeconds: number };

export type RateLimiter = { take(key: string): RateVerdict };

type Bucket = { tokens: number; at: number };

export function createRateLimiter(input: {
  /** Requests allowed at once (the burst). */
  capacity: number;
  /** Sustained requests per second. */
  refillPerSecond: number;
  maxKeys?: number;
  now?: () => number;
}): RateLimiter {
  const now = input.now ?? Date.now;
  const buckets = new LRUCache<string, Bucket>({ max: input.maxKeys ?? 20_000 });
  return {
    take(key) {
      const t = now();
      const bucket = buckets.get(key) ?? { tokens: input.capacity, at: t };
      bucket.tokens = Math.min(
        input.capacity,
        bucket.tokens + ((t - bucket.at) / 1000) * input.refillPerSecond,
      );
      bucket.at = t;
      buckets.set(key, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { allowed: true };
      }
      return {
        allowed: false,
        retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / input.refillPerSecond)),
      };
    },
  };
}
