import { loadavg } from 'node:os';
import { createRateBudget, migrateToLatest, openDatabase, xeroLimits } from '@ledgerbridge/xero-app';
import { withBenchDatabase } from './bench-database.ts';

/**
 * `pnpm bench admission [concurrency] [blockCalls]`: how many calls a second the rate budget admits on
 * PostgreSQL, `concurrency` at once over `tenants` organisations, limits too high to refuse. The process
 * takes the app's minute `blockCalls` calls at a time under the app-wide advisory lock (50: what Xero's
 * 10,000 a minute gives, docs/decisions/0115; 1: every admission under the lock, as before). Xero's app
 * limit is 167 calls a second: the lock is not what limits the app while this figure is well above that.
 * One process, its pool of ten connections.
 */
export async function measureAdmission(input: {
  seconds: number;
  concurrency: number;
  tenants: number;
  blockCalls: number;
}) {
  return withBenchDatabase(async (url) => {
    const handle = await openDatabase({ url, dataDir: 'unused' });
    try {
      await migrateToLatest(handle.db);
      const budget = createRateBudget({
        db: handle.db,
        limits: async () => ({
          ...xeroLimits(10_000_000),
          perMinute: 1_000_000,
          concurrent: 1_000,
          appPerMinute: 10_000_000,
          appBlockCalls: input.blockCalls,
        }),
      });
      let admitted = 0;
      const started = Date.now();
      const end = started + input.seconds * 1000;
      await Promise.all(
        Array.from({ length: input.concurrency }, async (_, lane) => {
          for (let i = lane; Date.now() < end; i += input.concurrency) {
            const tenantId = `admission-${i % input.tenants}`;
            const lease = await budget.acquire({ tenantId });
            if (!lease.ok) throw new Error(lease.error.message);
            admitted += 1;
            await budget.release({ tenantId, leaseId: lease.value.leaseId, meta: null });
          }
        }),
      );
      const seconds = (Date.now() - started) / 1000;
      const blocks = await handle.db
        .selectFrom('rate_calls')
        .select((eb) => eb.fn.count<number>('app_block').as('n'))
        .executeTakeFirstOrThrow();
      return {
        ...input,
        admitted,
        spentFromBlocks: Number(blocks.n),
        admissionsPerSec: Math.round((admitted / seconds) * 10) / 10,
        loadAverage: loadavg().map((l) => Math.round(l * 10) / 10),
      };
    } finally {
      await handle.close();
    }
  });
}
