import { z } from 'zod';
import { hasAnyRole } from '../auth/actor.ts';
import { compilePromotion } from '../engine/promotion-rules.ts';
import { badRequest, insufficientRoles, notFound } from '../errors.ts';
import { minorToDecimal, minorToNumber } from '../money.ts';
import type { LineItemRecord, OrderRecord, PriceScheduleRecord, UserRecord } from '../state.ts';
import { deepMerge, optionalNumber, optionalString, parseBody, priceDecimal, XpSchema } from './body.ts';
import { calculateOrder, estimateShipping } from './checkout.ts';
import {
  findBuyerAddress,
  findOrder,
  invalidateCalculation,
  newId,
  nowIso,
  param,
  parseDirection,
  canSeeOrder,
  requireUnsubmitted,
  snapshotAddress,
  touch,
} from './common.ts';
import type { RouteContext, RouteDef } from './context.ts';
import { listItems } from './list-query.ts';
import { orderTotals, serializeLineItem, serializeOrder, serializeWorksheet } from './order-view.ts';

export const orderFields = [
  'ID',
  'FromUser',
  'FromCompanyID',
  'ToCompanyID',
  'FromUserID',
  'BillingAddressID',
  'BillingAddress',
  'ShippingAddressID',
  'Comments',
  'LineItemCount',
  'Status',
  'DateCreated',
  'DateSubmitted',
  'DateApproved',
  'DateDeclined',
  'DateCanceled',
  'DateCompleted',
  'LastUpdated',
  'Subtotal',
  'ShippingCost',
  'TaxCost',
  'Gratuity',
  'Fees',
  'PromotionDiscount',
  'Currency',
  'Total',
  'IsSubmitted',
  'SubscriptionID',
  'xp',
];
const lineItemFields = [
  'ID',
  'ProductID',
  'Quantity',
  'DateAdded',
  'QuantityShipped',
  'UnitPrice',
  'PromotionDiscount',
  'LineTotal',
  'LineSubtotal',
  'CostCenter',
  'DateNeeded',
  'ShippingAddressID',
  'Product',
  'ShippingAddress',
  'PriceScheduleID',
  'xp',
];

const AddressBody = z.looseObject({
  ID: optionalString,
  CompanyName: optionalString,
  FirstName: optionalString,
  LastName: optionalString,
  Street1: z.string().min(1),
  Street2: optionalString,
  City: z.string().min(1),
  State: optionalString,
  Zip: optionalString,
  Country: z.string().regex(/^[A-Za-z]{2}$/, 'must be a 2-letter country code'),
  Phone: optionalString,
  AddressName: optionalString,
  xp: XpSchema.nullish(),
});

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

const LineItemBody = z.looseObject({
  ID: optionalString,
  ProductID: z.string().min(1).optional(),
  Quantity: z.number().int('must be a whole number').optional(),
  UnitPrice: optionalNumber,
  ShippingAddressID: optionalString,
  CostCenter: optionalString,
  DateNeeded: optionalString,
  xp: XpSchema.nullish(),
});

const FromUserBody = z.looseObject({
  FirstName: optionalString,
  LastName: optionalString,
  Email: optionalString,
  Phone: optionalString,
  xp: XpSchema.nullish(),
});

function orderCurrency(ctx: RouteContext, buyerId: string): string {
  const assignment = ctx.state.localeAssignments.find((a) => a.BuyerID === buyerId);
  const locale = assignment ? ctx.state.locales.get(assignment.LocaleID) : undefined;
  return locale?.Currency ?? 'USD';
}

