import { serializeAddress } from './order-view.ts';
import {
  canSeeShipment,
  createShipment,
  deleteShipment,
  findShipment,
  removeItem,
  saveShipmentItem,
  shipmentsOfOrder,
  shipOrder,
  updateShipment,
} from '../commerce/shipments.ts';
import { decimalToNumber, minorToNumber } from '../money.ts';
import type { SandboxState, ShipmentItemRecord, ShipmentRecord } from '../state.ts';
import { findOrder, param } from './common.ts';
import type { RouteContext, RouteDef } from './context.ts';
import { crudRoutes } from './crud.ts';
import { listItems } from './list-query.ts';
import { serializeOrder } from './order-view.ts';
import { snapshotAddress } from './common.ts';
import { notFound } from '../errors.ts';

// HTTP only: v1/shipments…, v1/orders/{direction}/{orderID}/ship|shipments, v1/me/shipments….
const shipmentFields = [
  'ID',
  'BuyerID',
  'Shipper',
  'DateShipped',
  'DateDelivered',
  'TrackingNumber',
  'Cost',
  'xp',
];

export function serializeShipment(state: SandboxState, shipment: ShipmentRecord) {
  const address = (id: string | undefined) => {
    const record = id ? state.addresses.get(id) : undefined;
    return record ? serializeAddress(snapshotAddress(record)) : null;
  };
  return {
    ID: shipment.ID,
    BuyerID: shipment.BuyerID ?? null,
    Shipper: shipment.Shipper ?? null,
    DateShipped: shipment.DateShipped ?? null,
    DateDelivered: shipment.DateDelivered ?? null,
    TrackingNumber: shipment.TrackingNumber ?? null,
    Cost: shipment.Cost === undefined ? null : minorToNumber(shipment.Cost, shipment.Currency ?? 'USD'),
    OwnerID: state.sellerId,
    xp: shipment.xp,
    Account: shipment.Account ?? null,
    FromAddressID: shipment.FromAddressID ?? null,
    ToAddressID: shipment.ToAddressID ?? null,
    FromAddress: address(shipment.FromAddressID),
    ToAddress: address(shipment.ToAddressID),
  };
}

export function serializeShipmentItem(state: SandboxState, item: ShipmentItemRecord) {
  const line = state.orders.get(item.OrderID)?.lineItems.get(item.LineItemID);
  return {
    OrderID: item.OrderID,
    LineItemID: item.LineItemID,
    QuantityShipped: item.QuantityShipped,
    UnitPrice: line ? decimalToNumber(line.UnitPrice) : null,
    CostCenter: line?.CostCenter ?? null,
    DateNeeded: line?.DateNeeded ?? null,
    Product: line?.Product ?? null,
    Variant: null,
    Specs: [],
    xp: item.xp,
  };
}

const itemFields = ['OrderID', 'LineItemID', 'QuantityShipped'];
const readers = ['ShipmentReader', 'ShipmentAdmin', 'Shopper'];
const admins = ['ShipmentAdmin'];

function itemRoutes(
  base: string,
  find: (ctx: RouteContext) => ShipmentRecord,
  writable: boolean,
): RouteDef[] {
  const routes: RouteDef[] = [
    {
      verb: 'GET',
      template: `${base}/items`,
      roles: readers,
      handler: (ctx) =>
        listItems({
          items: find(ctx).items.map((i) => serializeShipmentItem(ctx.state, i)),
          query: ctx.query,
          fields: itemFields,
        }),
    },
    {
      verb: 'GET',
      template: `${base}/items/{orderID}/{lineItemID}`,
      roles: readers,
      handler: (ctx) => {
        const item = find(ctx).items.find(
          (i) => i.OrderID === param(ctx, 'orderID') && i.LineItemID === param(ctx, 'lineItemID'),
        );
        if (!item) return notFoundItem(ctx);
        return serializeShipmentItem(ctx.state, item);
      },
    },
  ];
  if (!writable) return routes;
  return [
    ...routes,
    {
      verb: 'POST',
      template: `${base}/items`,
      roles: admins,
      created: true,
      handler: (ctx) => serializeShipmentItem(ctx.state, saveShipmentItem(ctx, find(ctx), ctx.body)),
    },
    {
      verb: 'DELETE',
      template: `${base}/items/{orderID}/{lineItemID}`,
      roles: admins,
      handler: (ctx) => {
        removeItem(ctx, find(ctx), param(ctx, 'orderID'), param(ctx, 'lineItemID'));
        return undefined;
      },
    },
  ];
}

