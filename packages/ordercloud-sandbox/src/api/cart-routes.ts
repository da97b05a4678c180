import { badRequest } from '../errors.ts';
import type { OrderRecord } from '../state.ts';
import type { RouteContext, RouteDef } from './context.ts';
import { listItems } from './list-query.ts';
import { runCalculate, runEstimateShipping, runSelectShipMethods, runSubmit } from '../commerce/checkout.ts';
import { addLineItem } from '../commerce/line-items.ts';
import { orderTotals } from '../commerce/order-pricing.ts';
import { addPromotion } from '../commerce/order-promotions.ts';
import { createOrderRecord, patchFromUser, patchOrderRecord } from '../commerce/order-records.ts';
import { serializeLineItem, serializeOrder, serializePayment, serializeWorksheet } from './order-view.ts';
import { createPayment } from '../commerce/payments.ts';

// The buyer's cart is their latest unsubmitted order (an anonymous shopper's is the order named in
// their token); OrderCloud creates it on first use.
function cartOrder(ctx: RouteContext): OrderRecord {
  const { actor, state } = ctx;
  if (actor.kind !== 'buyer') throw badRequest('InvalidRequest', 'Only buyer users have a cart.');
  if (actor.anonymousOrderId) {
    return (
      state.orders.get(actor.anonymousOrderId) ??
      createOrderRecord(ctx, { direction: 'Outgoing', body: {}, forcedId: actor.anonymousOrderId })
    );
  }
  const open = [...state.orders.values()].filter(
    (o) => o.FromUserID === actor.userId && o.Status === 'Unsubmitted',
  );
  return open[open.length - 1] ?? createOrderRecord(ctx, { direction: 'Outgoing', body: {} });
}

const cart = (handler: (ctx: RouteContext, order: OrderRecord) => unknown) => (ctx: RouteContext) =>
  handler(ctx, cartOrder(ctx));
const roles = ['Shopper'];

export const cartRoutes: RouteDef[] = [
  { verb: 'GET', template: 'v1/cart', roles, handler: cart((ctx, o) => serializeOrder(ctx.state, o)) },
  {
    verb: 'PATCH',
    template: 'v1/cart',
    roles,
    handler: cart((ctx, o) => {
      patchOrderRecord(ctx, o, ctx.body, false);
      return serializeOrder(ctx.state, o);
    }),
  },
  {
    verb: 'GET',
    template: 'v1/cart/lineitems',
    roles,
    handler: cart((ctx, o) => {
      const totals = orderTotals(ctx.state, o);
      return listItems({
        items: [...o.lineItems.values()].map((l) => serializeLineItem(o, l, totals)),
        query: ctx.query,
        fields: ['ID', 'ProductID', 'Quantity', 'xp'],
      });
    }),
  },
  {
    verb: 'POST',
    template: 'v1/cart/lineitems',
    roles,
    created: true,
    handler: cart((ctx, o) => {
      const line = addLineItem(ctx, o, ctx.body);
      return serializeLineItem(o, line, orderTotals(ctx.state, o));
    }),
  },
  {
    verb: 'PATCH',
    template: 'v1/cart/fromuser',
    roles,
    handler: cart((ctx, o) => {
      patchFromUser(ctx, o, ctx.body);
      return serializeOrder(ctx.state, o);
    }),
  },
  {
    verb: 'POST',
    template: 'v1/cart/promotions/{promoCode}',
    roles,
    handler: cart((ctx, o) => addPromotion(ctx, o, ctx.params.promoCode ?? '')),
  },
  {
    verb: 'POST',
    template: 'v1/cart/estimateshipping',
    roles,
    handler: cart(async (ctx, o) => {
      await runEstimateShipping(ctx, o);
      return serializeWorksheet(ctx.state, o);
    }),
  },
  {
    verb: 'POST',
    template: 'v1/cart/shipmethods',
    roles,
    handler: cart((ctx, o) => {
      runSelectShipMethods(ctx, o, ctx.body);
      return serializeWorksheet(ctx.state, o);
    }),
  },
  {
    verb: 'POST',
    template: 'v1/cart/calculate',
    roles,
    handler: cart(async (ctx, o) => {
      await runCalculate(ctx, o);
      return serializeWorksheet(ctx.state, o);
    }),
  },
  {
    verb: 'GET',
    template: 'v1/cart/worksheet',
    roles,
    handler: cart((ctx, o) => serializeWorksheet(ctx.state, o)),
  },
  {
    verb: 'POST',
    template: 'v1/cart/payments',
    roles,
    created: true,
    handler: cart((ctx, o) => serializePayment(createPayment(ctx, o, ctx.body))),
  },
  {
    verb: 'POST',
    template: 'v1/cart/submit',
    roles,
    handler: cart(async (ctx, o) => serializeOrder(ctx.state, await runSubmit(ctx, o))),
  },
];
