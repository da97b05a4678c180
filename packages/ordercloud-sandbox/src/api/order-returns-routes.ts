import { z } from 'zod';
import { netLineAmounts } from '../engine/order-totals.ts';
import { badRequest, notFound } from '../errors.ts';
import { divideRounded, sumMinor } from '../money.ts';
import type { OrderRecord, OrderReturnRecord, OrderStatus } from '../state.ts';
import { deepMerge, optionalNumber, optionalString, parseBody, XpSchema } from './body.ts';
import { canSeeOrder, newId, nowIso, param } from './common.ts';
import type { RouteContext, RouteDef } from './context.ts';
import { listItems } from './list-query.ts';
import { orderTotals } from '../commerce/order-pricing.ts';
import { serializeOrderReturn } from './order-view.ts';
import { amountInCurrency } from '../commerce/payments.ts';

const returnFields = [
  'ID',
  'OrderID',
  'PaymentIDs',
  'Status',
  'DateCreated',
  'DateSubmitted',
  'DateApproved',
  'DateDeclined',
  'DateCanceled',
  'DateCompleted',
  'LastUpdated',
  'RefundAmount',
  'Comments',
  'ItemsToReturn',
  'xp',
];

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
  ctx: RouteContext,
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
  ctx: RouteContext,
  order: OrderRecord,
  lineItemId: string,
  except: string | undefined,
): number {
  return [...ctx.state.orderReturns.values()]
    .filter(
      (r) => r.OrderID === order.ID && r.ID !== except && r.Status !== 'Canceled' && r.Status !== 'Declined',
    )
    .flatMap((r) => r.ItemsToReturn)
    .filter((i) => i.LineItemID === lineItemId)
    .reduce((n, i) => n + i.Quantity, 0);
}

