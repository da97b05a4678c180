import { z } from 'zod';
import { deepMerge, optionalNumber, optionalString, parseBody, XpSchema } from '../api/body.ts';
import { canSeeOrder, newId, nowIso } from '../api/common.ts';
import type { CommerceContext } from '../api/context.ts';
import { netLineAmounts } from '../engine/order-totals.ts';
import { badRequest, notFound } from '../errors.ts';
import { divideRounded, sumMinor } from '../money.ts';
import type { OrderRecord, OrderReturnRecord, OrderStatus } from '../state.ts';
import { orderTotals } from './order-pricing.ts';
import { amountInCurrency } from './payments.ts';
import { addReturnOfOrder, removeReturnOfOrder, returnsOfOrder } from './returns-by-order.ts';

// Order returns (order-returns.mdx): on an Open or Completed order; ItemsToReturn name its lines and
// never exceed what was ordered; RefundAmount is the sum of the items' amounts unless given. Without
// an OrderReturn integration event the sandbox fills an item's RefundAmount with what the buyer paid
// for those units (its share of LineTotal after order discounts, plus its tax when prices exclude
// tax) — a guess standing in for the merchant's calculation. The docs' rule that an Open order may
// return only shipped quantities is not enforced (returns before shipping stay possible here).
const ReturnBody = z.looseObject({
  ID: optionalString,
  OrderID: z.string().min(1).optional(),
  RefundAmount: optionalNumber,
  Comments: optionalString,
  ItemsToReturn: z
    .array(
      z.looseObject({
        LineItemID: z.string().min(1),
        Quantity: z.number().int().positive(),
        RefundAmount: optionalNumber,
        Comments: optionalString,
      }),
    )
    .nullish(),
  xp: XpSchema.nullish(),
});

/** What the buyer actually paid for `quantity` units of a line: its share of LineTotal after order
 * discounts, plus the line's tax when prices exclude tax. */
function defaultItemRefund(
  ctx: CommerceContext,
  order: OrderRecord,
  lineItemId: string,
  quantity: number,
): bigint {
  const line = order.lineItems.get(lineItemId);
  if (!line) return 0n;
  const totals = orderTotals(ctx.state, order);
  const net = netLineAmounts(totals, [...order.lineItems.keys()]).get(lineItemId) ?? 0n;
  const calc = order.calculation;
  const tax = calc?.builtin?.TaxCalculation;
  const lineTax = tax?.LineItems.find((l) => l.LineItemID === lineItemId)?.LineItemTotalTax ?? 0n;
  const paid = net + (tax && !tax.PricesIncludeTax ? lineTax : 0n);
  return divideRounded(paid * BigInt(quantity), BigInt(line.Quantity));
}

function alreadyReturned(
  ctx: CommerceContext,
  order: OrderRecord,
  lineItemId: string,
  except: string | undefined,
): number {
  return returnsOfOrder(ctx.state, order.ID)
    .filter(
      (r) => r.OrderID === order.ID && r.ID !== except && r.Status !== 'Canceled' && r.Status !== 'Declined',
    )
    .flatMap((r) => r.ItemsToReturn)
    .filter((i) => i.LineItemID === lineItemId)
    .reduce((n, i) => n + i.Quantity, 0);
}

function applyReturnBody(
  ctx: CommerceContext,
  order: OrderRecord,
  orderReturn: OrderReturnRecord,
  rawBody: unknown,
  replace: boolean,
): void {
  const body = parseBody(ReturnBody, rawBody);
  if (body.ItemsToReturn !== undefined || replace) {
    orderReturn.ItemsToReturn = (body.ItemsToReturn ?? []).map((item) => {
      const line = order.lineItems.get(item.LineItemID);
      if (!line) throw notFound('LineItem', item.LineItemID);
      if (item.Quantity + alreadyReturned(ctx, order, item.LineItemID, orderReturn.ID) > line.Quantity) {
        throw badRequest(
          'OrderReturn.QuantityExceeded',
          `Cannot return more of line ${item.LineItemID} than was ordered.`,
          {
            LineItemID: item.LineItemID,
            Ordered: line.Quantity,
          },
        );
      }
      return {
        LineItemID: item.LineItemID,
        Quantity: item.Quantity,
        RefundAmount:
          item.RefundAmount === undefined
            ? defaultItemRefund(ctx, order, item.LineItemID, item.Quantity)
            : amountInCurrency(item.RefundAmount, order.Currency, 'ItemsToReturn.RefundAmount'),
        Comments: item.Comments,
      };
    });
    if (body.RefundAmount === undefined)
      orderReturn.RefundAmount = sumMinor(orderReturn.ItemsToReturn.map((i) => i.RefundAmount));
  }
  if (body.RefundAmount !== undefined)
    orderReturn.RefundAmount = amountInCurrency(body.RefundAmount, order.Currency, 'RefundAmount');
  if (body.Comments !== undefined || replace) orderReturn.Comments = body.Comments;
  if (body.xp) orderReturn.xp = replace ? body.xp : deepMerge(orderReturn.xp, body.xp);
  orderReturn.LastUpdated = nowIso(ctx);
}

