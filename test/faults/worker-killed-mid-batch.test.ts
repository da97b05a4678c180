import { type RequestLogEntry, startXeroSandbox, type XeroSandbox } from '@ledgerbridge/xero-sandbox';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectNoDeadLetters, expectSameFinalState } from '../support/fault-assertions.ts';
import { writeFaultReport } from '../support/fault-report.ts';
import {
  faultFreeBaseline,
  openScenario,
  placeAfterWarmUp,
  placeScenarioOrders,
  type Scenario,
  type ScenarioOutcome,
  settleAndRead,
  standardScenario,
  tenantFor,
  waitForQuiet,
} from '../support/fault-scenario.ts';
import { waitUntil } from '../support/stack.ts';
import { startWorkerProcess, type WorkerProcess } from '../support/worker-processes.ts';
import { callTimeline } from '../support/rate-evidence.ts';
import type { FinalStateReading } from '../support/xero-final-state.ts';

// A worker process (worker-main.ts) is SIGKILLed while Xero is still working on one of its batches; a new
// worker process takes over. The webhook intake stays in the test process.
const firstWave = 3;
const slowMs = 8_000;

describe('a worker killed with SIGKILL mid-batch, and a new one started', () => {
  const tenantId = tenantFor(standardScenario);
  const workers: WorkerProcess[] = [];
  let xero: XeroSandbox;
  let scenario: Scenario | undefined;
  let outcome: ScenarioOutcome;
  let baseline: FinalStateReading;
  let killed: RequestLogEntry;
  let openBatchesAtKill: number;
  let later: RequestLogEntry[];
  let recoveredAfterMs: number;

  beforeAll(async () => {
    xero = await startXeroSandbox({ contractCheck: true });
    scenario = await openScenario({
      xero,
      tenantId,
      runUrl: inject('postgresUrl'),
      spec: standardScenario,
      withWorker: false,
    });
    const settings = { databaseUrl: scenario.database.url ?? '', xero };
    const db = scenario.stack.infra.database.db;
    workers.push(await startWorkerProcess('first', settings));
    const started = Date.now();
    const first = await placeAfterWarmUp(scenario, { to: firstWave, timeoutMs: 60_000 });
    await waitForQuiet(scenario, { timeoutMs: 60_000 });
    // The next call Xero gets takes 8 s: the worker is killed while Xero is on it.
    await xero.admin.injectFault({ kind: 'slow', delayMs: slowMs, count: 1, tenantId });
    const rest = await placeScenarioOrders(scenario, { from: firstWave });
    killed = await waitUntil(
      async () => {
        const syncs = await sql<{ n: number }>`
          select count(*)::int as n from pgboss.job where name = 'sync' and state in ('created', 'retry', 'active')
        `.execute(db);
        if ((syncs.rows[0]?.n ?? 1) > 0) return undefined;
        const log = await xero.admin.requests({ tenantId, kind: 'accounting' });
        return log.find((e) => e.fault === 'slow' && e.finishedAt === undefined);
      },
      { timeoutMs: slowMs - 1_000, what: 'the slowed batch in flight with every order synced' },
    );
    const openBatches = await db
      .selectFrom('xero_batches')
      .select('id')
      .where('status', '=', 'sending')
      .execute();
    openBatchesAtKill = openBatches.length;
    const killedAt = await xero.admin.now();
    const how = await workers[0]?.kill();
    expect(how).toBe('SIGKILL');
    workers.push(await startWorkerProcess('second', settings));
    outcome = await settleAndRead(scenario, xero, [...first, ...rest], { timeoutMs: 150_000 });
    later = (await xero.admin.requests({ tenantId, kind: 'accounting' })).filter(
      (e) => e.startedAt > killedAt,
    );
    const resent = later.find((e) => e.idempotencyKey === killed.idempotencyKey);
    recoveredAfterMs = resent ? resent.startedAt - killedAt : -1;
    await writeFaultReport('worker-killed-mid-batch', {
      settledAfterMs: Date.now() - started,
      recoveredAfterMs,
      killed,
      openBatchesAtKill,
      deadLetters: outcome.quiet.deadLetters,
      calls: await callTimeline(xero, { tenantId, since: started }),
      workerOutput: workers.map((w) => ({ name: w.name, output: w.output().slice(-4_000) })),
    });
    baseline = await faultFreeBaseline(inject('postgresUrl'), standardScenario);
  }, 240_000);
  afterAll(async () => {
    for (const worker of workers) await worker.stop();
    await scenario?.close();
    await xero?.close();
  });

  it('was killed with a batch recorded as sending and its request still at Xero', () => {
    expect(killed.method, 'the batch in flight was a write').not.toBe('GET');
    expect(killed.idempotencyKey).toBeDefined();
    expect(openBatchesAtKill, 'the batch was recorded before it was sent').toBeGreaterThanOrEqual(1);
  });

  it('the new worker sends the same batch again under the same key, and Xero replays its answer', () => {
    const resends = later.filter((e) => e.idempotencyKey === killed.idempotencyKey);
    expect(resends.length, 'the interrupted batch was sent again').toBeGreaterThanOrEqual(1);
    expect(resends.at(-1)?.status).toBe(200);
    expect(
      resends.every((e) => e.replayed),
      'Xero had saved it: every resend is a replay',
    ).toBe(true);
  });

  it('ends with exactly the fault-free Xero state', () => {
    expectSameFinalState(outcome, baseline);
  });

  it('dead-letters nothing', () => {
    expectNoDeadLetters(outcome);
  });
});
