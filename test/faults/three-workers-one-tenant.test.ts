import { startXeroSandbox, type XeroSandbox } from '@ledgerbridge/xero-sandbox';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectNoDeadLetters, expectSameFinalState } from '../support/fault-assertions.ts';
import { writeFaultReport } from '../support/fault-report.ts';
import { type LatencyProxy, startLatencyProxy } from '../support/latency-proxy.ts';
import {
  faultFreeBaseline,
  openScenario,
  placeScenarioOrders,
  type Scenario,
  type ScenarioOutcome,
  type ScenarioSpec,
  settleAndRead,
  tenantFor,
} from '../support/fault-scenario.ts';
import { callTimeline, type RateEvidence, readRateEvidence } from '../support/rate-evidence.ts';
import { startWorkerProcess, type WorkerProcess } from '../support/worker-processes.ts';
import type { FinalStateReading } from '../support/xero-final-state.ts';

// Three worker processes on one database and one Xero org, one document per call, the webhooks of
// sixteen orders delivered at once: together they want far more than Xero allows, so only the budget they
// share through Postgres keeps them within it. Xero's minute is compressed to 5 s (sandbox and workers).
// Between the workers and Xero: 0–150 ms of network latency, and every call takes Xero 100 ms, so calls
// overlap at Xero as they would in production.
const minuteMs = 5_000;
const latencyMs = 150;
const xeroCallMs = 100;
const volumeScenario: ScenarioSpec = { seed: 128, count: 16, profile: 'au' };

describe('three worker processes sharing one database and one Xero org', () => {
  const tenantId = tenantFor(volumeScenario);
  const workers: WorkerProcess[] = [];
  let xero: XeroSandbox;
  let proxy: LatencyProxy | undefined;
  let scenario: Scenario | undefined;
  let outcome: ScenarioOutcome;
  let baseline: FinalStateReading;
  let evidence: RateEvidence;
  let organisationReads: number;

  beforeAll(async () => {
    xero = await startXeroSandbox({ contractCheck: true, minuteMs });
    proxy = await startLatencyProxy({ target: xero.url, maxDelayMs: latencyMs });
    scenario = await openScenario({
      xero,
      tenantId,
      runUrl: inject('postgresUrl'),
      spec: volumeScenario,
      withWorker: false,
    });
    await xero.admin.injectFault({ kind: 'slow', delayMs: xeroCallMs, count: 100_000, tenantId });
    const settings = {
      databaseUrl: scenario.database.url ?? '',
      xero,
      xeroApiUrl: proxy.url,
      batchSize: 1,
      minuteMs,
    };
    workers.push(
      ...(await Promise.all(['one', 'two', 'three'].map((name) => startWorkerProcess(name, settings)))),
    );
    // The webhooks are held while the orders are placed and then delivered all at once (settleAndRead
    // releases them), so every worker has jobs for the same org at the same moment.
    await scenario.stack.orderCloud.admin.setFaults({ webhooks: { reorder: 100_000 } });
    const orders = await placeScenarioOrders(scenario);
    const started = Date.now();
    outcome = await settleAndRead(scenario, xero, orders, { timeoutMs: 150_000 });
    evidence = await readRateEvidence(xero, { tenantId, windowMs: minuteMs });
    const calls = await callTimeline(xero, { tenantId, since: started });
    organisationReads = calls.filter((line) => / GET \/Organisation /.test(line)).length;
    await writeFaultReport('three-workers-one-tenant', {
      settledAfterMs: Date.now() - started,
      evidence,
      organisationReads,
      calls,
      outcome,
      workerOutput: workers.map((w) => ({ name: w.name, output: w.output().slice(-4_000) })),
    });
    baseline = await faultFreeBaseline(inject('postgresUrl'), volumeScenario);
  }, 240_000);
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await scenario?.close();
    await proxy?.close();
    await xero?.close();
  });

  it('the load needs the limits: more calls than one minute allows', () => {
    expect(evidence.admitted).toBeGreaterThan(60);
    expect(evidence.lastCallAt - evidence.firstCallAt).toBeGreaterThan(minuteMs);
  });

  it('Xero never saw more than 5 calls in flight from them together, nor was asked for a sixth', () => {
    expect(evidence.maxInFlight).toBeLessThanOrEqual(5);
    expect(evidence.rejected.concurrent).toBe(0);
  });

  it('Xero never counted more than 60 calls in one of its minutes, nor refused one', () => {
    expect(evidence.maxPerFixedWindow).toBeLessThanOrEqual(60);
    expect(evidence.rejected.minute).toBe(0);
    expect(evidence.rejected.appminute + evidence.rejected.day).toBe(0);
  });

  it('ends with exactly the fault-free Xero state', () => {
    expectSameFinalState(outcome, baseline);
  });

  it('dead-letters nothing', () => {
    expectNoDeadLetters(outcome);
  });

  // Known product bug (sync/reference-cache.ts): every sync job that finds the cache cold reads the org's
  // six reference endpoints itself, so orders arriving together each spend six calls of the shared budget.
  it("reads the org's reference data once, not once per concurrent job", () => {
    expect(organisationReads).toBe(1);
  });
});
