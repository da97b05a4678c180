import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../db/schema.ts';
import type { TimelineView } from './console-views-model.ts';

export type SentLine = {
  readonly description: string;
  readonly quantity: string;
  readonly unitAmount: string;
  readonly accountCode: string;
  readonly taxType: string;
  readonly taxAmount?: string;
  readonly discountAmount?: string;
  readonly itemCode?: string;
  readonly tracking: ReadonlyArray<{ category: string; option: string }>;
};

export type OrderDetails = {
  /** The invoice in Xero's web app, as Xero's own tools link to it; null until invoiced or without a short code. */
  readonly xeroLink: string | null;
  /** The invoice's lines exactly as Ledgerbridge sent them. */
  readonly lines: readonly SentLine[];
  readonly lineAmountTypes: string | null;
};

/** Xero's deep link to an invoice: https://go.xero.com/app/{ShortCode}/invoicing/view/{InvoiceID}. */
export function xeroInvoiceLink(
  xeroAppUrl: string,
  shortCode: string | undefined,
  invoiceId: string | null,
): string | null {
  if (!shortCode || !invoiceId) return null;
  return `${xeroAppUrl.replace(/\/+$/, '')}/app/${encodeURIComponent(shortCode)}/invoicing/view/${encodeURIComponent(invoiceId)}`;
}

export async function orderDetails(
  db: Kysely<DatabaseSchema>,
  input: { connectionId: string; orderId: string; invoiceId: string | null; xeroAppUrl: string },
): Promise<OrderDetails> {
  const invoiceOp = await db
    .selectFrom('xero_operations')
    .select(['tenant_id', 'payload'])
    .where('source_connection_id', '=', input.connectionId)
    .where('order_id', '=', input.orderId)
    .where('kind', '=', 'invoice')
    .where('op_key', 'not like', '%:retired:%')
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  const tenantId =
    invoiceOp?.tenant_id ??
    (
      await db
        .selectFrom('environments as e')
        .innerJoin('xero_connections as x', 'x.id', 'e.xero_connection_id')
        .select('x.tenant_id')
        .where('e.ordercloud_connection_id', '=', input.connectionId)
        .executeTakeFirst()
    )?.tenant_id;
  const reference = tenantId
    ? await db
        .selectFrom('reference_cache')
        .select('data')
        .where('tenant_id', '=', tenantId)
        .where('kind', '=', 'all')
        .executeTakeFirst()
    : undefined;
  const shortCode = (reference?.data as { organisation?: { shortCode?: string } } | undefined)?.organisation
    ?.shortCode;
  const payload = invoiceOp?.payload as { lines?: SentLine[]; lineAmountTypes?: string } | undefined;
  return {
    xeroLink: xeroInvoiceLink(input.xeroAppUrl, shortCode, input.invoiceId),
    lines: payload?.lines ?? [],
    lineAmountTypes: payload?.lineAmountTypes ?? null,
  };
}

/** The same step told twice in a row (two deliveries of one event) is shown once. */
export function withoutRepeats(timeline: readonly TimelineView[]): TimelineView[] {
  const out: TimelineView[] = [];
  for (const entry of timeline) {
    const last = out[out.length - 1];
    if (last && last.step === entry.step && last.outcome === entry.outcome && last.message === entry.message)
      continue;
    out.push(entry);
  }
  return out;
}
