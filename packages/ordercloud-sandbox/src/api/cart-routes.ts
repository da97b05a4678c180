import { createOrderRecord } from '../commerce/order-records.ts';
import { badRequest, notFound } from '../errors.ts';
import type { OrderRecord } from '../state.ts';
import { param } from './common.ts';
import type { RouteContext, RouteDef } from './context.ts';
import { serializeOrder } from './order-view.ts';

// v1/cart…: the same operations as v1/orders/Outgoing/{orderID}… on the buyer's cart, which is the
// order chosen with SetActiveCart, else their latest unsubmitted order (an anonymous shopper's is the
// order named in their token); OrderCloud creates it on first use. Derived from the order routes so
// the two never differ.
function cartOrder(ctx: RouteContext): OrderRecord {
  const { actor, state } = ctx;
  if (actor.kind !== 'buyer') throw badRequest('InvalidRequest', 'Only buyer users have a cart.');
  if (actor.anonymousOrderId) {
    return (
      state.orders.get(actor.anonymousOrderId) ??
      createOrderRecord(ctx, { direction: 'Outgoing', body: {}, forcedId: actor.anonymousOrderId })
    );
  }
  const active = state.orders.get(state.activeCarts.get(actor.userId) ?? '');
  if (active && active.Status === 'Unsubmitted' && active.FromUserID === actor.userId) return active;
  const open = [...state.orders.values()].filter(
    (o) => o.FromUserID === actor.userId && o.Status === 'Unsubmitted',
  );
  return open[open.length - 1] ?? createOrderRecord(ctx, { direction: 'Outgoing', body: {} });
}

// The parts of an order the Cart API exposes (SDK class Cart).
const cartSuffixes = [
  '',
  '/billto',
  '/shipto',
  '/fromuser',
  '/lineitems',
  '/lineitems/{lineItemID}',
  '/promotions',
  '/promotions/{promoCode}',
  '/eligiblepromotions',
  '/applypromotions',
  '/refreshpromotions',
  '/estimateshipping',
  '/shipmethods',
  '/calculate',
  '/worksheet',
  '/payments',
  '/payments/{paymentID}',
  '/payments/{paymentID}/transactions',
  '/payments/{paymentID}/transactions/{transactionID}',
  '/submit',
  '/validate',
];

const orderPrefix = 'v1/orders/{direction}/{orderID}';

export function cartRoutesFrom(orderRoutes: readonly RouteDef[]): RouteDef[] {
  const derived = orderRoutes.flatMap((route): RouteDef[] => {
    if (!route.template.startsWith(orderPrefix)) return [];
    const suffix = route.template.slice(orderPrefix.length);
    if (!cartSuffixes.includes(suffix)) return [];
    return [
      {
        ...route,
        template: `v1/cart${suffix}`,
        roles: ['Shopper'],
        handler: (ctx) => {
          const order = cartOrder(ctx);
          return route.handler({
            ...ctx,
            params: { ...ctx.params, direction: 'Outgoing', orderID: order.ID },
          });
        },
      },
    ];
  });
  return [
    ...derived,
    {
      verb: 'PUT',
      template: 'v1/cart/{orderID}',
      roles: ['Shopper'],
      handler: (ctx) => {
        const id = param(ctx, 'orderID');
        const order = ctx.state.orders.get(id);
        if (!order || order.FromUserID !== ctx.actor.userId || ctx.actor.kind !== 'buyer')
          throw notFound('Order', id);
        if (order.Status !== 'Unsubmitted')
          throw badRequest('Order.CannotModifySubmitted', 'Only an unsubmitted order can be the cart.');
        ctx.state.activeCarts.set(ctx.actor.userId, id);
        return serializeOrder(ctx.state, order);
      },
    },
  ];
}
