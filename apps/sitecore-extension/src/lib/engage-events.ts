import type { DemoOrder } from './demo-cart.ts';

// Sitecore CDP / Personalize events for the checkout, in the documented shapes: IDENTITY first (the
// guest must be identified before an order is attached), then ORDER_CHECKOUT with
// order{referenceId, orderedAt, status, currencyCode, price, paymentType, orderItems[...]}.

export type EngageBase = { channel: 'WEB'; language: string; currency: string; page: string };

export function identityEvent(order: DemoOrder, page: string) {
  return {
    channel: 'WEB' as const,
    language: 'EN',
    currency: order.currency,
    page,
    email: order.customer.email,
    firstName: order.customer.firstName,
    lastName: order.customer.lastName,
    identifiers: [{ provider: 'email', id: order.customer.email }],
  };
}

export function orderCheckoutEvent(
  order: DemoOrder,
  input: { page: string; paid: boolean; paymentType: string },
) {
  const status = input.paid ? 'PURCHASED' : 'PAYMENT_PENDING';
  return {
    channel: 'WEB' as const,
    language: 'EN',
    currency: order.currency,
    page: input.page,
    order: {
      referenceId: order.id,
      orderedAt: order.placedAt,
      status,
      currencyCode: order.currency,
      // CDP's schema wants a number here; the decimal string becomes one only for this report.
      price: Number(order.total),
      paymentType: input.paymentType,
      orderItems: order.lines.map((line) => ({
        type: 'PRODUCT',
        referenceId: `${order.id}-${line.id}`,
        orderedAt: order.placedAt,
        status,
        currencyCode: order.currency,
        price: Number(line.unitPrice),
        name: line.name,
        productId: line.sku,
        quantity: Number(line.quantity),
      })),
    },
  };
}
