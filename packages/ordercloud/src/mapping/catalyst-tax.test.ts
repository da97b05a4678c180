import { describe, expect, it } from 'vitest';
import { type OcOrderWorksheet, OcOrderWorksheetSchema } from '../api-types.ts';
import { mapWorksheetToOrder } from './order-mapper.ts';
import { resolveSources } from './source-paths.ts';

// An order taxed by an OrderCheckout integration in OrderCloud's own shape (dotnet catalyst
// OrderTaxCalculation / TaxDetails): no Rate, Taxable and Exempt per jurisdiction, shipping tax in
// OrderLevelTaxes with its ShipEstimateID. California: state 6 % + county 1 % + city 1.25 % = 8.25 %.
function catalystWorksheet(overrides: { camelCase?: boolean; productXp?: Record<string, unknown> } = {}) {
  const detail = (tax: number, taxable: number, level: string, value: string, ship?: string) => ({
    Tax: tax,
    Taxable: taxable,
    Exempt: 0,
    TaxDescription: `${value} sales tax`,
    JurisdictionLevel: level,
    JurisdictionValue: value,
    ShipEstimateID: ship ?? null,
  });
  const calculation = {
    OrderID: 'US-1',
    ExternalTransactionID: 'tx-1',
    TotalTax: 10.31,
    LineItems: [
      {
        LineItemID: 'L1',
        LineItemTotalTax: 8.25,
        LineItemLevelTaxes: [
          detail(6, 100, 'State', 'CALIFORNIA'),
          detail(1, 100, 'County', 'LOS ANGELES'),
          detail(1.25, 100, 'City', 'LOS ANGELES CITY'),
        ],
      },
      {
        LineItemID: 'L2',
        LineItemTotalTax: 0,
        LineItemLevelTaxes: [{ ...detail(0, 0, 'State', 'CALIFORNIA'), Exempt: 20 }],
      },
    ],
    OrderLevelTaxes: [
      detail(1.5, 25, 'State', 'CALIFORNIA', 'SHIP-1'),
      detail(0.25, 25, 'County', 'LOS ANGELES', 'SHIP-1'),
      detail(0.31, 25, 'City', 'LOS ANGELES CITY', 'SHIP-1'),
    ],
  };
  const camel = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(camel);
    if (!value || typeof value !== 'object') return value;
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k.charAt(0).toLowerCase() + k.slice(1), camel(v)]),
    );
  };
  const lineItem = (id: string, productId: string, price: number, xp: Record<string, unknown>) => ({
    ID: id,
    ProductID: productId,
    Quantity: 1,
    UnitPrice: price,
    LineSubtotal: price,
    LineTotal: price,
    PromotionDiscount: 0,
    Product: { ID: productId, Name: `Product ${productId}`, xp },
    Variant: null,
    xp: {},
  });
  const raw = {
    Order: {
      ID: 'US-1',
      FromUser: {
        ID: 'u1',
        CompanyID: 'b1',
        FirstName: 'Ada',
        LastName: 'L',
        Email: 'a@example.com',
        xp: {},
      },
      FromCompanyID: 'b1',
      Status: 'Open',
      Currency: 'USD',
      DateSubmitted: '2026-12-01T10:00:00Z',
      LineItemCount: 2,
      Subtotal: 120,
      ShippingCost: 25,
      TaxCost: 10.31,
      PromotionDiscount: 0,
      Fees: 0,
      Gratuity: 0,
      Total: 155.31,
      xp: {},
    },
    LineItems: [
      lineItem('L1', 'P1', 100, overrides.productXp ?? { Tax: { Code: 'P0000000' }, sku: 'SKU-1' }),
      lineItem('L2', 'P2', 20, { taxCode: 'EXEMPT-FOOD' }),
    ],
    ShipEstimateResponse: {
      ShipEstimates: [
        { ID: 'SHIP-1', SelectedShipMethodID: 'M1', ShipMethods: [{ ID: 'M1', Name: 'Ground' }] },
      ],
    },
    OrderCalculateResponse: {
      TaxTotal: 10.31,
      xp: overrides.camelCase ? { taxCalculation: camel(calculation) } : { TaxCalculation: calculation },
    },
  };
  return OcOrderWorksheetSchema.parse(raw);
}

const options = { pricesIncludeTaxDefault: false };

