import { money, subtract, toDecimalString } from '@ledgerbridge/canonical';
import type { OcLineItem, OcOrderWorksheet, OcTaxDetail } from '../api-types.ts';

// Hand-written OrderCloud worksheets for the mapper's table tests, shaped exactly like
// GET v1/orders/Incoming/{id}/worksheet. Amounts were worked out by hand (shown in comments).

const address = (overrides: Record<string, string | null> = {}) => ({
  ID: null,
  CompanyName: null,
  FirstName: 'Zoë',
  LastName: "O'Brien",
  Street1: '1 George St',
  Street2: null,
  City: 'Sydney',
  State: 'NSW',
  Zip: '2000',
  Country: 'AU',
  Phone: null,
  AddressName: null,
  xp: {},
  ...overrides,
});

const user = (overrides: Record<string, unknown> = {}) => ({
  ID: 'au-shopper-1',
  CompanyID: 'retail-au',
  Username: 'au-shopper-1',
  FirstName: 'Zoë',
  LastName: "O'Brien",
  Email: 'zoe.obrien@example.com',
  Phone: '+61 2 5550 1234',
  Active: true,
  xp: {},
  ...overrides,
});

export function line(
  id: string,
  productId: string,
  quantity: number,
  unitPrice: number,
  lineSubtotal: number,
  discount = 0,
  extra: Partial<OcLineItem> = {},
): OcLineItem {
  return {
    ID: id,
    ProductID: productId,
    Quantity: quantity,
    UnitPrice: unitPrice,
    PromotionDiscount: discount,
    LineSubtotal: lineSubtotal,
    LineTotal: Number(
      toDecimalString(subtract(money(String(lineSubtotal), 'USD'), money(String(discount), 'USD'))),
    ),
    CostCenter: null,
    ShippingAddressID: null,
    Product: {
      ID: productId,
      Name: `Product ${productId}`,
      Description: null,
      xp: { SKU: `SKU-${productId}` },
    },
    Variant: null,
    ShippingAddress: address(),
    SupplierID: null,
    xp: {},
    ...extra,
  };
}

const tax = (
  taxable: number,
  amount: number,
  rate: number,
  level: string,
  code: string,
  description: string,
  shipEstimateId?: string,
): OcTaxDetail => ({
  TaxableAmount: taxable,
  Tax: amount,
  Rate: rate,
  JurisdictionLevel: level,
  JurisdictionCode: code,
  TaxDescription: description,
  ...(shipEstimateId ? { ShipEstimateID: shipEstimateId } : {}),
});

const shipEstimates = (name: string, cost: number) => ({
  ShipEstimates: [
    {
      ID: 'SE-1',
      SelectedShipMethodID: 'STANDARD',
      ShipEstimateItems: [],
      ShipMethods: [{ ID: 'STANDARD', Name: name, Cost: cost }],
    },
  ],
});

/** AU, prices include 10% GST. 2 × 49.95 + 59.95 = 159.85; SAVE10 −15.99; shipping 9.95 → 153.81.
 * GST on what was paid: jumper (99.90 − 9.99) / 11 = 8.17, candle (59.95 − 6.00) / 11 = 4.90, shipping 9.95 / 11 = 0.90. */
export function auTaxInclusive(): OcOrderWorksheet {
  return {
    Order: {
      ID: 'AU-1001',
      FromUser: user(),
      FromCompanyID: 'retail-au',
      FromUserID: 'au-shopper-1',
      BillingAddress: address(),
      Status: 'Open',
      DateSubmitted: '2026-02-03T04:05:06.1234567+00:00',
      LineItemCount: 2,
      Subtotal: 159.85,
      ShippingCost: 9.95,
      TaxCost: 0,
      Gratuity: 0,
      Fees: 0,
      PromotionDiscount: 15.99,
      Currency: 'AUD',
      Total: 153.81,
      xp: { PricesIncludeTax: true },
    },
    LineItems: [
      line('L1', 'P-001', 2, 49.95, 99.9),
      line('L2', 'P-012', 1, 59.95, 59.95, 0, {
        Product: { ID: 'P-012', Name: 'Pohutukawa Candle', xp: {} },
      }),
    ],
    OrderPromotions: [
      {
        ID: 'promo-save10',
        Code: 'SAVE10',
        Name: '10% off your order',
        Amount: 15.99,
        LineItemID: null,
        LineItemLevel: false,
      },
    ],
    ShipEstimateResponse: shipEstimates('Standard delivery', 9.95),
    OrderCalculateResponse: {
      ShippingTotal: 9.95,
      TaxTotal: 0,
      FeeTotal: 0,
      xp: {
        TaxCalculation: {
          TotalTax: 13.97,
          LineItems: [
            {
              LineItemID: 'L1',
              LineItemTotalTax: 8.17,
              LineItemLevelTaxes: [tax(89.91, 8.17, 10, 'Country', 'AU-GST', 'GST')],
            },
            {
              LineItemID: 'L2',
              LineItemTotalTax: 4.9,
              LineItemLevelTaxes: [tax(53.95, 4.9, 10, 'Country', 'AU-GST', 'GST')],
            },
          ],
          OrderLevelTaxes: [tax(9.95, 0.9, 10, 'Country', 'AU-GST', 'Standard delivery (shipping)', 'SE-1')],
        },
      },
    },
  };
}

