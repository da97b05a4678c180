import { parseArgs } from 'node:util';
import { startOrderCloudSandbox } from './server.ts';

// pnpm --filter @ledgerbridge/ordercloud-sandbox start -- --port 4010
const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: { port: { type: 'string', default: '0' }, 'id-seed': { type: 'string', default: '1' } },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`invalid --port ${values.port}`);
  process.exit(2);
}
const running = await startOrderCloudSandbox({ port, idSeed: Number(values['id-seed']) || 1 });
console.log(`ordercloud-sandbox listening on ${running.url}`);
const stop = async () => {
  await running.close();
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
