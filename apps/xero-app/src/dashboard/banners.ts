import type { TenantBudget } from './budget-reads.ts';

export type Banner = {
  readonly kind: 'xero-failing' | 'needs-reconnect' | 'queue-growing' | 'budget-exhausting';
  readonly message: string;
  readonly href: string;
  readonly linkText: string;
  /** The organisation it is about, when it is about one. */
  readonly tenantName?: string;
};

export type BannerSignals = {
  readonly now: Date;
  readonly organisations: ReadonlyArray<{
    readonly tenantName: string;
    readonly status: string;
    readonly budget: TenantBudget | undefined;
  }>;
  readonly backlog: { readonly pending: number; readonly oldestAt: Date | null };
};

/** How long after its last failure Xero still counts as failing (a failing call may take 30 s to time out). */
export const FAILING_GRACE_MS = 60_000;
/** The queue counts as growing when this many operations wait and the oldest has waited this long. */
export const BACKLOG_MIN = 10;
export const BACKLOG_AGE_MS = 5 * 60_000;

const time = (d: Date) => `${d.toISOString().slice(11, 16)} UTC`;

/** The red banners of the overview, most urgent first. */
export function bannersFrom(signals: BannerSignals): Banner[] {
  const out: Banner[] = [];
  const now = signals.now.getTime();
  for (const org of signals.organisations) {
    const b = org.budget;
    if (
      b?.pausedUntil &&
      /^Xero failed/.test(b.pauseReason ?? '') &&
      b.pausedUntil.getTime() + FAILING_GRACE_MS > now
    ) {
      out.push({
        kind: 'xero-failing',
        tenantName: org.tenantName,
        message: `Xero is failing for ${org.tenantName} (server errors or time-outs). Orders wait and are sent when it answers again; nothing is lost.`,
        href: 'https://status.xero.com/',
        linkText: 'Xero status',
      });
    }
  }
  for (const org of signals.organisations) {
    if (org.status === 'needs-reconnect')
      out.push({
        kind: 'needs-reconnect',
        tenantName: org.tenantName,
        message: `${org.tenantName} needs reconnecting: Xero no longer accepts its authorisation. Its orders are parked until then.`,
        href: '/console/organisations',
        linkText: 'Reconnect',
      });
  }
  const { pending, oldestAt } = signals.backlog;
  if (pending >= BACKLOG_MIN && oldestAt && now - oldestAt.getTime() > BACKLOG_AGE_MS) {
    out.push({
      kind: 'queue-growing',
      message: `${pending} Xero documents are waiting; the oldest since ${time(oldestAt)}.`,
      href: '/console/orders?status=pending',
      linkText: 'Pending orders',
    });
  }
  for (const org of signals.organisations) {
    const f = org.budget?.forecast;
    if (f?.beforeDayEnds && f.exhaustsAt)
      out.push({
        kind: 'budget-exhausting',
        tenantName: org.tenantName,
        message:
          f.left === 0
            ? `${org.tenantName} has used today's Xero calls; documents wait until the limit frees up.`
            : `At the current pace ${org.tenantName} runs out of today's Xero calls at ${time(f.exhaustsAt)} (${f.left} left, ${f.perHour} an hour).`,
        href: '/console#budget',
        linkText: 'Budget',
      });
  }
  return out;
}
