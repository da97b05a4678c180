import { createRateBudget, migrateToLatest, xeroLimits } from '@ledgerbridge/xero-app';
import { type TestDatabase, createTestDatabase, testBackends } from '@ledgerbridge/xero-app/testing';
import { SEEDED_TENANT_IDS, startXeroSandbox, type XeroSandbox } from '@ledgerbridge/xero-sandbox';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { writeFaultReport } from '../support/fault-report.ts';

// The shared budget counts a call when it admits it; Xero counts it when it arrives, in fixed windows that
// open at the tenant's first arrival. Between the two lies the network, and its delay varies. Here 60
// calls take 100 ms to reach Xero and the 61st, admitted the moment the first one's minute is over,
// takes none: Xero's first window opened 100 ms after the budget's, so it receives 61 calls in one window.
// Long enough that the 60 calls (1.2 s unloaded) fit in one minute on a loaded machine too.
const minuteMs = 10_000;
const tenantId = SEEDED_TENANT_IDS.au;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(testBackends)(
  "the shared rate budget against Xero's own count, with network delay that varies (%s)",
  (backend) => {
    let xero: XeroSandbox;
    let database: TestDatabase;
    let statuses: number[];
    let elapsedMs: number;

    beforeAll(async () => {
      xero = await startXeroSandbox({ contractCheck: true, minuteMs });
      database = await createTestDatabase(backend, inject('postgresUrl'));
      await migrateToLatest(database.handle.db);
      const tokens = await xero.admin.issueTokens({ tenantIds: [tenantId, SEEDED_TENANT_IDS.nz] });
      const budget = createRateBudget({
        db: database.handle.db,
        // The 61st call waits out the first call's minute, however long the 60 took.
        limits: async () => ({ ...xeroLimits(5_000), minuteMs, maxWaitMs: minuteMs }),
      });
      const get = async (tenant: string) => {
        const response = await fetch(`${xero.apiBasePath}/Organisation`, {
          headers: {
            authorization: `Bearer ${tokens.access_token}`,
            'xero-tenant-id': tenant,
            accept: 'application/json',
          },
        });
        await response.arrayBuffer();
        return response.status;
      };
      const call = async (delayMs: number): Promise<number> => {
        const lease = await budget.acquire({ tenantId });
        if (!lease.ok) throw new Error(lease.error.message);
        await sleep(delayMs);
        const status = await get(tenantId);
        await budget.release({ tenantId, leaseId: lease.value.leaseId, meta: { status } });
        return status;
      };
      await get(SEEDED_TENANT_IDS.nz); // the sandbox's first answer is slow; another org's window takes it
      const first = Date.now();
      // Five at a time, as the budget allows: 60 calls, each 100 ms on the way to Xero.
      const lanes = await Promise.all(
        Array.from({ length: 5 }, async () => {
          const answers: number[] = [];
          for (let i = 0; i < 12; i += 1) answers.push(await call(100));
          return answers;
        }),
      );
      elapsedMs = Date.now() - first;
      statuses = [...lanes.flat(), await call(0)];
      await writeFaultReport('rate-budget-latency', { elapsedMs, statuses, stats: await xero.admin.stats() });
    }, 60_000);
    afterAll(async () => {
      await database?.drop();
      await xero?.close();
    });

    it('never lets Xero count more than 60 calls in one of its minutes', async () => {
      expect(elapsedMs, 'the 60 calls fit in one minute, so the 61st waited for the budget').toBeLessThan(
        minuteMs,
      );
      const stats = (await xero.admin.stats()).find(
        (s) => s.tenantId.toLowerCase() === tenantId.toLowerCase(),
      );
      expect(stats?.rejected.minute, 'calls Xero refused for its minute limit').toBe(0);
      expect(statuses.filter((s) => s === 429)).toEqual([]);
    });
  },
);
