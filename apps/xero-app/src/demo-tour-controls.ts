import type { DemoTour } from './console/demo-tour.ts';

/** The part of the Xero sandbox's admin API the tour's controls use. */
export type SandboxControls = {
  updateOrg(tenantId: string, patch: { periodLockDate: string | null }): Promise<unknown>;
  injectFault(fault: { kind: 'status'; status: number; count: number; tenantId: string }): Promise<unknown>;
  clearFaults(tenantId?: string): Promise<unknown>;
};

/** Calls an outage makes fail before it ends by itself (the tour's "End the outage" clears it sooner). */
const OUTAGE_CALLS = 10_000;

/** The demo tour's controls over the Xero sandbox, for the demo organisation. */
export function createDemoTour(deps: {
  admin: SandboxControls;
  tenantId: string;
  xeroOrgUrl: string;
  clock?: () => Date;
}): DemoTour {
  const now = deps.clock ?? (() => new Date());
  return {
    xeroOrgUrl: deps.xeroOrgUrl,
    actions: {
      lock: async () => {
        const tomorrow = new Date(now().getTime() + 86_400_000).toISOString().slice(0, 10);
        await deps.admin.updateOrg(deps.tenantId, { periodLockDate: tomorrow });
        return `The Xero sandbox is locked through ${tomorrow}: new orders will need attention in a few seconds.`;
      },
      unlock: async () => {
        await deps.admin.updateOrg(deps.tenantId, { periodLockDate: null });
        return 'Lock date lifted in the Xero sandbox: press Retry all to post the blocked orders.';
      },
      outage: async () => {
        await deps.admin.injectFault({
          kind: 'status',
          status: 503,
          count: OUTAGE_CALLS,
          tenantId: deps.tenantId,
        });
        return 'Xero (sandbox) now answers 503 Service Unavailable: the banner shows within a minute.';
      },
      recover: async () => {
        await deps.admin.clearFaults(deps.tenantId);
        return 'Xero (sandbox) answers again: waiting orders are sent as the backoff allows.';
      },
    },
  };
}
