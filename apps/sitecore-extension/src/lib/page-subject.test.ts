import { describe, expect, it } from 'vitest';
import { pageSubject } from './page-subject.ts';

describe('pageSubject', () => {
  it('reads the order from the route, the url, the item path or an orderId field', () => {
    const order = (id: string) => ({ kind: 'order', id });
    expect(pageSubject({ pageInfo: { route: '/orders/SC-42' } })).toEqual(order('SC-42'));
    expect(pageSubject({ pageInfo: { url: 'https://shop.example/order/SC%2043?x=1' } })).toEqual(
      order('SC 43'),
    );
    expect(pageSubject({ pageInfo: { path: '/sitecore/content/shop/Home/Orders/SC-44' } })).toEqual(
      order('SC-44'),
    );
    expect(pageSubject({ pageInfo: { route: '/about', fields: { orderId: { value: 'SC-45' } } } })).toEqual(
      order('SC-45'),
    );
    expect(pageSubject({ pageInfo: { fields: [{ name: 'OrderId', value: 'SC-46' }] } })).toEqual(
      order('SC-46'),
    );
  });

  it('reads the product from a product route or a productId field', () => {
    const product = (id: string) => ({ kind: 'product', id });
    expect(pageSubject({ pageInfo: { route: '/products/mug-1' } })).toEqual(product('mug-1'));
    expect(pageSubject({ pageInfo: { path: '/sitecore/content/shop/Home/Product/lamp%202' } })).toEqual(
      product('lamp 2'),
    );
    expect(
      pageSubject({ pageInfo: { route: '/shop/blue-mug', fields: { productId: { value: 'mug-1' } } } }),
    ).toEqual(product('mug-1'));
    expect(pageSubject({ pageInfo: { fields: [{ name: 'ProductID', value: 'vase' }] } })).toEqual(
      product('vase'),
    );
  });

  it('prefers the route to a field, and an order field to a product field', () => {
    expect(
      pageSubject({ pageInfo: { route: '/products/mug-1', fields: { orderId: { value: 'SC-1' } } } }),
    ).toEqual({
      kind: 'product',
      id: 'mug-1',
    });
    expect(
      pageSubject({ pageInfo: { fields: { orderId: { value: 'SC-1' }, productId: { value: 'mug-1' } } } }),
    ).toEqual({ kind: 'order', id: 'SC-1' });
  });

  it('says nothing for a page that is about neither', () => {
    expect(pageSubject({ pageInfo: { route: '/about-us' } })).toBeUndefined();
    expect(pageSubject({ pageInfo: { route: '/products' } })).toBeUndefined();
    expect(pageSubject({})).toBeUndefined();
    expect(pageSubject(null)).toBeUndefined();
  });
});
