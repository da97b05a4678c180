import { z } from 'zod';
import { AddressSchema } from './address.ts';
import {
  AmountSchema,
  checkAmountsFitCurrency,
  IdSchema,
  IsoDateTimeSchema,
  NonNegativeAmountSchema,
} from './amount.ts';
import { CurrencyCodeSchema } from './currency.ts';
import { CustomerSchema } from './customer.ts';
import { money, sum } from './money.ts';

export const TaxDetailSchema = z.object({
  code: z.string().optional().describe('the source tax class or jurisdiction code'),
  name: z.string().optional(),
  ratePercent: z
    .string()
    .regex(/^\d+(\.\d+)?$/, 'must be a percentage such as "10"')
    .optional(),
  amount: AmountSchema,
  /** What the tax applied to and what it did not (OrderCloud's TaxDetails.Taxable / Exempt). */
  taxable: AmountSchema.optional(),
  exempt: AmountSchema.optional(),
  /** The jurisdiction's level and name, e.g. State / CALIFORNIA (TaxDetails.JurisdictionLevel / Value). */
  jurisdictionLevel: z.string().optional(),
  jurisdiction: z.string().optional(),
});
export type TaxDetail = z.infer<typeof TaxDetailSchema>;

export const OrderLineSchema = z.object({
  id: IdSchema,
  productId: z.string().optional(),
  sku: z.string().optional(),
  name: z.string().min(1),
  description: z.string().optional(),
  quantity: z
    .string()
    .regex(/^\d+(\.\d+)?$/, 'must be a positive decimal string')
    .refine((q) => /[1-9]/.test(q), {
      message: 'must be greater than zero',
    }),
  unitPrice: AmountSchema.refine((p) => (p.split('.')[1]?.length ?? 0) <= 4, 'has more than 4 decimals'),
  lineSubtotal: AmountSchema.describe('quantity × unit price, rounded to the currency'),
  discount: NonNegativeAmountSchema.default('0'),
  taxes: z.array(TaxDetailSchema).default([]),
  taxClass: z.string().optional(),
  category: z.string().optional(),
  attributes: z.record(z.string(), z.unknown()).default({}),
});
export type OrderLine = z.infer<typeof OrderLineSchema>;

export const ChargeSchema = z.object({
  kind: z.enum(['shipping', 'fee', 'gratuity']),
  description: z.string().min(1),
  amount: AmountSchema,
  taxes: z.array(TaxDetailSchema).default([]),
});
export type Charge = z.infer<typeof ChargeSchema>;

export const DiscountSchema = z.object({
  code: z.string().optional(),
  description: z.string().min(1),
  amount: NonNegativeAmountSchema,
});
export type Discount = z.infer<typeof DiscountSchema>;

export const OrderStatusSchema = z.enum([
  'submitted',
  'awaiting-approval',
  'open',
  'completed',
  'canceled',
  'declined',
]);

const OrderShape = z.object({
  id: IdSchema,
  status: OrderStatusSchema,
  currency: CurrencyCodeSchema,
  placedAt: IsoDateTimeSchema,
  customer: CustomerSchema,
  billingAddress: AddressSchema.optional(),
  shippingAddress: AddressSchema.optional(),
  pricesIncludeTax: z.boolean(),
  lines: z.array(OrderLineSchema),
  charges: z.array(ChargeSchema).default([]),
  discounts: z.array(DiscountSchema).default([]).describe('order-level promotions'),
  orderTaxes: z.array(TaxDetailSchema).default([]).describe('tax not attributed to a line or charge'),
  taxTotal: NonNegativeAmountSchema,
  total: NonNegativeAmountSchema,
  attributes: z.record(z.string(), z.unknown()).default({}),
});

/** lines − line discounts − order discounts + charges (+ tax when prices exclude it) = total, to the minor unit. */
export const OrderSchema = OrderShape.superRefine((order, ctx) => {
  const amounts: Array<readonly [(string | number)[], string | undefined]> = [
    [['taxTotal'], order.taxTotal],
    [['total'], order.total],
  ];
  order.lines.forEach((line, i) => {
    amounts.push(
      [['lines', i, 'lineSubtotal'], line.lineSubtotal],
      [['lines', i, 'discount'], line.discount],
    );
    line.taxes.forEach((t, j) => {
      amounts.push([['lines', i, 'taxes', j, 'amount'], t.amount]);
    });
  });
  order.charges.forEach((c, i) => {
    amounts.push([['charges', i, 'amount'], c.amount]);
  });
  order.discounts.forEach((d, i) => {
    amounts.push([['discounts', i, 'amount'], d.amount]);
  });
  const before = ctx.issues.length;
  checkAmountsFitCurrency(order.currency, amounts, ctx);
  if (ctx.issues.length > before) return;

  const m = (amount: string) => money(amount, order.currency);
  const allTaxes = [
    ...order.lines.flatMap((l) => l.taxes),
    ...order.charges.flatMap((c) => c.taxes),
    ...order.orderTaxes,
  ];
  const taxSum = sum(
    allTaxes.map((t) => m(t.amount)),
    order.currency,
  );
  if (taxSum.minor !== m(order.taxTotal).minor) {
    ctx.addIssue({
      code: 'custom',
      path: ['taxTotal'],
      message: 'does not equal the sum of the line, charge and order taxes',
    });
  }
  const expected =
    sum(
      order.lines.map((l) => m(l.lineSubtotal)),
      order.currency,
    ).minor -
    sum(
      order.lines.map((l) => m(l.discount)),
      order.currency,
    ).minor -
    sum(
      order.discounts.map((d) => m(d.amount)),
      order.currency,
    ).minor +
    sum(
      order.charges.map((c) => m(c.amount)),
      order.currency,
    ).minor +
    (order.pricesIncludeTax ? 0n : m(order.taxTotal).minor);
  if (expected !== m(order.total).minor) {
    ctx.addIssue({
      code: 'custom',
      path: ['total'],
      message: `does not equal lines − discounts + charges${order.pricesIncludeTax ? '' : ' + tax'}`,
    });
  }
});
export type Order = z.infer<typeof OrderSchema>;
