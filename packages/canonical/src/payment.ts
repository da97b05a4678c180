import { z } from 'zod';
import { AmountSchema, IdSchema, IsoDateTimeSchema, NonNegativeAmountSchema } from './amount.ts';
import { CurrencyCodeSchema } from './currency.ts';

export const PaymentTransactionSchema = z.object({
  id: IdSchema,
  type: z.string().min(1).describe('authorization, capture, void, refund… as the gateway names it'),
  amount: AmountSchema,
  succeeded: z.boolean(),
  resultCode: z.string().optional(),
  message: z.string().optional(),
  executedAt: IsoDateTimeSchema,
});
export type PaymentTransaction = z.infer<typeof PaymentTransactionSchema>;

export const PaymentMethodSchema = z.enum(['credit-card', 'purchase-order', 'spending-account', 'other']);

export const PaymentSchema = z.object({
  id: IdSchema,
  orderId: IdSchema,
  method: PaymentMethodSchema,
  gateway: z.string().optional(),
  currency: CurrencyCodeSchema,
  amount: NonNegativeAmountSchema,
  accepted: z.boolean(),
  createdAt: IsoDateTimeSchema,
  transactions: z.array(PaymentTransactionSchema).default([]),
  attributes: z.record(z.string(), z.unknown()).default({}),
});
export type Payment = z.infer<typeof PaymentSchema>;
