import { ok } from '@ledgerbridge/canonical';
import { createXeroAccountingAdapter, createXeroApiClient } from '@ledgerbridge/xero';
import {
  createKeyring,
  createRateBudget,
  type Db,
  ensureOperation,
  type FlushDeps,
  migrateToLatest,
  xeroLimits,
} from '@ledgerbridge/xero-app';
import { createTestDatabase, seedSyncContext, type TestBackend } from '@ledgerbridge/xero-app/testing';
import { startXeroSandbox, type XeroSandbox, type XeroSandboxOptions } from '@ledgerbridge/xero-sandbox';

/** A Xero sandbox, a migrated database with the tenants' workspaces, and what `flushTenant` needs. */
export type FlushHarness = {
  readonly sandbox: XeroSandbox;
  readonly db: Db;
  readonly deps: FlushDeps;
  /** The seeded workspace and OrderCloud connection of one of the harness's tenants. */
  contextOf(tenantId: string): { workspaceId: string; connectionId: string };
  /** A ready item operation for the tenant: the cheapest document a flush sends. */
  addItem(tenantId: string, code: string): Promise<string>;
  close(): Promise<void>;
};

export async function openFlushHarness(input: {
  backend: TestBackend;
  runUrl: string;
  tenants: readonly string[];
  deps?: Partial<FlushDeps>;
  /** The sandbox's own options: `{ contractCheck: true }` records requests Xero's contract would refuse. */
  sandbox?: XeroSandboxOptions;
}): Promise<FlushHarness> {
  const sandbox = await startXeroSandbox(input.sandbox);
  const database = await createTestDatabase(input.backend, input.runUrl);
  const db = database.handle.db;
  await migrateToLatest(db);
  const keyring = createKeyring({ current: 'test-key-test-key-test-key-test-key-1234' });
  const tokens = await sandbox.admin.issueTokens({ tenantIds: [...input.tenants] });
  const contexts = new Map<string, { workspaceId: string; connectionId: string }>();
  for (const tenantId of input.tenants) {
    const seeded = await seedSyncContext(db, keyring, {
      tenantId,
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token ?? 'unused',
      orderCloud: { apiUrl: 'http://127.0.0.1:1', clientId: 'c', clientSecret: 's', hashKey: 'h' },
    });
    contexts.set(tenantId, seeded);
  }
  const contextOf = (tenantId: string) => {
    const ctx = contexts.get(tenantId);
    if (!ctx) throw new Error(`no workspace for tenant ${tenantId}`);
    return ctx;
  };
  const budget = createRateBudget({ db, limits: async () => xeroLimits(5000) });
  const accounting = createXeroAccountingAdapter({
    client: createXeroApiClient({ basePath: sandbox.apiBasePath }),
    gate: budget,
    tokens: { getAccessToken: async () => ok({ accessToken: tokens.access_token }) },
  });
  return {
    sandbox,
    db,
    deps: {
      db,
      accountingFor: () => accounting,
      requestWriteBack: async () => {},
      budgetScarce: async () => false,
      budgetWaitMs: (t) => budget.admissionWaitMs(t),
      ...input.deps,
    },
    contextOf,
    async addItem(tenantId, code) {
      const ctx = contextOf(tenantId);
      const op = await ensureOperation(db, {
        workspaceId: ctx.workspaceId,
        tenantId,
        connectionId: ctx.connectionId,
        orderId: null,
        kind: 'item',
        key: `${tenantId}:item:${code}`,
        payload: { code, name: `Item ${code}` },
        dependsOn: null,
      });
      return op.id;
    },
    async close() {
      await database.drop();
      await sandbox.close();
    },
  };
}