function visibleOrder(ctx: CommerceContext, orderId: string): OrderRecord {
  const order = ctx.state.orders.get(orderId);
  if (!order || !canSeeOrder(ctx.actor, order, 'All')) throw notFound('Order', orderId);
  return order;
}

export function findOrderReturn(
  ctx: CommerceContext,
  id: string,
): { orderReturn: OrderReturnRecord; order: OrderRecord } {
  const orderReturn = ctx.state.orderReturns.get(id);
  const order = orderReturn ? ctx.state.orders.get(orderReturn.OrderID) : undefined;
  if (!orderReturn || !order || !canSeeOrder(ctx.actor, order, 'All')) throw notFound('OrderReturn', id);
  return { orderReturn, order };
}

export function createOrderReturn(
  ctx: CommerceContext,
  rawBody: unknown,
  idFromPath?: string,
): OrderReturnRecord {
  const body = parseBody(ReturnBody, rawBody);
  if (!body.OrderID) throw badRequest('InvalidRequest', 'OrderID is required.', { Field: 'OrderID' });
  const order = visibleOrder(ctx, body.OrderID);
  if (order.Status !== 'Open' && order.Status !== 'Completed') {
    throw badRequest(
      'OrderReturn.OrderNotSubmitted',
      `Cannot return items of an order with status ${order.Status}.`,
      {
        Status: order.Status,
      },
    );
  }
  const now = nowIso(ctx);
  const orderReturn: OrderReturnRecord = {
    ID: newId(ctx, idFromPath ?? body.ID, (id) => ctx.state.orderReturns.has(id), 'OrderReturn'),
    OrderID: order.ID,
    Status: 'Unsubmitted',
    DateCreated: now,
    LastUpdated: now,
    RefundAmount: 0n,
    Currency: order.Currency,
    ItemsToReturn: [],
    xp: {},
  };
  applyReturnBody(ctx, order, orderReturn, rawBody, true);
  ctx.state.orderReturns.set(orderReturn.ID, orderReturn);
  addReturnOfOrder(ctx.state, orderReturn);
  return orderReturn;
}

export function updateOrderReturn(
  ctx: CommerceContext,
  id: string,
  rawBody: unknown,
  replace: boolean,
): OrderReturnRecord {
  const { orderReturn, order } = findOrderReturn(ctx, id);
  if (orderReturn.Status === 'Completed' || orderReturn.Status === 'Canceled') {
    throw badRequest(
      'OrderReturn.InvalidStatus',
      `Cannot change an order return with status ${orderReturn.Status}.`,
    );
  }
  applyReturnBody(ctx, order, orderReturn, rawBody, replace);
  return orderReturn;
}

export function deleteOrderReturn(ctx: CommerceContext, id: string): void {
  const { orderReturn } = findOrderReturn(ctx, id);
  if (orderReturn.Status !== 'Unsubmitted')
    throw badRequest('OrderReturn.InvalidStatus', 'Only unsubmitted order returns can be deleted.');
  ctx.state.orderReturns.delete(orderReturn.ID);
  removeReturnOfOrder(ctx.state, orderReturn);
}

export function removeReturnItem(ctx: CommerceContext, id: string, lineItemId: string): void {
  const { orderReturn } = findOrderReturn(ctx, id);
  if (orderReturn.Status !== 'Unsubmitted' && orderReturn.Status !== 'Open')
    throw badRequest(
      'OrderReturn.InvalidStatus',
      `Cannot change an order return with status ${orderReturn.Status}.`,
    );
  const item = orderReturn.ItemsToReturn.find((i) => i.LineItemID === lineItemId);
  if (!item) throw notFound('ItemToReturn', lineItemId);
  orderReturn.ItemsToReturn = orderReturn.ItemsToReturn.filter((i) => i !== item);
  orderReturn.RefundAmount -= item.RefundAmount;
  orderReturn.LastUpdated = nowIso(ctx);
}

export function moveOrderReturn(
  ctx: CommerceContext,
  id: string,
  from: readonly OrderStatus[],
  to: OrderStatus,
  dateField: keyof OrderReturnRecord & `Date${string}`,
): OrderReturnRecord {
  const { orderReturn } = findOrderReturn(ctx, id);
  if (!from.includes(orderReturn.Status)) {
    throw badRequest(
      'OrderReturn.InvalidStatus',
      `Cannot move an order return from ${orderReturn.Status} to ${to}.`,
      {
        Status: orderReturn.Status,
      },
    );
  }
  const now = nowIso(ctx);
  orderReturn.Status = to;
  (orderReturn as Record<string, unknown>)[dateField] = now;
  orderReturn.LastUpdated = now;
  return orderReturn;
}
