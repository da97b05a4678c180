import type { Db } from '../db/database.ts';
import { organisationIsStarterTier } from '../sync/reference-cache.ts';
import { limitsFor } from './rate-policy.ts';
import type { RateLimits } from './rate-limits.ts';

/**
 * Each tenant's limits as the rate policy gives them, its tier as last read from Xero: the one reader
 * the worker's budget, the server's budget and the backfill share, so none of them sees other limits.
 */
export function tenantLimitsReader(
  db: Db,
  input: {
    configuredDayLimit: number;
    minuteMs: number;
    appPerMinute?: number;
    overrides?: Partial<RateLimits>;
  },
): (tenantId: string) => Promise<RateLimits> {
  return async (tenantId) =>
    limitsFor({
      configuredDayLimit: input.configuredDayLimit,
      starterTier: await organisationIsStarterTier(db, tenantId),
      minuteMs: input.minuteMs,
      ...(input.appPerMinute !== undefined ? { appPerMinute: input.appPerMinute } : {}),
      ...(input.overrides ? { overrides: input.overrides } : {}),
    });
}
