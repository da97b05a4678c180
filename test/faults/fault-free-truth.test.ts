import { describe, expect, inject, it } from 'vitest';
import { writeFaultReport } from '../support/fault-report.ts';
import { faultFreeBaseline, runFaultFree, standardScenario } from '../support/fault-scenario.ts';

describe('the fault-free run every fault scenario is compared with', () => {
  it('ends with exactly what OrderCloud says: one invoice per live order at its total, each capture paid once', async () => {
    const baseline = await faultFreeBaseline(inject('postgresUrl'), standardScenario);
    await writeFaultReport('fault-free-baseline', baseline);
    expect(baseline.problems).toEqual([]);
    expect(baseline.deadLetters, 'jobs dead-lettered in a run without faults').toEqual([]);
    const live = baseline.state.orders.filter((o) => !o.canceled);
    expect(live.length, 'the scenario has orders to invoice').toBeGreaterThanOrEqual(6);
    expect(
      baseline.state.orders.some((o) => o.canceled),
      'and a canceled one',
    ).toBe(true);
  }, 120_000);

  // Regression (payment-plan.ts, fixed in bdabe02): a card payment that OrderCloud only authorised
  // (Accepted, one successful Authorization transaction, no capture) was posted to Xero as money received.
  it('posts no Xero payment for a card that was authorised but never captured', async () => {
    // Seed 19: order #0 is a card authorised and never captured, order #1 a card captured in full.
    const run = await runFaultFree(inject('postgresUrl'), { seed: 19, count: 2, profile: 'au' });
    await writeFaultReport('authorised-not-captured', run);
    expect(run.problems).toEqual([]);
    expect(run.truthDifferences).toEqual([]);
  }, 120_000);
});
