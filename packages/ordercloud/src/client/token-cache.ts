import type { Result } from '@ledgerbridge/canonical';

// Caches a client-credentials token and refreshes it before it expires (a margin of a minute, or a
// tenth of its lifetime for short-lived tokens); concurrent callers share one in-flight request.
export type IssuedToken = { accessToken: string; expiresInSeconds: number };

export type TokenCache = { get(): Promise<Result<string>>; invalidate(): void };

export function createTokenCache(input: {
  fetchToken: () => Promise<Result<IssuedToken>>;
  now: () => number;
  refreshMarginMs?: number;
}): TokenCache {
  let cached: { token: string; refreshAt: number } | undefined;
  let inFlight: Promise<Result<string>> | undefined;
  return {
    async get() {
      if (cached && input.now() < cached.refreshAt) return { ok: true, value: cached.token };
      if (!inFlight) {
        inFlight = (async () => {
          const issued = await input.fetchToken();
          if (!issued.ok) return issued;
          const lifetimeMs = issued.value.expiresInSeconds * 1000;
          const margin = Math.min(input.refreshMarginMs ?? 60_000, lifetimeMs / 10);
          cached = { token: issued.value.accessToken, refreshAt: input.now() + lifetimeMs - margin };
          return { ok: true as const, value: issued.value.accessToken };
        })().finally(() => {
          inFlight = undefined;
        });
      }
      return inFlight;
    },
    invalidate() {
      cached = undefined;
    },
  };
}