function notFoundItem(ctx: RouteContext): never {
  throw notFound('ShipmentItem', `${param(ctx, 'orderID')}/${param(ctx, 'lineItemID')}`);
}

const mine = (ctx: RouteContext) => [...ctx.state.shipments.values()].filter((s) => canSeeShipment(ctx, s));

export const shipmentRoutes: RouteDef[] = [
  ...crudRoutes({
    base: 'v1/shipments',
    idParam: 'shipmentID',
    readers: ['ShipmentReader', 'ShipmentAdmin'],
    admins,
    adminOnlyRead: true,
    fields: shipmentFields,
    list: (ctx) => [...ctx.state.shipments.values()],
    find: (ctx, id) => findShipment(ctx, id),
    exists: (ctx, id) => ctx.state.shipments.get(id),
    create: createShipment,
    update: updateShipment,
    remove: deleteShipment,
    serialize: (ctx, s) => serializeShipment(ctx.state, s),
  }),
  ...itemRoutes('v1/shipments/{shipmentID}', (ctx) => findShipment(ctx, param(ctx, 'shipmentID')), true),
  ...(['shipfrom', 'shipto'] as const).map(
    (which): RouteDef => ({
      verb: 'PUT',
      template: `v1/shipments/{shipmentID}/${which}`,
      roles: admins,
      handler: (ctx) => {
        const shipment = findShipment(ctx, param(ctx, 'shipmentID'));
        const id = (ctx.body as { ID?: string } | null)?.ID;
        updateShipment(
          ctx,
          shipment,
          which === 'shipto' ? { ToAddressID: id } : { FromAddressID: id },
          false,
        );
        return serializeShipment(ctx.state, shipment);
      },
    }),
  ),
  {
    verb: 'POST',
    template: 'v1/orders/{direction}/{orderID}/ship',
    roles: ['OrderAdmin', 'ShipmentAdmin'],
    handler: (ctx) => {
      const order = findOrder(ctx, param(ctx, 'direction'), param(ctx, 'orderID'));
      shipOrder(ctx, order, ctx.body);
      return serializeOrder(ctx.state, order);
    },
  },
  {
    verb: 'GET',
    template: 'v1/orders/{direction}/{orderID}/shipments',
    roles: ['OrderAdmin', 'OrderReader', 'Shopper', 'ShipmentReader'],
    handler: (ctx) => {
      const order = findOrder(ctx, param(ctx, 'direction'), param(ctx, 'orderID'));
      return listItems({
        items: shipmentsOfOrder(ctx, order).map((s) => serializeShipment(ctx.state, s)),
        query: ctx.query,
        fields: shipmentFields,
      });
    },
  },
  {
    verb: 'GET',
    template: 'v1/me/shipments',
    roles: ['Shopper'],
    handler: (ctx) =>
      listItems({
        items: mine(ctx).map((s) => serializeShipment(ctx.state, s)),
        query: ctx.query,
        fields: shipmentFields,
      }),
  },
  {
    verb: 'GET',
    template: 'v1/me/shipments/{shipmentID}',
    roles: ['Shopper'],
    handler: (ctx) => serializeShipment(ctx.state, findShipment(ctx, param(ctx, 'shipmentID'))),
  },
  ...itemRoutes('v1/me/shipments/{shipmentID}', (ctx) => findShipment(ctx, param(ctx, 'shipmentID')), false),
];
