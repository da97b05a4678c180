import {
  allocateMinor,
  type Decimal,
  decimalToMinorRounded,
  extendToMinor,
  minBig,
  minorToDecimal,
  sumMinor,
} from '../money.ts';
import type { CompiledPromotion } from './promotion-rules.ts';

// OrderCloud's arithmetic, exact in minor units:
//   LineSubtotal = Quantity × UnitPrice (rounded once)      LineTotal = LineSubtotal − line PromotionDiscount
//   Subtotal = Σ LineSubtotal       PromotionDiscount = Σ line-level + order-level promotion amounts
//   Total = Subtotal − PromotionDiscount + ShippingCost + TaxCost + Fees + Gratuity
export type TotalsLine = { id: string; productId: string; quantity: number; unitPrice: Decimal };
export type TotalsPromotion = { id: string; lineItemLevel: boolean; compiled: CompiledPromotion };
export type LineTotals = { lineSubtotal: bigint; promotionDiscount: bigint; lineTotal: bigint };
export type AppliedPromotionAmount = { promotionId: string; lineItemId?: string; amount: bigint };

export type OrderTotals = {
  lines: Map<string, LineTotals>;
  applied: AppliedPromotionAmount[];
  subtotal: bigint;
  lineDiscount: bigint;
  orderDiscount: bigint;
  promotionDiscount: bigint;
  total: bigint;
};

export function computeTotals(input: {
  currency: string;
  lines: readonly TotalsLine[];
  promotions: readonly TotalsPromotion[];
  shippingCost: bigint;
  taxCost: bigint;
  fees: bigint;
  gratuity: bigint;
}): OrderTotals {
  const { currency } = input;
  const lines = new Map<string, LineTotals>();
  for (const line of input.lines) {
    const lineSubtotal = extendToMinor(line.quantity, line.unitPrice, currency);
    lines.set(line.id, { lineSubtotal, promotionDiscount: 0n, lineTotal: lineSubtotal });
  }
  const subtotal = sumMinor([...lines.values()].map((l) => l.lineSubtotal));
  const orderFacts = { subtotal: minorToDecimal(subtotal, currency) };
  const applied: AppliedPromotionAmount[] = [];

  for (const promotion of input.promotions.filter((p) => p.lineItemLevel)) {
    if (!promotion.compiled.eligibleOrder(orderFacts)) continue;
    for (const line of input.lines) {
      const totals = lines.get(line.id);
      if (!totals) continue;
      const item = {
        productId: line.productId,
        quantity: line.quantity,
        lineSubtotal: minorToDecimal(totals.lineSubtotal, currency),
        lineTotal: minorToDecimal(totals.lineTotal, currency),
      };
      if (!promotion.compiled.eligibleItem(orderFacts, item)) continue;
      const raw = decimalToMinorRounded(promotion.compiled.value(orderFacts, item), currency);
      const amount = minBig(raw < 0n ? 0n : raw, totals.lineTotal);
      totals.promotionDiscount += amount;
      totals.lineTotal -= amount;
      applied.push({ promotionId: promotion.id, lineItemId: line.id, amount });
    }
  }
  const lineDiscount = sumMinor([...lines.values()].map((l) => l.promotionDiscount));

  let orderDiscount = 0n;
  for (const promotion of input.promotions.filter((p) => !p.lineItemLevel)) {
    if (!promotion.compiled.eligibleOrder(orderFacts)) continue;
    const raw = decimalToMinorRounded(promotion.compiled.value(orderFacts), currency);
    const remaining = subtotal - lineDiscount - orderDiscount;
    const amount = minBig(raw < 0n ? 0n : raw, remaining);
    orderDiscount += amount;
    applied.push({ promotionId: promotion.id, amount });
  }
  const promotionDiscount = lineDiscount + orderDiscount;
  const total =
    subtotal - promotionDiscount + input.shippingCost + input.taxCost + input.fees + input.gratuity;
  return { lines, applied, subtotal, lineDiscount, orderDiscount, promotionDiscount, total };
}

/** Spreads the order-level discount over lines (by LineTotal) so tax is charged on what is paid. */
export function netLineAmounts(totals: OrderTotals, lineIds: readonly string[]): Map<string, bigint> {
  const lineTotals = lineIds.map((id) => totals.lines.get(id)?.lineTotal ?? 0n);
  const shares =
    totals.orderDiscount === 0n ? lineTotals.map(() => 0n) : allocateMinor(totals.orderDiscount, lineTotals);
  return new Map(lineIds.map((id, i) => [id, (lineTotals[i] ?? 0n) - (shares[i] ?? 0n)]));
}
