import { z } from 'zod';
import { deepMerge, optionalNumber, optionalString, parseBody, XpSchema } from '../api/body.ts';
import { canSeeOrder, findBuyerAddress, newId, nowIso } from '../api/common.ts';
import type { CommerceContext } from '../api/context.ts';
import { badRequest, notFound } from '../errors.ts';
import { currencyExponent, numberToDecimal } from '../money.ts';
import type { OrderRecord, ShipmentItemRecord, ShipmentRecord } from '../state.ts';

// Shipments (SDK models Shipment, ShipmentItem). A shipment item ships a quantity of one order's line;
// LineItem.QuantityShipped is the sum over shipments. "Once all lines for all quantities have
// associated shipments with a shipment date populated, OrderCloud will move the status of the order to
// completed" (flexible-fulfillment.mdx). Orders.Ship ships every remaining quantity in one shipment.

const ShipmentBody = z.looseObject({
  ID: optionalString,
  BuyerID: optionalString,
  Shipper: optionalString,
  DateShipped: optionalString,
  DateDelivered: optionalString,
  TrackingNumber: optionalString,
  Cost: optionalNumber,
  Account: optionalString,
  FromAddressID: optionalString,
  ToAddressID: optionalString,
  xp: XpSchema.nullish(),
});

export const ShipmentItemBody = z.looseObject({
  OrderID: z.string().min(1),
  LineItemID: z.string().min(1),
  QuantityShipped: z.number().int().positive(),
  xp: XpSchema.nullish(),
});

export function findShipment(ctx: CommerceContext, id: string): ShipmentRecord {
  const shipment = ctx.state.shipments.get(id);
  if (!shipment || !canSeeShipment(ctx, shipment)) throw notFound('Shipment', id);
  return shipment;
}

export function canSeeShipment(ctx: CommerceContext, shipment: ShipmentRecord): boolean {
  if (ctx.actor.kind === 'admin') return true;
  return shipment.items.some((item) => {
    const order = ctx.state.orders.get(item.OrderID);
    return order !== undefined && canSeeOrder(ctx.actor, order, 'Outgoing');
  });
}

function applyShipment(
  ctx: CommerceContext,
  shipment: ShipmentRecord,
  rawBody: unknown,
  replace: boolean,
): void {
  const body = parseBody(ShipmentBody, rawBody);
  for (const key of ['Shipper', 'DateShipped', 'DateDelivered', 'TrackingNumber', 'Account'] as const) {
    if (body[key] !== undefined || replace) shipment[key] = body[key];
  }
  if (body.BuyerID !== undefined || replace) {
    if (body.BuyerID && !ctx.state.buyers.has(body.BuyerID)) throw notFound('Buyer', body.BuyerID);
    shipment.BuyerID = body.BuyerID;
  }
  if (body.ToAddressID !== undefined || replace) {
    if (body.ToAddressID && shipment.BuyerID)
      findBuyerAddress(ctx.state, ctx.actor, shipment.BuyerID, body.ToAddressID);
    shipment.ToAddressID = body.ToAddressID;
  }
  if (body.FromAddressID !== undefined || replace) shipment.FromAddressID = body.FromAddressID;
  if (body.Cost !== undefined || replace) {
    const currency = shipmentCurrency(ctx, shipment);
    shipment.Cost = body.Cost === undefined ? undefined : costInMinor(body.Cost, currency);
    shipment.Currency = currency;
  }
  if (body.xp !== undefined || replace)
    shipment.xp = replace ? (body.xp ?? {}) : deepMerge(shipment.xp, body.xp ?? {});
  settleOrders(ctx, shipment);
}

function shipmentCurrency(ctx: CommerceContext, shipment: ShipmentRecord): string {
  const first = shipment.items[0];
  return (first && ctx.state.orders.get(first.OrderID)?.Currency) ?? shipment.Currency ?? 'USD';
}

function costInMinor(value: number, currency: string): bigint {
  const decimal = numberToDecimal(value);
  const exponent = currencyExponent(currency);
  if (decimal.scale > exponent)
    throw badRequest('InvalidRequest', `Cost has more decimals than ${currency} allows`, { Field: 'Cost' });
  return decimal.units * 10n ** BigInt(exponent - decimal.scale);
}

export function createShipment(ctx: CommerceContext, rawBody: unknown, idFromPath?: string): ShipmentRecord {
  const body = parseBody(ShipmentBody, rawBody);
  const shipment: ShipmentRecord = {
    ID: newId(ctx, idFromPath ?? body.ID, (id) => ctx.state.shipments.has(id), 'Shipment'),
    xp: {},
    items: [],
  };
  applyShipment(ctx, shipment, rawBody, false);
  ctx.state.shipments.set(shipment.ID, shipment);
  return shipment;
}

export function updateShipment(
  ctx: CommerceContext,
  shipment: ShipmentRecord,
  rawBody: unknown,
  replace: boolean,
): void {
  applyShipment(ctx, shipment, rawBody, replace);
}

