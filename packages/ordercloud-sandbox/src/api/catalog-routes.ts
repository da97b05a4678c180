import {
  createCatalog,
  deleteCatalog,
  findCatalog,
  saveCatalogAssignment,
  saveProductCatalogAssignment,
  serializeCatalog,
  updateCatalog,
} from '../catalog/catalogs.ts';
import {
  createPriceSchedule,
  createProduct,
  deletePriceSchedule,
  deleteProduct,
  findPriceSchedule,
  findProduct,
  saveProductAssignment,
  serializePriceSchedule,
  serializeProduct,
  updatePriceSchedule,
  updateProduct,
} from '../catalog/products.ts';
import {
  createPromotion,
  deletePromotion,
  findPromotion,
  savePromotionAssignment,
  serializePromotion,
  updatePromotion,
} from '../catalog/promotions.ts';
import { param, requireAdmin } from './common.ts';
import type { RouteContext, RouteDef } from './context.ts';
import { crudRoutes } from './crud.ts';
import { firstParam, listItems } from './list-query.ts';

// HTTP only: products, price schedules, product assignments, promotions (and their assignments),
// catalogs (and their buyer and product assignments). The rules live in src/catalog.
const productFields = [
  'ID',
  'Name',
  'Description',
  'DefaultPriceScheduleID',
  'QuantityMultiplier',
  'ShipWeight',
  'Active',
  'Returnable',
  'DateCreated',
  'xp',
];
const scheduleFields = [
  'ID',
  'Name',
  'ApplyTax',
  'ApplyShipping',
  'MinQuantity',
  'MaxQuantity',
  'Currency',
  'PriceBreaks',
  'SaleStart',
  'SaleEnd',
  'xp',
];
const promotionFields = [
  'ID',
  'Code',
  'Name',
  'Description',
  'LineItemLevel',
  'EligibleExpression',
  'ValueExpression',
  'CanCombine',
  'AutoApply',
  'Active',
  'AllowAllBuyers',
  'StartDate',
  'ExpirationDate',
  'RedemptionCount',
  'xp',
];

const admin = (ctx: RouteContext, roles: string[]) => requireAdmin(ctx.actor, roles);
const assignmentList = (ctx: RouteContext, items: Record<string, unknown>[], fields: string[]) => {
  // Assignment lists filter by their own query parameters (productID, buyerID…), then page.
  const paging = Object.fromEntries(
    Object.entries(ctx.query).filter(([key]) => ['page', 'pagesize'].includes(key.toLowerCase())),
  );
  return listItems({ items, query: paging, fields });
};

