import { z } from 'zod';
import {
  deepMerge,
  optionalBoolean,
  optionalNumber,
  optionalString,
  parseBody,
  XpSchema,
} from '../api/body.ts';
import { newId } from '../api/common.ts';
import type { CommerceContext } from '../api/context.ts';
import { compilePromotion } from '../engine/promotion-rules.ts';
import { badRequest, notFound } from '../errors.ts';
import type { PromotionRecord } from '../state.ts';

// Promotions (SDK model Promotion) and their buyer assignments. Codes are unique, compared without
// case (a guess: OrderCloud matches promo codes case-insensitively when applying them). Expressions
// are compiled when saved, so a syntax error is refused then, not at checkout.

const PromotionBody = z.looseObject({
  ID: optionalString,
  Code: z.string().min(1).optional(),
  Name: optionalString,
  Description: optionalString,
  FinePrint: optionalString,
  LineItemLevel: optionalBoolean,
  EligibleExpression: optionalString,
  ValueExpression: optionalString,
  CanCombine: optionalBoolean,
  AutoApply: optionalBoolean,
  Active: optionalBoolean,
  AllowAllBuyers: optionalBoolean,
  StartDate: optionalString,
  ExpirationDate: optionalString,
  RedemptionLimit: optionalNumber,
  RedemptionLimitPerUser: optionalNumber,
  Priority: optionalNumber,
  xp: XpSchema.nullish(),
});

export const PromotionAssignmentBody = z.looseObject({
  PromotionID: z.string().min(1),
  BuyerID: optionalString,
  UserGroupID: optionalString,
});

export function findPromotion(ctx: CommerceContext, id: string): PromotionRecord {
  const promotion = ctx.state.promotions.get(id);
  if (!promotion) throw notFound('Promotion', id);
  return promotion;
}

function checkCodeFree(ctx: CommerceContext, code: string, self?: string): void {
  const taken = [...ctx.state.promotions.values()].some(
    (p) => p.ID !== self && p.Code.toLowerCase() === code.toLowerCase(),
  );
  if (taken) throw badRequest('Promotion.CodeExists', `A promotion with code ${code} already exists.`);
}

export function updatePromotion(
  ctx: CommerceContext,
  promotion: PromotionRecord,
  rawBody: unknown,
  replace: boolean,
): void {
  const body = parseBody(PromotionBody, rawBody);
  if (replace && (!body.Code || !body.ValueExpression))
    throw badRequest('InvalidRequest', 'Code and ValueExpression are required.', {
      Fields: ['Code', 'ValueExpression'],
    });
  const next: PromotionRecord = replace
    ? {
        ID: promotion.ID,
        Code: body.Code ?? promotion.Code,
        LineItemLevel: body.LineItemLevel ?? false,
        EligibleExpression: body.EligibleExpression ?? 'true',
        ValueExpression: body.ValueExpression ?? promotion.ValueExpression,
        CanCombine: body.CanCombine ?? false,
        AutoApply: body.AutoApply ?? false,
        Active: body.Active ?? true,
        AllowAllBuyers: body.AllowAllBuyers ?? true,
        RedemptionCount: promotion.RedemptionCount,
        xp: body.xp ?? {},
      }
    : { ...promotion };
  if (!replace) {
    if (body.Code !== undefined) next.Code = body.Code;
    for (const key of ['LineItemLevel', 'CanCombine', 'AutoApply', 'Active', 'AllowAllBuyers'] as const) {
      const value = body[key];
      if (value !== undefined) next[key] = value;
    }
    if (body.EligibleExpression !== undefined) next.EligibleExpression = body.EligibleExpression;
    if (body.ValueExpression !== undefined) next.ValueExpression = body.ValueExpression;
    if (body.xp) next.xp = deepMerge(promotion.xp, body.xp);
  }
  for (const key of ['Name', 'Description', 'StartDate', 'ExpirationDate', 'Priority'] as const) {
    if (body[key] !== undefined || replace) (next as Record<string, unknown>)[key] = body[key];
  }
  checkCodeFree(ctx, next.Code, promotion.ID);
  compilePromotion({
    eligibleExpression: next.EligibleExpression,
    valueExpression: next.ValueExpression,
    lineItemLevel: next.LineItemLevel,
  });
  Object.assign(promotion, next);
  if (!promotion.Active) removeFromUnsubmittedOrders(ctx, promotion.ID);
}

