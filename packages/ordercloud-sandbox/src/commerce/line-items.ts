import { z } from 'zod';
import { deepMerge, optionalNumber, optionalString, parseBody, priceDecimal, XpSchema } from '../api/body.ts';
import {
  findBuyerAddress,
  invalidateCalculation,
  newId,
  nowIso,
  requireUnsubmitted,
  snapshotAddress,
  touch,
} from '../api/common.ts';
import type { CommerceContext } from '../api/context.ts';
import { hasAnyRole } from '../auth/actor.ts';
import { badRequest, insufficientRoles, notFound } from '../errors.ts';
import type { LineItemRecord, OrderRecord, PriceScheduleRecord } from '../state.ts';

// Line items: priced from the buyer's product assignment or the product's default price schedule
// (price breaks, sale prices, min/max quantity); UnitPrice set only by OverrideUnitPrice holders.
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

function lookupPrice(ctx: CommerceContext, order: OrderRecord, productId: string, quantity: number) {
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

function canOverridePrice(ctx: CommerceContext): boolean {
  return ctx.actor.kind === 'admin' && hasAnyRole(ctx.actor, ['OverrideUnitPrice']);
}

export function addLineItem(ctx: CommerceContext, order: OrderRecord, rawBody: unknown): LineItemRecord {
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

export function findLine(order: OrderRecord, lineItemId: string): LineItemRecord {
  const line = order.lineItems.get(lineItemId);
  if (!line) throw notFound('LineItem', lineItemId);
  return line;
}

export function patchLineItem(
  ctx: CommerceContext,
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
