import { describe, expect, it } from 'vitest';
import { listItems } from '../api/list-query.ts';
import { ApiError } from '../errors.ts';
import { allocateMinor, numberToDecimalString, parseDecimal } from '../money.ts';
import { computeTotals, netLineAmounts } from './order-totals.ts';
import { compilePromotion } from './promotion-rules.ts';
import { calculateTax } from './tax-engine.ts';
import { taxRegionFor } from './tax-regions.ts';

const promo = (id: string, lineItemLevel: boolean, valueExpression: string, eligibleExpression = 'true') => ({
  id,
  lineItemLevel,
  compiled: compilePromotion({ eligibleExpression, valueExpression, lineItemLevel }),
});

describe('totals engine (exact, in minor units)', () => {
  it('rounds Quantity × UnitPrice once, half away from zero', () => {
    const totals = computeTotals({
      currency: 'EUR',
      lines: [{ id: 'a', productId: 'screw', quantity: 333, unitPrice: parseDecimal('0.115') }],
      promotions: [],
      shippingCost: 0n,
      taxCost: 0n,
      fees: 0n,
      gratuity: 0n,
    });
    expect(totals.lines.get('a')?.lineSubtotal).toBe(3830n); // 38.295 → 38.30
  });

  it('applies line promotions before order promotions, never below zero, and Total adds every part', () => {
    const totals = computeTotals({
      currency: 'USD',
      lines: [
        { id: 'a', productId: 'P-001', quantity: 1, unitPrice: parseDecimal('120') },
        { id: 'b', productId: 'P-002', quantity: 3, unitPrice: parseDecimal('19.99') },
      ],
      promotions: [
        promo('line', true, 'item.LineSubtotal * 0.15', "item.ProductID = 'P-001'"),
        promo('big', false, '1000'),
      ],
      shippingCost: 799n,
      taxCost: 1508n,
      fees: 299n,
      gratuity: 200n,
    });
    expect(totals.lineDiscount).toBe(1800n);
    expect(totals.orderDiscount).toBe(12000n + 5997n - 1800n); // capped at what is left
    expect(totals.total).toBe(799n + 1508n + 299n + 200n);
    expect([...netLineAmounts(totals, ['a', 'b']).values()]).toEqual([0n, 0n]);
  });

  it('refuses promotion expressions that do not parse, naming the field', () => {
    expect(() =>
      compilePromotion({
        eligibleExpression: 'order.Subtotal >',
        valueExpression: '5',
        lineItemLevel: false,
      }),
    ).toThrow(ApiError);
    expect(() =>
      compilePromotion({
        eligibleExpression: 'true',
        valueExpression: "items.any(ProductID = 'A'",
        lineItemLevel: false,
      }),
    ).toThrow(/ValueExpression/);
    expect(() =>
      compilePromotion({ eligibleExpression: 'x'.repeat(401), valueExpression: '1', lineItemLevel: false }),
    ).toThrow(/400 characters/);
  });
});

describe('tax engine', () => {
  it('New York: three jurisdictions, each rounded, on top of the price', () => {
    const tax = calculateTax({
      orderId: 'o',
      pricesIncludeTax: false,
      lines: [
        {
          lineItemId: 'a',
          amount: 10000n,
          region: taxRegionFor({ country: 'US', state: 'NY', currency: 'USD' }),
          taxable: true,
        },
      ],
      charges: [],
    });
    expect(tax.LineItems[0]?.LineItemLevelTaxes.map((t) => t.Tax)).toEqual([400n, 450n, 38n]);
    expect(tax.TotalTax).toBe(888n);
  });

  it('GST-inclusive prices: the tax is the part already inside (110.00 → 10.00); shipping taxed, tax-free lines not', () => {
    const au = taxRegionFor({ country: 'AU', currency: 'AUD' });
    const tax = calculateTax({
      orderId: 'o',
      pricesIncludeTax: true,
      lines: [
        { lineItemId: 'a', amount: 11000n, region: au, taxable: true },
        { lineItemId: 'gift', amount: 5000n, region: au, taxable: false },
      ],
      charges: [{ kind: 'shipping', id: 'SE-1', name: 'Standard', amount: 995n, region: au }],
    });
    expect(tax.LineItems.map((l) => l.LineItemTotalTax)).toEqual([1000n, 0n]);
    expect(tax.OrderLevelTaxes).toMatchObject([{ Tax: 90n, ShipEstimateID: 'SE-1' }]);
    expect(tax.TotalTax).toBe(1090n);
  });

  it('regions fall back by currency when an order has no address', () => {
    expect(taxRegionFor({ currency: 'JPY' }).key).toBe('JP');
    expect(taxRegionFor({ country: 'US', state: 'OR', currency: 'USD' }).rules).toEqual([]);
  });
});

describe('money helpers', () => {
  it('reads a JSON number as the decimal it was written as', () => {
    expect(numberToDecimalString(0.1)).toBe('0.1');
    expect(numberToDecimalString(1e-7)).toBe('0.0000001');
    expect(numberToDecimalString(1.5e21)).toBe('1500000000000000000000');
    expect(numberToDecimalString(159.23)).toBe('159.23');
  });

  it('allocates exactly', () => {
    const parts = allocateMinor(1599n, [9990n, 5995n]);
    expect(parts).toEqual([999n, 600n]);
    expect(allocateMinor(-7n, [1n, 1n, 1n]).reduce((a, b) => a + b, 0n)).toBe(-7n);
  });
});

describe('list queries', () => {
  const items = [
    { ID: 'a', Total: 10, Status: 'Open', DateSubmitted: '2026-01-01T00:00:00.000Z', xp: { Channel: 'web' } },
    {
      ID: 'b',
      Total: 250.5,
      Status: 'Canceled',
      DateSubmitted: '2026-01-03T00:00:00.000Z',
      xp: { Channel: 'pos' },
    },
    { ID: 'c', Total: 99, Status: 'Completed', DateSubmitted: null, xp: {} },
  ];
  const fields = ['ID', 'Total', 'Status', 'DateSubmitted'];
  const ids = (query: Record<string, string[]>) => listItems({ items, query, fields }).Items.map((i) => i.ID);

  it.each([
    [{ Status: ['Open|Completed'] }, ['a', 'c']],
    [{ Status: ['!Canceled'] }, ['a', 'c']],
    [{ Total: ['>=99'] }, ['b', 'c']],
    [{ DateSubmitted: ['>2026-01-02'] }, ['b']],
    [{ DateSubmitted: ['!*'] }, ['c']],
    [{ 'xp.Channel': ['w*'] }, ['a']],
    [{ sortBy: ['!Total'] }, ['b', 'c', 'a']],
    [{ pageSize: ['2'], page: ['2'] }, ['c']],
  ])('%j', (query, expected) => {
    expect(ids(query)).toEqual(expected);
  });

  it('refuses unknown properties and oversized pages', () => {
    expect(() => ids({ Bogus: ['1'] })).toThrow(ApiError);
    expect(() => ids({ pageSize: ['101'] })).toThrow(ApiError);
  });
});
