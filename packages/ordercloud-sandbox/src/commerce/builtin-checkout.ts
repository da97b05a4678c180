import { netLineAmounts } from '../engine/order-totals.ts';
import { ratesFor } from '../engine/shipping-rates.ts';
import { calculateTax, type TaxableCharge } from '../engine/tax-engine.ts';
import { taxRegionFor } from '../engine/tax-regions.ts';
import { badRequest } from '../errors.ts';
import { sumMinor } from '../money.ts';
import type {
  AddressSnapshot,
  CalculationRecord,
  FeeRecord,
  OrderRecord,
  SandboxState,
  ShipEstimateRecord,
} from '../state.ts';
import { orderTotals } from './order-pricing.ts';

// The sandbox's built-in Order Checkout integration (the seeded `sandbox-checkout` integration event):
// what a merchant's middleware would answer to OrderCloud's /shippingrates and /ordercalculate calls.

function addressKey(address: AddressSnapshot | undefined): string {
  if (!address) return 'none';
  return [address.Street1, address.City, address.Zip ?? '', address.State ?? '', address.Country]
    .join('|')
    .toLowerCase();
}

export function estimateShipping(state: SandboxState, order: OrderRecord): ShipEstimateRecord[] {
  const totals = orderTotals(state, order);
  const rates = ratesFor(order.Currency);
  const groups = new Map<string, { lineIds: string[]; value: bigint }>();
  for (const line of order.lineItems.values()) {
    const key = addressKey(line.ShippingAddress ?? order.BillingAddress);
    const group = groups.get(key) ?? { lineIds: [], value: 0n };
    group.lineIds.push(line.ID);
    group.value += totals.lines.get(line.ID)?.lineTotal ?? 0n;
    groups.set(key, group);
  }
  return [...groups.values()].map((group, index) => {
    const methods = [
      { ID: 'STANDARD', Name: 'Standard delivery', Cost: rates.standard, EstimatedTransitDays: 5, xp: {} },
      { ID: 'EXPRESS', Name: 'Express delivery', Cost: rates.express, EstimatedTransitDays: 1, xp: {} },
      { ID: 'PICKUP', Name: 'Click & collect', Cost: 0n, EstimatedTransitDays: 0, xp: {} },
    ];
    if (group.value >= rates.freeThreshold) {
      methods.push({ ID: 'FREE', Name: 'Free standard delivery', Cost: 0n, EstimatedTransitDays: 6, xp: {} });
    }
    return {
      ID: `SE-${index + 1}`,
      ShipEstimateItems: group.lineIds.map((id) => ({
        LineItemID: id,
        Quantity: order.lineItems.get(id)?.Quantity ?? 0,
      })),
      ShipMethods: methods,
      xp: {},
    };
  });
}

export function pricesIncludeTaxFor(order: OrderRecord): boolean {
  const explicit = order.xp.PricesIncludeTax;
  if (typeof explicit === 'boolean') return explicit;
  const home = firstAddress(order);
  return taxRegionFor({ country: home?.Country, state: home?.State, currency: order.Currency })
    .pricesIncludeTaxByDefault;
}

function firstAddress(order: OrderRecord): AddressSnapshot | undefined {
  for (const line of order.lineItems.values()) if (line.ShippingAddress) return line.ShippingAddress;
  return order.BillingAddress;
}

export function calculateOrder(state: SandboxState, order: OrderRecord): CalculationRecord {
  const estimates = order.shipEstimates ?? [];
  for (const estimate of estimates) {
    if (!estimate.SelectedShipMethodID) {
      throw badRequest(
        'ShipEstimate.ShipMethodNotSelected',
        `Select a ship method for ship estimate ${estimate.ID} before calculating.`,
        {
          ShipEstimateID: estimate.ID,
        },
      );
    }
  }
  const totals = orderTotals(state, { ...order, calculation: undefined, ShippingCost: 0n, TaxCost: 0n });
  const rates = ratesFor(order.Currency);
  const pricesIncludeTax = pricesIncludeTaxFor(order);
  const lineIds = [...order.lineItems.keys()];
  const net = netLineAmounts(totals, lineIds);
  const regionOf = (address: AddressSnapshot | undefined) =>
    taxRegionFor({ country: address?.Country, state: address?.State, currency: order.Currency });

  const charges: TaxableCharge[] = estimates.map((estimate) => {
    const method = estimate.ShipMethods.find((m) => m.ID === estimate.SelectedShipMethodID);
    const firstLine = order.lineItems.get(estimate.ShipEstimateItems[0]?.LineItemID ?? '');
    return {
      kind: 'shipping',
      id: estimate.ID,
      name: method?.Name ?? 'Shipping',
      amount: method?.Cost ?? 0n,
      region: regionOf(firstLine?.ShippingAddress ?? order.BillingAddress),
    };
  });
  const shippingTotal = sumMinor(charges.map((c) => c.amount));

  const fees: FeeRecord[] = [];
  const goods = totals.subtotal - totals.promotionDiscount;
  if (goods > 0n && goods < rates.smallOrderThreshold)
    fees.push({ ID: 'small-order', Name: 'Small order fee', Amount: rates.smallOrderFee });
  if (order.xp.GiftWrap === true)
    fees.push({ ID: 'gift-wrap', Name: 'Gift wrapping', Amount: rates.giftWrapFee });
  const home = regionOf(firstAddress(order));
  for (const fee of fees)
    charges.push({ kind: 'fee', id: fee.ID, name: fee.Name, amount: fee.Amount, region: home });

  const taxCalculation = calculateTax({
    orderId: order.ID,
    pricesIncludeTax,
    lines: [...order.lineItems.values()].map((line) => {
      const schedule = line.PriceScheduleID ? state.priceSchedules.get(line.PriceScheduleID) : undefined;
      return {
        lineItemId: line.ID,
        amount: net.get(line.ID) ?? 0n,
        region: regionOf(line.ShippingAddress ?? order.BillingAddress),
        taxable: schedule?.ApplyTax ?? true,
      };
    }),
    charges,
  });
  return {
    ShippingTotal: shippingTotal,
    TaxTotal: pricesIncludeTax ? 0n : taxCalculation.TotalTax,
    FeeTotal: sumMinor(fees.map((f) => f.Amount)),
    LineItemOverrides: [],
    xp: null,
    builtin: { TaxCalculation: taxCalculation, Fees: fees },
    HttpStatusCode: 200,
    UnhandledErrorBody: null,
    Succeeded: true,
  };
}
