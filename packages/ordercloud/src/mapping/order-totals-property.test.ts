import { money, type Order } from '@ledgerbridge/canonical';
import {
  type Catalog,
  createMemoryCaller,
  createSandboxCore,
  generateOrders,
  type OrderPlan,
  placeOrder,
  type RegionKey,
  regions,
  runOrderScenario,
  setupCatalog,
  startOrderCloudSandbox,
} from '@ledgerbridge/ordercloud-sandbox';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OcOrderWorksheetSchema, type OcOrderWorksheet } from '../api-types.ts';
import { createOrderCloudClient } from '../client/ordercloud-client.ts';
import { mapWorksheetToOrder, type OrderMappingOptions } from './order-mapper.ts';

const options: OrderMappingOptions = {
  pricesIncludeTaxDefault: false,
  anonymousUserIds: Object.values(regions).map((r) => r.guestUsername),
};

/** lines − discounts + charges (+ tax when exclusive) must reproduce OrderCloud's Total exactly. */
function checkAgainstOrderCloud(worksheet: OcOrderWorksheet): Order {
  const result = mapWorksheetToOrder({ worksheet, options });
  if (!result.ok) throw new Error(`${worksheet.Order.ID}: ${result.error.message}`);
  const order = result.value;
  const currency = order.currency;
  const m = (amount: string) => money(amount, currency).minor;
  const lines = order.lines.reduce((s, l) => s + m(l.lineSubtotal) - m(l.discount), 0n);
  const discounts = order.discounts.reduce((s, d) => s + m(d.amount), 0n);
  const charges = order.charges.reduce((s, c) => s + m(c.amount), 0n);
  const tax = order.pricesIncludeTax ? 0n : m(order.taxTotal);
  const ocTotal = money(String(worksheet.Order.Total), currency).minor;
  expect(lines - discounts + charges + tax).toBe(ocTotal);
  expect(m(order.total)).toBe(ocTotal);
  const taxCalculation = worksheet.OrderCalculateResponse?.xp?.TaxCalculation;
  if (taxCalculation) expect(m(order.taxTotal)).toBe(money(String(taxCalculation.TotalTax), currency).minor);
  return order;
}

