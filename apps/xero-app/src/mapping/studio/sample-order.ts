import { type Order, OrderSchema, type ReferenceData } from '@ledgerbridge/canonical';
import type { MappingConfig } from '../mapping-config.ts';

function rateBasisPoints(rate: string): bigint {
  const [whole = '0', frac = ''] = rate.split('.');
  return BigInt(whole) * 100n + BigInt(`${frac}00`.slice(0, 2));
}

const text = (c: bigint) => `${c / 100n}.${(c % 100n).toString().padStart(2, '0')}`;

/**
 * A made-up order for previewing a mapping before the environment has real ones: a taxed product (by
 * the first mapped tax class, else the org's main sales rate), an untaxed one, shipping. Prices exclude tax.
 */
export function sampleOrder(reference: ReferenceData, mapping: MappingConfig): Order {
  const classes = Object.entries(mapping.tax.byClass);
  const [taxClass, taxType] = classes[0] ?? [undefined, undefined];
  const revenueRates = reference.taxRates.filter((t) => t.active && t.canApplyToRevenue);
  const rate =
    (taxType ? reference.taxRates.find((t) => t.taxType === taxType)?.ratePercent : undefined) ??
    [...revenueRates].sort((a, b) => Number(b.ratePercent) - Number(a.ratePercent))[0]?.ratePercent ??
    '0';
  const bp = rateBasisPoints(rate);
  const taxOf = (cents: bigint) => (cents * bp + 5000n) / 10000n;
  const product = 120000n;
  const gift = 5000n;
  const shipping = 1500n;
  const productTax = taxOf(product);
  const shippingTax = taxOf(shipping);
  const taxed = (amount: bigint) => (bp === 0n ? [] : [{ ratePercent: rate, amount: text(amount) }]);
  return OrderSchema.parse({
    id: 'SAMPLE-1001',
    status: 'open',
    currency: reference.organisation.baseCurrency,
    placedAt: new Date().toISOString(),
    customer: {
      id: 'sample-customer',
      kind: 'person',
      firstName: 'Sam',
      lastName: 'Sample',
      email: 'sam@example.com',
    },
    pricesIncludeTax: false,
    lines: [
      {
        id: 'sample-1',
        sku: 'SAMPLE-CHAIR',
        name: 'Oak chair - natural finish',
        quantity: '2',
        unitPrice: text(product / 2n),
        lineSubtotal: text(product),
        taxes: taxed(productTax),
        ...(taxClass ? { taxClass } : {}),
        category: 'Furniture',
      },
      {
        id: 'sample-2',
        sku: 'GIFT-50',
        name: 'Gift card',
        quantity: '1',
        unitPrice: text(gift),
        lineSubtotal: text(gift),
        category: 'Gift cards',
      },
    ],
    charges: [
      { kind: 'shipping', description: 'Shipping', amount: text(shipping), taxes: taxed(shippingTax) },
    ],
    taxTotal: text(productTax + shippingTax),
    total: text(product + gift + shipping + productTax + shippingTax),
  });
}
