import { describe, expect, it } from 'vitest';
import { buildDemoOrder, customerIdFor } from './demo-cart.ts';
import { identityEvent, orderCheckoutEvent } from './engage-events.ts';

const shopper = { email: ' Ana@Example.com ', firstName: 'Ana', lastName: 'Lee' };

describe('demo checkout order', () => {
  it('prices in cents with GST included, to the cent', () => {
    const order = buildDemoOrder({
      orderId: 'SC-1',
      shopper,
      quantity: 3,
      placedAt: new Date('2026-12-05T15:00:00Z'),
    });
    expect(order.total).toBe('73.50');
    expect(order.taxTotal).toBe('6.68');
    expect(order.lines[0]?.lineSubtotal).toBe('73.50');
    expect(order.customer.id).toBe(customerIdFor('ana@example.com'));
    expect(order.customer.email).toBe('Ana@Example.com');
  });

  it('maps to the documented IDENTITY and ORDER_CHECKOUT shapes', () => {
    const order = buildDemoOrder({
      orderId: 'SC-2',
      shopper,
      quantity: 1,
      placedAt: new Date('2026-12-05T15:00:00Z'),
    });
    expect(identityEvent(order, 'checkout').identifiers).toEqual([
      { provider: 'email', id: 'Ana@Example.com' },
    ]);
    const checkout = orderCheckoutEvent(order, {
      page: 'checkout',
      paid: false,
      paymentType: 'Bank Transfer',
    });
    expect(checkout.order).toMatchObject({
      referenceId: 'SC-2',
      orderedAt: '2026-12-05T15:00:00.000Z',
      status: 'PAYMENT_PENDING',
      currencyCode: 'AUD',
      price: 24.5,
      paymentType: 'Bank Transfer',
    });
    expect(checkout.order.orderItems[0]).toMatchObject({
      type: 'PRODUCT',
      productId: 'SC-MUG',
      quantity: 1,
      price: 24.5,
    });
  });
});
