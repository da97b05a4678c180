import { z } from 'zod';
import {
  runCalculate,
  runCancel,
  runComplete,
  runEstimateShipping,
  runSelectShipMethods,
  runSubmit,
} from '../commerce/checkout.ts';
import { addLineItem, findLine, patchLineItem } from '../commerce/line-items.ts';
import { orderTotals } from '../commerce/order-pricing.ts';
import { setBillingAddress, setShippingAddress } from '../commerce/order-addresses.ts';
import {
  addPromotion,
  applyAutoPromotions,
  eligiblePromotions,
  refreshPromotions,
  removePromotion,
  validateOrder,
} from '../commerce/order-promotions.ts';
import { createOrderRecord, patchFromUser, patchOrderRecord } from '../commerce/order-records.ts';
import type { LineItemRecord, OrderRecord } from '../state.ts';
import { badRequest } from '../errors.ts';
import { optionalString, XpSchema } from './body.ts';
import {
  invalidateCalculation,
  orderRoute,
  param,
  parseDirection,
  canSeeOrder,
  requireUnsubmitted,
  touch,
} from './common.ts';
import type { RouteContext, RouteDef } from './context.ts';
import { listItems, listViewed } from './list-query.ts';
import {
  serializeLineItem,
  orderScalars,
  serializeOrder,
  serializeOrderPromotion,
  serializeWorksheet,
} from './order-view.ts';

// HTTP only: v1/orders/{direction}/… routes map onto the order modules in src/commerce.
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

