import { type Result, SyncFailure } from '@ledgerbridge/canonical';
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../db/schema.ts';
import { applyContactChange } from './apply-contact-change.ts';
import { applyInvoiceChange } from './apply-invoice-change.ts';
import type {
  OrderCloudCustomerWriter,
  OrderCloudWriteBack,
  XeroContactReader,
  XeroInvoiceReader,
} from './ports.ts';
import type { XeroEventJob } from './xero-webhook-payload.ts';

export type XeroEventPorts = {
  readonly invoices: XeroInvoiceReader;
  readonly orders: OrderCloudWriteBack;
  /** Without these, CONTACT events are recorded as ignored. */
  readonly contacts?: XeroContactReader;
  readonly customers?: OrderCloudCustomerWriter;
  readonly completesWhenPaid?: (connectionId: string) => Promise<boolean>;
};

/**
 * One xero-events job: routed to its use case, its inbound event marked with the outcome. A failure
 * is thrown as a SyncFailure so the queue retries (or, for needs-reconnect, the worker parks it).
 */
export function createXeroEventHandler(deps: { db: Kysely<DatabaseSchema> } & XeroEventPorts) {
  const mark = async (job: XeroEventJob, status: 'processed' | 'ignored' | 'failed') => {
    await deps.db
      .updateTable('inbound_events')
      .set({ status, processed_at: new Date() })
      .where('id', '=', job.inboundEventId)
      .execute();
  };
  return async (job: XeroEventJob): Promise<string> => {
    let result: Result<string>;
    if (job.category === 'INVOICE') {
      result = await applyInvoiceChange(deps, {
        workspaceId: job.workspaceId,
        tenantId: job.tenantId,
        invoiceId: job.resourceId,
        eventDateUtc: job.eventDateUtc,
      });
    } else if (job.category === 'CONTACT' && deps.contacts && deps.customers) {
      result = await applyContactChange(
        { db: deps.db, contacts: deps.contacts, customers: deps.customers },
        {
          workspaceId: job.workspaceId,
          tenantId: job.tenantId,
          contactId: job.resourceId,
          eventDateUtc: job.eventDateUtc,
        },
      );
    } else {
      await mark(job, 'ignored');
      return 'ignored';
    }
    if (!result.ok) {
      if (result.error.kind === 'permanent') await mark(job, 'failed');
      throw new SyncFailure(result.error);
    }
    const quiet = result.value === 'not-ours' || result.value === 'unchanged' || result.value === 'echo';
    await mark(job, quiet ? 'ignored' : 'processed');
    return result.value;
  };
}