/** US (New York), prices exclude tax: 3 × 19.99 = 59.97 and 120.00 − 18.00 (JUMPER15) = 102.00, shipping 7.99.
 * NY 4% + NYC 4.5% + MCTD 0.375%, each rounded: 2.40+2.70+0.22 = 5.32; 4.08+4.59+0.38 = 9.05; 0.32+0.36+0.03 = 0.71.
 * Total = 179.97 − 18.00 + 7.99 + 15.08 = 185.04. */
export function usTaxExclusive(): OcOrderWorksheet {
  const ny = (amount: number, state: number, city: number, mctd: number, ship?: string) => [
    tax(amount, state, 4, 'State', 'NY', 'New York State Sales Tax', ship),
    tax(amount, city, 4.5, 'City', 'NYC', 'New York City Sales Tax', ship),
    tax(amount, mctd, 0.375, 'Special', 'MCTD', 'Metropolitan Commuter Transportation District', ship),
  ];
  return {
    Order: {
      ID: 'US-2001',
      FromUser: user({
        ID: 'us-shopper-3',
        CompanyID: 'retail-us',
        Username: 'us-shopper-3',
        FirstName: 'José',
        LastName: 'García',
        Email: 'jose@example.com',
      }),
      FromCompanyID: 'retail-us',
      FromUserID: 'us-shopper-3',
      BillingAddress: address({
        FirstName: 'José',
        LastName: 'García',
        Street1: '350 5th Ave',
        City: 'New York',
        State: 'NY',
        Zip: '10118',
        Country: 'US',
      }),
      Status: 'Completed',
      DateSubmitted: '2026-02-03T15:00:00Z',
      LineItemCount: 2,
      Subtotal: 179.97,
      ShippingCost: 7.99,
      TaxCost: 15.08,
      Gratuity: 0,
      Fees: 0,
      PromotionDiscount: 18,
      Currency: 'USD',
      Total: 185.04,
      xp: { PricesIncludeTax: false },
    },
    LineItems: [line('L1', 'P-005', 3, 19.99, 59.97), line('L2', 'P-001', 1, 120, 120, 18)],
    OrderPromotions: [
      {
        ID: 'promo-jumper15',
        Code: 'JUMPER15',
        Name: '15% off jumpers',
        Amount: 18,
        LineItemID: 'L2',
        LineItemLevel: true,
      },
    ],
    ShipEstimateResponse: shipEstimates('Standard delivery', 7.99),
    OrderCalculateResponse: {
      ShippingTotal: 7.99,
      TaxTotal: 15.08,
      FeeTotal: 0,
      xp: {
        TaxCalculation: {
          TotalTax: 15.08,
          LineItems: [
            { LineItemID: 'L1', LineItemTotalTax: 5.32, LineItemLevelTaxes: ny(59.97, 2.4, 2.7, 0.22) },
            { LineItemID: 'L2', LineItemTotalTax: 9.05, LineItemLevelTaxes: ny(102, 4.08, 4.59, 0.38) },
          ],
          OrderLevelTaxes: ny(7.99, 0.32, 0.36, 0.03, 'SE-1'),
        },
      },
    },
  };
}

