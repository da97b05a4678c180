import type { OcOrder, OcTaxCalculation } from '../api-types.ts';

// OrderCloud has no "prices include tax" flag. Ledgerbridge reads, in order:
//  1. the path the merchant configured (mapping sources.pricesIncludeTax);
//  2. Order.xp.PricesIncludeTax (boolean), set by the storefront at checkout (OrderCloud's xp convention);
//  3. OrderCalculateResponse.xp.TaxCalculation.PricesIncludeTax (boolean), when the tax integration says;
//  4. inference: the tax integration computed tax but OrderCloud's TaxCost is 0 → inclusive;
//     TaxCost > 0 → exclusive (in a tax-inclusive store TaxCost must be 0, or Total counts tax twice);
//  5. the connection's default.
export type TaxModeSource =
  | 'configured-path'
  | 'order.xp'
  | 'tax-calculation'
  | 'inferred'
  | 'connection-default';

export function detectPricesIncludeTax(input: {
  order: OcOrder;
  taxCalculation: OcTaxCalculation | null | undefined;
  connectionDefault: boolean;
  /** The flag as read from the configured path or the Order.xp convention (source-paths.ts). */
  fromPath?: { value: boolean; path: string; configured: boolean };
}): { pricesIncludeTax: boolean; source: TaxModeSource; path?: string } {
  if (input.fromPath?.configured)
    return { pricesIncludeTax: input.fromPath.value, source: 'configured-path', path: input.fromPath.path };
  const flag = input.fromPath?.value ?? input.order.xp?.PricesIncludeTax;
  if (typeof flag === 'boolean') return { pricesIncludeTax: flag, source: 'order.xp' };
  const fromCalculation = input.taxCalculation?.PricesIncludeTax;
  if (typeof fromCalculation === 'boolean')
    return { pricesIncludeTax: fromCalculation, source: 'tax-calculation' };
  const taxCost = input.order.TaxCost ?? 0;
  const totalTax = input.taxCalculation?.TotalTax ?? 0;
  if (taxCost === 0 && totalTax > 0) return { pricesIncludeTax: true, source: 'inferred' };
  if (taxCost > 0) return { pricesIncludeTax: false, source: 'inferred' };
  return { pricesIncludeTax: input.connectionDefault, source: 'connection-default' };
}
