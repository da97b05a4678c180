import { loadConfig } from './env.ts';
import { openInfrastructure } from './infrastructure.ts';
import { onShutdownSignal } from './lifecycle.ts';
import { startWorker } from './worker.ts';

// `pnpm --filter @ledgerbridge/xero-app worker`: a worker alone, for scaling out on PostgreSQL
// (the embedded database serves one process only).
const config = loadConfig();
const infra = await openInfrastructure(config);
const worker = await startWorker(infra);
infra.logger.info({ pid: process.pid }, 'worker started');
process.stdout.write(`worker ready ${process.pid}\n`);
onShutdownSignal(infra.logger, async () => {
  await worker.stop();
  await infra.close();
});
