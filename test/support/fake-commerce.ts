import {
  type CommerceSource,
  ok,
  type Order,
  OrderSchema,
  type Payment,
  type Refund,
} from '@ledgerbridge/canonical';

/** An AU order as the OrderCloud adapter maps it: lines [name, quantity, unit price, GST], prices with tax. */
export function auOrder(
  id: string,
  customer: { id: string; first: string; last: string; email?: string; companyId?: string },
  lines: Array<[string, string, string, string]>,
): Order {
  // [name, quantity, unit price, GST]
  const built = lines.map(([name, quantity, unit, tax], i) => {
    const subtotal = (BigInt(Math.round(Number(unit) * 100)) * BigInt(quantity)).toString();
    return {
      id: `${id}-${i}`,
      sku: `SKU-${i}`,
      name,
      quantity,
      unitPrice: unit,
      lineSubtotal: `${subtotal.slice(0, -2) || '0'}.${subtotal.slice(-2).padStart(2, '0')}`,
      taxes: [{ ratePercent: '10', amount: tax }],
    };
  });
  const totalCents = built.reduce((a, l) => a + BigInt(l.lineSubtotal.replace('.', '')), 0n);
  const taxCents = lines.reduce((a, l) => a + BigInt(l[3].replace('.', '')), 0n);
  const fmt = (c: bigint) => `${c / 100n}.${(c % 100n).toString().padStart(2, '0')}`;
  return OrderSchema.parse({
    id,
    status: 'submitted',
    currency: 'AUD',
    placedAt: '2026-11-26T23:00:00Z',
    customer: {
      id: customer.id,
      kind: 'person',
      firstName: customer.first,
      lastName: customer.last,
      ...(customer.email ? { email: customer.email } : {}),
      ...(customer.companyId ? { companyId: customer.companyId } : {}),
    },
    pricesIncludeTax: true,
    lines: built,
    taxTotal: fmt(taxCents),
    total: fmt(totalCents),
  });
}

/** OrderCloud as the sync sees it (CommerceSource), answering from maps the test changes. */
export function fakeCommerce(
  orders: Map<string, Order>,
  payments: Map<string, Payment[]>,
  refunds: Map<string, Refund[]> = new Map(),
): CommerceSource & { writes: unknown[] } {
  const writes: unknown[] = [];
  return {
    writes,
    getOrder: async ({ orderId }) => {
      const order = orders.get(orderId);
      return order
        ? ok(order)
        : {
            ok: false,
            error: { kind: 'permanent', code: 'not-found', message: `Order ${orderId} not found` },
          };
    },
    getPayments: async ({ orderId }) => ok(payments.get(orderId) ?? []),
    getRefunds: async ({ orderId }) => ok(refunds.get(orderId) ?? []),
    getCustomer: async () => ({ ok: false, error: { kind: 'permanent', code: 'unused', message: 'unused' } }),
    getProduct: async () => ({ ok: false, error: { kind: 'permanent', code: 'unused', message: 'unused' } }),
    listSubmittedOrdersSince: async () => ok({ orderIds: [...orders.keys()] }),
    updateCustomer: async () => ok(undefined),
    setProductStock: async () => ok(undefined),
    renameProduct: async () => ok(undefined),
    writeBack: async (input) => {
      writes.push(input);
      return ok(undefined);
    },
  };
}
