import { z } from 'zod';
import { deepMerge, optionalNumber, optionalString, parseBody, priceDecimal, XpSchema } from '../api/body.ts';
import {
  findBuyerAddress,
  invalidateCalculation,
  newId,
  nowIso,
  parseDirection,
  requireUnsubmitted,
  snapshotAddress,
  touch,
} from '../api/common.ts';
import type { CommerceContext } from '../api/context.ts';
import { hasAnyRole } from '../auth/actor.ts';
import { badRequest, insufficientRoles, notFound } from '../errors.ts';
import { minorToDecimal } from '../money.ts';
import type { OrderRecord, UserRecord } from '../state.ts';

// Orders as records: create (buyer Outgoing, seller Incoming on behalf of a buyer user), patch / put,
// the from-user snapshot, and the cost overrides clients holding OverrideShipping / OverrideTax make.
const OrderBody = z.looseObject({
  ID: optionalString,
  FromUserID: optionalString,
  FromCompanyID: optionalString,
  BillingAddressID: optionalString,
  Comments: optionalString,
  Gratuity: optionalNumber,
  ShippingCost: optionalNumber,
  TaxCost: optionalNumber,
  xp: XpSchema.nullish(),
});

const FromUserBody = z.looseObject({
  FirstName: optionalString,
  LastName: optionalString,
  Email: optionalString,
  Phone: optionalString,
  xp: XpSchema.nullish(),
});

function orderCurrency(ctx: CommerceContext, buyerId: string): string {
  const assignment = ctx.state.localeAssignments.find((a) => a.BuyerID === buyerId);
  const locale = assignment ? ctx.state.locales.get(assignment.LocaleID) : undefined;
  return locale?.Currency ?? 'USD';
}

/** The user as an order keeps it (FromUser), copied when the order is theirs. */
export function userSnapshot(user: UserRecord): OrderRecord['FromUser'] {
  return {
    ID: user.ID,
    CompanyID: user.BuyerID,
    Username: user.Username,
    FirstName: user.FirstName,
    LastName: user.LastName,
    Email: user.Email,
    Phone: user.Phone,
    Active: user.Active,
    DateCreated: user.DateCreated,
    xp: user.xp,
  };
}

function moneyInput(ctx: CommerceContext, value: number, currency: string, field: string): bigint {
  const decimal = priceDecimal(value, field);
  const exponent = minorToDecimal(0n, currency).scale;
  if (decimal.scale > exponent) {
    throw badRequest('InvalidRequest', `${field} has more decimals than ${currency} allows`, {
      Field: field,
      Value: value,
    });
  }
  void ctx;
  return decimal.units * 10n ** BigInt(exponent - decimal.scale);
}

export function createOrderRecord(
  ctx: CommerceContext,
  input: { direction: string; body: unknown; forcedId?: string },
): OrderRecord {
  const direction = parseDirection(input.direction);
  const body = parseBody(OrderBody, input.body);
  const { actor, state } = ctx;
  let user: UserRecord | undefined;
  if (actor.kind === 'admin') {
    if (direction !== 'Incoming') {
      throw badRequest(
        'InvalidRequest',
        'A marketplace owner creates orders on behalf of buyers with direction Incoming.',
      );
    }
    if (!body.FromUserID || !body.FromCompanyID) {
      throw badRequest(
        'Order.CreateIncomingRequiresFromUser',
        'To create an incoming order, you must provide both FromCompanyID and FromUserID.',
      );
    }
    user = state.users.get(body.FromUserID);
    if (!user || user.BuyerID !== body.FromCompanyID) throw notFound('User', body.FromUserID);
  } else {
    if (direction !== 'Outgoing')
      throw badRequest('InvalidRequest', 'Buyers create orders with direction Outgoing.');
    user = state.users.get(actor.userId);
    if (!user) throw notFound('User', actor.userId);
  }
  const now = nowIso(ctx);
  const id = input.forcedId ?? newId(ctx, body.ID, (candidate) => state.orders.has(candidate), 'Order');
  const currency = orderCurrency(ctx, user.BuyerID);
  const order: OrderRecord = {
    ID: id,
    FromUserID: user.ID,
    FromCompanyID: user.BuyerID,
    ToCompanyID: state.sellerId,
    FromUser: userSnapshot(user),
    CreatedByClientID: actor.clientId,
    Comments: body.Comments,
    Status: 'Unsubmitted',
    DateCreated: now,
    LastUpdated: now,
    Currency: currency,
    Gratuity: body.Gratuity === undefined ? 0n : moneyInput(ctx, body.Gratuity, currency, 'Gratuity'),
    ShippingCost: 0n,
    TaxCost: 0n,
    xp: body.xp ?? {},
    lineItems: new Map(),
    promotions: [],
    calculationStale: true,
    payments: new Map(),
  };
  if (body.BillingAddressID) {
    const address = findBuyerAddress(state, actor, user.BuyerID, body.BillingAddressID);
    order.BillingAddressID = address.ID;
    order.BillingAddress = snapshotAddress(address);
  }
  applyCostOverrides(ctx, order, body);
  state.orders.set(id, order);
  return order;
}