export const catalogRoutes: RouteDef[] = [
  // Assignment routes first: their literal segments must not read as IDs.
  {
    verb: 'GET',
    template: 'v1/products/assignments',
    roles: ['ProductReader', 'ProductAdmin'],
    handler: (ctx) => {
      admin(ctx, ['ProductReader']);
      const productId = firstParam(ctx.query, 'productID');
      const buyerId = firstParam(ctx.query, 'buyerID');
      const items = ctx.state.productAssignments
        .filter((a) => (!productId || a.ProductID === productId) && (!buyerId || a.BuyerID === buyerId))
        .map((a) => ({
          ProductID: a.ProductID,
          BuyerID: a.BuyerID,
          UserGroupID: null,
          PriceScheduleID: a.PriceScheduleID ?? null,
        }));
      return assignmentList(ctx, items, ['ProductID', 'BuyerID', 'PriceScheduleID']);
    },
  },
  {
    verb: 'POST',
    template: 'v1/products/assignments',
    roles: ['ProductAdmin', 'ProductAssignmentAdmin'],
    handler: (ctx) => {
      admin(ctx, ['ProductAdmin']);
      saveProductAssignment(ctx, ctx.body);
      return undefined;
    },
  },
  {
    verb: 'DELETE',
    template: 'v1/products/{productID}/assignments/{buyerID}',
    roles: ['ProductAdmin', 'ProductAssignmentAdmin'],
    handler: (ctx) => {
      admin(ctx, ['ProductAdmin']);
      const productId = param(ctx, 'productID');
      const buyerId = param(ctx, 'buyerID');
      ctx.state.productAssignments = ctx.state.productAssignments.filter(
        (a) => !(a.ProductID === productId && a.BuyerID === buyerId),
      );
      return undefined;
    },
  },
  ...crudRoutes({
    base: 'v1/products',
    idParam: 'productID',
    readers: ['ProductReader', 'ProductAdmin'],
    admins: ['ProductAdmin'],
    fields: productFields,
    list: (ctx) => [...ctx.state.products.values()],
    find: (ctx, id) => findProduct(ctx, id),
    exists: (ctx, id) => ctx.state.products.get(id),
    create: createProduct,
    update: updateProduct,
    remove: deleteProduct,
    serialize: (ctx, p) => serializeProduct(p, ctx.state),
  }),
  ...crudRoutes({
    base: 'v1/priceschedules',
    idParam: 'priceScheduleID',
    readers: ['PriceScheduleReader', 'PriceScheduleAdmin'],
    admins: ['PriceScheduleAdmin'],
    fields: scheduleFields,
    list: (ctx) => [...ctx.state.priceSchedules.values()],
    find: (ctx, id) => findPriceSchedule(ctx, id),
    exists: (ctx, id) => ctx.state.priceSchedules.get(id),
    create: createPriceSchedule,
    update: (_ctx, schedule, body, replace) => updatePriceSchedule(schedule, body, replace),
    remove: deletePriceSchedule,
    serialize: (_ctx, s) => serializePriceSchedule(s),
  }),
  {
    verb: 'GET',
    template: 'v1/promotions/assignments',
    roles: ['PromotionReader', 'PromotionAdmin'],
    handler: (ctx) => {
      admin(ctx, ['PromotionReader']);
      const promotionId = firstParam(ctx.query, 'promotionID');
      const buyerId = firstParam(ctx.query, 'buyerID');
      const items = ctx.state.promotionAssignments
        .filter((a) => (!promotionId || a.PromotionID === promotionId) && (!buyerId || a.BuyerID === buyerId))
        .map((a) => ({ PromotionID: a.PromotionID, BuyerID: a.BuyerID, UserGroupID: null }));
      return assignmentList(ctx, items, ['PromotionID', 'BuyerID']);
    },
  },
  {
    verb: 'POST',
    template: 'v1/promotions/assignments',
    roles: ['PromotionAdmin'],
    handler: (ctx) => {
      admin(ctx, ['PromotionAdmin']);
      savePromotionAssignment(ctx, ctx.body);
      return undefined;
    },
  },
  {
    verb: 'DELETE',
    template: 'v1/promotions/{promotionID}/assignments',
    roles: ['PromotionAdmin'],
    handler: (ctx) => {
      admin(ctx, ['PromotionAdmin']);
      const promotionId = param(ctx, 'promotionID');
      const buyerId = firstParam(ctx.query, 'buyerID');
      ctx.state.promotionAssignments = ctx.state.promotionAssignments.filter(
        (a) => !(a.PromotionID === promotionId && (!buyerId || a.BuyerID === buyerId)),
      );
      return undefined;
    },
  },
  ...crudRoutes({
    base: 'v1/promotions',
    idParam: 'promotionID',
    readers: ['PromotionReader', 'PromotionAdmin'],
    admins: ['PromotionAdmin'],
    fields: promotionFields,
    list: (ctx) => [...ctx.state.promotions.values()],
    find: (ctx, id) => findPromotion(ctx, id),
    exists: (ctx, id) => ctx.state.promotions.get(id),
    create: createPromotion,
    update: updatePromotion,
    remove: deletePromotion,
    serialize: (_ctx, p) => serializePromotion(p),
  }),
  {
    verb: 'GET',
    template: 'v1/catalogs/assignments',
    roles: ['CatalogReader', 'CatalogAdmin'],
    handler: (ctx) => {
      admin(ctx, ['CatalogReader']);
      const catalogId = firstParam(ctx.query, 'catalogID');
      const buyerId = firstParam(ctx.query, 'buyerID');
      const items = ctx.state.catalogAssignments
        .filter((a) => (!catalogId || a.CatalogID === catalogId) && (!buyerId || a.BuyerID === buyerId))
        .map((a) => ({ ...a }));
      return assignmentList(ctx, items, ['CatalogID', 'BuyerID']);
    },
  },
  {
    verb: 'POST',
    template: 'v1/catalogs/assignments',
    roles: ['CatalogAdmin'],
    handler: (ctx) => {
      admin(ctx, ['CatalogAdmin']);
      saveCatalogAssignment(ctx, ctx.body);
      return undefined;
    },
  },
  {
    verb: 'DELETE',
    template: 'v1/catalogs/{catalogID}/assignments',
    roles: ['CatalogAdmin'],
    handler: (ctx) => {
      admin(ctx, ['CatalogAdmin']);
      const catalogId = param(ctx, 'catalogID');
      const buyerId = firstParam(ctx.query, 'buyerID');
      ctx.state.catalogAssignments = ctx.state.catalogAssignments.filter(
        (a) => !(a.CatalogID === catalogId && (!buyerId || a.BuyerID === buyerId)),
      );
      return undefined;
    },
  },
  {
    verb: 'GET',
    template: 'v1/catalogs/productassignments',
    roles: ['CatalogReader', 'CatalogAdmin'],
    handler: (ctx) => {
      admin(ctx, ['CatalogReader']);
      const catalogId = firstParam(ctx.query, 'catalogID');
      const productId = firstParam(ctx.query, 'productID');
      const items = ctx.state.productCatalogAssignments
        .filter((a) => (!catalogId || a.CatalogID === catalogId) && (!productId || a.ProductID === productId))
        .map((a) => ({ ...a }));
      return assignmentList(ctx, items, ['CatalogID', 'ProductID']);
    },
  },
  {
    verb: 'POST',
    template: 'v1/catalogs/productassignments',
    roles: ['CatalogAdmin'],
    handler: (ctx) => {
      admin(ctx, ['CatalogAdmin']);
      saveProductCatalogAssignment(ctx, ctx.body);
      return undefined;
    },
  },
  {
    verb: 'DELETE',
    template: 'v1/catalogs/{catalogID}/productassignments/{productID}',
    roles: ['CatalogAdmin'],
    handler: (ctx) => {
      admin(ctx, ['CatalogAdmin']);
      const catalogId = param(ctx, 'catalogID');
      const productId = param(ctx, 'productID');
      ctx.state.productCatalogAssignments = ctx.state.productCatalogAssignments.filter(
        (a) => !(a.CatalogID === catalogId && a.ProductID === productId),
      );
      return undefined;
    },
  },
  ...crudRoutes({
    base: 'v1/catalogs',
    idParam: 'catalogID',
    readers: ['CatalogReader', 'CatalogAdmin'],
    admins: ['CatalogAdmin'],
    adminOnlyRead: true,
    fields: ['ID', 'OwnerID', 'Name', 'Description', 'Active', 'xp'],
    list: (ctx) => [...ctx.state.catalogs.values()],
    find: (ctx, id) => findCatalog(ctx, id),
    exists: (ctx, id) => ctx.state.catalogs.get(id),
    create: createCatalog,
    update: (_ctx, catalog, body, replace) => updateCatalog(catalog, body, replace),
    remove: deleteCatalog,
    serialize: (ctx, c) => serializeCatalog(ctx.state, c),
  }),
];
