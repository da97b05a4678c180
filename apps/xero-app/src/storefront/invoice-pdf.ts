import type { Result } from '@ledgerbridge/canonical';
import { LRUCache } from 'lru-cache';
import type { Db } from '../db/database.ts';
import { findSyncContext } from '../sync/sync-context.ts';

export type InvoicePdfOutcome =
  | { readonly ok: true; readonly pdf: Uint8Array; readonly invoiceNumber: string }
  | { readonly ok: false; readonly reason: 'no-invoice' | 'unavailable' };

export type InvoicePdfSource = (input: {
  workspaceId: string;
  tenantId: string;
  invoiceId: string;
}) => Promise<Result<Uint8Array>>;

/**
 * The Xero invoice of an order as a PDF, for the shopper's signed link. Xero renders it (GET
 * /Invoices/{id} as application/pdf); copies are kept a few minutes so a shopper's clicks do not spend
 * the organisation's Xero calls.
 */
export function createInvoicePdfs(deps: { db: Db; source: InvoicePdfSource; ttlMs?: number }) {
  const cache = new LRUCache<string, { pdf: Uint8Array; invoiceNumber: string }>({
    max: 200,
    ttl: deps.ttlMs ?? 10 * 60_000,
  });
  return async function invoicePdf(input: {
    workspaceId: string;
    orderId: string;
  }): Promise<InvoicePdfOutcome> {
    const row = await deps.db
      .selectFrom('order_syncs')
      .select(['ordercloud_connection_id', 'invoice_id', 'invoice_number', 'status', 'updated_at'])
      .where('workspace_id', '=', input.workspaceId)
      .where('order_id', '=', input.orderId)
      .orderBy('updated_at', 'desc')
      .executeTakeFirst();
    if (!row?.invoice_id || row.status === 'voided') return { ok: false, reason: 'no-invoice' };
    // Keyed by the row's last change: a paid invoice is fetched again, with its new amount due.
    const key = `${row.invoice_id}:${new Date(row.updated_at).getTime()}`;
    const cached = cache.get(key);
    if (cached) return { ok: true, ...cached };
    const ctx = await findSyncContext(deps.db, row.ordercloud_connection_id);
    if (!ctx || ctx.workspaceId !== input.workspaceId) return { ok: false, reason: 'no-invoice' };
    const fetched = await deps.source({
      workspaceId: ctx.workspaceId,
      tenantId: ctx.tenantId,
      invoiceId: row.invoice_id,
    });
    if (!fetched.ok) return { ok: false, reason: 'unavailable' };
    const entry = { pdf: fetched.value, invoiceNumber: row.invoice_number ?? row.invoice_id };
    cache.set(key, entry);
    return { ok: true, ...entry };
  };
}
