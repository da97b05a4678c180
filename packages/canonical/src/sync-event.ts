import { z } from 'zod';
import { IdSchema, IsoDateTimeSchema } from './amount.ts';

const base = {
  eventId: IdSchema.describe('the source delivery ID (OrderCloud LogID); deliveries are deduplicated by it'),
  connectionId: IdSchema,
  occurredAt: IsoDateTimeSchema,
  source: z.enum(['ordercloud', 'sitecore', 'xero', 'reconciler', 'console']),
};

export const SyncEventSchema = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.literal('order.submitted'), orderId: IdSchema }),
  z.object({ ...base, type: z.literal('payment.captured'), orderId: IdSchema, paymentId: IdSchema }),
  z.object({ ...base, type: z.literal('order.canceled'), orderId: IdSchema }),
  z.object({ ...base, type: z.literal('refund.issued'), orderId: IdSchema, refundId: IdSchema }),
  z.object({ ...base, type: z.literal('customer.updated'), customerId: IdSchema }),
  z.object({ ...base, type: z.literal('product.updated'), productId: IdSchema }),
]);
export type SyncEvent = z.infer<typeof SyncEventSchema>;
export type SyncEventType = SyncEvent['type'];
