import { createTestDatabase, type TestDatabase } from '@ledgerbridge/xero-app/testing';
import { SEEDED_TENANT_IDS, startXeroSandbox, type XeroSandbox } from '@ledgerbridge/xero-sandbox';
import { type DbProxy, startDbProxy } from './db-proxy.ts';
import { type Stack, startStack } from './stack.ts';

export type IntakeStack = {
  readonly xero: XeroSandbox;
  /** The database itself, reached directly: what the intake stored, whatever the proxy does. */
  readonly database: TestDatabase;
  /** The app's only way to the database: cut it for an outage. */
  readonly proxy: DbProxy;
  readonly stack: Stack;
  close(): Promise<void>;
};

/**
 * The app with no worker (an intake test looks at what was stored and queued, not what happens next),
 * reaching a fresh PostgreSQL database through a proxy the test can cut.
 */
export async function startIntakeStack(postgresUrl: string): Promise<IntakeStack> {
  const xero = await startXeroSandbox();
  const database = await createTestDatabase('postgres', postgresUrl);
  const real = new URL(database.url ?? '');
  const proxy = await startDbProxy({ host: real.hostname, port: Number(real.port || 5432) });
  const viaProxy = new URL(real);
  viaProxy.port = String(proxy.port);
  const stack = await startStack({
    xero,
    tenantId: SEEDED_TENANT_IDS.au,
    databaseUrl: viaProxy.toString(),
    withWorker: false,
    catalog: { seed: 1, profile: 'au' },
  });
  return {
    xero,
    database,
    proxy,
    stack,
    async close() {
      await stack.close();
      await proxy.close();
      await database.drop();
      await xero.close();
    },
  };
}