function mapped(worksheet: OcOrderWorksheet) {
  const result = mapWorksheetToOrder({ worksheet, options });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('OrderCloud tax convention (Catalyst TaxCalculation, no rate)', () => {
  it.each([
    ['PascalCase', false],
    ['camelCase (JS catalyst)', true],
  ])('%s: keeps each jurisdiction with its taxable and exempt amounts', (_name, camelCase) => {
    const order = mapped(catalystWorksheet({ camelCase }));
    expect(order.taxTotal).toBe('10.31');
    expect(order.lines[0]?.taxes).toEqual([
      {
        name: 'CALIFORNIA sales tax',
        amount: '6.00',
        taxable: '100',
        exempt: '0',
        jurisdictionLevel: 'State',
        jurisdiction: 'CALIFORNIA',
      },
      expect.objectContaining({ amount: '1.00', jurisdiction: 'LOS ANGELES', jurisdictionLevel: 'County' }),
      expect.objectContaining({ amount: '1.25', jurisdiction: 'LOS ANGELES CITY' }),
    ]);
    expect(order.lines[0]?.taxes.every((t) => t.ratePercent === undefined)).toBe(true);
    expect(order.lines[1]?.taxes).toEqual([expect.objectContaining({ amount: '0.00', exempt: '20' })]);
    // Shipping taxes (ShipEstimateID) stay on the shipping charge, not on the order as a whole.
    expect(order.charges).toEqual([
      expect.objectContaining({
        kind: 'shipping',
        description: 'Ground',
        taxes: [
          expect.objectContaining({ amount: '1.50' }),
          expect.objectContaining({ amount: '0.25' }),
          expect.objectContaining({ amount: '0.31' }),
        ],
      }),
    ]);
    expect(order.orderTaxes).toEqual([]);
  });

  it('reads tax code, SKU and category by convention and says where each came from', () => {
    const order = mapped(catalystWorksheet());
    expect(order.lines[0]).toMatchObject({
      taxClass: 'P0000000',
      sku: 'SKU-1',
      attributes: { sourcePaths: { taxCode: 'product.xp.Tax.Code', sku: 'product.xp.sku' } },
    });
    expect(order.lines[1]).toMatchObject({
      taxClass: 'EXEMPT-FOOD',
      attributes: { sourcePaths: { taxCode: 'product.xp.taxCode' } },
    });
  });

  it('reads configured dotted and JSONata paths, and names a configured path that was empty', async () => {
    const worksheet = catalystWorksheet({
      productXp: { Taxonomy: { Avalara: 'PC040100' }, Codes: [{ kind: 'sku', value: 'ABC-9' }] },
    });
    const resolved = await resolveSources({
      order: worksheet.Order,
      lineItems: worksheet.LineItems ?? [],
      paths: {
        taxCode: 'product.xp.Taxonomy.Avalara',
        sku: "product.xp.Codes[kind='sku'].value",
        category: 'product.xp.Department',
        pricesIncludeTax: 'order.xp.Inclusive',
      },
    });
    const result = mapWorksheetToOrder({ worksheet, options, resolved });
    if (!result.ok) throw new Error(result.error.message);
    const [first] = result.value.lines;
    expect(first).toMatchObject({
      taxClass: 'PC040100',
      sku: 'ABC-9',
      attributes: {
        sourcePaths: { taxCode: 'product.xp.Taxonomy.Avalara', sku: "product.xp.Codes[kind='sku'].value" },
        emptySourcePaths: { category: 'product.xp.Department' },
      },
    });
    expect(first?.category).toBeUndefined();
    // The configured flag is empty, so prices-include-tax falls through to inference (TaxCost > 0).
    expect(result.value.attributes).toMatchObject({
      pricesIncludeTaxSource: 'inferred',
      emptySourcePaths: { pricesIncludeTax: 'order.xp.Inclusive' },
    });
  });

  it('takes prices-include-tax from a configured path and says so', async () => {
    const worksheet = catalystWorksheet();
    worksheet.Order.xp = { Pricing: { Gross: 'false' } };
    const resolved = await resolveSources({
      order: worksheet.Order,
      lineItems: worksheet.LineItems ?? [],
      paths: { pricesIncludeTax: 'order.xp.Pricing.Gross' },
    });
    const result = mapWorksheetToOrder({ worksheet, options, resolved });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.pricesIncludeTax).toBe(false);
    expect(result.value.attributes).toMatchObject({
      pricesIncludeTaxSource: 'configured-path',
      pricesIncludeTaxPath: 'order.xp.Pricing.Gross',
    });
  });
});
