import {
  type AccountingContactDetail,
  type AccountingTarget,
  type CommerceSource,
  ok,
} from '@ledgerbridge/canonical';
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../db/schema.ts';
import { loadMapping } from '../mapping/mapping-repo.ts';
import type { Logger } from '../observability/logger.ts';
import type { JobQueue } from '../queue/job-queue.ts';
import { findSyncContext } from '../sync/sync-context.ts';
import { createBatchedReader } from './batched-reads.ts';
import { createXeroEventHandler } from './handle-xero-event.ts';
import { startXeroEventWorker } from './xero-events-worker.ts';

/**
 * Xero events a slot takes at once (two slots per worker): handled together, their reads meet in the
 * gather window and go as one. A batch rather than more slots: every slot polls the queue.
 */
const eventsAtOnce = 10;

/**
 * The worker's side of Xero webhooks, over the adapters the worker already builds: invoices and contacts
 * read through the workspace's accounting adapter — the events that are not echoes of our own writes
 * gathered for `gatherMs` and read with one `IDs=` call per organisation and kind — orders and customers
 * written through the connection's commerce source.
 */
export async function startXeroEventsWith(deps: {
  db: Kysely<DatabaseSchema>;
  queue: Pick<JobQueue, 'work' | 'enqueue'>;
  logger: Pick<Logger, 'debug' | 'info' | 'warn'>;
  accountingFor: (workspaceId: string) => Pick<AccountingTarget, 'findInvoices' | 'findContacts'>;
  commerceFor: (connectionId: string) => Promise<Pick<CommerceSource, 'writeBack' | 'updateCustomer'>>;
  /** How long the reads of Xero events wait for company (a couple of Xero seconds). */
  gatherMs?: number;
}): Promise<void> {
  const { db } = deps;
  const gatherMs = deps.gatherMs ?? 2_000;
  const readInvoice = createBatchedReader({
    gatherMs,
    what: 'Invoice',
    readMany: ({ workspaceId, tenantId }, ids) =>
      deps.accountingFor(workspaceId).findInvoices({ tenantId, ids }),
  });
  const readContact = createBatchedReader<AccountingContactDetail>({
    gatherMs,
    what: 'Contact',
    readMany: ({ workspaceId, tenantId }, ids) =>
      deps.accountingFor(workspaceId).findContacts({ tenantId, ids }),
  });
  const handle = createXeroEventHandler({
    db,
    invoices: {
      getInvoice: ({ workspaceId, tenantId, invoiceId }) =>
        readInvoice({ workspaceId, tenantId, id: invoiceId }),
    },
    contacts: {
      getContact: async ({ workspaceId, tenantId, contactId }) => {
        const found = await readContact({ workspaceId, tenantId, id: contactId });
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
  await startXeroEventWorker({
    db,
    queue: deps.queue,
    handle,
    logger: deps.logger,
    batchSize: eventsAtOnce,
  });
}
