import { type CommerceSource, ok, type Order } from '@ledgerbridge/canonical';
import { describe, expect, it } from 'vitest';
import { prefetchOrders } from './prefetched-source.ts';

function countingSource() {
  const calls: string[] = [];
  const source = {
    getOrder: async (i: { orderId: string; sources?: unknown }) => {
      calls.push(`order ${i.orderId}${i.sources ? ' with sources' : ''}`);
      return ok({ id: i.orderId } as unknown as Order);
    },
    getPayments: async (i: { orderId: string }) => {
      calls.push(`payments ${i.orderId}`);
      return ok([]);
    },
    getRefunds: async (i: { orderId: string }) => {
      calls.push(`refunds ${i.orderId}`);
      return ok([]);
    },
  } as unknown as CommerceSource;
  return { source, calls };
}

describe('prefetchOrders', () => {
  it('reads each order, its payments and refunds once and answers them from memory', async () => {
    const { source, calls } = countingSource();
    const { source: prefetched, orders } = await prefetchOrders(source, {
      orderIds: ['a', 'b', 'c'],
      concurrency: 2,
    });
    expect(calls).toHaveLength(9);
    expect([...orders.keys()].sort()).toEqual(['a', 'b', 'c']);
    await prefetched.getOrder({ orderId: 'a' });
    await prefetched.getPayments({ orderId: 'b' });
    await prefetched.getRefunds({ orderId: 'c' });
    expect(calls).toHaveLength(9);
  });

  it('reads the refunds of the chunk in one list where the source can', async () => {
    const { source, calls } = countingSource();
    const listing = {
      ...source,
      getRefundsOf: async (i: { orderIds: readonly string[] }) => {
        calls.push(`refunds of ${i.orderIds.join(',')}`);
        return ok(new Map(i.orderIds.map((id) => [id, []])));
      },
    } as CommerceSource;
    await prefetchOrders(listing, { orderIds: ['a', 'b'], concurrency: 2 });
    expect(calls.filter((c) => c.startsWith('refunds'))).toEqual(['refunds of a,b']);
  });

  it('passes reads it does not hold to the source: other orders, an order read through source paths', async () => {
    const { source, calls } = countingSource();
    const { source: prefetched } = await prefetchOrders(source, { orderIds: ['a'], concurrency: 4 });
    await prefetched.getOrder({ orderId: 'z' });
    await prefetched.getOrder({ orderId: 'a', sources: { taxCode: 'xp.Tax' } as never });
    expect(calls.slice(3)).toEqual(['order z', 'order a with sources']);
  });
});
