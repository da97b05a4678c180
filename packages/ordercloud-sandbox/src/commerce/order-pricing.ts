import { compilePromotion } from '../engine/promotion-rules.ts';
import { computeTotals, type OrderTotals } from '../engine/order-totals.ts';
import type { OrderRecord, SandboxState } from '../state.ts';

// Server-computed totals of an order, exact in minor units.
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
    })),
    promotions,
    shippingCost: order.ShippingCost,
    taxCost: order.TaxCost,
    fees: order.calculation?.FeeTotal ?? 0n,
    gratuity: order.Gratuity,
  });
}
