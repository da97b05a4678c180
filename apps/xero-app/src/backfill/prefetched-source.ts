import type { CommerceSource, Order, Payment, Refund, Result } from '@ledgerbridge/canonical';

type Read = {
  readonly order: Result<Order>;
  readonly payments: Result<Payment[]>;
  readonly refunds: Result<Refund[]>;
};

/**
 * A chunk's orders read from the commerce source before the chunk is planned in one transaction (no call
 * may wait inside it): each order and its payments, `concurrency` orders at a time, and the refunds of
 * all in one list where the source offers it (each order's own read otherwise, or when the list failed). The source
 * returned answers those reads from memory and passes every other call (an order read through the
 * mapping's source paths, a customer) to the real one.
 */
export async function prefetchOrders(
  source: CommerceSource,
  input: { orderIds: readonly string[]; concurrency: number },
): Promise<{ source: CommerceSource; orders: ReadonlyMap<string, Order> }> {
  const reads = new Map<string, Read>();
  // Returns in one list for the chunk where the source can (OrderCloud: an OrderID filter, 100 a page).
  const listed = source.getRefundsOf ? await source.getRefundsOf({ orderIds: input.orderIds }) : undefined;
  const refundsOf = (orderId: string): Promise<Result<Refund[]>> => {
    const found = listed?.ok ? listed.value.get(orderId) : undefined;
    return found ? Promise.resolve({ ok: true, value: found }) : source.getRefunds({ orderId });
  };
  const queue = [...input.orderIds];
  const worker = async () => {
    for (let orderId = queue.shift(); orderId !== undefined; orderId = queue.shift()) {
      const [order, payments, refunds] = await Promise.all([
        source.getOrder({ orderId }),
        source.getPayments({ orderId }),
        refundsOf(orderId),
      ]);
      reads.set(orderId, { order, payments, refunds });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, input.concurrency) }, worker));
  const memory = <T>(orderId: string, pick: (r: Read) => Result<T>, read: () => Promise<Result<T>>) => {
    const found = reads.get(orderId);
    return found ? Promise.resolve(pick(found)) : read();
  };
  const orders = new Map<string, Order>();
  for (const [orderId, read] of reads) if (read.order.ok) orders.set(orderId, read.order.value);
  const prefetched: CommerceSource = {
    getOrder: (i) =>
      i.sources
        ? source.getOrder(i)
        : memory(
            i.orderId,
            (r) => r.order,
            () => source.getOrder(i),
          ),
    getPayments: (i) =>
      memory(
        i.orderId,
        (r) => r.payments,
        () => source.getPayments(i),
      ),
    getRefunds: (i) =>
      memory(
        i.orderId,
        (r) => r.refunds,
        () => source.getRefunds(i),
      ),
    getCustomer: (i) => source.getCustomer(i),
    getProduct: (i) => source.getProduct(i),
    listSubmittedOrdersSince: (i) => source.listSubmittedOrdersSince(i),
    writeBack: (i) => source.writeBack(i),
    updateCustomer: (i) => source.updateCustomer(i),
    setProductStock: (i) => source.setProductStock(i),
    renameProduct: (i) => source.renameProduct(i),
  };
  return { source: prefetched, orders };
}
