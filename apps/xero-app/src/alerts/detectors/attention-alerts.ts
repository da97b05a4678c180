import type { AlertCandidate } from '../alert-kinds.ts';
import type { AlertSignals } from '../alert-signals.ts';

/** Orders newly needing attention, once they reach the workspace's threshold within one check. */
export function attentionAlerts(signals: AlertSignals): AlertCandidate[] {
  const byReason = [...signals.newAttention.entries()].sort((a, b) => b[1] - a[1]);
  const total = byReason.reduce((n, [, count]) => n + count, 0);
  if (total === 0 || total < signals.attentionThreshold) return [];
  const reasons = byReason.map(([reason, count]) => `${count} × ${reason}`).join(', ');
  return [
    {
      kind: 'attention',
      key: 'attention',
      title: total === 1 ? 'An order needs attention' : `${total} orders need attention`,
      message: `New since the last check: ${reasons}. Each has a hint on how to fix it; retry once fixed.`,
      href: '/console/attention',
      count: total,
      ongoing: false,
    },
  ];
}
