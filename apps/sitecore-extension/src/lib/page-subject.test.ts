import { describe, expect, it } from 'vitest';
import { orderIdFromPage } from './page-order.ts';

describe('orderIdFromPage', () => {
  it('reads the order from the route, the url, the item path or an orderId field', () => {
    expect(orderIdFromPage({ pageInfo: { route: '/orders/SC-42' } })).toBe('SC-42');
    expect(orderIdFromPage({ pageInfo: { url: 'https://shop.example/order/SC%2043?x=1' } })).toBe('SC 43');
    expect(orderIdFromPage({ pageInfo: { path: '/sitecore/content/shop/Home/Orders/SC-44' } })).toBe('SC-44');
    expect(orderIdFromPage({ pageInfo: { route: '/about', fields: { orderId: { value: 'SC-45' } } } })).toBe(
      'SC-45',
    );
    expect(orderIdFromPage({ pageInfo: { fields: [{ name: 'OrderId', value: 'SC-46' }] } })).toBe('SC-46');
  });
  it('says nothing for a page that is not about an order', () => {
    expect(orderIdFromPage({ pageInfo: { route: '/about-us' } })).toBeUndefined();
    expect(orderIdFromPage({})).toBeUndefined();
    expect(orderIdFromPage(null)).toBeUndefined();
  });
});