function userSnapshot(user: UserRecord): OrderRecord['FromUser'] {
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

function moneyInput(ctx: RouteContext, value: number, currency: string, field: string): bigint {
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
  ctx: RouteContext,
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
  if (body.ShippingCost !== undefined || body.TaxCost !== undefined) rejectCostOverride();
  state.orders.set(id, order);
  return order;
}

function rejectCostOverride(): never {
  throw badRequest(
    'Order.OverrideShippingPermission',
    'ShippingCost and TaxCost are set by the checkout integration (POST …/calculate) in this marketplace.',
  );
}

export function patchOrderRecord(
  ctx: RouteContext,
  order: OrderRecord,
  rawBody: unknown,
  replace: boolean,
): void {
  const body = parseBody(OrderBody, rawBody);
  if (body.ShippingCost !== undefined || body.TaxCost !== undefined) rejectCostOverride();
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

function lookupPrice(ctx: RouteContext, order: OrderRecord, productId: string, quantity: number) {
  const { state } = ctx;
  const product = state.products.get(productId);
  if (!product?.Active) throw notFound('Product', productId);
  const assignment = state.productAssignments.find(
    (a) => a.ProductID === productId && a.BuyerID === order.FromCompanyID,
  );
  const scheduleId = assignment?.PriceScheduleID ?? product.DefaultPriceScheduleID;
  const schedule: PriceScheduleRecord | undefined = scheduleId
    ? state.priceSchedules.get(scheduleId)
    : undefined;
  if (
    !schedule ||
    schedule.PriceBreaks.length === 0 ||
    (schedule.Currency !== undefined && schedule.Currency !== order.Currency)
  ) {
    throw badRequest(
      'PriceSchedule.MissingOrConflicting',
      'You cannot add this Product to this Order. Price Schedule assigment is missing or associated with a conflicting order type.',
      { ProductID: productId, PriceScheduleID: scheduleId ?? null, OrderCurrency: order.Currency },
    );
  }
  if (quantity < schedule.MinQuantity) {
    throw badRequest(
      'PriceSchedule.CannotBeLessThanMin',
      'Quantity given cannot be lower than the minimum as per price schedule restrictions.',
      {
        MinQuantity: schedule.MinQuantity,
      },
    );
  }
  if (schedule.MaxQuantity !== undefined && quantity > schedule.MaxQuantity) {
    throw badRequest(
      'PriceSchedule.CannotExceedMax',
      'Quantity given cannot exceed the maximum as per price schedule restrictions.',
      {
        MaxQuantity: schedule.MaxQuantity,
      },
    );
  }
  const applicable = [...schedule.PriceBreaks]
    .filter((b) => b.Quantity <= quantity)
    .sort((a, b) => b.Quantity - a.Quantity)[0];
  if (!applicable) {
    throw badRequest(
      'PriceSchedule.QuantityNotAllowed',
      'Quantity not allowed as per price schedule restrictions.',
      { Quantity: quantity },
    );
  }
  const now = ctx.core.clock.now().getTime();
  const onSale =
    applicable.SalePrice !== undefined &&
    (schedule.SaleStart === undefined || Date.parse(schedule.SaleStart) <= now) &&
    (schedule.SaleEnd === undefined || Date.parse(schedule.SaleEnd) >= now);
  return {
    product,
    schedule,
    unitPrice: onSale && applicable.SalePrice ? applicable.SalePrice : applicable.Price,
    onSale,
  };
}

function canOverridePrice(ctx: RouteContext): boolean {
  return ctx.actor.kind === 'admin' && hasAnyRole(ctx.actor, ['OverrideUnitPrice']);
}

export function addLineItem(ctx: RouteContext, order: OrderRecord, rawBody: unknown): LineItemRecord {
  requireUnsubmitted(order, 'add line items');
  const body = parseBody(LineItemBody, rawBody);
  if (!body.ProductID) throw badRequest('InvalidRequest', 'ProductID is required.', { Field: 'ProductID' });
  const quantity = body.Quantity ?? 1;
  if (quantity <= 0)
    throw badRequest('LineItem.QuantityMustBePositive', "Line Item's Quantity must be greater than 0.");
  const { product, schedule, unitPrice, onSale } = lookupPrice(ctx, order, body.ProductID, quantity);
  let price = unitPrice;
  let overridden = false;
  if (body.UnitPrice !== undefined) {
    if (!canOverridePrice(ctx)) throw insufficientRoles(['OverrideUnitPrice']);
    price = priceDecimal(body.UnitPrice, 'UnitPrice');
    overridden = true;
  }
  const id = newId(ctx, body.ID, (candidate) => order.lineItems.has(candidate), 'LineItem');
  const line: LineItemRecord = {
    ID: id,
    ProductID: product.ID,
    Quantity: quantity,
    UnitPrice: price,
    DateAdded: nowIso(ctx),
    QuantityShipped: 0,
    CostCenter: body.CostCenter,
    DateNeeded: body.DateNeeded,
    PriceScheduleID: schedule.ID,
    PriceOverridden: overridden,
    IsOnSale: onSale && !overridden,
    Product: {
      ID: product.ID,
      Name: product.Name,
      Description: product.Description,
      Returnable: product.Returnable,
      QuantityMultiplier: product.QuantityMultiplier,
      ShipWeight: product.ShipWeight,
      xp: product.xp,
    },
    xp: body.xp ?? {},
  };
  if (body.ShippingAddressID) {
    const address = findBuyerAddress(ctx.state, ctx.actor, order.FromCompanyID, body.ShippingAddressID);
    line.ShippingAddressID = address.ID;
    line.ShippingAddress = snapshotAddress(address);
  }
  order.lineItems.set(id, line);
  invalidateCalculation(order, { shipping: true });
  touch(ctx, order);
  return line;
}

function findLine(order: OrderRecord, lineItemId: string): LineItemRecord {
  const line = order.lineItems.get(lineItemId);
  if (!line) throw notFound('LineItem', lineItemId);
  return line;
}

function patchLineItem(
  ctx: RouteContext,
  order: OrderRecord,
  line: LineItemRecord,
  rawBody: unknown,
  replace: boolean,
): void {
  requireUnsubmitted(order, 'change line items');
  const body = parseBody(LineItemBody, rawBody);
  if (body.ProductID !== undefined && body.ProductID !== line.ProductID) {
    throw badRequest(
      'LineItem.CannotChangeProductID',
      'Cannot change the Product ID of an existing Line Item.',
    );
  }
  if (body.Quantity !== undefined) {
    if (body.Quantity <= 0)
      throw badRequest('LineItem.QuantityMustBePositive', "Line Item's Quantity must be greater than 0.");
    line.Quantity = body.Quantity;
    if (!line.PriceOverridden) {
      const repriced = lookupPrice(ctx, order, line.ProductID, line.Quantity);
      line.UnitPrice = repriced.unitPrice;
      line.IsOnSale = repriced.onSale;
    }
  }
  if (body.UnitPrice !== undefined) {
    if (!canOverridePrice(ctx)) throw insufficientRoles(['OverrideUnitPrice']);
    line.UnitPrice = priceDecimal(body.UnitPrice, 'UnitPrice');
    line.PriceOverridden = true;
    line.IsOnSale = false;
  }
  if (body.ShippingAddressID !== undefined) {
    const address = findBuyerAddress(ctx.state, ctx.actor, order.FromCompanyID, body.ShippingAddressID);
    line.ShippingAddressID = address.ID;
    line.ShippingAddress = snapshotAddress(address);
  }
  if (body.CostCenter !== undefined || replace) line.CostCenter = body.CostCenter;
  if (body.xp !== undefined) line.xp = replace ? (body.xp ?? {}) : deepMerge(line.xp, body.xp ?? {});
  invalidateCalculation(order, { shipping: true });
  touch(ctx, order);
}

function lineResponse(ctx: RouteContext, order: OrderRecord, line: LineItemRecord) {
  return serializeLineItem(order, line, orderTotals(ctx.state, order));
}

export function addPromotion(ctx: RouteContext, order: OrderRecord, code: string): Record<string, unknown> {
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
  const compiled = compilePromotion({
    eligibleExpression: promotion.EligibleExpression,
    valueExpression: promotion.ValueExpression,
    lineItemLevel: promotion.LineItemLevel,
  });
  const totals = orderTotals(ctx.state, order);
  const facts = { subtotal: minorToDecimal(totals.subtotal, order.Currency) };
  const eligible =
    compiled.eligibleOrder(facts) &&
    (!promotion.LineItemLevel ||
      [...order.lineItems.values()].some((line) => {
        const t = totals.lines.get(line.ID);
        return compiled.eligibleItem(facts, {
          productId: line.ProductID,
          quantity: line.Quantity,
          lineSubtotal: minorToDecimal(t?.lineSubtotal ?? 0n, order.Currency),
          lineTotal: minorToDecimal(t?.lineTotal ?? 0n, order.Currency),
        });
      }));
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

export function runEstimateShipping(ctx: RouteContext, order: OrderRecord) {
  requireUnsubmitted(order, 'estimate shipping');
  if (order.lineItems.size === 0)
    throw badRequest(
      'Order.CannotShipWithNoLineItems',
      'Cannot estimate shipping for an order without line items.',
    );
  order.shipEstimates = estimateShipping(ctx.state, order);
  invalidateCalculation(order, { shipping: false });
  touch(ctx, order);
  return serializeWorksheet(ctx.state, order);
}

const ShipMethodsBody = z.looseObject({
  ShipMethodSelections: z.array(z.looseObject({ ShipEstimateID: z.string(), ShipMethodID: z.string() })),
});

export function runSelectShipMethods(ctx: RouteContext, order: OrderRecord, rawBody: unknown) {
  requireUnsubmitted(order, 'select ship methods');
  const body = parseBody(ShipMethodsBody, rawBody);
  const estimates = order.shipEstimates;
  if (!estimates)
    throw badRequest('ShipEstimate.NotEstimated', 'Call estimateshipping before selecting ship methods.');
  for (const selection of body.ShipMethodSelections) {
    const estimate = estimates.find((e) => e.ID === selection.ShipEstimateID);
    if (!estimate) throw notFound('ShipEstimate', selection.ShipEstimateID);
    if (!estimate.ShipMethods.some((m) => m.ID === selection.ShipMethodID))
      throw notFound('ShipMethod', selection.ShipMethodID);
    estimate.SelectedShipMethodID = selection.ShipMethodID;
  }
  invalidateCalculation(order, { shipping: false });
  touch(ctx, order);
  return serializeWorksheet(ctx.state, order);
}

export function runCalculate(ctx: RouteContext, order: OrderRecord) {
  requireUnsubmitted(order, 'calculate');
  order.calculation = calculateOrder(ctx.state, order);
  touch(ctx, order);
  return serializeWorksheet(ctx.state, order);
}

export function runSubmit(ctx: RouteContext, order: OrderRecord) {
  if (order.Status !== 'Unsubmitted') {
    throw badRequest(
      'Order.CannotSubmitBadStatus',
      'Cannot submit order with this status. Order status must be Unsubmitted.',
      {
        Status: order.Status,
      },
    );
  }
  if (order.lineItems.size === 0) {
    throw badRequest('Order.CannotSubmitWithNoLineItems', 'Cannot submit an order without any line items.');
  }
  if (!order.calculation) {
    throw badRequest(
      'Order.CalculateRequired',
      'The checkout integration requires POST …/calculate after the last change before the order can be submitted.',
    );
  }
  if ([...order.payments.values()].some((p) => !p.Accepted && !p.OrderReturnID)) {
    throw badRequest(
      'Order.CannotSubmitWithUnaccceptedPayments',
      'Cannot submit an order with payments that have not been Accepted.',
    );
  }
  const now = nowIso(ctx);
  order.Status = 'Open';
  order.DateSubmitted = now;
  order.LastUpdated = now;
  for (const applied of order.promotions) {
    const promotion = ctx.state.promotions.get(applied.PromotionID);
    if (promotion) promotion.RedemptionCount += 1;
  }
  return serializeOrder(ctx.state, order);
}

function runComplete(ctx: RouteContext, order: OrderRecord) {
  if (order.Status !== 'Open') {
    throw badRequest(
      'Order.CannotCompleteBadStatus',
      'Cannot complete order with this status. Order status must be Open.',
      {
        Status: order.Status,
      },
    );
  }
  const now = nowIso(ctx);
  order.Status = 'Completed';
  order.DateCompleted = now;
  order.LastUpdated = now;
  return serializeOrder(ctx.state, order);
}

function runCancel(ctx: RouteContext, order: OrderRecord) {
  if (order.Status !== 'Open' && order.Status !== 'AwaitingApproval') {
    throw badRequest(
      'Order.CannotCancelInCurrentStatus',
      `Cannot cancel an order with the status of ${order.Status}.`,
      {
        Status: order.Status,
      },
    );
  }
  const now = nowIso(ctx);
  order.Status = 'Canceled';
  order.DateCanceled = now;
  order.LastUpdated = now;
  return serializeOrder(ctx.state, order);
}

export function patchFromUser(ctx: RouteContext, order: OrderRecord, rawBody: unknown) {
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
  return serializeOrder(ctx.state, order);
}

function orderRoute(handler: (ctx: RouteContext, order: OrderRecord) => unknown) {
  return (ctx: RouteContext) => handler(ctx, findOrder(ctx, param(ctx, 'direction'), param(ctx, 'orderID')));
}

const shopper = ['Shopper', 'OrderAdmin'];
const orderReader = ['Shopper', 'OrderAdmin', 'OrderReader'];

export const orderRoutes: RouteDef[] = [
  {
    verb: 'GET',
    template: 'v1/orders/{direction}',
    roles: orderReader,
    handler: (ctx) => {
      const direction = parseDirection(param(ctx, 'direction'));
      const from = ctx.query.from?.[0];
      const to = ctx.query.to?.[0];
      const buyerId = ctx.query.buyerID?.[0];
      const visible = [...ctx.state.orders.values()].filter(
        (o) =>
          canSeeOrder(ctx.actor, o, direction) &&
          (!buyerId || o.FromCompanyID === buyerId) &&
          (!from || Date.parse(o.DateCreated) >= Date.parse(from)) &&
          (!to || Date.parse(o.DateCreated) <= Date.parse(to)),
      );
      return listItems({
        items: visible.map((o) => serializeOrder(ctx.state, o)),
        query: ctx.query,
        fields: orderFields,
      });
    },
  },
  {
    verb: 'POST',
    template: 'v1/orders/{direction}',
    roles: shopper,
    created: true,
    handler: (ctx) =>
      serializeOrder(
        ctx.state,
        createOrderRecord(ctx, { direction: param(ctx, 'direction'), body: ctx.body }),
      ),
  },
  {
    verb: 'GET',
    template: 'v1/orders/{direction}/{orderID}',
    roles: orderReader,
    handler: orderRoute((ctx, o) => serializeOrder(ctx.state, o)),
  },
  {
    verb: 'PATCH',
    template: 'v1/orders/{direction}/{orderID}',
    roles: shopper,
    handler: orderRoute((ctx, o) => {
      patchOrderRecord(ctx, o, ctx.body, false);
      return serializeOrder(ctx.state, o);
    }),
  },
  {
    verb: 'PUT',
    template: 'v1/orders/{direction}/{orderID}',
    roles: shopper,
    handler: orderRoute((ctx, o) => {
      patchOrderRecord(ctx, o, ctx.body, true);
      return serializeOrder(ctx.state, o);
    }),
  },
  {
    verb: 'DELETE',
    template: 'v1/orders/{direction}/{orderID}',
    roles: shopper,
    handler: orderRoute((ctx, o) => {
      requireUnsubmitted(o, 'delete the order');
      ctx.state.orders.delete(o.ID);
      return undefined;
    }),
  },
  {
    verb: 'PATCH',
    template: 'v1/orders/{direction}/{orderID}/fromuser',
    roles: shopper,
    handler: orderRoute((ctx, o) => patchFromUser(ctx, o, ctx.body)),
  },
  {
    verb: 'PUT',
    template: 'v1/orders/{direction}/{orderID}/billto',
    roles: shopper,
    handler: orderRoute((ctx, o) => {
      requireUnsubmitted(o, 'change the billing address');
      const address = parseBody(AddressBody, ctx.body);
      o.BillingAddressID = undefined;
      o.BillingAddress = {
        ...address,
        ID: address.ID,
        DateCreated: nowIso(ctx),
        Country: address.Country.toUpperCase(),
        xp: address.xp ?? {},
      };
      invalidateCalculation(o, { shipping: true });
      touch(ctx, o);
      return serializeOrder(ctx.state, o);
    }),
  },
  {
    verb: 'GET',
    template: 'v1/orders/{direction}/{orderID}/lineitems',
    roles: orderReader,
    handler: orderRoute((ctx, o) => {
      const totals = orderTotals(ctx.state, o);
      const items = [...o.lineItems.values()].map((l) => serializeLineItem(o, l, totals));
      return listItems({ items, query: ctx.query, fields: lineItemFields });
    }),
  },
  {
    verb: 'POST',
    template: 'v1/orders/{direction}/{orderID}/lineitems',
    roles: shopper,
    created: true,
    handler: orderRoute((ctx, o) => lineResponse(ctx, o, addLineItem(ctx, o, ctx.body))),
  },
  {
    verb: 'GET',
    template: 'v1/orders/{direction}/{orderID}/lineitems/{lineItemID}',
    roles: orderReader,
    handler: orderRoute((ctx, o) => lineResponse(ctx, o, findLine(o, param(ctx, 'lineItemID')))),
  },
  ...(['PATCH', 'PUT'] as const).map(
    (verb): RouteDef => ({
      verb,
      template: 'v1/orders/{direction}/{orderID}/lineitems/{lineItemID}',
      roles: shopper,
      handler: orderRoute((ctx, o) => {
        const line = findLine(o, param(ctx, 'lineItemID'));
        patchLineItem(ctx, o, line, ctx.body, verb === 'PUT');
        return lineResponse(ctx, o, line);
      }),
    }),
  ),
  {
    verb: 'DELETE',
    template: 'v1/orders/{direction}/{orderID}/lineitems/{lineItemID}',
    roles: shopper,
    handler: orderRoute((ctx, o) => {
      requireUnsubmitted(o, 'delete line items');
      findLine(o, param(ctx, 'lineItemID'));
      o.lineItems.delete(param(ctx, 'lineItemID'));
      invalidateCalculation(o, { shipping: true });
      touch(ctx, o);
      return undefined;
    }),
  },
  {
    verb: 'PUT',
    template: 'v1/orders/{direction}/{orderID}/lineitems/{lineItemID}/shipto',
    roles: shopper,
    handler: orderRoute((ctx, o) => {
      requireUnsubmitted(o, 'change shipping addresses');
      const line = findLine(o, param(ctx, 'lineItemID'));
      const address = parseBody(AddressBody, ctx.body);
      line.ShippingAddressID = undefined;
      line.ShippingAddress = {
        ...address,
        ID: address.ID,
        DateCreated: nowIso(ctx),
        Country: address.Country.toUpperCase(),
        xp: address.xp ?? {},
      };
      invalidateCalculation(o, { shipping: true });
      touch(ctx, o);
      return lineResponse(ctx, o, line);
    }),
  },
  {
    verb: 'GET',
    template: 'v1/orders/{direction}/{orderID}/promotions',
    roles: orderReader,
    handler: orderRoute((ctx, o) => {
      const worksheet = serializeWorksheet(ctx.state, o);
      const items = (worksheet.OrderPromotions as Record<string, unknown>[]) ?? [];
      return listItems({
        items,
        query: ctx.query,
        fields: ['ID', 'Code', 'Amount', 'LineItemID', 'LineItemLevel', 'Name'],
      });
    }),
  },
  {
    verb: 'POST',
    template: 'v1/orders/{direction}/{orderID}/promotions/{promoCode}',
    roles: shopper,
    created: true,
    handler: orderRoute((ctx, o) => addPromotion(ctx, o, param(ctx, 'promoCode'))),
  },
  {
    verb: 'DELETE',
    template: 'v1/orders/{direction}/{orderID}/promotions/{promoCode}',
    roles: shopper,
    handler: orderRoute((ctx, o) => {
      requireUnsubmitted(o, 'remove promotions');
      const code = param(ctx, 'promoCode').toLowerCase();
      const before = o.promotions.length;
      o.promotions = o.promotions.filter(
        (p) => ctx.state.promotions.get(p.PromotionID)?.Code.toLowerCase() !== code,
      );
      if (o.promotions.length === before) throw notFound('Promotion', code);
      invalidateCalculation(o, { shipping: false });
      touch(ctx, o);
      return serializeOrder(ctx.state, o);
    }),
  },
  {
    verb: 'POST',
    template: 'v1/orders/{direction}/{orderID}/estimateshipping',
    roles: shopper,
    handler: orderRoute(runEstimateShipping),
  },
  {
    verb: 'POST',
    template: 'v1/orders/{direction}/{orderID}/shipmethods',
    roles: shopper,
    handler: orderRoute((ctx, o) => runSelectShipMethods(ctx, o, ctx.body)),
  },
  {
    verb: 'POST',
    template: 'v1/orders/{direction}/{orderID}/calculate',
    roles: shopper,
    handler: orderRoute(runCalculate),
  },
  {
    verb: 'GET',
    template: 'v1/orders/{direction}/{orderID}/worksheet',
    roles: orderReader,
    handler: orderRoute((ctx, o) => serializeWorksheet(ctx.state, o)),
  },
  {
    verb: 'POST',
    template: 'v1/orders/{direction}/{orderID}/submit',
    roles: shopper,
    handler: orderRoute(runSubmit),
  },
  {
    verb: 'POST',
    template: 'v1/orders/{direction}/{orderID}/complete',
    roles: ['OrderAdmin'],
    handler: orderRoute(runComplete),
  },
  {
    verb: 'POST',
    template: 'v1/orders/{direction}/{orderID}/cancel',
    roles: ['OrderAdmin', 'Shopper'],
    handler: orderRoute(runCancel),
  },
];