/** "A newly deactivated promotion will also be removed from any Unsubmitted orders" (promotion-enhancements.mdx). */
function removeFromUnsubmittedOrders(ctx: CommerceContext, promotionId: string): void {
  for (const order of ctx.state.orders.values()) {
    if (order.Status !== 'Unsubmitted') continue;
    const before = order.promotions.length;
    order.promotions = order.promotions.filter((p) => p.PromotionID !== promotionId);
    if (order.promotions.length !== before) order.calculation = undefined;
  }
}

export function createPromotion(
  ctx: CommerceContext,
  rawBody: unknown,
  idFromPath?: string,
): PromotionRecord {
  const body = parseBody(PromotionBody, rawBody);
  if (!body.Code) throw badRequest('InvalidRequest', 'Code is required.', { Field: 'Code' });
  if (!body.ValueExpression)
    throw badRequest('InvalidRequest', 'ValueExpression is required.', { Field: 'ValueExpression' });
  checkCodeFree(ctx, body.Code);
  const promotion: PromotionRecord = {
    ID: newId(ctx, idFromPath ?? body.ID, (id) => ctx.state.promotions.has(id), 'Promotion'),
    Code: body.Code,
    LineItemLevel: false,
    EligibleExpression: 'true',
    ValueExpression: body.ValueExpression,
    CanCombine: false,
    AutoApply: false,
    Active: true,
    AllowAllBuyers: true,
    RedemptionCount: 0,
    xp: {},
  };
  updatePromotion(ctx, promotion, rawBody, false);
  ctx.state.promotions.set(promotion.ID, promotion);
  return promotion;
}

export function deletePromotion(ctx: CommerceContext, promotion: PromotionRecord): void {
  removeFromUnsubmittedOrders(ctx, promotion.ID);
  ctx.state.promotions.delete(promotion.ID);
  ctx.state.promotionAssignments = ctx.state.promotionAssignments.filter(
    (a) => a.PromotionID !== promotion.ID,
  );
}

export function savePromotionAssignment(ctx: CommerceContext, rawBody: unknown): void {
  const body = parseBody(PromotionAssignmentBody, rawBody);
  findPromotion(ctx, body.PromotionID);
  if (!body.BuyerID)
    throw badRequest('InvalidRequest', 'BuyerID is required (the sandbox has no user groups).');
  if (!ctx.state.buyers.has(body.BuyerID)) throw notFound('Buyer', body.BuyerID);
  const exists = ctx.state.promotionAssignments.some(
    (a) => a.PromotionID === body.PromotionID && a.BuyerID === body.BuyerID,
  );
  if (!exists) ctx.state.promotionAssignments.push({ PromotionID: body.PromotionID, BuyerID: body.BuyerID });
}

/** AllowAllBuyers, or assigned to the order's buyer. */
export function promotionAvailableTo(
  ctx: CommerceContext,
  promotion: PromotionRecord,
  buyerId: string,
): boolean {
  return (
    promotion.AllowAllBuyers ||
    ctx.state.promotionAssignments.some((a) => a.PromotionID === promotion.ID && a.BuyerID === buyerId)
  );
}

/** SDK model Promotion; limits, fine print and integrations are not modeled (null / false). */
export function serializePromotion(promotion: PromotionRecord) {
  return {
    ID: promotion.ID,
    LineItemLevel: promotion.LineItemLevel,
    Code: promotion.Code,
    Name: promotion.Name ?? null,
    RedemptionLimit: null,
    RedemptionLimitPerUser: null,
    RedemptionCount: promotion.RedemptionCount,
    QuantityLimitPerOrder: null,
    ItemLimitPerOrder: null,
    ItemSortBy: null,
    Description: promotion.Description ?? null,
    FinePrint: null,
    StartDate: promotion.StartDate ?? null,
    ExpirationDate: promotion.ExpirationDate ?? null,
    EligibleExpression: promotion.EligibleExpression,
    ValueExpression: promotion.ValueExpression,
    CanCombine: promotion.CanCombine,
    AllowAllBuyers: promotion.AllowAllBuyers,
    OwnerID: null,
    AutoApply: promotion.AutoApply,
    Active: promotion.Active,
    UseIntegration: false,
    Priority: promotion.Priority ?? null,
    xp: promotion.xp,
  };
}