/** JPY has no minor unit: 24,800 yen incl. 10% JCT → 24800 / 11 = 2254.5 → 2,255; shipping 800 / 11 → 73. */
export function jpyZeroDecimal(): OcOrderWorksheet {
  return {
    Order: {
      ID: 'JP-3001',
      FromUser: user({
        ID: 'jp-shopper-8',
        CompanyID: 'retail-jp',
        Username: 'jp-shopper-8',
        FirstName: '太郎',
        LastName: '山田',
        Email: 'taro@example.jp',
      }),
      FromCompanyID: 'retail-jp',
      FromUserID: 'jp-shopper-8',
      BillingAddress: address({
        FirstName: '太郎',
        LastName: '山田',
        Street1: '1-1 Chiyoda',
        City: '東京都千代田区',
        State: null,
        Zip: '100-0001',
        Country: 'JP',
      }),
      Status: 'Open',
      DateSubmitted: '2026-02-04T00:00:00Z',
      LineItemCount: 1,
      Subtotal: 24800,
      ShippingCost: 800,
      TaxCost: 0,
      Gratuity: 0,
      Fees: 0,
      PromotionDiscount: 0,
      Currency: 'JPY',
      Total: 25600,
      xp: { PricesIncludeTax: true },
    },
    LineItems: [
      line('L1', 'P-016', 1, 24800, 24800, 0, {
        Product: { ID: 'P-016', Name: 'Matcha Whisk (茶筅)', xp: { SKU: 'SKU-1015' } },
      }),
    ],
    OrderPromotions: [],
    ShipEstimateResponse: shipEstimates('Standard delivery', 800),
    OrderCalculateResponse: {
      ShippingTotal: 800,
      TaxTotal: 0,
      FeeTotal: 0,
      xp: {
        TaxCalculation: {
          TotalTax: 2328,
          LineItems: [
            {
              LineItemID: 'L1',
              LineItemTotalTax: 2255,
              LineItemLevelTaxes: [tax(24800, 2255, 10, 'Country', 'JP-JCT', 'JCT')],
            },
          ],
          OrderLevelTaxes: [tax(800, 73, 10, 'Country', 'JP-JCT', 'Standard delivery (shipping)', 'SE-1')],
        },
      },
    },
  };
}

/** UK guest checkout through the anonymous template user; name and email patched onto FromUser. 19.99 incl. VAT: 3.33. */
export function ukGuest(
  overrides: { email?: string; firstName?: string; lastName?: string; billingNames?: boolean } = {},
): OcOrderWorksheet {
  return {
    Order: {
      ID: 'UK-4001',
      FromUser: user({
        ID: 'anonymous-uk',
        CompanyID: 'guests-uk',
        Username: 'anonymous-uk',
        FirstName: overrides.firstName ?? 'Siobhán',
        LastName: overrides.lastName ?? 'Ó Súilleabháin',
        Email: overrides.email ?? 'siobhan@example.co.uk',
        Phone: null,
      }),
      FromCompanyID: 'guests-uk',
      FromUserID: 'anonymous-uk',
      BillingAddress: address({
        FirstName: overrides.billingNames === false ? null : 'Siobhán',
        LastName: overrides.billingNames === false ? null : 'Ó Súilleabháin',
        Street1: '10 Aldersgate St',
        City: 'London',
        State: null,
        Zip: 'EC1A 1BB',
        Country: 'GB',
      }),
      Status: 'Open',
      DateSubmitted: '2026-02-05T10:00:00Z',
      LineItemCount: 1,
      Subtotal: 19.99,
      ShippingCost: 0,
      TaxCost: 0,
      Gratuity: 0,
      Fees: 0,
      PromotionDiscount: 0,
      Currency: 'GBP',
      Total: 19.99,
      xp: { PricesIncludeTax: true },
    },
    LineItems: [line('L1', 'P-004', 1, 19.99, 19.99)],
    OrderPromotions: [],
    OrderCalculateResponse: {
      ShippingTotal: 0,
      TaxTotal: 0,
      FeeTotal: 0,
      xp: {
        TaxCalculation: {
          TotalTax: 3.33,
          LineItems: [
            {
              LineItemID: 'L1',
              LineItemTotalTax: 3.33,
              LineItemLevelTaxes: [tax(19.99, 3.33, 20, 'Country', 'GB-VAT', 'VAT')],
            },
          ],
          OrderLevelTaxes: [],
        },
      },
    },
  };
}

/** A B2B order (EUR, Germany): company on the billing address, purchase order number in xp, bulk
 * screws at 0.115 each (333 × 0.115 = 38.295 → 38.30). Net 38.30 + 119.95 = 158.25 incl. 19% MwSt. */
