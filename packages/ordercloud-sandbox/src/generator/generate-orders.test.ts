import { describe, expect, it } from 'vitest';
import { startOrderCloudSandbox } from '../server.ts';
import { generateOrders, runOrderScenario } from './generate-orders.ts';

describe('order generator', () => {
  it('is deterministic per seed', async () => {
    const a = await generateOrders({ seed: 42, count: 25 });
    const b = await generateOrders({ seed: 42, count: 25 });
    const c = await generateOrders({ seed: 43, count: 25 });
    const summary = (r: typeof a) =>
      r.orders.map((o) => [o.placed.orderId, (o.worksheet.Order as { Total: number }).Total]);
    expect(summary(a)).toEqual(summary(b));
    expect(summary(a)).not.toEqual(summary(c));
  });

  it('covers the awkward cases: currencies, guests, B2B, zero value, partial/failed captures, cancels, returns', async () => {
    const { orders } = await generateOrders({ seed: 2026, count: 300, profile: 'mixed' });
    const currencies = new Set(orders.map((o) => o.placed.currency));
    expect([...currencies].sort()).toEqual(['AUD', 'EUR', 'GBP', 'JPY', 'NZD', 'USD']);
    const total = (o: (typeof orders)[number]) => (o.worksheet.Order as { Total: number }).Total;
    expect(orders.some((o) => o.plan.customer.kind === 'guest')).toBe(true);
    expect(orders.some((o) => o.plan.customer.kind === 'user' && o.plan.customer.user.company)).toBe(true);
    expect(orders.some((o) => total(o) === 0)).toBe(true);
    expect(orders.some((o) => o.placed.status === 'Canceled')).toBe(true);
    expect(orders.some((o) => o.orderReturns.some((r) => r.Status === 'Completed'))).toBe(true);
    const transactions = orders.flatMap((o) =>
      o.payments.flatMap((p) => (p.Transactions as { Type: string; Succeeded: boolean }[]) ?? []),
    );
    expect(transactions.some((t) => t.Type === 'Capture' && !t.Succeeded)).toBe(true);
    expect(
      orders.some((o) =>
        o.payments.some(
          (p) =>
            ((p.Transactions as { Type: string }[]) ?? []).filter((t) => t.Type === 'Capture').length === 2,
        ),
      ),
    ).toBe(true);
    const customers = orders.flatMap((o) =>
      o.plan.customer.kind === 'user' ? [o.plan.customer.user.ID] : [],
    );
    expect(customers.length).toBeGreaterThan(new Set(customers).size); // repeat customers
    const names = new Set(orders.flatMap((o) => (o.user ? [`${o.user.FirstName} ${o.user.LastName}`] : [])));
    expect([...names].some((n) => /[^ -~]/.test(n))).toBe(true);
    expect(
      orders
        .filter((o) => o.user?.FirstName === 'John' && o.user?.LastName === 'Smith')
        .map((o) => o.user?.ID)
        .filter((v, i, all) => all.indexOf(v) === i).length,
    ).toBeGreaterThan(1);
    expect(orders.some((o) => o.user?.Email === '')).toBe(true);
    const noSku = orders.some((o) =>
      (o.worksheet.LineItems as { Product: { xp: Record<string, unknown> } }[]).some(
        (l) => l.Product.xp.SKU === undefined,
      ),
    );
    expect(noSku).toBe(true);
  });

  it('the stress profile includes a 300-line order', async () => {
    const { orders } = await generateOrders({ seed: 5, count: 1, profile: 'stress' });
    expect(orders[0]?.worksheet.LineItems).toHaveLength(300);
  });

  it('drives the same kind of scenario through the HTTP sandbox', async () => {
    const running = await startOrderCloudSandbox();
    try {
      const result = await runOrderScenario({ baseUrl: running.url, seed: 8, count: 6, profile: 'nz' });
      expect(result.orders).toHaveLength(6);
      expect(new Set(result.orders.map((o) => o.currency))).toEqual(new Set(['NZD']));
      const summary = await running.admin.summary();
      expect(summary.submittedOrders).toBe(6);
    } finally {
      await running.close();
    }
  });
});
