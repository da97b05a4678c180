import type { AlertCandidate } from '../alert-kinds.ts';
import type { AlertSignals } from '../alert-signals.ts';

const titles: Record<string, (org: string) => string> = {
  'xero-failing': (org) => `Xero is failing for ${org}`,
  'needs-reconnect': (org) => `${org} needs reconnecting`,
  'queue-growing': () => 'Xero documents are piling up',
  'budget-exhausting': (org) => `${org} is running out of today's Xero calls`,
};

/** The overview's banners are conditions: each is told when it appears, once per organisation. */
export function bannerAlerts(signals: AlertSignals): AlertCandidate[] {
  return signals.banners.map((b) => ({
    kind: b.kind,
    key: `${b.kind}:${b.tenantName ?? ''}`,
    title: (titles[b.kind] ?? (() => b.kind))(b.tenantName ?? 'Xero'),
    message: b.message,
    href: b.href,
    count: 1,
    ongoing: true,
  }));
}
