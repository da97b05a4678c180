import { z } from 'zod';
import { AddressSchema } from './address.ts';
import { IdSchema, IsoDateTimeSchema } from './amount.ts';

const base = {
  eventId: IdSchema.describe('the source delivery ID (OrderCloud LogID); deliveries are deduplicated by it'),
  connectionId: IdSchema,
  occurredAt: IsoDateTimeSchema,
  source: z.enum(['ordercloud', 'sitecore', 'xero', 'reconciler', 'console', 'backfill']),
};

export const SyncEventSchema = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.literal('order.submitted'), orderId: IdSchema }),
  z.object({ ...base, type: z.literal('payment.captured'), orderId: IdSchema, paymentId: IdSchema }),
  z.object({ ...base, type: z.literal('order.canceled'), orderId: IdSchema }),
  z.object({ ...base, type: z.literal('refund.issued'), orderId: IdSchema, refundId: IdSchema }),
  z.object({ ...base, type: z.literal('customer.updated'), customerId: IdSchema }),
  z.object({ ...base, type: z.literal('product.updated'), productId: IdSchema }),
  /** A spec's option changed (its price markup): the products it is assigned to are synced again. */
  z.object({ ...base, type: z.literal('spec.updated'), specId: IdSchema }),
  /** A buyer company created or changed, or given a company-wide address (decision 0097). */
  z.object({ ...base, type: z.literal('company.updated'), companyId: IdSchema }),
  /**
   * A company's user group was given a billing address (decision 0125): each of its members is synced
   * again (a member's own billing address still comes first).
   */
  z.object({ ...base, type: z.literal('group.updated'), companyId: IdSchema, groupId: IdSchema }),
  /** A company's address created or edited: whoever it bills is synced again. */
  z.object({ ...base, type: z.literal('address.updated'), companyId: IdSchema, addressId: IdSchema }),
  /**
   * A shopper saved a billing address of their own: private to them, so the admin API cannot read it
   * back and the event carries it.
   */
  z.object({
    ...base,
    type: z.literal('customer.address-saved'),
    username: IdSchema,
    address: AddressSchema,
  }),
]);
export type SyncEvent = z.infer<typeof SyncEventSchema>;
export type SyncEventType = SyncEvent['type'];
