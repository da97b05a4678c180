import { includedTaxMinor, parseDecimal, percentOfMinor, sumMinor } from '../money.ts';
import type { TaxCalculationRecord, TaxDetailRecord } from '../state.ts';
import type { TaxRegion } from './tax-regions.ts';

// Line-level tax in the Headstart/Catalyst convention (OrderCalculateResponse.xp.TaxCalculation).
// Each jurisdiction is rounded on its own, half away from zero, in minor units. With tax-inclusive
// prices the tax is the part of the amount already inside it: amount × rate / (100 + rate).
export type TaxableLine = { lineItemId: string; amount: bigint; region: TaxRegion; taxable: boolean };
export type TaxableCharge = {
  kind: 'shipping' | 'fee';
  id: string;
  name: string;
  amount: bigint;
  region: TaxRegion;
};

function details(
  amount: bigint,
  region: TaxRegion,
  pricesIncludeTax: boolean,
  extra: Partial<TaxDetailRecord> = {},
): TaxDetailRecord[] {
  return region.rules.map((rule) => {
    const rate = parseDecimal(rule.rate);
    return {
      TaxableAmount: amount,
      Tax: pricesIncludeTax ? includedTaxMinor(amount, rate) : percentOfMinor(amount, rate),
      Rate: rate,
      JurisdictionLevel: rule.level,
      JurisdictionCode: rule.code,
      TaxDescription: extra.TaxDescription ?? rule.description,
      ...(extra.ShipEstimateID ? { ShipEstimateID: extra.ShipEstimateID } : {}),
    };
  });
}

export function calculateTax(input: {
  orderId: string;
  pricesIncludeTax: boolean;
  lines: readonly TaxableLine[];
  charges: readonly TaxableCharge[];
}): TaxCalculationRecord {
  const lineItems = input.lines.map((line) => {
    const levelTaxes = line.taxable ? details(line.amount, line.region, input.pricesIncludeTax) : [];
    return {
      LineItemID: line.lineItemId,
      LineItemTotalTax: sumMinor(levelTaxes.map((t) => t.Tax)),
      LineItemLevelTaxes: levelTaxes,
    };
  });
  const orderLevel = input.charges.flatMap((charge) => {
    const applies = charge.kind === 'shipping' ? charge.region.taxShipping : charge.region.taxFees;
    if (!applies || charge.amount === 0n) return [];
    return details(charge.amount, charge.region, input.pricesIncludeTax, {
      TaxDescription: `${charge.name} (${charge.kind === 'shipping' ? 'shipping' : 'fee'})`,
      ...(charge.kind === 'shipping' ? { ShipEstimateID: charge.id } : {}),
    });
  });
  const totalTax = sumMinor([...lineItems.map((l) => l.LineItemTotalTax), ...orderLevel.map((t) => t.Tax)]);
  return {
    OrderID: input.orderId,
    ExternalTransactionID: `sandbox-tax-${input.orderId}`,
    PricesIncludeTax: input.pricesIncludeTax,
    TotalTax: totalTax,
    LineItems: lineItems,
    OrderLevelTaxes: orderLevel,
  };
}
