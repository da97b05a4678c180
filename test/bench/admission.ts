import { createRateBudget, migrateToLatest, openDatabase, xeroLimits } from '@ledgerbridge/xero-app';
import { withBenchDatabase } from './bench-database.ts';

/**
 * `pnpm bench admission`: how many calls a second the rate budget admits on PostgreSQL with every
 * admission taking the app-wide advisory lock, `concurrency` at once over `tenants` organisations, limits
 * too high to refuse. Xero's app limit is 10,000 calls a minute (167 a second): the lock is not what
 * limits the app while this figure is well above that. One process, its pool of ten connections.
 */
export async function measureAdmission(input: { seconds: number; concurrency: number; tenants: number }) {
  return withBenchDatabase(async (url) => {
    const handle = await openDatabase({ url, dataDir: 'unused' });
    try {
      await migrateToLatest(handle.db as never);
      const budget = createRateBudget({
        db: handle.db,
        limits: async () => ({
          ...xeroLimits(10_000_000),
          perMinute: 1_000_000,
          concurrent: 1_000,
          appPerMinute: 10_000_000,
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
      return { ...input, admitted, admissionsPerSec: Math.round((admitted / seconds) * 10) / 10 };
    } finally {
      await handle.close();
    }
  });
}
