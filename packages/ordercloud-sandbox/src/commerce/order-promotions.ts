import { invalidateCalculation, nowIso, requireUnsubmitted, touch } from '../api/common.ts';
import type { CommerceContext } from '../api/context.ts';
import { promotionAvailableTo } from '../catalog/promotions.ts';
import { type ApiError, badRequest, notFound } from '../errors.ts';
import type { OrderRecord, PromotionRecord } from '../state.ts';
import { orderTotals } from './order-pricing.ts';

// Promotions on an order: added by code, listed when eligible, auto-applied by Priority, refreshed,
// removed (promotion-enhancements.mdx: AutoApply, Priority, Active, eligiblepromotions,
// applypromotions). A promotion applies when it is Active and within its dates, available to the
// order's buyer (AllowAllBuyers or assigned), combinable with those already on the order, and its
// EligibleExpression holds (for a line-level one: on at least one line).

export type PromotionAmount = { promotion: PromotionRecord; amount: bigint; dateApplied: string };

function refusal(ctx: CommerceContext, order: OrderRecord, promotion: PromotionRecord): ApiError | undefined {
  const code = promotion.Code;
  const now = ctx.core.clock.now().getTime();
  if (!promotion.Active || (promotion.ExpirationDate && Date.parse(promotion.ExpirationDate) < now))
    return badRequest('Promotion.Expired', 'Promotion is expired.', { Code: code });
  if (promotion.StartDate && Date.parse(promotion.StartDate) > now)
    return badRequest('Promotion.NotYetValid', 'Promotion is not yet valid.', { Code: code });
  if (!promotionAvailableTo(ctx, promotion, order.FromCompanyID)) return notFound('Promotion', code);
  if (order.promotions.some((p) => p.PromotionID === promotion.ID))
    return badRequest('Promotion.AlreadyAdded', 'Promotion has already been added to this order.', {
      Code: code,
    });
  const others = order.promotions.map((p) => ctx.state.promotions.get(p.PromotionID));
  if (others.length > 0 && (!promotion.CanCombine || others.some((p) => p && !p.CanCombine)))
    return badRequest(
      'Promotion.CannotCombine',
      'Promotion cannot be combined with any other promo on the same order.',
      {
        Code: code,
      },
    );
  const trial = orderTotals(ctx.state, {
    ...order,
    promotions: [...order.promotions, { PromotionID: promotion.ID, DateApplied: nowIso(ctx) }],
  });
  if (!trial.eligible.has(promotion.ID))
    return badRequest('Promotion.NotEligible', 'Promotion cannot be used on this order.', { Code: code });
  return undefined;
}

function amountOf(ctx: CommerceContext, order: OrderRecord, promotionId: string): bigint {
  return orderTotals(ctx.state, order)
    .applied.filter((a) => a.promotionId === promotionId)
    .reduce((s, a) => s + a.amount, 0n);
}

function apply(ctx: CommerceContext, order: OrderRecord, promotion: PromotionRecord): PromotionAmount {
  const dateApplied = nowIso(ctx);
  order.promotions.push({ PromotionID: promotion.ID, DateApplied: dateApplied });
  invalidateCalculation(order, { shipping: false });
  touch(ctx, order);
  return { promotion, amount: amountOf(ctx, order, promotion.ID), dateApplied };
}

export function addPromotion(ctx: CommerceContext, order: OrderRecord, code: string): PromotionAmount {
  requireUnsubmitted(order, 'add promotions');
  const promotion = [...ctx.state.promotions.values()].find(
    (p) => p.Code.toLowerCase() === code.toLowerCase(),
  );
  if (!promotion) throw notFound('Promotion', code);
  const refused = refusal(ctx, order, promotion);
  if (refused) throw refused;
  return apply(ctx, order, promotion);
}

/** Promotions that could be added now, with what each would take off. */
export function eligiblePromotions(ctx: CommerceContext, order: OrderRecord): PromotionAmount[] {
  return [...ctx.state.promotions.values()].flatMap((promotion) => {
    if (refusal(ctx, order, promotion)) return [];
    const trial = {
      ...order,
      promotions: [...order.promotions, { PromotionID: promotion.ID, DateApplied: nowIso(ctx) }],
    };
    return [{ promotion, amount: amountOf(ctx, trial, promotion.ID), dateApplied: nowIso(ctx) }];
  });
}

const byPriority = (a: PromotionRecord, b: PromotionRecord) =>
  (a.Priority ?? Number.POSITIVE_INFINITY) - (b.Priority ?? Number.POSITIVE_INFINITY);

/** "fetch all eligible promotions where AutoApply = true, sorted by Priority and attempt to apply them
 * to the order one by one. Promotions where Priority = null will be evaluated last … at most 100". */
export function applyAutoPromotions(ctx: CommerceContext, order: OrderRecord): PromotionAmount[] {
  requireUnsubmitted(order, 'apply promotions');
  const candidates = [...ctx.state.promotions.values()]
    .filter((p) => p.AutoApply)
    .sort(byPriority)
    .slice(0, 100);
  const added: PromotionAmount[] = [];
  for (const promotion of candidates)
    if (!refusal(ctx, order, promotion)) added.push(apply(ctx, order, promotion));
  return added;
}

/** Removes applied promotions that no longer apply (with the reason), then auto-applies. */
export function refreshPromotions(
  ctx: CommerceContext,
  order: OrderRecord,
): { added: PromotionAmount[]; removed: { promotion: PromotionRecord; error: ApiError }[] } {
  requireUnsubmitted(order, 'refresh promotions');
  const removed: { promotion: PromotionRecord; error: ApiError }[] = [];
  for (const applied of [...order.promotions]) {
    const promotion = ctx.state.promotions.get(applied.PromotionID);
    order.promotions = order.promotions.filter((p) => p !== applied);
    const error = promotion ? refusal(ctx, order, promotion) : notFound('Promotion', applied.PromotionID);
    if (error && promotion) removed.push({ promotion, error });
    else if (!error) order.promotions.push(applied);
  }
  if (removed.length > 0) invalidateCalculation(order, { shipping: false });
  return { added: applyAutoPromotions(ctx, order), removed };
}

/** POST …/validate: the applied promotions still apply (rule-based-promotion-expressions.mdx: eligibility
 * "is evaluated … at the time the promotion is applied, and then again on order submit"). */
export function validateOrder(ctx: CommerceContext, order: OrderRecord): void {
  for (const applied of order.promotions) {
    const promotion = ctx.state.promotions.get(applied.PromotionID);
    if (!promotion) throw notFound('Promotion', applied.PromotionID);
    const error = refusal(
      ctx,
      { ...order, promotions: order.promotions.filter((p) => p !== applied) },
      promotion,
    );
    if (error) throw error;
  }
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
