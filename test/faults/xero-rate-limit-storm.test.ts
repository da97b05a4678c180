import { startXeroSandbox, type XeroSandbox } from '@ledgerbridge/xero-sandbox';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectNoDeadLetters, expectSameFinalState } from '../support/fault-assertions.ts';
import { writeFaultReport } from '../support/fault-report.ts';
import {
  faultFreeBaseline,
  openScenario,
  placeAfterWarmUp,
  type Scenario,
  type ScenarioOutcome,
  settleAndRead,
  standardScenario,
  tenantFor,
} from '../support/fault-scenario.ts';
import {
  callsDuringPauses,
  callTimeline,
  type RateEvidence,
  readRateEvidence,
} from '../support/rate-evidence.ts';
import type { FinalStateReading } from '../support/xero-final-state.ts';
import { testBackends } from '../support/backends.ts';

// Xero answers 429 (X-Rate-Limit-Problem: minute, Retry-After) whenever the org's minute is used up.
// Here the org allows 6 calls per 3-second window (2 a second, below the app's natural pace with one
// document per call) while the app believes in Xero's 60 a minute: it learns its limits only from the
// 429s. Six a window still lets the six reads of the org's reference data through together.
const windowMs = 3_000;
const perWindow = 6;

describe.each(testBackends)('a 429 storm from Xero (%s)', (backend) => {
  const tenantId = tenantFor(standardScenario);
  let xero: XeroSandbox;
  let scenario: Scenario | undefined;
  let outcome: ScenarioOutcome;
  let baseline: FinalStateReading;
  let evidence: RateEvidence;
  let duringPauses: string[];

  beforeAll(async () => {
    xero = await startXeroSandbox({ contractCheck: true, minuteMs: windowMs, limits: { minute: perWindow } });
    scenario = await openScenario({
      xero,
      tenantId,
      runUrl: inject('postgresUrl'),
      spec: standardScenario,
      backend,
      worker: { batchSize: 1 },
    });
    const started = Date.now();
    const orders = await placeAfterWarmUp(scenario, { timeoutMs: 60_000 });
    outcome = await settleAndRead(scenario, xero, orders, { timeoutMs: 150_000 });
    evidence = await readRateEvidence(xero, { tenantId, windowMs });
    // Retry-After is at least one second; a call already holding a budget lease may still leave within 250 ms.
    duringPauses = await callsDuringPauses(xero, { tenantId, graceMs: 250, pauseMs: 1_000 });
    await writeFaultReport('xero-rate-limit-storm', {
      settledAfterMs: Date.now() - started,
      evidence,
      duringPauses,
      deadLetters: outcome.quiet.deadLetters,
      calls: await callTimeline(xero, { tenantId, since: started }),
    });
    baseline = await faultFreeBaseline(inject('postgresUrl'), standardScenario);
  }, 240_000);
  afterAll(async () => {
    await scenario?.close();
    await xero?.close();
  });

  it('pauses the tenant for Retry-After after each 429: no call goes out while it is paused', () => {
    expect(evidence.rejected.minute, 'the storm: windows ending in 429s').toBeGreaterThanOrEqual(2);
    expect(evidence.rejected.concurrent).toBe(0);
    expect(duringPauses, 'calls admitted while the tenant was paused by a 429').toEqual([]);
  });

  it('ends with exactly the fault-free Xero state', () => {
    expectSameFinalState(outcome, baseline);
  });

  it('dead-letters nothing: a 429 is a wait, not a failure', () => {
    expectNoDeadLetters(outcome);
  });
});
