import { computeTotals, type OrderTotals } from '../engine/order-totals.ts';
import { compilePromotion } from '../engine/promotion-rules.ts';
import { decimalToNumber } from '../money.ts';
import type { LineItemRecord, OrderRecord, SandboxState } from '../state.ts';

// Server-computed totals of an order, exact in minor units. Promotion expressions see the order and
// its lines as the API shows them (xp, FromUser, Product.xp…); "now" is the order's LastUpdated, so a
// total never changes by itself between two reads.
export function orderTotals(state: SandboxState, order: OrderRecord): OrderTotals {
  const promotions = order.promotions.flatMap((applied) => {
    const promotion = state.promotions.get(applied.PromotionID);
    if (!promotion) return [];
    return [
      {
        id: promotion.ID,
        lineItemLevel: promotion.LineItemLevel,
        compiled: compilePromotion({
          eligibleExpression: promotion.EligibleExpression,
          valueExpression: promotion.ValueExpression,
          lineItemLevel: promotion.LineItemLevel,
        }),
      },
    ];
  });
  return computeTotals({
    currency: order.Currency,
    lines: [...order.lineItems.values()].map((l) => ({
      id: l.ID,
      productId: l.ProductID,
      quantity: l.Quantity,
      unitPrice: l.UnitPrice,
      json: promotions.length > 0 ? lineFacts(l) : undefined,
    })),
    promotions,
    shippingCost: order.ShippingCost,
    taxCost: order.TaxCost,
    fees: order.calculation?.FeeTotal ?? 0n,
    gratuity: order.Gratuity,
    orderJson: promotions.length > 0 ? orderFacts(order) : undefined,
    now: new Date(order.LastUpdated),
  });
}

function orderFacts(order: OrderRecord): Record<string, unknown> {
  return {
    ID: order.ID,
    FromUserID: order.FromUserID,
    FromCompanyID: order.FromCompanyID,
    ToCompanyID: order.ToCompanyID,
    FromUser: order.FromUser,
    BillingAddressID: order.BillingAddressID ?? null,
    BillingAddress: order.BillingAddress ?? null,
    Comments: order.Comments ?? null,
    Status: order.Status,
    DateCreated: order.DateCreated,
    DateSubmitted: order.DateSubmitted ?? null,
    LastUpdated: order.LastUpdated,
    IsSubmitted: order.Status !== 'Unsubmitted',
    xp: order.xp,
  };
}

function lineFacts(line: LineItemRecord): Record<string, unknown> {
  return {
    ID: line.ID,
    ProductID: line.ProductID,
    Quantity: line.Quantity,
    UnitPrice: decimalToNumber(line.UnitPrice),
    CostCenter: line.CostCenter ?? null,
    DateNeeded: line.DateNeeded ?? null,
    ShippingAddressID: line.ShippingAddressID ?? null,
    ShippingAddress: line.ShippingAddress ?? null,
    PriceScheduleID: line.PriceScheduleID ?? null,
    IsOnSale: line.IsOnSale,
    SupplierID: null,
    Product: line.Product,
    xp: line.xp,
  };
}