const _AddressBody = z.looseObject({
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

function lineResponse(ctx: RouteContext, order: OrderRecord, line: LineItemRecord) {
  return serializeLineItem(order, line, orderTotals(ctx.state, order));
}

/** An action on an order whose answer is the order's worksheet once it has run. */
function worksheetAfter(action: (ctx: RouteContext, order: OrderRecord) => unknown) {
  return orderRoute(async (ctx, o) => {
    await action(ctx, o);
    return serializeWorksheet(ctx.state, o);
  });
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
      return listViewed({
        records: visible,
        query: ctx.query,
        fields: orderFields,
        cheap: orderScalars,
        view: (o) => serializeOrder(ctx.state, o),
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
    handler: orderRoute((ctx, o) => {
      patchFromUser(ctx, o, ctx.body);
      return serializeOrder(ctx.state, o);
    }),
  },
  ...(['PUT', 'PATCH'] as const).flatMap((verb): RouteDef[] => [
    {
      verb,
      template: 'v1/orders/{direction}/{orderID}/billto',
      roles: shopper,
      handler: orderRoute((ctx, o) => {
        setBillingAddress(ctx, o, ctx.body, verb === 'PATCH');
        return serializeOrder(ctx.state, o);
      }),
    },
    {
      verb,
      template: 'v1/orders/{direction}/{orderID}/shipto',
      roles: shopper,
      handler: orderRoute((ctx, o) => {
        setShippingAddress(ctx, o, [...o.lineItems.values()], ctx.body, verb === 'PATCH');
        return serializeOrder(ctx.state, o);
      }),
    },
    {
      verb,
      template: 'v1/orders/{direction}/{orderID}/lineitems/{lineItemID}/shipto',
      roles: shopper,
      handler: orderRoute((ctx, o) => {
        const line = findLine(o, param(ctx, 'lineItemID'));
        setShippingAddress(ctx, o, [line], ctx.body, verb === 'PATCH');
        return lineResponse(ctx, o, line);
      }),
    },
  ]),
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
    handler: orderRoute((ctx, o) =>
      serializeOrderPromotion(ctx.state, o, addPromotion(ctx, o, param(ctx, 'promoCode'))),
    ),
  },
  {
    verb: 'DELETE',
    template: 'v1/orders/{direction}/{orderID}/promotions/{promoCode}',
    roles: shopper,
    handler: orderRoute((ctx, o) => {
      removePromotion(ctx, o, param(ctx, 'promoCode'));
      return serializeOrder(ctx.state, o);
    }),
  },
  {
    verb: 'POST',
    template: 'v1/orders/{direction}/{orderID}/estimateshipping',
    roles: shopper,
    handler: worksheetAfter(runEstimateShipping),
  },
  {
    verb: 'POST',
    template: 'v1/orders/{direction}/{orderID}/shipmethods',
    roles: shopper,
    handler: worksheetAfter((ctx, o) => runSelectShipMethods(ctx, o, ctx.body)),
  },
  {
    verb: 'POST',
    template: 'v1/orders/{direction}/{orderID}/calculate',
    roles: shopper,
    handler: worksheetAfter(runCalculate),
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
    handler: orderRoute(async (ctx, o) => serializeOrder(ctx.state, await runSubmit(ctx, o))),
  },
  {
    verb: 'POST',
    template: 'v1/orders/{direction}/{orderID}/complete',
    roles: ['OrderAdmin'],
    handler: orderRoute((ctx, o) => serializeOrder(ctx.state, runComplete(ctx, o))),
  },
  {
    verb: 'POST',
    template: 'v1/orders/{direction}/{orderID}/cancel',
    roles: ['OrderAdmin', 'Shopper'],
    handler: orderRoute((ctx, o) => serializeOrder(ctx.state, runCancel(ctx, o))),
  },
  {
    verb: 'GET',
    template: 'v1/orders/{direction}/{orderID}/eligiblepromotions',
    roles: orderReader,
    handler: orderRoute((ctx, o) =>
      listItems({
        items: eligiblePromotions(ctx, o).map((p) => serializeOrderPromotion(ctx.state, o, p)),
        query: ctx.query,
        fields: ['ID', 'Code', 'Name', 'Amount', 'AutoApply', 'Priority', 'LineItemLevel'],
      }),
    ),
  },
  {
    verb: 'POST',
    template: 'v1/orders/{direction}/{orderID}/applypromotions',
    roles: shopper,
    handler: orderRoute((ctx, o) => {
      applyAutoPromotions(ctx, o);
      return serializeOrder(ctx.state, o);
    }),
  },
  {
    verb: 'POST',
    template: 'v1/orders/{direction}/{orderID}/refreshpromotions',
    roles: shopper,
    handler: orderRoute((ctx, o) => {
      const result = refreshPromotions(ctx, o);
      return {
        PromosAdded: result.added.map((p) => serializeOrderPromotion(ctx.state, o, p)),
        PromosRemoved: result.removed.map(({ promotion, error }) => ({
          ...serializeOrderPromotion(ctx.state, o, { promotion, amount: 0n, dateApplied: o.LastUpdated }),
          ErrorCode: error.errors[0]?.ErrorCode ?? null,
          Reason: error.message,
        })),
      };
    }),
  },
  {
    verb: 'POST',
    template: 'v1/orders/{direction}/{orderID}/validate',
    roles: orderReader,
    handler: orderRoute((ctx, o) => {
      validateOrder(ctx, o);
      return undefined;
    }),
  },
  ...(['approve', 'decline'] as const).map(
    (action): RouteDef => ({
      verb: 'POST',
      template: `v1/orders/{direction}/{orderID}/${action}`,
      roles: shopper,
      handler: orderRoute((_ctx, o) => {
        // The sandbox has no approval rules: no order is ever awaiting approval.
        throw badRequest('Order.NotAwaitingApproval', `Cannot ${action} an order with status ${o.Status}.`, {
          Status: o.Status,
        });
      }),
    }),
  ),
  ...(['approvals', 'eligibleapprovers'] as const).map(
    (list): RouteDef => ({
      verb: 'GET',
      template: `v1/orders/{direction}/{orderID}/${list}`,
      roles: orderReader,
      handler: orderRoute((ctx) => listItems({ items: [], query: ctx.query, fields: [] })),
    }),
  ),
  ...(['forward', 'split'] as const).map(
    (action): RouteDef => ({
      verb: 'POST',
      template: `v1/orders/{direction}/{orderID}/${action}`,
      roles: ['OrderAdmin'],
      // No product has a supplier here, so nothing is forwarded: every line remains.
      handler: orderRoute((_ctx, o) => ({
        OutgoingOrders: [],
        RemainingLineItemIDs: [...o.lineItems.keys()],
      })),
    }),
  ),
  {
    verb: 'GET',
    template: 'v1/lineitems/{direction}',
    roles: orderReader,
    handler: (ctx) => {
      const direction = parseDirection(param(ctx, 'direction'));
      const items = [...ctx.state.orders.values()]
        .filter((o) => canSeeOrder(ctx.actor, o, direction))
        .flatMap((o) => {
          const totals = orderTotals(ctx.state, o);
          return [...o.lineItems.values()].map((l) => ({
            ...serializeLineItem(o, l, totals),
            OrderID: o.ID,
          }));
        });
      return listItems({ items, query: ctx.query, fields: [...lineItemFields, 'OrderID'] });
    },
  },
];
