import { loadConfig } from './env.ts';
import { openInfrastructure } from './infrastructure.ts';
import { onShutdownSignal } from './lifecycle.ts';
import { startServer } from './server.ts';
import { startWorker } from './worker.ts';

// `pnpm start`: server and worker in one process (the embedded database allows only one process).
const config = loadConfig();
const infra = await openInfrastructure(config);
const worker = await startWorker(infra);
const server = await startServer(infra);
if (config.generatedSecrets.length > 0) {
  infra.logger.warn(
    { generated: config.generatedSecrets },
    'secrets generated for this run; set them to keep sessions and tokens',
  );
}
infra.logger.info({ url: server.url }, 'Ledgerbridge is up');
onShutdownSignal(infra.logger, async () => {
  await server.close();
  await worker.stop();
  await infra.close();
});
