import { money, type Order, OrderSchema, toDecimalString } from '@ledgerbridge/canonical';
import { describe, expect, it } from 'vitest';
import type { OcOrderWorksheet } from '../api-types.ts';
import { mapWorksheetToOrder, type OrderMappingOptions } from './order-mapper.ts';
import {
  auTaxInclusive,
  euCompany,
  jpyZeroDecimal,
  manyLines,
  nzFeesAndGratuity,
  ukGuest,
  usTaxExclusive,
  zeroValue,
} from './worksheet-fixtures.ts';

const options: OrderMappingOptions = {
  pricesIncludeTaxDefault: false,
  anonymousUserIds: ['anonymous-uk', 'anonymous-au'],
};

function mapped(worksheet: OcOrderWorksheet, extra: Partial<OrderMappingOptions> = {}): Order {
  const result = mapWorksheetToOrder({ worksheet, options: { ...options, ...extra } });
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  // Whatever the mapper returns must satisfy the canonical schema, including its total identity.
  expect(OrderSchema.safeParse(result.value).success).toBe(true);
  return result.value;
}

function error(worksheet: OcOrderWorksheet, extra: Partial<OrderMappingOptions> = {}) {
  const result = mapWorksheetToOrder({ worksheet, options: { ...options, ...extra } });
  if (result.ok) throw new Error('expected a mapping error');
  return result.error;
}

