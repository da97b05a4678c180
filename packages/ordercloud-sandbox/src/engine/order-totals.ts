import {
  allocateMinor,
  type Decimal,
  decimalToMinorRounded,
  decimalToNumber,
  extendToMinor,
  minBig,
  minorToNumber,
  sumMinor,
} from '../money.ts';
import type { CompiledPromotion } from './promotion-rules.ts';
import type { RuleFacts } from './rule-expression-eval.ts';

// OrderCloud's arithmetic, exact in minor units:
//   LineSubtotal = Quantity × UnitPrice (rounded once)      LineTotal = LineSubtotal − line PromotionDiscount
//   Subtotal = Σ LineSubtotal       PromotionDiscount = Σ line-level + order-level promotion amounts
//   Total = Subtotal − PromotionDiscount + ShippingCost + TaxCost + Fees + Gratuity
/** `json`: the line as the API returns it (Product, xp…), for promotion expressions. */
export type TotalsLine = {
  id: string;
  productId: string;
  quantity: number;
  unitPrice: Decimal;
  json?: Record<string, unknown>;
};
export type TotalsPromotion = { id: string; lineItemLevel: boolean; compiled: CompiledPromotion };
export type LineTotals = { lineSubtotal: bigint; promotionDiscount: bigint; lineTotal: bigint };
export type AppliedPromotionAmount = { promotionId: string; lineItemId?: string; amount: bigint };

export type OrderTotals = {
  lines: Map<string, LineTotals>;
  applied: AppliedPromotionAmount[];
  /** Promotions whose EligibleExpression held (for a line-level one: on at least one line). */
  eligible: Set<string>;
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
  /** The order as the API returns it (xp, FromUser…), for promotion expressions. */
  orderJson?: Record<string, unknown>;
  now?: Date;
}): OrderTotals {
  const { currency } = input;
  const money = (minor: bigint) => minorToNumber(minor, currency);
  const lines = new Map<string, LineTotals>();
  for (const line of input.lines) {
    const lineSubtotal = extendToMinor(line.quantity, line.unitPrice, currency);
    lines.set(line.id, { lineSubtotal, promotionDiscount: 0n, lineTotal: lineSubtotal });
  }
  const subtotal = sumMinor([...lines.values()].map((l) => l.lineSubtotal));
  // What expressions see: the order and its lines as the API shows them, totals as they stand.
  const itemJson = (line: TotalsLine) => {
    const totals = lines.get(line.id);
    return {
      ID: line.id,
      ProductID: line.productId,
      Quantity: line.quantity,
      UnitPrice: decimalToNumber(line.unitPrice),
      ...line.json,
      LineSubtotal: money(totals?.lineSubtotal ?? 0n),
      PromotionDiscount: money(totals?.promotionDiscount ?? 0n),
      LineTotal: money(totals?.lineTotal ?? 0n),
    };
  };
  const facts = (): RuleFacts => ({
    order: {
      Currency: currency,
      ...input.orderJson,
      Subtotal: money(subtotal),
      ShippingCost: money(input.shippingCost),
      TaxCost: money(input.taxCost),
      Gratuity: money(input.gratuity),
      LineItemCount: input.lines.length,
    },
    items: input.lines.map(itemJson),
    now: input.now ?? new Date(0),
  });
  const applied: AppliedPromotionAmount[] = [];
  const eligible = new Set<string>();

  for (const promotion of input.promotions.filter((p) => p.lineItemLevel)) {
    for (const line of input.lines) {
      const totals = lines.get(line.id);
      if (!totals) continue;
      const current = facts();
      const item = itemJson(line);
      if (!promotion.compiled.eligible(current, item)) continue;
      eligible.add(promotion.id);
      const raw = decimalToMinorRounded(promotion.compiled.value(current, item), currency);
      const amount = minBig(raw < 0n ? 0n : raw, totals.lineTotal);
      totals.promotionDiscount += amount;
      totals.lineTotal -= amount;
      applied.push({ promotionId: promotion.id, lineItemId: line.id, amount });
    }
  }
  const lineDiscount = sumMinor([...lines.values()].map((l) => l.promotionDiscount));

  let orderDiscount = 0n;
  for (const promotion of input.promotions.filter((p) => !p.lineItemLevel)) {
    const current = facts();
    if (!promotion.compiled.eligible(current)) continue;
    eligible.add(promotion.id);
    const raw = decimalToMinorRounded(promotion.compiled.value(current), currency);
    const remaining = subtotal - lineDiscount - orderDiscount;
    const amount = minBig(raw < 0n ? 0n : raw, remaining);
    orderDiscount += amount;
    applied.push({ promotionId: promotion.id, amount });
  }
  const promotionDiscount = lineDiscount + orderDiscount;
  const total =
    subtotal - promotionDiscount + input.shippingCost + input.taxCost + input.fees + input.gratuity;
  return { lines, applied, eligible, subtotal, lineDiscount, orderDiscount, promotionDiscount, total };
}

/** Spreads the order-level discount over lines (by LineTotal) so tax is charged on what is paid. */
export function netLineAmounts(totals: OrderTotals, lineIds: readonly string[]): Map<string, bigint> {
  const lineTotals = lineIds.map((id) => totals.lines.get(id)?.lineTotal ?? 0n);
  const shares =
    totals.orderDiscount === 0n ? lineTotals.map(() => 0n) : allocateMinor(totals.orderDiscount, lineTotals);
  return new Map(lineIds.map((id, i) => [id, (lineTotals[i] ?? 0n) - (shares[i] ?? 0n)]));
}
