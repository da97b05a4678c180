import { z } from 'zod';
import { IdSchema, IsoDateTimeSchema, NonNegativeAmountSchema } from './amount.ts';
import { CurrencyCodeSchema } from './currency.ts';

export const RefundLineSchema = z.object({
  lineId: IdSchema,
  quantity: z.string().regex(/^\d+(\.\d+)?$/, 'must be a positive decimal string'),
  amount: NonNegativeAmountSchema,
});

export const RefundSchema = z.object({
  id: IdSchema,
  orderId: IdSchema,
  currency: CurrencyCodeSchema,
  amount: NonNegativeAmountSchema.describe('tax-inclusive amount credited to the customer'),
  reason: z.string().optional(),
  issuedAt: IsoDateTimeSchema,
  lines: z.array(RefundLineSchema).default([]),
  moneyReturned: z.boolean().describe('true when money went back to the customer, not only a credit'),
});
export type Refund = z.infer<typeof RefundSchema>;
