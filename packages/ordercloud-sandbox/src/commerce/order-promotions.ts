import { invalidateCalculation, nowIso, requireUnsubmitted, touch } from '../api/common.ts';
import type { CommerceContext } from '../api/context.ts';
import { badRequest, notFound } from '../errors.ts';
import { minorToNumber } from '../money.ts';
import type { OrderRecord } from '../state.ts';
import { orderTotals } from './order-pricing.ts';

// Promotions on an order: added by code (dates, Active, CanCombine, EligibleExpression checked),
// removed by code.
export function addPromotion(
  ctx: CommerceContext,
  order: OrderRecord,
  code: string,
): Record<string, unknown> {
  requireUnsubmitted(order, 'add promotions');
  const promotion = [...ctx.state.promotions.values()].find(
    (p) => p.Code.toLowerCase() === code.toLowerCase(),
  );
  if (!promotion) throw notFound('Promotion', code);
  const now = ctx.core.clock.now().getTime();
  if (!promotion.Active || (promotion.ExpirationDate && Date.parse(promotion.ExpirationDate) < now)) {
    throw badRequest('Promotion.Expired', 'Promotion is expired.', { Code: code });
  }
  if (promotion.StartDate && Date.parse(promotion.StartDate) > now) {
    throw badRequest('Promotion.NotYetValid', 'Promotion is not yet valid.', { Code: code });
  }
  if (order.promotions.some((p) => p.PromotionID === promotion.ID)) {
    throw badRequest('Promotion.AlreadyAdded', 'Promotion has already been added to this order.', {
      Code: code,
    });
  }
  const others = order.promotions.map((p) => ctx.state.promotions.get(p.PromotionID));
  if (others.length > 0 && (!promotion.CanCombine || others.some((p) => p && !p.CanCombine))) {
    throw badRequest(
      'Promotion.CannotCombine',
      'Promotion cannot be combined with any other promo on the same order.',
      { Code: code },
    );
  }
  // Eligibility is checked as if the promotion were on the order (its line-level expressions per line).
  const trial = orderTotals(ctx.state, {
    ...order,
    promotions: [...order.promotions, { PromotionID: promotion.ID, DateApplied: nowIso(ctx) }],
  });
  const eligible = trial.eligible.has(promotion.ID);
  if (!eligible)
    throw badRequest('Promotion.NotEligible', 'Promotion cannot be used on this order.', { Code: code });
  order.promotions.push({ PromotionID: promotion.ID, DateApplied: nowIso(ctx) });
  invalidateCalculation(order, { shipping: false });
  touch(ctx, order);
  const after = orderTotals(ctx.state, order);
  const amount = after.applied
    .filter((a) => a.promotionId === promotion.ID)
    .reduce((s, a) => s + a.amount, 0n);
  return {
    ID: promotion.ID,
    Code: promotion.Code,
    Name: promotion.Name ?? null,
    LineItemLevel: promotion.LineItemLevel,
    Amount: minorToNumber(amount, order.Currency),
    DateApplied: nowIso(ctx),
    xp: promotion.xp,
  };
}

export function removePromotion(ctx: CommerceContext, order: OrderRecord, promoCode: string): void {
  requireUnsubmitted(order, 'remove promotions');
  const code = promoCode.toLowerCase();
  const before = order.promotions.length;
  order.promotions = order.promotions.filter(
    (p) => ctx.state.promotions.get(p.PromotionID)?.Code.toLowerCase() !== code,
  );
  if (order.promotions.length === before) throw notFound('Promotion', promoCode);
  invalidateCalculation(order, { shipping: false });
  touch(ctx, order);
}
