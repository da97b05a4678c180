import { type AccountingTarget, type CommerceSource, ok } from '@ledgerbridge/canonical';
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
 * through the workspace's accounting adapter, orders and customers written through the connection's
 * commerce source.
 */
export async function startXeroEventsWith(deps: {
  db: Kysely<DatabaseSchema>;
  queue: Pick<JobQueue, 'work' | 'enqueue'>;
  logger: Pick<Logger, 'debug' | 'info' | 'warn'>;
  accountingFor: (workspaceId: string) => Pick<AccountingTarget, 'getInvoice' | 'getContact'>;
  commerceFor: (connectionId: string) => Promise<Pick<CommerceSource, 'writeBack' | 'updateCustomer'>>;
}): Promise<void> {
  const { db } = deps;
  const handle = createXeroEventHandler({
    db,
    invoices: {
      getInvoice: ({ workspaceId, tenantId, invoiceId }) =>
        deps.accountingFor(workspaceId).getInvoice({ tenantId, invoiceId }),
    },
    contacts: {
      getContact: async ({ workspaceId, tenantId, contactId }) => {
        const found = await deps.accountingFor(workspaceId).getContact({ tenantId, contactId });
        if (!found.ok) return found;
        const c = found.value;
        const a = c.address;
        return ok({
          id: c.id,
          name: c.name,
          ...(c.contactNumber ? { contactNumber: c.contactNumber } : {}),
          ...(c.email ? { email: c.email } : {}),
          ...(c.phone ? { phone: c.phone } : {}),
          ...(a
            ? {
                billingAddress: {
                  ...(a.line1 ? { street1: a.line1 } : {}),
                  ...(a.line2 ? { street2: a.line2 } : {}),
                  ...(a.city ? { city: a.city } : {}),
                  ...(a.region ? { region: a.region } : {}),
                  ...(a.postalCode ? { postalCode: a.postalCode } : {}),
                  ...(a.country ? { country: a.country } : {}),
                },
              }
            : {}),
        });
      },
    },
    customers: {
      updateCustomer: async ({ connectionId, customerId, fields }) =>
        (await deps.commerceFor(connectionId)).updateCustomer({
          customerId,
          fields: {
            ...(fields.phone !== undefined ? { phone: fields.phone } : {}),
            ...(fields.billingAddress ? { billingAddress: { ...fields.billingAddress } } : {}),
          },
        }),
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
