import { loadConfig } from './env.ts';
import { openInfrastructure } from './infrastructure.ts';
import { onShutdownSignal } from './lifecycle.ts';
import { startServer } from './server.ts';
import { startWorker } from './worker.ts';

// `pnpm demo`: always the embedded database, whatever DATABASE_URL says, so a first run needs nothing.
const config = { ...loadConfig(), DATABASE_URL: undefined };
const infra = await openInfrastructure(config);
const worker = await startWorker(infra);
const server = await startServer(infra);
process.stdout.write(
  [
    '',
    'Ledgerbridge demo is running (embedded database).',
    `  health:  ${server.url}/healthz`,
    `  ready:   ${server.url}/readyz`,
    `  metrics: ${server.url}/metrics`,
    'Press Ctrl+C to stop.',
    '',
  ].join('\n'),
);
onShutdownSignal(infra.logger, async () => {
  await server.close();
  await worker.stop();
  await infra.close();
});
