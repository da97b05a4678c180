import { DEMO_APP, startXeroSandbox, type XeroSandbox } from '@ledgerbridge/xero-sandbox';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectNoDeadLetters, expectSameFinalState } from '../support/fault-assertions.ts';
import { writeFaultReport } from '../support/fault-report.ts';
import { type LatencyProxy, startLatencyProxy } from '../support/latency-proxy.ts';
import {
  type Baseline,
  faultFreeBaseline,
  openScenario,
  placeScenarioOrders,
  type Scenario,
  type ScenarioOutcome,
  settleAndRead,
  tenantFor,
  volumeScenario,
} from '../support/fault-scenario.ts';
import { callTimeline, type RateEvidence, readRateEvidence } from '../support/rate-evidence.ts';
import { startWorkerProcess, type WorkerProcess } from '../support/worker-processes.ts';

// Three worker processes on one database and one Xero org, one document per call, the webhooks of
// sixteen orders delivered at once, and Xero's own webhooks switched on (every invoice it creates or
// updates comes back as an event each worker reads the invoice for, two at a time, beside the flush):
// together they want more than Xero allows, so only the budget they share through Postgres keeps them
// within it. Xero's minute is compressed to 10 s (sandbox and workers). Between the workers and Xero:
// 0–40 ms of network latency, and every call takes Xero at least 30 ms.
const minuteMs = 10_000;
const latencyMs = 40;
const xeroCallMs = 30;

// Xero events for the app's own writes no longer cost a read (0032), and a new customer's contact rides
// in its invoice (0111), so the volume scenario alone no longer needs more than a minute of calls: a
// longer stream of the same orders does (28 orders came to exactly 60 calls once contacts rode along).
const spec = { ...volumeScenario, count: 40 };

describe('three worker processes sharing one database and one Xero org', () => {
  const tenantId = tenantFor(spec);
  const workers: WorkerProcess[] = [];
  let xero: XeroSandbox;
  let proxy: LatencyProxy | undefined;
  let scenario: Scenario | undefined;
  let outcome: ScenarioOutcome;
  let baseline: Baseline;
  let evidence: RateEvidence;
  let organisationReads: number;

  beforeAll(async () => {
    xero = await startXeroSandbox({ contractCheck: true, minuteMs });
    proxy = await startLatencyProxy({ target: xero.url, maxDelayMs: latencyMs });
    scenario = await openScenario({
      xero,
      tenantId,
      runUrl: inject('postgresUrl'),
      spec,
      withWorker: false,
    });
    await xero.admin.injectFault({ kind: 'slow', delayMs: xeroCallMs, count: 100_000, tenantId });
    await xero.admin.upsertApp({
      clientId: DEMO_APP.clientId,
      webhookUrl: `${scenario.stack.server.url}/webhooks/xero`,
    });
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
    baseline = await faultFreeBaseline(inject('postgresUrl'), spec);
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

  it('dead-letters nothing (and neither did the fault-free run of the same orders)', () => {
    expectNoDeadLetters(outcome);
    expect(baseline.deadLetters, 'dead letters of the fault-free run').toEqual([]);
  });

  // Regression (sync/reference-cache.ts, single-flight since bdabe02): every sync job that found the cache
  // cold read the org's six reference endpoints itself; 16 orders arriving together spent 72 calls on it.
  it("reads the org's reference data once, not once per concurrent job", () => {
    expect(organisationReads).toBe(1);
  });
});
