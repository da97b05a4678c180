import { describe, expect, it } from 'vitest';
import { createDemoTour, type SandboxControls } from './demo-tour-controls.ts';

function recorder() {
  const calls: unknown[][] = [];
  const admin: SandboxControls = {
    updateOrg: async (...args) => calls.push(['updateOrg', ...args]),
    injectFault: async (...args) => calls.push(['injectFault', ...args]),
    clearFaults: async (...args) => calls.push(['clearFaults', ...args]),
  };
  const tour = createDemoTour({
    admin,
    tenantId: 't-au',
    xeroOrgUrl: 'http://x/orgs/t-au',
    clock: () => new Date('2026-12-06T23:30:00Z'),
  });
  return { calls, tour };
}

describe('the demo tour controls', () => {
  it('lock the demo organisation through tomorrow and lift the lock', async () => {
    const { calls, tour } = recorder();
    expect(await tour.actions.lock()).toContain('2026-12-07');
    await tour.actions.unlock();
    expect(calls).toEqual([
      ['updateOrg', 't-au', { periodLockDate: '2026-12-07' }],
      ['updateOrg', 't-au', { periodLockDate: null }],
    ]);
  });

  it('start an outage of 503s for the demo organisation only, and end it', async () => {
    const { calls, tour } = recorder();
    await tour.actions.outage();
    await tour.actions.recover();
    expect(calls).toEqual([
      ['injectFault', { kind: 'status', status: 503, count: 10_000, tenantId: 't-au' }],
      ['clearFaults', 't-au'],
    ]);
  });
});