export function deleteShipment(ctx: CommerceContext, shipment: ShipmentRecord): void {
  for (const item of [...shipment.items]) removeItem(ctx, shipment, item.OrderID, item.LineItemID);
  ctx.state.shipments.delete(shipment.ID);
}

function shippedElsewhere(
  ctx: CommerceContext,
  orderId: string,
  lineItemId: string,
  except: ShipmentRecord,
): number {
  let total = 0;
  for (const shipment of ctx.state.shipments.values()) {
    if (shipment === except) continue;
    for (const item of shipment.items)
      if (item.OrderID === orderId && item.LineItemID === lineItemId) total += item.QuantityShipped;
  }
  return total;
}

/** Adds (or replaces) the shipment's item for one line; QuantityShipped never exceeds the line. */
export function saveShipmentItem(
  ctx: CommerceContext,
  shipment: ShipmentRecord,
  rawBody: unknown,
): ShipmentItemRecord {
  const body = parseBody(ShipmentItemBody, rawBody);
  const order = ctx.state.orders.get(body.OrderID);
  if (!order || !canSeeOrder(ctx.actor, order, 'Incoming')) throw notFound('Order', body.OrderID);
  if (order.Status === 'Unsubmitted' || order.Status === 'Canceled' || order.Status === 'Declined')
    throw badRequest(
      'Shipment.OrderNotShippable',
      `Cannot ship items of an order with status ${order.Status}.`,
      {
        Status: order.Status,
      },
    );
  const line = order.lineItems.get(body.LineItemID);
  if (!line) throw notFound('LineItem', body.LineItemID);
  const others = shippedElsewhere(ctx, order.ID, line.ID, shipment);
  if (others + body.QuantityShipped > line.Quantity)
    throw badRequest('Shipment.QuantityExceeded', 'Cannot ship more than the line item quantity.', {
      LineItemID: line.ID,
      Quantity: line.Quantity,
      AlreadyShipped: others,
    });
  shipment.items = shipment.items.filter((i) => !(i.OrderID === order.ID && i.LineItemID === line.ID));
  const item: ShipmentItemRecord = {
    OrderID: order.ID,
    LineItemID: line.ID,
    QuantityShipped: body.QuantityShipped,
    xp: body.xp ?? {},
  };
  shipment.items.push(item);
  shipment.BuyerID ??= order.FromCompanyID;
  shipment.Currency ??= order.Currency;
  line.QuantityShipped = others + body.QuantityShipped;
  settleOrders(ctx, shipment);
  return item;
}

export function removeItem(
  ctx: CommerceContext,
  shipment: ShipmentRecord,
  orderId: string,
  lineItemId: string,
): void {
  const item = shipment.items.find((i) => i.OrderID === orderId && i.LineItemID === lineItemId);
  if (!item) throw notFound('ShipmentItem', `${orderId}/${lineItemId}`);
  shipment.items = shipment.items.filter((i) => i !== item);
  const line = ctx.state.orders.get(orderId)?.lineItems.get(lineItemId);
  if (line) line.QuantityShipped = shippedElsewhere(ctx, orderId, lineItemId, shipment);
}

/** Ships every quantity not yet shipped, in one new shipment dated now unless the body says otherwise. */
export function shipOrder(ctx: CommerceContext, order: OrderRecord, rawBody: unknown): ShipmentRecord {
  if (order.Status !== 'Open')
    throw badRequest('Order.CannotShipBadStatus', `Cannot ship an order with status ${order.Status}.`, {
      Status: order.Status,
    });
  const body = parseBody(ShipmentBody, rawBody);
  const shipment = createShipment(ctx, {
    ...(rawBody as object),
    DateShipped: body.DateShipped ?? nowIso(ctx),
  });
  for (const line of order.lineItems.values()) {
    const remaining = line.Quantity - line.QuantityShipped;
    if (remaining > 0)
      saveShipmentItem(ctx, shipment, { OrderID: order.ID, LineItemID: line.ID, QuantityShipped: remaining });
  }
  return shipment;
}

function settleOrders(ctx: CommerceContext, shipment: ShipmentRecord): void {
  for (const orderId of new Set(shipment.items.map((i) => i.OrderID))) {
    const order = ctx.state.orders.get(orderId);
    if (order?.Status !== 'Open') continue;
    const dated = (lineId: string) =>
      [...ctx.state.shipments.values()].some(
        (s) => s.DateShipped && s.items.some((i) => i.OrderID === order.ID && i.LineItemID === lineId),
      );
    const allShipped = [...order.lineItems.values()].every(
      (l) => l.QuantityShipped >= l.Quantity && dated(l.ID),
    );
    if (allShipped && order.lineItems.size > 0) {
      const now = nowIso(ctx);
      order.Status = 'Completed';
      order.DateCompleted = now;
      order.LastUpdated = now;
    }
  }
}

export function shipmentsOfOrder(ctx: CommerceContext, order: OrderRecord): ShipmentRecord[] {
  return [...ctx.state.shipments.values()].filter((s) => s.items.some((i) => i.OrderID === order.ID));
}