export function euCompany(): OcOrderWorksheet {
  return {
    Order: {
      ID: 'EU-5001',
      FromUser: user({
        ID: 'eu-trade-1',
        CompanyID: 'trade-eu',
        Username: 'eu-trade-1',
        FirstName: 'Jürgen',
        LastName: 'Schäfer',
        Email: 'accounts@mueller-soehne.example',
      }),
      FromCompanyID: 'trade-eu',
      FromUserID: 'eu-trade-1',
      BillingAddress: address({
        CompanyName: 'Müller & Söhne GmbH',
        FirstName: 'Jürgen',
        LastName: 'Schäfer',
        Street1: 'Marienplatz 8',
        City: 'München',
        State: null,
        Zip: '80331',
        Country: 'DE',
      }),
      Status: 'Open',
      DateSubmitted: '2026-02-06T08:30:00Z',
      LineItemCount: 2,
      Subtotal: 158.25,
      ShippingCost: 0,
      TaxCost: 0,
      Gratuity: 0,
      Fees: 0,
      PromotionDiscount: 0,
      Currency: 'EUR',
      Total: 158.25,
      Comments: 'Deliver to loading dock',
      xp: { PricesIncludeTax: true, PONumber: 'PO-77812' },
    },
    LineItems: [
      line('L1', 'BULK-SCREWS', 333, 0.115, 38.3),
      line('L2', 'LONG-SKU', 1, 119.95, 119.95, 0, {
        Product: {
          ID: 'LONG-SKU',
          Name: 'Merino crew jumper — charcoal XXL',
          xp: { SKU: 'MERINO-CREW-JUMPER-CHARCOAL-XXL-2026' },
        },
      }),
    ],
    OrderPromotions: [],
    OrderCalculateResponse: {
      ShippingTotal: 0,
      TaxTotal: 0,
      FeeTotal: 0,
      xp: {
        TaxCalculation: {
          TotalTax: 25.27,
          LineItems: [
            {
              LineItemID: 'L1',
              LineItemTotalTax: 6.12,
              LineItemLevelTaxes: [tax(38.3, 6.12, 19, 'Country', 'DE-MwSt', 'MwSt')],
            },
            {
              LineItemID: 'L2',
              LineItemTotalTax: 19.15,
              LineItemLevelTaxes: [tax(119.95, 19.15, 19, 'Country', 'DE-MwSt', 'MwSt')],
            },
          ],
          OrderLevelTaxes: [],
        },
      },
    },
  };
}

/** A free sample and click & collect: every amount is zero. */
export function zeroValue(): OcOrderWorksheet {
  const sheet = ukGuest();
  return {
    ...sheet,
    Order: { ...sheet.Order, ID: 'UK-4002', Subtotal: 0, Total: 0 },
    LineItems: [
      line('L1', 'FREE-SAMPLE', 1, 0, 0, 0, {
        Product: { ID: 'FREE-SAMPLE', Name: 'Free sample sachet', xp: {} },
      }),
    ],
    OrderCalculateResponse: {
      ShippingTotal: 0,
      TaxTotal: 0,
      FeeTotal: 0,
      xp: {
        TaxCalculation: {
          TotalTax: 0,
          LineItems: [
            {
              LineItemID: 'L1',
              LineItemTotalTax: 0,
              LineItemLevelTaxes: [tax(0, 0, 20, 'Country', 'GB-VAT', 'VAT')],
            },
          ],
          OrderLevelTaxes: [],
        },
      },
    },
  };
}

/** 300 lines in Texas (6.25%, tax-exclusive). Line i: (i % 4 + 1) × (i % 7 + 0.99), tax rounded per line.
 * The fixture's own totals are computed here in integer cents. */
