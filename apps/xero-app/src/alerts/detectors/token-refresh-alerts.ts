import type { AlertCandidate } from '../alert-kinds.ts';
import type { AlertSignals } from '../alert-signals.ts';

/**
 * Refreshes that failed in a row without Xero refusing them (its identity server down, time-outs): each
 * is retried with the work that needed it, but after a few the merchant hears of it, long before the
 * 60-day authorisation would run out. One success clears the count and the alert.
 */
export const REFRESH_FAILURES_ALERT = 3;

export function tokenRefreshAlerts(signals: AlertSignals): AlertCandidate[] {
  return signals.authorisations
    .filter((a) => a.refreshFailures >= REFRESH_FAILURES_ALERT)
    .map((a) => ({
      kind: 'token-expiring' as const,
      key: `token-refresh-failing:${a.tenantName}`,
      title: `Refreshing the Xero authorisation of ${a.tenantName} keeps failing`,
      message: `${a.refreshFailures} refreshes in a row failed${a.refreshFailedAt ? `, the last at ${a.refreshFailedAt.toISOString()}` : ''}${a.refreshError ? ` (${a.refreshError})` : ''}. Syncing waits and retries; if it goes on, reconnect ${a.tenantName}.`,
      href: '/console/organisations',
      count: 1,
      ongoing: true,
    }));
}
