import {
  type CommerceSource,
  CustomerSchema,
  fail,
  ok,
  OrderSchema,
  PaymentSchema,
  permanent,
  RefundSchema,
  type Result,
  retryable,
} from '@ledgerbridge/canonical';
import type { z } from 'zod';
import type { Db } from '../db/database.ts';

/**
 * The commerce source of a Sitecore site: the canonical documents its emitter sent (the site has no API
 * to read back from). Write-backs are not sent anywhere: the site reads status through the extension API.
 */
export function createSitecoreCommerceSource(db: Db, siteId: string): CommerceSource {
  const read = async <S extends z.ZodType>(
    kind: 'order' | 'payment' | 'customer',
    id: string,
    schema: S,
  ): Promise<Result<z.infer<S>>> => {
    try {
      const row = await db
        .selectFrom('sitecore_documents')
        .select('payload')
        .where('site_id', '=', siteId)
        .where('kind', '=', kind)
        .where('document_id', '=', id)
        .executeTakeFirst();
      if (!row) return fail(permanent(`${kind}-not-found`, `The site has not sent ${kind} ${id}.`));
      const parsed = schema.safeParse(row.payload);
      return parsed.success
        ? ok(parsed.data)
        : fail(
            permanent(`${kind}-invalid`, `The stored ${kind} ${id} no longer reads: ${parsed.error.message}`),
          );
    } catch (error) {
      return fail(retryable('storage', `Reading the site's ${kind} failed: ${(error as Error).message}`));
    }
  };
  // What the site sent for an order after it (payments, refunds), oldest first.
  const documentsOfOrder = (kind: 'payment' | 'refund', orderId: string) =>
    db
      .selectFrom('sitecore_documents')
      .select('payload')
      .where('site_id', '=', siteId)
      .where('kind', '=', kind)
      .where('parent_id', '=', orderId)
      .orderBy('updated_at')
      .execute();
  return {
    getOrder: ({ orderId }) => read('order', orderId, OrderSchema),
    getCustomer: ({ customerId }) => read('customer', customerId, CustomerSchema),
    async getPayments({ orderId }) {
      try {
        const rows = await documentsOfOrder('payment', orderId);
        return ok(rows.map((r) => PaymentSchema.parse(r.payload)));
      } catch (error) {
        return fail(retryable('storage', `Reading the site's payments failed: ${(error as Error).message}`));
      }
    },
    // The refunds the site sent for the order (refund.issued, schemaVersion 2), oldest first; the sync
    // credits each once, keyed by its ID, as it credits OrderCloud's completed returns.
    async getRefunds({ orderId }) {
      try {
        const rows = await documentsOfOrder('refund', orderId);
        const refunds = rows.map((r) => RefundSchema.parse(r.payload));
        const order = refunds.length > 0 ? await read('order', orderId, OrderSchema) : undefined;
        // A credit note is in the invoice's currency: a refund in another would credit the wrong amount.
        const foreign = order?.ok ? refunds.find((r) => r.currency !== order.value.currency) : undefined;
        if (foreign && order?.ok)
          return fail(
            permanent(
              'refund-currency',
              `Refund ${foreign.id} is in ${foreign.currency}, its order ${orderId} in ${order.value.currency}.`,
            ),
          );
        return ok(refunds);
      } catch (error) {
        return fail(retryable('storage', `Reading the site's refunds failed: ${(error as Error).message}`));
      }
    },
    getProduct: async ({ productId }) =>
      fail(permanent('not-supported', `Sitecore sites do not send products (${productId}).`)),
    // Nothing to reconcile against: the site pushes, it cannot be asked.
    listSubmittedOrdersSince: async () => ok({ orderIds: [] }),
    writeBack: async () => ok(undefined),
    updateCustomer: async () => ok(undefined),
    setProductStock: async ({ productId }) =>
      fail(permanent('not-supported', `Sitecore sites do not hold stock (${productId}).`)),
    renameProduct: async ({ productId }) =>
      fail(permanent('not-supported', `Sitecore sites do not send products (${productId}).`)),
  };
}