describe('canonical totals equal OrderCloud Total to the minor unit', () => {
  it('over 1,000+ generated orders in every currency (in-process sandbox, same totals and tax engine)', async () => {
    const currencies = new Map<string, number>();
    let count = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), async (seed) => {
        const { orders } = await generateOrders({ seed, count: 80, profile: 'mixed' });
        for (const generated of orders) {
          const order = checkAgainstOrderCloud(OcOrderWorksheetSchema.parse(generated.worksheet));
          currencies.set(order.currency, (currencies.get(order.currency) ?? 0) + 1);
          count += 1;
        }
      }),
      { numRuns: 13 },
    );
    expect(count).toBeGreaterThanOrEqual(1000);
    expect([...currencies.keys()].sort()).toEqual(['AUD', 'EUR', 'GBP', 'JPY', 'NZD', 'USD']);
  }, 60_000);

  it('for arbitrary prices (up to 4 decimals), quantities, promotions, tips and either tax mode', async () => {
    const regionKeys = Object.keys(regions) as RegionKey[];
    const lineArb = fc.record({
      units: fc.integer({ min: 0, max: 5_000_000 }),
      scale: fc.integer({ min: 0, max: 4 }),
      quantity: fc.integer({ min: 1, max: 500 }),
    });
    const orderArb = fc.record({
      region: fc.constantFrom(...regionKeys),
      lines: fc.array(lineArb, { minLength: 1, maxLength: 8 }),
      promoCodes: fc.subarray(['SAVE10', 'WELCOME5', 'JUMPER15']),
      shipMethod: fc.constantFrom('STANDARD', 'EXPRESS', 'PICKUP', 'FREE' as const),
      gratuity: fc.option(fc.constantFrom('1', '3', '10'), { nil: undefined }),
      giftWrap: fc.boolean(),
      pricesIncludeTax: fc.boolean(),
      guest: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(orderArb, async (input) => {
        const region = regions[input.region];
        const price = (line: { units: number; scale: number }) => {
          const scale = region.currency === 'JPY' ? Math.min(line.scale, 2) : line.scale;
          const digits = String(line.units).padStart(scale + 1, '0');
          return scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
        };
        const catalog: Catalog = {
          regions: [input.region],
          products: input.lines.map((line, i) => ({
            ID: i === 0 ? 'P-001' : `X-${i}`,
            Name: `Product ${i}`,
            category: 'Test',
            applyTax: i % 5 !== 4,
            prices: { [region.currency]: price(line) },
            bulk: false,
          })),
          users: [
            {
              ID: 'buyer-1',
              BuyerID: region.retailBuyerId,
              region: input.region,
              Username: 'buyer-1',
              Password: 'pw',
              FirstName: 'Renée',
              LastName: 'Dubois',
              Email: '',
              address: {
                ...(region.addresses[0] ?? region.addresses[0]!),
                ID: 'addr-buyer-1',
                FirstName: 'Renée',
                LastName: 'Dubois',
              },
            },
          ],
          promotions: [
            {
              ID: 'p1',
              Code: 'SAVE10',
              Name: '10%',
              LineItemLevel: false,
              EligibleExpression: 'true',
              ValueExpression: 'Order.Subtotal * 0.1',
              CanCombine: true,
            },
            {
              ID: 'p2',
              Code: 'WELCOME5',
              Name: '5 off',
              LineItemLevel: false,
              EligibleExpression: 'true',
              ValueExpression: '5',
              CanCombine: true,
            },
            {
              ID: 'p3',
              Code: 'JUMPER15',
              Name: '15%',
              LineItemLevel: true,
              EligibleExpression: "item.ProductID = 'P-001'",
              ValueExpression: 'item.LineSubtotal * 0.15',
              CanCombine: true,
            },
          ],
        };
        const user = catalog.users[0];
        if (!user) throw new Error('no user');
        const plan: OrderPlan = {
          index: 0,
          region: input.region,
          customer: input.guest
            ? { kind: 'guest', guest: { email: 'g@example.com', address: user.address } }
            : { kind: 'user', user },
          lines: input.lines.map((line, i) => ({
            productId: catalog.products[i]?.ID ?? 'P-001',
            quantity: line.quantity,
          })),
          promoCodes: input.promoCodes,
          shipMethod: input.shipMethod,
          ...(input.gratuity ? { gratuity: input.gratuity } : {}),
          giftWrap: input.giftWrap,
          pricesIncludeTax: input.pricesIncludeTax,
          payment: undefined,
          after: 'none',
        };
        const sandbox = createSandboxCore({ clock: { now: '2026-03-01T00:00:00Z', frozen: true } });
        const call = createMemoryCaller(sandbox);
        await setupCatalog(call, catalog);
        const placed = await placeOrder(call, plan);
        const worksheet = await call({
          as: { kind: 'admin' },
          method: 'GET',
          path: `/v1/orders/Incoming/${placed.orderId}/worksheet`,
        });
        checkAgainstOrderCloud(OcOrderWorksheetSchema.parse(worksheet));
      }),
      { numRuns: 150 },
    );
  }, 60_000);

  it('through the HTTP sandbox and the API client too', async () => {
    const running = await startOrderCloudSandbox({ idSeed: 5 });
    try {
      const { orders } = await runOrderScenario({
        baseUrl: running.url,
        seed: 77,
        count: 12,
        profile: 'mixed',
      });
      const client = createOrderCloudClient({
        connectionKey: 'property-http',
        apiUrl: running.url,
        clientId: 'ledgerbridge-integration',
        clientSecret: 'sandbox-integration-secret',
      });
      for (const placed of orders) {
        const worksheet = await client.getWorksheet({ orderId: placed.orderId });
        if (!worksheet.ok) throw new Error(worksheet.error.message);
        const order = checkAgainstOrderCloud(worksheet.value);
        expect(order.currency).toBe(placed.currency);
      }
      client.close();
    } finally {
      await running.close();
    }
  });
});
