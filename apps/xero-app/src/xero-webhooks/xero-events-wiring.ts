import type { AccountingTarget, CommerceSource } from '@ledgerbridge/canonical';
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../db/schema.ts';
import { loadMapping } from '../mapping/mapping-repo.ts';
import type { Logger } from '../observability/logger.ts';
import type { JobQueue } from '../queue/job-queue.ts';
import { findSyncContext } from '../sync/sync-context.ts';
import { createXeroEventHandler } from './handle-xero-event.ts';
import { startXeroEventWorker } from './xero-events-worker.ts';

/**
 * The worker's side of Xero webhooks, over the adapters the worker already builds: invoices read
 * through the workspace's accounting adapter, orders written through the connection's commerce
 * source. Contacts wait for adapters that read Xero phone/address and write OrderCloud users.
 */
export async function startXeroEventsWith(deps: {
  db: Kysely<DatabaseSchema>;
  queue: Pick<JobQueue, 'work' | 'enqueue'>;
  logger: Pick<Logger, 'info' | 'warn'>;
  accountingFor: (workspaceId: string) => Pick<AccountingTarget, 'getInvoice'>;
  commerceFor: (connectionId: string) => Promise<Pick<CommerceSource, 'writeBack'>>;
}): Promise<void> {
  const { db } = deps;
  const handle = createXeroEventHandler({
    db,
    invoices: {
      getInvoice: ({ workspaceId, tenantId, invoiceId }) =>
        deps.accountingFor(workspaceId).getInvoice({ tenantId, invoiceId }),
    },
    orders: {
      writeBack: async ({ connectionId, orderId, state, status }) =>
        (await deps.commerceFor(connectionId)).writeBack({ orderId, state, ...(status ? { status } : {}) }),
    },
    // The same rule as the sync's own write-back: Completed only when the pinned mapping asks for it.
    completesWhenPaid: async (connectionId) => {
      const ctx = await findSyncContext(db, connectionId);
      const mapping = ctx?.mappingVersionId ? await loadMapping(db, ctx.mappingVersionId) : undefined;
      return mapping?.writeBack.paidStatus === 'Completed';
    },
  });
  await startXeroEventWorker({ db, queue: deps.queue, handle, logger: deps.logger });
}