function applyReturnBody(
  ctx: RouteContext,
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

function visibleOrder(ctx: RouteContext, orderId: string): OrderRecord {
  const order = ctx.state.orders.get(orderId);
  if (!order || !canSeeOrder(ctx.actor, order, 'All')) throw notFound('Order', orderId);
  return order;
}

function findReturn(ctx: RouteContext): { orderReturn: OrderReturnRecord; order: OrderRecord } {
  const id = param(ctx, 'returnID');
  const orderReturn = ctx.state.orderReturns.get(id);
  const order = orderReturn ? ctx.state.orders.get(orderReturn.OrderID) : undefined;
  if (!orderReturn || !order || !canSeeOrder(ctx.actor, order, 'All')) throw notFound('OrderReturn', id);
  return { orderReturn, order };
}

function serialize(ctx: RouteContext, orderReturn: OrderReturnRecord) {
  const order = ctx.state.orders.get(orderReturn.OrderID);
  const paymentIds = order
    ? [...order.payments.values()].filter((p) => p.OrderReturnID === orderReturn.ID).map((p) => p.ID)
    : [];
  return serializeOrderReturn(orderReturn, paymentIds);
}

function transition(
  from: readonly OrderStatus[],
  to: OrderStatus,
  dateField: keyof OrderReturnRecord & `Date${string}`,
) {
  return (ctx: RouteContext) => {
    const { orderReturn } = findReturn(ctx);
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
    return serialize(ctx, orderReturn);
  };
}

const writers = ['OrderAdmin', 'Shopper'];
const readers = ['OrderAdmin', 'OrderReader', 'Shopper'];

export const orderReturnRoutes: RouteDef[] = [
  {
    verb: 'GET',
    template: 'v1/orderreturns',
    roles: readers,
    handler: (ctx) => {
      const items = [...ctx.state.orderReturns.values()]
        .filter((r) => {
          const order = ctx.state.orders.get(r.OrderID);
          return order !== undefined && canSeeOrder(ctx.actor, order, 'All');
        })
        .map((r) => serialize(ctx, r));
      return listItems({ items, query: ctx.query, fields: returnFields });
    },
  },
  {
    verb: 'POST',
    template: 'v1/orderreturns',
    roles: writers,
    created: true,
    handler: (ctx) => {
      const body = parseBody(ReturnBody, ctx.body);
      if (!body.OrderID) throw badRequest('InvalidRequest', 'OrderID is required.', { Field: 'OrderID' });
      const order = visibleOrder(ctx, body.OrderID);
      if (order.Status !== 'Open' && order.Status !== 'Completed') {
        throw badRequest(
          'OrderReturn.OrderNotSubmitted',
          `Cannot return items of an order with status ${order.Status}.`,
          { Status: order.Status },
        );
      }
      const now = nowIso(ctx);
      const orderReturn: OrderReturnRecord = {
        ID: newId(ctx, body.ID, (id) => ctx.state.orderReturns.has(id), 'OrderReturn'),
        OrderID: order.ID,
        Status: 'Unsubmitted',
        DateCreated: now,
        LastUpdated: now,
        RefundAmount: 0n,
        Currency: order.Currency,
        ItemsToReturn: [],
        xp: {},
      };
      applyReturnBody(ctx, order, orderReturn, ctx.body, true);
      ctx.state.orderReturns.set(orderReturn.ID, orderReturn);
      return serialize(ctx, orderReturn);
    },
  },
  {
    verb: 'GET',
    template: 'v1/orderreturns/{returnID}',
    roles: readers,
    handler: (ctx) => serialize(ctx, findReturn(ctx).orderReturn),
  },
  ...(['PATCH', 'PUT'] as const).map(
    (verb): RouteDef => ({
      verb,
      template: 'v1/orderreturns/{returnID}',
      roles: writers,
      handler: (ctx) => {
        const { orderReturn, order } = findReturn(ctx);
        if (orderReturn.Status === 'Completed' || orderReturn.Status === 'Canceled') {
          throw badRequest(
            'OrderReturn.InvalidStatus',
            `Cannot change an order return with status ${orderReturn.Status}.`,
          );
        }
        applyReturnBody(ctx, order, orderReturn, ctx.body, verb === 'PUT');
        return serialize(ctx, orderReturn);
      },
    }),
  ),
  {
    verb: 'DELETE',
    template: 'v1/orderreturns/{returnID}',
    roles: writers,
    handler: (ctx) => {
      const { orderReturn } = findReturn(ctx);
      if (orderReturn.Status !== 'Unsubmitted')
        throw badRequest('OrderReturn.InvalidStatus', 'Only unsubmitted order returns can be deleted.');
      ctx.state.orderReturns.delete(orderReturn.ID);
      return undefined;
    },
  },
  {
    verb: 'POST',
    template: 'v1/orderreturns/{returnID}/submit',
    roles: writers,
    handler: transition(['Unsubmitted'], 'Open', 'DateSubmitted'),
  },
  {
    verb: 'POST',
    template: 'v1/orderreturns/{returnID}/approve',
    roles: ['OrderAdmin'],
    handler: transition(['AwaitingApproval'], 'Open', 'DateApproved'),
  },
  {
    verb: 'POST',
    template: 'v1/orderreturns/{returnID}/decline',
    roles: ['OrderAdmin'],
    handler: transition(['AwaitingApproval'], 'Declined', 'DateDeclined'),
  },
  {
    verb: 'POST',
    template: 'v1/orderreturns/{returnID}/complete',
    roles: ['OrderAdmin'],
    handler: transition(['Open'], 'Completed', 'DateCompleted'),
  },
  {
    verb: 'POST',
    template: 'v1/orderreturns/{returnID}/cancel',
    roles: writers,
    handler: transition(['Unsubmitted', 'AwaitingApproval', 'Open'], 'Canceled', 'DateCanceled'),
  },
  {
    verb: 'DELETE',
    template: 'v1/orderreturns/{returnID}/items/{lineItemID}',
    roles: writers,
    handler: (ctx) => {
      const { orderReturn } = findReturn(ctx);
      if (orderReturn.Status !== 'Unsubmitted' && orderReturn.Status !== 'Open')
        throw badRequest(
          'OrderReturn.InvalidStatus',
          `Cannot change an order return with status ${orderReturn.Status}.`,
        );
      const lineItemId = param(ctx, 'lineItemID');
      const item = orderReturn.ItemsToReturn.find((i) => i.LineItemID === lineItemId);
      if (!item) throw notFound('ItemToReturn', lineItemId);
      orderReturn.ItemsToReturn = orderReturn.ItemsToReturn.filter((i) => i !== item);
      orderReturn.RefundAmount -= item.RefundAmount;
      orderReturn.LastUpdated = nowIso(ctx);
      return undefined;
    },
  },
];