/** ShippingCost / TaxCost are writable only with OverrideShipping / OverrideTax (security-profiles.mdx,
 * "Override Roles"); a change nulls the calculation like any other change to the order's totals. */
function applyCostOverrides(
  ctx: CommerceContext,
  order: OrderRecord,
  body: { ShippingCost?: number; TaxCost?: number },
): void {
  if (body.ShippingCost === undefined && body.TaxCost === undefined) return;
  if (body.ShippingCost !== undefined && !hasAnyRole(ctx.actor, ['OverrideShipping']))
    throw insufficientRoles(['OverrideShipping']);
  if (body.TaxCost !== undefined && !hasAnyRole(ctx.actor, ['OverrideTax']))
    throw insufficientRoles(['OverrideTax']);
  // Undocumented whether a submitted order's costs may change: the permissive reading allows it.
  if (order.Status === 'Unsubmitted') invalidateCalculation(order, { shipping: false });
  if (body.ShippingCost !== undefined)
    order.ShippingCost = moneyInput(ctx, body.ShippingCost, order.Currency, 'ShippingCost');
  if (body.TaxCost !== undefined) order.TaxCost = moneyInput(ctx, body.TaxCost, order.Currency, 'TaxCost');
}

export function patchOrderRecord(
  ctx: CommerceContext,
  order: OrderRecord,
  rawBody: unknown,
  replace: boolean,
): void {
  const body = parseBody(OrderBody, rawBody);
  applyCostOverrides(ctx, order, body);
  if (body.ID !== undefined && body.ID !== order.ID)
    throw badRequest('InvalidRequest', 'Order ID cannot be changed by the sandbox.');
  const contentChange =
    body.Gratuity !== undefined || body.BillingAddressID !== undefined || body.xp !== undefined || replace;
  if (body.Comments !== undefined || replace) order.Comments = body.Comments;
  if (body.Gratuity !== undefined) {
    requireUnsubmitted(order, 'change Gratuity');
    order.Gratuity = moneyInput(ctx, body.Gratuity, order.Currency, 'Gratuity');
  }
  if (body.BillingAddressID !== undefined) {
    requireUnsubmitted(order, 'change the billing address');
    const address = findBuyerAddress(ctx.state, ctx.actor, order.FromCompanyID, body.BillingAddressID);
    order.BillingAddressID = address.ID;
    order.BillingAddress = snapshotAddress(address);
  }
  if (body.xp !== undefined) order.xp = replace ? (body.xp ?? {}) : deepMerge(order.xp, body.xp ?? {});
  if (contentChange && order.Status === 'Unsubmitted') invalidateCalculation(order, { shipping: false });
  touch(ctx, order);
}

export function patchFromUser(ctx: CommerceContext, order: OrderRecord, rawBody: unknown): void {
  requireUnsubmitted(order, 'change the order user');
  const body = parseBody(FromUserBody, rawBody);
  const from = order.FromUser;
  order.FromUser = {
    ...from,
    FirstName: body.FirstName ?? from.FirstName,
    LastName: body.LastName ?? from.LastName,
    Email: body.Email ?? from.Email,
    Phone: body.Phone ?? from.Phone,
    xp: body.xp ? deepMerge(from.xp, body.xp) : from.xp,
  };
  touch(ctx, order);
}
