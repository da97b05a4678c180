import {
  createOrderReturn,
  deleteOrderReturn,
  findOrderReturn,
  moveOrderReturn,
  removeReturnItem,
  updateOrderReturn,
} from '../commerce/order-returns.ts';
import { returnsOfOrder } from '../commerce/returns-by-order.ts';
import type { OrderReturnRecord, OrderStatus } from '../state.ts';
import { canSeeOrder, param } from './common.ts';
import type { RouteContext, RouteDef } from './context.ts';
import { exactFilter, listViewed } from './list-query.ts';
import { orderReturnScalars, serializeOrderReturn } from './order-view.ts';

// HTTP only: v1/orderreturns…; the rules live in src/commerce/order-returns.ts.
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
  return (ctx: RouteContext) =>
    serialize(ctx, moveOrderReturn(ctx, param(ctx, 'returnID'), from, to, dateField));
}

const writers = ['OrderAdmin', 'Shopper'];
const readers = ['OrderAdmin', 'OrderReader', 'Shopper'];

export const orderReturnRoutes: RouteDef[] = [
  {
    verb: 'GET',
    template: 'v1/orderreturns',
    roles: readers,
    handler: (ctx) => {
      // A client asking for one order's returns (or a few): the others are set aside before the general
      // filter runs on the rest.
      const orderIds = exactFilter(ctx.query, 'OrderID');
      const [onlyOrder] = orderIds?.size === 1 ? [...orderIds] : [];
      const candidates =
        onlyOrder !== undefined ? returnsOfOrder(ctx.state, onlyOrder) : [...ctx.state.orderReturns.values()];
      const records = candidates.filter((r) => {
        if (orderIds !== undefined && !orderIds.has(r.OrderID.toLowerCase())) return false;
        const order = ctx.state.orders.get(r.OrderID);
        return order !== undefined && canSeeOrder(ctx.actor, order, 'All');
      });
      return listViewed({
        records,
        query: ctx.query,
        fields: returnFields,
        cheap: orderReturnScalars,
        view: (r) => serialize(ctx, r),
      });
    },
  },
  {
    verb: 'POST',
    template: 'v1/orderreturns',
    roles: writers,
    created: true,
    handler: (ctx) => serialize(ctx, createOrderReturn(ctx, ctx.body)),
  },
  {
    verb: 'GET',
    template: 'v1/orderreturns/{returnID}',
    roles: readers,
    handler: (ctx) => serialize(ctx, findOrderReturn(ctx, param(ctx, 'returnID')).orderReturn),
  },
  {
    verb: 'PUT',
    template: 'v1/orderreturns/{returnID}',
    roles: writers,
    handler: (ctx) => {
      const id = param(ctx, 'returnID');
      if (!ctx.state.orderReturns.has(id)) return serialize(ctx, createOrderReturn(ctx, ctx.body, id));
      return serialize(ctx, updateOrderReturn(ctx, id, ctx.body, true));
    },
  },
  {
    verb: 'PATCH',
    template: 'v1/orderreturns/{returnID}',
    roles: writers,
    handler: (ctx) => serialize(ctx, updateOrderReturn(ctx, param(ctx, 'returnID'), ctx.body, false)),
  },
  {
    verb: 'DELETE',
    template: 'v1/orderreturns/{returnID}',
    roles: writers,
    handler: (ctx) => {
      deleteOrderReturn(ctx, param(ctx, 'returnID'));
      return undefined;
    },
  },
  {
    verb: 'DELETE',
    template: 'v1/orderreturns/{returnID}/items/{lineItemID}',
    roles: writers,
    handler: (ctx) => {
      removeReturnItem(ctx, param(ctx, 'returnID'), param(ctx, 'lineItemID'));
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
];