export function manyLines(count = 300): OcOrderWorksheet {
  const lines: OcLineItem[] = [];
  const taxes: { LineItemID: string; LineItemTotalTax: number; LineItemLevelTaxes: OcTaxDetail[] }[] = [];
  let subtotal = 0n;
  let totalTax = 0n;
  const cents = (value: bigint) => Number(`${value / 100n}.${String(value % 100n).padStart(2, '0')}`);
  for (let i = 0; i < count; i += 1) {
    const quantity = BigInt((i % 4) + 1);
    const unit = BigInt((i % 7) * 100 + 99);
    const lineSubtotal = quantity * unit;
    const lineTax = (lineSubtotal * 625n + 5000n) / 10000n; // 6.25%, half up on positive amounts
    subtotal += lineSubtotal;
    totalTax += lineTax;
    const id = `L${i + 1}`;
    lines.push(line(id, `P-${(i % 24) + 1}`, Number(quantity), cents(unit), cents(lineSubtotal)));
    taxes.push({
      LineItemID: id,
      LineItemTotalTax: cents(lineTax),
      LineItemLevelTaxes: [
        tax(cents(lineSubtotal), cents(lineTax), 6.25, 'State', 'TX', 'Texas State Sales Tax'),
      ],
    });
  }
  return {
    Order: {
      ID: 'US-6001',
      FromUser: user({
        ID: 'us-trade-2',
        CompanyID: 'trade-us',
        Username: 'us-trade-2',
        Email: 'ap@lonestar.example',
      }),
      FromCompanyID: 'trade-us',
      FromUserID: 'us-trade-2',
      BillingAddress: address({
        CompanyName: 'Lone Star Builders Inc',
        Street1: '1100 Congress Ave',
        City: 'Austin',
        State: 'TX',
        Zip: '78701',
        Country: 'US',
      }),
      Status: 'Open',
      DateSubmitted: '2026-02-07T12:00:00Z',
      LineItemCount: count,
      Subtotal: cents(subtotal),
      ShippingCost: 0,
      TaxCost: cents(totalTax),
      Gratuity: 0,
      Fees: 0,
      PromotionDiscount: 0,
      Currency: 'USD',
      Total: cents(subtotal + totalTax),
      xp: { PricesIncludeTax: false },
    },
    LineItems: lines,
    OrderPromotions: [],
    OrderCalculateResponse: {
      ShippingTotal: 0,
      TaxTotal: cents(totalTax),
      FeeTotal: 0,
      xp: { TaxCalculation: { TotalTax: cents(totalTax), LineItems: taxes, OrderLevelTaxes: [] } },
    },
  };
}

/** NZ with a small-order fee, a tip and gift wrapping: 14.90 + 3.00 + 5.00 fees + 2.00 gratuity = 24.90 incl. GST
 * (1.94 + 0.39 + 0.65 = 2.98). */
export function nzFeesAndGratuity(): OcOrderWorksheet {
  return {
    Order: {
      ID: 'NZ-7001',
      FromUser: user({
        ID: 'nz-shopper-2',
        CompanyID: 'retail-nz',
        Username: 'nz-shopper-2',
        FirstName: 'Aroha',
        LastName: 'Te Whare',
        Email: 'aroha@example.nz',
      }),
      FromCompanyID: 'retail-nz',
      FromUserID: 'nz-shopper-2',
      BillingAddress: address({
        FirstName: 'Aroha',
        LastName: 'Te Whare',
        Street1: '5 Queen St',
        City: 'Auckland',
        State: null,
        Zip: '1010',
        Country: 'NZ',
      }),
      Status: 'Open',
      DateSubmitted: '2026-02-08T01:00:00Z',
      LineItemCount: 1,
      Subtotal: 14.9,
      ShippingCost: 0,
      TaxCost: 0,
      Gratuity: 2,
      Fees: 8,
      PromotionDiscount: 0,
      Currency: 'NZD',
      Total: 24.9,
      xp: { PricesIncludeTax: true, GiftWrap: true },
    },
    LineItems: [line('L1', 'P-004', 1, 14.9, 14.9)],
    OrderPromotions: [],
    OrderCalculateResponse: {
      ShippingTotal: 0,
      TaxTotal: 0,
      FeeTotal: 8,
      xp: {
        Fees: [
          { ID: 'small-order', Name: 'Small order fee', Amount: 3 },
          { ID: 'gift-wrap', Name: 'Gift wrapping', Amount: 5 },
        ],
        TaxCalculation: {
          TotalTax: 2.98,
          LineItems: [
            {
              LineItemID: 'L1',
              LineItemTotalTax: 1.94,
              LineItemLevelTaxes: [tax(14.9, 1.94, 15, 'Country', 'NZ-GST', 'GST')],
            },
          ],
          OrderLevelTaxes: [
            tax(3, 0.39, 15, 'Country', 'NZ-GST', 'Small order fee (fee)'),
            tax(5, 0.65, 15, 'Country', 'NZ-GST', 'Gift wrapping (fee)'),
          ],
        },
      },
    },
  };
}
