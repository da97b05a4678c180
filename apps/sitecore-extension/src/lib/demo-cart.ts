// The demo storefront's checkout: one product, AUD with 10% GST included. It builds the order in the
// app's canonical model (what the emitter sends), with every amount a decimal string computed in cents.

export type DemoShopper = { email: string; firstName: string; lastName: string };

export const demoProduct = {
  sku: 'SC-MUG',
  name: 'Stoneware mug',
  unitPrice: '24.50',
  currency: 'AUD',
} as const;

const toCents = (amount: string): bigint => {
  const [whole = '0', fraction = ''] = amount.split('.');
  return BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0').slice(0, 2));
};
const fromCents = (cents: bigint): string => `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;

/** GST included in a tax-inclusive amount: amount × 10 / 110, rounded half up to the cent. */
function includedGst(cents: bigint): bigint {
  return (cents * 10n + 55n) / 110n;
}

export function customerIdFor(email: string): string {
  return `shopper:${email.trim().toLowerCase()}`;
}

export function buildDemoOrder(input: {
  orderId: string;
  shopper: DemoShopper;
  quantity: number;
  placedAt: Date;
}) {
  const quantity = Math.max(1, Math.min(20, Math.trunc(input.quantity)));
  const subtotal = toCents(demoProduct.unitPrice) * BigInt(quantity);
  const tax = includedGst(subtotal);
  return {
    id: input.orderId,
    status: 'submitted' as const,
    currency: demoProduct.currency,
    placedAt: input.placedAt.toISOString(),
    customer: {
      id: customerIdFor(input.shopper.email),
      kind: 'person' as const,
      email: input.shopper.email.trim(),
      firstName: input.shopper.firstName.trim() || undefined,
      lastName: input.shopper.lastName.trim() || undefined,
    },
    pricesIncludeTax: true,
    lines: [
      {
        id: '1',
        sku: demoProduct.sku,
        productId: demoProduct.sku,
        name: demoProduct.name,
        quantity: String(quantity),
        unitPrice: demoProduct.unitPrice,
        lineSubtotal: fromCents(subtotal),
        taxes: [{ name: 'GST', ratePercent: '10', amount: fromCents(tax) }],
      },
    ],
    taxTotal: fromCents(tax),
    total: fromCents(subtotal),
  };
}

export type DemoOrder = ReturnType<typeof buildDemoOrder>;
