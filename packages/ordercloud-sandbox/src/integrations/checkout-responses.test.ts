import { describe, expect, it } from 'vitest';
import {
  field,
  parseCalculateResponse,
  parseShipEstimates,
  selectedShippingTotal,
  toMinor,
  unitPriceOverrides,
} from './checkout-responses.ts';

const ok = (json: unknown) => ({ status: 200, json, text: JSON.stringify(json) });

describe('checkout endpoint answers', () => {
  it('reads PascalCase and camelCase keys', () => {
    expect(field({ TaxTotal: 1 }, 'TaxTotal')).toBe(1);
    expect(field({ taxTotal: 2 }, 'TaxTotal')).toBe(2);
    expect(field(null, 'TaxTotal')).toBeUndefined();
  });

  it('turns amounts into minor units of the currency, rounding extra decimals half away from zero', () => {
    expect(toMinor(12.34, 'AUD')).toBe(1234n);
    expect(toMinor(0.125, 'AUD')).toBe(13n);
    expect(toMinor(1500, 'JPY')).toBe(1500n);
    expect(toMinor('12', 'AUD')).toBeUndefined();
  });

  it('fills missing estimate and method IDs; keeps xp', () => {
    const { estimates, xp } = parseShipEstimates(
      {
        ShipEstimates: [{ ShipMethods: [{ Name: 'Fedex 2 Day', Cost: 12.34, xp: { Carrier: 'Fedex' } }] }],
        xp: { a: 1 },
      },
      'USD',
    );
    expect(xp).toEqual({ a: 1 });
    expect(estimates).toEqual([
      {
        ID: 'SE-1',
        ShipEstimateItems: [],
        ShipMethods: [
          {
            ID: 'SM-1-1',
            Name: 'Fedex 2 Day',
            Cost: 1234n,
            EstimatedTransitDays: 0,
            xp: { Carrier: 'Fedex' },
          },
        ],
        xp: {},
      },
    ]);
  });

  it('takes ShippingTotal from the selected methods when the answer has none', () => {
    const estimates = parseShipEstimates(
      {
        ShipEstimates: [
          {
            ID: 'a',
            SelectedShipMethodID: 'x',
            ShipMethods: [
              { ID: 'x', Cost: 5 },
              { ID: 'y', Cost: 9 },
            ],
          },
        ],
      },
      'NZD',
    ).estimates;
    expect(selectedShippingTotal(estimates)).toBe(500n);
    const calc = parseCalculateResponse({ answer: ok({ TaxTotal: 1.1 }), currency: 'NZD', estimates });
    expect(calc).toMatchObject({
      ShippingTotal: 500n,
      TaxTotal: 110n,
      FeeTotal: 0n,
      Succeeded: true,
      xp: {},
    });
  });

  it('records a failed call without totals, with its status and body', () => {
    const calc = parseCalculateResponse({
      answer: { status: 500, json: undefined, text: 'boom' },
      currency: 'GBP',
      estimates: undefined,
    });
    expect(calc).toMatchObject({
      Succeeded: false,
      HttpStatusCode: 500,
      UnhandledErrorBody: 'boom',
      TaxTotal: 0n,
    });
  });

  it('reads unit price overrides and ignores malformed ones', () => {
    const calc = parseCalculateResponse({
      answer: ok({
        LineItemOverrides: [{ LineItemID: 'L1', UnitPrice: 6 }, { LineItemID: 'L2' }, { UnitPrice: 1 }],
      }),
      currency: 'USD',
      estimates: [],
    });
    expect([...unitPriceOverrides(calc)]).toEqual([['L1', 6]]);
  });
});
