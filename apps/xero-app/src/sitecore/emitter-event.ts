import {
  CustomerSchema,
  IdSchema,
  IsoDateTimeSchema,
  OrderSchema,
  PaymentSchema,
  type SyncEvent,
} from '@ledgerbridge/canonical';
import { z } from 'zod';

// The body a Sitecore site (or any storefront that is not on OrderCloud) sends to
// POST /webhooks/sitecore/{siteId}. Orders, payments and customers travel in the canonical model, so
// the sync maps them to Xero exactly as it maps OrderCloud's; the site's adapter is its emitter.

const envelope = {
  schemaVersion: z.literal(1),
  id: IdSchema.describe('unique per event; a repeated id is a duplicate delivery'),
  occurredAt: IsoDateTimeSchema,
};

export const EmitterEventSchema = z.discriminatedUnion('type', [
  z.object({ ...envelope, type: z.literal('order.submitted'), order: OrderSchema }),
  z.object({ ...envelope, type: z.literal('order.canceled'), orderId: IdSchema }),
  z.object({ ...envelope, type: z.literal('payment.captured'), payment: PaymentSchema }),
  z.object({ ...envelope, type: z.literal('customer.updated'), customer: CustomerSchema }),
]);
export type EmitterEvent = z.infer<typeof EmitterEventSchema>;

export type StoredDocument = {
  readonly kind: 'order' | 'payment' | 'customer';
  readonly documentId: string;
  readonly parentId: string | null;
  readonly payload: unknown;
};

export type EmitterInterpretation =
  | {
      readonly kind: 'event';
      readonly event: SyncEvent;
      readonly document: StoredDocument | undefined;
    }
  | { readonly kind: 'invalid'; readonly reason: string };

/** Validates one delivery and says what it means: a sync event and the document it carries. */
export function interpretEmitterEvent(json: unknown, siteId: string): EmitterInterpretation {
  const parsed = EmitterEventSchema.safeParse(json);
  if (!parsed.success) return { kind: 'invalid', reason: describeIssues(parsed.error) };
  const e = parsed.data;
  const base = { eventId: e.id, connectionId: siteId, occurredAt: e.occurredAt, source: 'sitecore' as const };
  switch (e.type) {
    case 'order.submitted':
      return {
        kind: 'event',
        event: { ...base, type: 'order.submitted', orderId: e.order.id },
        document: { kind: 'order', documentId: e.order.id, parentId: null, payload: e.order },
      };
    case 'order.canceled':
      return {
        kind: 'event',
        event: { ...base, type: 'order.canceled', orderId: e.orderId },
        document: undefined,
      };
    case 'payment.captured':
      return {
        kind: 'event',
        event: { ...base, type: 'payment.captured', orderId: e.payment.orderId, paymentId: e.payment.id },
        document: {
          kind: 'payment',
          documentId: e.payment.id,
          parentId: e.payment.orderId,
          payload: e.payment,
        },
      };
    case 'customer.updated':
      return {
        kind: 'event',
        event: { ...base, type: 'customer.updated', customerId: e.customer.id },
        document: { kind: 'customer', documentId: e.customer.id, parentId: null, payload: e.customer },
      };
  }
}

/** "order.lines.0.unitPrice: has more than 4 decimals" — the field first, so the sender can fix it. */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(body)'}: ${issue.message}`)
    .join('; ');
}
