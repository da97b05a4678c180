import { execFile } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { SEEDED_TENANT_IDS, startXeroSandbox } from '@ledgerbridge/xero-sandbox';
import { sql } from 'kysely';
import { startStack } from '../support/stack.ts';
import { withBenchDatabase } from './bench-database.ts';

const HASH_KEY = 'stack-hash-key-0123456789';

/** Signed submit deliveries as fast as `concurrency` senders can post them; counted as rows stored. */
export async function measureIntake(input: { seconds: number; concurrency: number }) {
  const xero = await startXeroSandbox();
  try {
    return await withBenchDatabase(async (url) => {
      const stack = await startStack({
        xero,
        tenantId: SEEDED_TENANT_IDS.au,
        databaseUrl: url,
        withWorker: false,
        catalog: { seed: 1, profile: 'au' },
      });
      try {
        const target = `${stack.server.url}/webhooks/ordercloud/${stack.connectionId}`;
        await stack.infra.database.db.deleteFrom('inbound_events').execute();
        const started = Date.now();
        // The app's CPU per stored delivery (this process serves it; the sandbox idles meanwhile): on a
        // shared machine the rate follows the CPU share the app gets, this figure less so (decision 0135).
        const cpuBefore = process.cpuUsage();
        const sender = fileURLToPath(new URL('./intake-sender.ts', import.meta.url));
        const report = await new Promise<string>((resolve, reject) => {
          execFile(
            process.execPath,
            [sender, target, HASH_KEY, String(input.seconds), String(input.concurrency)],
            (error, stdout) => (error ? reject(error) : resolve(stdout)),
          );
        });
        const elapsed = (Date.now() - started) / 1000;
        const cpu = process.cpuUsage(cpuBefore);
        const { refused } = JSON.parse(report) as { refused: number };
        const stored = await stack.infra.database.db
          .selectFrom('inbound_events')
          .select(sql<number>`count(*)::int`.as('n'))
          .executeTakeFirstOrThrow();
        return {
          stored: stored.n,
          refused,
          seconds: elapsed,
          eventsPerSec: stored.n / elapsed,
          appCpuUsPerDelivery: Math.round((cpu.user + cpu.system) / Math.max(1, stored.n)),
          loadAverage: loadavg().map((l) => Math.round(l * 10) / 10),
        };
      } finally {
        await stack.close();
      }
    });
  } finally {
    await xero.close();
  }
}
