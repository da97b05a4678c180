import {
  compareDecimals,
  fail,
  type IntegrationState,
  money,
  ok,
  parseDecimal,
  type Result,
  toDecimalString,
} from '@ledgerbridge/canonical';
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../db/schema.ts';
import { needsAttention } from '../sync/order-status/order-status.ts';
import { orderSyncByInvoice, type OrderSyncStatus } from '../sync/order-status/order-syncs-repo.ts';
import { recordOrderEvent } from '../sync/order-status/record-order-event.ts';
import { orderKey } from '../sync/sync-context.ts';
import { recordStep } from '../timeline/timeline-repo.ts';
import { isEcho, lastOwnWrite } from './own-writes.ts';
import type { OrderCloudWriteBack, XeroInvoiceReader, XeroInvoiceSnapshot } from './ports.ts';

export type InvoiceChangeOutcome = 'not-ours' | 'echo' | 'unchanged' | 'paid' | 'part-paid' | 'voided';

/** Xero's numbers lose trailing zeros ("547.9"); the order shows its currency's decimals ("547.90"). */
function inCurrency(amount: string, currency: string): string {
  try {
    return toDecimalString(money(amount, currency));
  } catch {
    return amount;
  }
}

const sameAmount = (a: string | null, b: string) => {
  try {
    return a !== null && compareDecimals(parseDecimal(a), parseDecimal(b)) === 0;
  } catch {
    return false;
  }
};

/** What an invoice's state in Xero means for the order in OrderCloud; undefined when nothing it shows changed. */
function decide(
  invoice: XeroInvoiceSnapshot,
): { status: OrderSyncStatus & InvoiceChangeOutcome; completes: boolean; message: string } | undefined {
  const state = invoice.status.toUpperCase();
  if (state === 'PAID') {
    return {
      status: 'paid',
      completes: true,
      message: `Invoice ${invoice.number} was paid in full in Xero (${invoice.amountPaid} ${invoice.currency}).`,
    };
  }
  if (state === 'VOIDED' || state === 'DELETED') {
    return {
      status: 'voided',
      completes: false,
      message: `Invoice ${invoice.number} was ${state.toLowerCase()} in Xero.`,
    };
  }
  if (state === 'AUTHORISED' && !sameAmount('0', invoice.amountPaid)) {
    return {
      status: 'part-paid',
      completes: false,
      message: `Invoice ${invoice.number} is part paid in Xero: ${invoice.amountPaid} of ${invoice.total} ${invoice.currency}.`,
    };
  }
  return undefined;
}

/**
 * An INVOICE update from Xero. Only invoices we created (order_syncs.invoice_id) are fetched, to spare
 * the tenant's daily budget; a payment or void made in Xero is written back to the OrderCloud order
 * (integration xp, and Completed when paid in full) and to the order's sync row and timeline.
 */
export async function applyInvoiceChange(
  deps: {
    db: Kysely<DatabaseSchema>;
    invoices: XeroInvoiceReader;
    orders: OrderCloudWriteBack;
    /** Whether a fully paid order is set Completed in OrderCloud (the mapping's write-back choice); default yes. */
    completesWhenPaid?: (connectionId: string) => Promise<boolean>;
    clock?: () => Date;
  },
  input: { workspaceId: string; tenantId: string; invoiceId: string; eventDateUtc?: string },
): Promise<Result<InvoiceChangeOutcome>> {
  const sync = await orderSyncByInvoice(deps.db, input);
  if (!sync) return ok('not-ours');
  // Our own last write coming back (we know its UpdatedDateUTC): nothing to read.
  if (
    input.eventDateUtc &&
    isEcho(
      await lastOwnWrite(deps.db, {
        workspaceId: input.workspaceId,
        category: 'INVOICE',
        documentId: input.invoiceId,
      }),
      input.eventDateUtc,
    )
  )
    return ok('echo');

  const fetched = await deps.invoices.getInvoice({
    workspaceId: input.workspaceId,
    tenantId: input.tenantId,
    invoiceId: input.invoiceId,
  });
  if (!fetched.ok) return fetched;
  const raw = fetched.value;
  const invoice = {
    ...raw,
    amountPaid: inCurrency(raw.amountPaid, raw.currency),
    total: inCurrency(raw.total, raw.currency),
  };
  const change = decide(invoice);
  // Xero sends several updates per change; one already applied is not written again.
  if (!change || (sync.status === change.status && sameAmount(sync.amount_paid, invoice.amountPaid)))
    return ok('unchanged');

  // The same vocabulary as the sync's own write-back (order_syncs status), so the storefront sees one scheme.
  const state: IntegrationState = {
    invoiceId: invoice.id,
    invoiceNumber: invoice.number,
    invoiceStatus: change.status,
    amountPaid: invoice.amountPaid,
    needsAttention: needsAttention({ status: change.status, message: change.message }),
    ...(change.status === 'voided' ? { message: change.message } : {}),
    syncedAt: (deps.clock ?? (() => new Date()))().toISOString(),
  };
  const completes =
    change.completes &&
    (deps.completesWhenPaid ? await deps.completesWhenPaid(sync.ordercloud_connection_id) : true);
  const written = await deps.orders.writeBack({
    connectionId: sync.ordercloud_connection_id,
    orderId: sync.order_id,
    state,
    ...(completes ? { status: 'Completed' as const } : {}),
  });
  if (!written.ok) return fail(written.error);

  await recordOrderEvent(
    { db: deps.db },
    { workspaceId: input.workspaceId, connectionId: sync.ordercloud_connection_id, orderId: sync.order_id },
    {
      type: 'changed-in-xero',
      status: change.status,
      amountPaid: invoice.amountPaid,
      message: change.status === 'voided' ? change.message : null,
    },
  );
  await recordStep(deps.db, {
    workspaceId: input.workspaceId,
    orderKey: orderKey(sync.ordercloud_connection_id, sync.order_id),
    step: 'xero-update',
    outcome: change.status === 'voided' ? 'info' : 'ok',
    message: `${change.message} OrderCloud order updated${completes ? ' and completed' : ''}.`,
    details: { invoiceId: invoice.id, status: invoice.status, amountPaid: invoice.amountPaid },
  });
  return ok(change.status);
}
