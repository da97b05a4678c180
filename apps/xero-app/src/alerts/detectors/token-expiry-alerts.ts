import type { AlertCandidate } from '../alert-kinds.ts';
import type { AlertSignals } from '../alert-signals.ts';

/**
 * Xero's refresh token lives 60 days and is renewed on every refresh: one a week from its end means the
 * refreshes have been failing (or nothing has synced for weeks). Reconnecting before it ends keeps syncing.
 */
export const TOKEN_WARNING_MS = 7 * 86_400_000;

export function tokenExpiryAlerts(signals: AlertSignals): AlertCandidate[] {
  const now = signals.now.getTime();
  return signals.authorisations
    .filter((a) => a.refreshExpiresAt.getTime() - now < TOKEN_WARNING_MS)
    .map((a) => {
      const days = Math.max(0, Math.floor((a.refreshExpiresAt.getTime() - now) / 86_400_000));
      return {
        kind: 'token-expiring' as const,
        key: `token-expiring:${a.tenantName}`,
        title: `The Xero authorisation of ${a.tenantName} is about to expire`,
        message:
          days === 0
            ? `It expires within a day (${a.refreshExpiresAt.toISOString()}): refreshing it keeps failing. Reconnect ${a.tenantName} so orders keep syncing.`
            : `It expires in ${days} day${days === 1 ? '' : 's'} (${a.refreshExpiresAt.toISOString()}): refreshing it keeps failing. Reconnect ${a.tenantName} so orders keep syncing.`,
        href: '/console/organisations',
        count: 1,
        ongoing: true,
      };
    });
}
