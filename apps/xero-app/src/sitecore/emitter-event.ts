import {
  CustomerSchema,
  IdSchema,
  IsoDateTimeSchema,
  OrderSchema,
  PaymentSchema,
  RefundSchema,
  type SyncEvent,
} from '@ledgerbridge/canonical';
import { z } from 'zod';

// The body a Sitecore site (or any storefront that is not on OrderCloud) sends to
// POST /webhooks/sitecore/{siteId}. Orders, payments and customers travel in the canonical model, so
// the sync maps them to Xero exactly as it maps OrderCloud's; the site's adapter is its emitter.

// Schema versions (decision 0087): a version adds event types or optional fields, never changes what an
// existing field means, so the app reads every version up to the newest it knows. A type exists from the
// version that introduced it; a sender declaring an older version for it, or a version newer than the
// app's, is refused with a 400 naming `schemaVersion` (a sender must not count on what it did not declare).
export const EMITTER_SCHEMA_VERSION = 2;
export const introducedIn = {
  'order.submitted': 1,
  'order.canceled': 1,
  'payment.captured': 1,
  'customer.updated': 1,
  'refund.issued': 2,
} as const;

const VersionSchema = z
  .number()
  .int('must be a whole number')
  .min(1, 'must be 1 or later')
  .max(
    EMITTER_SCHEMA_VERSION,
    `is newer than this app reads (1–${EMITTER_SCHEMA_VERSION}); update Ledgerbridge or send an older version`,
  );

const envelope = {
  schemaVersion: VersionSchema,
  id: IdSchema.describe('unique per event; a repeated id is a duplicate delivery'),
  occurredAt: IsoDateTimeSchema,
};

export const EmitterEventSchema = z
  .discriminatedUnion('type', [
    z.object({ ...envelope, type: z.literal('order.submitted'), order: OrderSchema }),
    z.object({ ...envelope, type: z.literal('order.canceled'), orderId: IdSchema }),
    z.object({ ...envelope, type: z.literal('payment.captured'), payment: PaymentSchema }),
    z.object({ ...envelope, type: z.literal('customer.updated'), customer: CustomerSchema }),
    // Money credited to the shopper for an order (a return, a goodwill refund): the canonical refund, as
    // the OrderCloud path reads a completed return. It becomes one credit note, allocated to the invoice
    // or refunded from it, however often it is delivered.
    z.object({ ...envelope, type: z.literal('refund.issued'), refund: RefundSchema }),
  ])
  .superRefine((e, ctx) => {
    const since = introducedIn[e.type];
    if (e.schemaVersion < since)
      ctx.addIssue({
        code: 'custom',
        path: ['schemaVersion'],
        message: `${e.type} exists from schemaVersion ${since}; this event declares ${e.schemaVersion}`,
      });
  });
export type EmitterEvent = z.infer<typeof EmitterEventSchema>;

export type StoredDocument = {
  readonly kind: 'order' | 'payment' | 'customer' | 'refund';
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
  // The version first: a newer sender's unknown type is explained by its version, not by the type.
  const version = z.object({ schemaVersion: VersionSchema }).safeParse(json);
  if (!version.success) return { kind: 'invalid', reason: describeIssues(version.error) };
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
    case 'refund.issued':
      return {
        kind: 'event',
        event: { ...base, type: 'refund.issued', orderId: e.refund.orderId, refundId: e.refund.id },
        document: { kind: 'refund', documentId: e.refund.id, parentId: e.refund.orderId, payload: e.refund },
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
