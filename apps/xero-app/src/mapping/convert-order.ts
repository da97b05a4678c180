import { formatDecimal, multiplyDecimals, type Order, parseDecimal, rescale } from '@ledgerbridge/canonical';

function convert(amount: string, rate: string, scale: number): string {
  return formatDecimal(rescale(multiplyDecimals(parseDecimal(amount), parseDecimal(rate)), scale));
}

/**
 * The order restated in another currency at one recorded rate: each amount converted and rounded on its
 * own; the invoice builder then adds a rounding line for whatever the roundings leave between the parts
 * and the converted total.
 */
export function convertOrder(order: Order, to: string, rate: string): Order {
  const money = (a: string) => convert(a, rate, 2);
  const taxes = <T extends { amount: string }>(list: readonly T[]) =>
    list.map((t) => ({ ...t, amount: money(t.amount) }));
  const lines = order.lines.map((l) => ({
    ...l,
    unitPrice: convert(l.unitPrice, rate, 4),
    lineSubtotal: money(l.lineSubtotal),
    discount: money(l.discount),
    taxes: taxes(l.taxes),
  }));
  return {
    ...order,
    currency: to,
    lines,
    charges: order.charges.map((c) => ({ ...c, amount: money(c.amount), taxes: taxes(c.taxes) })),
    discounts: order.discounts.map((d) => ({ ...d, amount: money(d.amount) })),
    orderTaxes: taxes(order.orderTaxes),
    taxTotal: money(order.taxTotal),
    total: money(order.total),
  };
}
