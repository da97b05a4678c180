import { parseCliArgs, USAGE } from './cli-args.ts';
import { DEMO_APP } from './sandbox-options.ts';
import { startXeroSandbox } from './start-sandbox.ts';

const parsed = parseCliArgs(process.argv.slice(2));
if (parsed.help) {
  console.log(USAGE);
  process.exit(0);
}
const app = {
  ...DEMO_APP,
  redirectUris: [...DEMO_APP.redirectUris, ...parsed.redirectUris],
  webhookUrl: parsed.webhookUrl,
};
const sandbox = await startXeroSandbox({ ...parsed.options, apps: [app] });
console.log(`xero-sandbox listening on ${sandbox.url}`);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await sandbox.close();
  process.exit(0);
}
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
