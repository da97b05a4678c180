import { fixtureReference, pinDefaultMapping } from '@ledgerbridge/xero-app/testing';
import { SEEDED_TENANT_IDS, startXeroSandbox, type XeroSandbox } from '@ledgerbridge/xero-sandbox';
import { inject } from 'vitest';
import type { Item, XeroClient } from 'xero-node';
import { createStackDatabase, type StackDatabase, type TestBackend } from './backends.ts';
import { consoleSessionToken } from './console-session.ts';
import { xeroApiFor } from './priced-products.ts';
import { type Stack, startStack } from './stack.ts';

export type CatalogStack = {
  readonly xero: XeroSandbox;
  readonly stack: Stack;
  /** xero-node on the AU organisation, as the bookkeeper's own tools reach it. */
  readonly xeroApi: XeroClient;
  /** The `cookie` header of a merchant signed in to the console. */
  readonly cookie: string;
  /** Closes the stack, drops the database and closes the sandbox. */
  close(): Promise<void>;
};

/**
 * A stack on `backend` connected to the AU organisation, for the catalog's first connect: the generator's
 * catalog for `seed`, catalog batches filled for 300 ms, the Items poll only when a test asks, the
 * default mapping pinned, the organisation's own `items` made in Xero, and `user` signed in.
 */
export async function startCatalogStack(input: {
  backend: TestBackend;
  seed: number;
  items: Item[];
  /** The marketplace's own products, made before Ledgerbridge is connected to it. */
  beforeConnect?: Parameters<typeof startStack>[0]['beforeConnect'];
  user: { xeroUserId: string; email: string; name: string };
}): Promise<CatalogStack> {
  const tenantId = SEEDED_TENANT_IDS.au;
  const started: { xero?: XeroSandbox; database?: StackDatabase; stack?: Stack } = {};
  const close = async () => {
    await started.stack?.close();
    await started.database?.drop();
    await started.xero?.close();
  };
  try {
    const xero = await startXeroSandbox();
    started.xero = xero;
    const database = await createStackDatabase(input.backend, inject('postgresUrl'));
    started.database = database;
    const stack = await startStack({
      xero,
      tenantId,
      databaseUrl: database.url,
      catalog: { seed: input.seed, profile: 'au' },
      worker: { catalogFillWaitMs: 300, itemPollCron: '0 0 1 1 *' },
      ...(input.beforeConnect ? { beforeConnect: input.beforeConnect } : {}),
    });
    started.stack = stack;
    await pinDefaultMapping(stack.infra.database.db, {
      connectionId: stack.connectionId,
      reference: fixtureReference('au'),
    });
    const xeroApi = await xeroApiFor(xero, tenantId);
    await xeroApi.accountingApi.createItems(tenantId, { items: input.items });
    const cookie = `lb_session=${await consoleSessionToken(stack, input.user)}`;
    return { xero, stack, xeroApi, cookie, close };
  } catch (error) {
    await close();
    throw error;
  }
}
