import type { Order } from '@ledgerbridge/canonical';

/**
 * The order as JSONata rules see it. Amounts are numbers here because rules compare them
 * (`total > 1000`); nothing computed from this view ever becomes money on an invoice.
 */
export function orderView(order: Order) {
  return {
    id: order.id,
    status: order.status,
    currency: order.currency,
    placedAt: order.placedAt,
    total: Number(order.total),
    taxTotal: Number(order.taxTotal),
    pricesIncludeTax: order.pricesIncludeTax,
    customer: order.customer,
    billingAddress: order.billingAddress,
    shippingAddress: order.shippingAddress,
    lineCount: order.lines.length,
    lines: order.lines.map((l) => ({
      ...l,
      quantity: Number(l.quantity),
      unitPrice: Number(l.unitPrice),
      lineSubtotal: Number(l.lineSubtotal),
    })),
    charges: order.charges.map((c) => ({ ...c, amount: Number(c.amount) })),
    attributes: order.attributes,
  };
}
export type OrderView = ReturnType<typeof orderView>;