describe('mapWorksheetToOrder', () => {
  it.each([
    [
      'tax-inclusive AU',
      auTaxInclusive,
      { currency: 'AUD', total: '153.81', taxTotal: '13.97', pricesIncludeTax: true },
    ],
    [
      'tax-exclusive US (NY, three jurisdictions)',
      usTaxExclusive,
      { currency: 'USD', total: '185.04', taxTotal: '15.08', pricesIncludeTax: false },
    ],
    [
      'zero-decimal JPY',
      jpyZeroDecimal,
      { currency: 'JPY', total: '25600', taxTotal: '2328', pricesIncludeTax: true },
    ],
    [
      'UK guest',
      () => ukGuest(),
      { currency: 'GBP', total: '19.99', taxTotal: '3.33', pricesIncludeTax: true },
    ],
    [
      'B2B company in EUR',
      euCompany,
      { currency: 'EUR', total: '158.25', taxTotal: '25.27', pricesIncludeTax: true },
    ],
    [
      'zero-value order',
      zeroValue,
      { currency: 'GBP', total: '0.00', taxTotal: '0.00', pricesIncludeTax: true },
    ],
    ['300-line order', () => manyLines(300), { currency: 'USD', pricesIncludeTax: false }],
    [
      'fees and gratuity in NZD',
      nzFeesAndGratuity,
      { currency: 'NZD', total: '24.90', taxTotal: '2.98', pricesIncludeTax: true },
    ],
  ] as const)('maps %s with totals that add up to OrderCloud Total', (_name, build, expected) => {
    const worksheet = build();
    const order = mapped(worksheet);
    expect(order).toMatchObject(expected);
    expect(money(order.total, order.currency).minor).toBe(
      money(String(worksheet.Order.Total), order.currency).minor,
    );
    expect(order.lines).toHaveLength(worksheet.LineItems?.length ?? 0);
  });

  it('AU: GST inside the prices, SAVE10 as an order-level discount, shipping carries its own GST', () => {
    const order = mapped(auTaxInclusive());
    expect(order.discounts).toEqual([{ code: 'SAVE10', description: '10% off your order', amount: '15.99' }]);
    expect(order.charges).toEqual([
      {
        kind: 'shipping',
        description: 'Standard delivery',
        amount: '9.95',
        taxes: [
          {
            code: 'AU-GST',
            name: 'Standard delivery (shipping)',
            ratePercent: '10',
            amount: '0.90',
            taxable: '9.95',
            jurisdictionLevel: 'Country',
          },
        ],
      },
    ]);
    expect(order.lines.map((l) => [l.lineSubtotal, l.discount, l.taxes.map((t) => t.amount)])).toEqual([
      ['99.90', '0.00', ['8.17']],
      ['59.95', '0.00', ['4.90']],
    ]);
    expect(order.placedAt).toBe('2026-02-03T04:05:06.123Z');
    expect(order.attributes.pricesIncludeTaxSource).toBe('order.xp');
  });

  it('US: line promotion as a line discount, each jurisdiction kept, tax added on top', () => {
    const order = mapped(usTaxExclusive());
    expect(order.lines[1]).toMatchObject({ lineSubtotal: '120.00', discount: '18.00' });
    expect(order.lines[0]?.taxes).toMatchObject([
      { code: 'NY', name: 'New York State Sales Tax', ratePercent: '4', amount: '2.40', taxable: '59.97' },
      { code: 'NYC', name: 'New York City Sales Tax', ratePercent: '4.5', amount: '2.70' },
      {
        code: 'MCTD',
        name: 'Metropolitan Commuter Transportation District',
        ratePercent: '0.375',
        amount: '0.22',
      },
    ]);
    expect(order.discounts).toEqual([]);
    expect(order.status).toBe('completed');
  });

  it('guest buyers get a per-order customer ID and keep the email they typed', () => {
    const order = mapped(ukGuest());
    expect(order.customer).toMatchObject({
      id: 'guest-UK-4001',
      kind: 'guest',
      email: 'siobhan@example.co.uk',
      firstName: 'Siobhán',
      lastName: 'Ó Súilleabháin',
    });
    expect(order.customer.companyId).toBeUndefined();
  });

  it('a guest with no name and no email is still a valid guest (names fall back to the billing address)', () => {
    const order = mapped(ukGuest({ email: '', firstName: '', lastName: '' }));
    expect(order.customer).toMatchObject({ kind: 'guest', firstName: 'Siobhán', lastName: 'Ó Súilleabháin' });
    expect(order.customer.email).toBeUndefined();
    const bare = mapped(ukGuest({ email: '', firstName: '', lastName: '', billingNames: false }));
    expect(bare.customer).toMatchObject({ id: 'guest-UK-4001', kind: 'guest' });
  });

  it('a user without an email is a person without email; one without any name falls back to the username', () => {
    const sheet = auTaxInclusive();
    const noEmail = mapped({
      ...sheet,
      Order: { ...sheet.Order, FromUser: { ...sheet.Order.FromUser, Email: '' } },
    });
    expect(noEmail.customer).toMatchObject({
      id: 'au-shopper-1',
      kind: 'person',
      firstName: 'Zoë',
      lastName: "O'Brien",
    });
    expect(noEmail.customer.email).toBeUndefined();
    const invalid = mapped({
      ...sheet,
      Order: { ...sheet.Order, FromUser: { ...sheet.Order.FromUser, Email: 'not-an-email' } },
    });
    expect(invalid.customer.email).toBeUndefined();
    expect(invalid.customer.attributes.invalidEmail).toBe('not-an-email');
    const nameless = mapped({
      ...sheet,
      Order: {
        ...sheet.Order,
        FromUser: { ...sheet.Order.FromUser, Email: null, FirstName: '', LastName: '' },
        BillingAddress: null,
      },
    });
    expect(nameless.customer).toMatchObject({
      kind: 'person',
      lastName: 'au-shopper-1',
      attributes: { nameFromUsername: true },
    });
  });

  it('B2B: the billing company makes the customer a company; PO number and comments travel as attributes', () => {
    const order = mapped(euCompany());
    expect(order.customer).toMatchObject({
      kind: 'company',
      companyId: 'trade-eu',
      companyName: 'Müller & Söhne GmbH',
      firstName: 'Jürgen',
    });
    expect(order.attributes).toMatchObject({
      purchaseOrderNumber: 'PO-77812',
      comments: 'Deliver to loading dock',
      buyerId: 'trade-eu',
    });
    expect(order.lines[0]).toMatchObject({ quantity: '333', unitPrice: '0.115', lineSubtotal: '38.30' });
  });

  it('B2B by buyer organisation when no company name is on the order', () => {
    const sheet = usTaxExclusive();
    const order = mapped(sheet, { companyBuyerIds: ['retail-us'] });
    expect(order.customer).toMatchObject({
      kind: 'company',
      companyId: 'retail-us',
      companyName: 'retail-us',
    });
  });

  it('lines without a SKU keep the ProductID; SKUs too long for Xero are kept aside, never truncated', () => {
    const sheet = auTaxInclusive();
    const order = mapped(sheet);
    expect(order.lines[0]).toMatchObject({ productId: 'P-001', sku: 'SKU-P-001' });
    expect(order.lines[1]).toMatchObject({ productId: 'P-012', name: 'Pohutukawa Candle' });
    expect(order.lines[1]?.sku).toBeUndefined();
    const bare = mapped({ ...sheet, LineItems: sheet.LineItems?.map((l) => ({ ...l, Product: null })) });
    expect(bare.lines.map((l) => [l.name, l.sku])).toEqual([
      ['P-001', undefined],
      ['P-012', undefined],
    ]);
    const long = mapped(euCompany());
    expect(long.lines[1]?.sku).toBeUndefined();
    expect(long.lines[1]?.attributes.sourceSku).toBe('MERINO-CREW-JUMPER-CHARCOAL-XXL-2026');
  });

  it('zero-value orders map with zero totals', () => {
    const order = mapped(zeroValue());
    expect(order.lines[0]).toMatchObject({ lineSubtotal: '0.00', unitPrice: '0.00' });
    expect(order.charges).toEqual([]);
  });

  it('300 lines keep their order and their per-line tax', () => {
    const sheet = manyLines(300);
    const order = mapped(sheet);
    expect(order.lines.map((l) => l.id)).toEqual(sheet.LineItems?.map((l) => l.ID));
    expect(order.taxTotal).toBe(toDecimalString(money(String(sheet.Order.TaxCost), 'USD')));
  });

  it('fees are itemised from the calculation with the taxes that name them; gratuity is its own charge', () => {
    const order = mapped(nzFeesAndGratuity());
    expect(order.charges.map((c) => [c.kind, c.description, c.amount, c.taxes.map((t) => t.amount)])).toEqual(
      [
        ['fee', 'Small order fee', '3.00', ['0.39']],
        ['fee', 'Gift wrapping', '5.00', ['0.65']],
        ['gratuity', 'Gratuity', '2.00', []],
      ],
    );
    expect(order.orderTaxes).toEqual([]);
  });

  it('an order-level tax that names no fee stays with the order', () => {
    const sheet = nzFeesAndGratuity();
    const calc = sheet.OrderCalculateResponse?.xp?.TaxCalculation;
    const [first, second] = calc?.OrderLevelTaxes ?? [];
    if (!calc || !first || !second) throw new Error('fixture changed');
    calc.OrderLevelTaxes = [first, { ...second, TaxDescription: 'Regional levy' }];
    const order = mapped(sheet);
    expect(order.charges.find((c) => c.description === 'Gift wrapping')?.taxes).toEqual([]);
    expect(order.orderTaxes.map((t) => [t.name, t.amount])).toEqual([['Regional levy', '0.65']]);
  });

  it('tax mode: inferred from TaxCost when the storefront did not say, else the connection default', () => {
    const au = auTaxInclusive();
    const inferredInclusive = mapped({ ...au, Order: { ...au.Order, xp: {} } });
    expect(inferredInclusive).toMatchObject({
      pricesIncludeTax: true,
      attributes: { pricesIncludeTaxSource: 'inferred' },
    });
    const us = usTaxExclusive();
    const inferredExclusive = mapped({ ...us, Order: { ...us.Order, xp: {} } });
    expect(inferredExclusive).toMatchObject({
      pricesIncludeTax: false,
      attributes: { pricesIncludeTaxSource: 'inferred' },
    });
    const zero = zeroValue();
    const defaulted = mapped(
      { ...zero, Order: { ...zero.Order, xp: {} } },
      { pricesIncludeTaxDefault: true },
    );
    expect(defaulted).toMatchObject({
      pricesIncludeTax: true,
      attributes: { pricesIncludeTaxSource: 'connection-default' },
    });
  });

  it('without a tax breakdown, an exclusive order keeps OrderCloud TaxCost as one order tax', () => {
    const us = usTaxExclusive();
    const order = mapped({ ...us, OrderCalculateResponse: null });
    expect(order.orderTaxes).toEqual([{ name: 'Tax', amount: '15.08' }]);
    expect(order.taxTotal).toBe('15.08');
    expect(order.charges[0]?.taxes).toEqual([]);
  });

  it('without OrderPromotions, the order-level part of PromotionDiscount becomes one discount', () => {
    const au = auTaxInclusive();
    const order = mapped({ ...au, OrderPromotions: null });
    expect(order.discounts).toEqual([{ description: 'Order promotions', amount: '15.99' }]);
  });

  it.each([
    [
      'a Total that does not add up',
      (s: OcOrderWorksheet) => ({ ...s, Order: { ...s.Order, Total: 153.8 } }),
      'Order.Total',
    ],
    [
      'cents finer than the currency',
      (s: OcOrderWorksheet) => ({ ...s, Order: { ...s.Order, Subtotal: 159.855, Total: 153.815 } }),
      'Order.Subtotal',
    ],
    [
      'TaxCost in a tax-inclusive order',
      (s: OcOrderWorksheet) => ({ ...s, Order: { ...s.Order, TaxCost: 1, Total: 154.81 } }),
      'Order.TaxCost',
    ],
    [
      'an unsubmitted order',
      (s: OcOrderWorksheet) => ({ ...s, Order: { ...s.Order, Status: 'Unsubmitted' } }),
      'Order.Status',
    ],
    [
      'missing line items',
      (s: OcOrderWorksheet) => ({ ...s, LineItems: s.LineItems?.slice(1) }),
      'LineItems',
    ],
    [
      'line taxes that do not add up to TotalTax',
      (s: OcOrderWorksheet) => {
        const calc = s.OrderCalculateResponse;
        const taxCalc = calc?.xp?.TaxCalculation;
        return {
          ...s,
          OrderCalculateResponse: {
            ...calc,
            xp: { ...calc?.xp, TaxCalculation: taxCalc ? { ...taxCalc, TotalTax: 14 } : null },
          },
        };
      },
      'TotalTax',
    ],
    [
      'promotions that do not match PromotionDiscount',
      (s: OcOrderWorksheet) => ({ ...s, OrderPromotions: [] }),
      'Order.PromotionDiscount',
    ],
  ])('refuses %s, naming the field', (_name, breakIt, field) => {
    const failure = error(breakIt(auTaxInclusive()));
    expect(failure.kind).toBe('permanent');
    expect(failure.message).toContain(field);
  });

  it('refuses a US order whose TaxCost differs from the tax breakdown', () => {
    const us = usTaxExclusive();
    const failure = error({ ...us, Order: { ...us.Order, TaxCost: 15.07, Total: 185.03 } });
    expect(failure.message).toContain('Order.TaxCost');
  });
});
