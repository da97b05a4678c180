import { visibleProductIds } from '../catalog/catalogs.ts';
import { serializeCatalog } from '../catalog/catalogs.ts';
import { serializePriceSchedule, serializeProduct } from '../catalog/products.ts';
import { promotionAvailableTo, serializePromotion } from '../catalog/promotions.ts';
import {
  deleteCard,
  findCard,
  listCards,
  registerAnonymous,
  saveCard,
  transferAnonymousOrder,
} from '../directory/me.ts';
import { badRequest, notFound } from '../errors.ts';
import type { AddressRecord, CreditCardRecord, ProductRecord } from '../state.ts';
import { canSeeOrder, param } from './common.ts';
import type { RouteContext, RouteDef } from './context.ts';
import { createAddress, patchAddress, serializeBuyerAddress } from '../directory/addresses.ts';
import { applyUser, serializeUser } from '../directory/users.ts';
import { firstParam, listItems } from './list-query.ts';
import { orderFields } from './orders-routes.ts';
import { serializeOrder } from './order-view.ts';

// HTTP only: v1/me/… beyond the profile and address list (directory-routes) and shipments
// (shipments-routes). A buyer sees the catalogs assigned to its company, the products in them (or
// assigned to it directly) with the price schedule it would pay, its own orders and saved cards.
const shopper = ['Shopper', 'MeAdmin', 'MeAddressAdmin', 'MeCreditCardAdmin', 'MeXpAdmin'];
const empty = (ctx: RouteContext) => listItems({ items: [], query: ctx.query, fields: [] });

function buyerOnly(ctx: RouteContext): { buyerId: string; userId: string } {
  if (ctx.actor.kind !== 'buyer' || !ctx.actor.buyerId)
    throw badRequest('InvalidRequest', 'This endpoint is for buyer users.');
  return { buyerId: ctx.actor.buyerId, userId: ctx.actor.userId };
}

function myAddress(ctx: RouteContext, writable: boolean): AddressRecord {
  const { buyerId, userId } = buyerOnly(ctx);
  const id = param(ctx, 'addressID');
  const address = ctx.state.addresses.get(id);
  const visible =
    address &&
    address.BuyerID === buyerId &&
    (address.UserID === undefined ? !writable : address.UserID === userId);
  if (!address || !visible) throw notFound('Address', id);
  return address;
}

function buyerProduct(ctx: RouteContext, product: ProductRecord) {
  const { buyerId } = buyerOnly(ctx);
  const assignment = ctx.state.productAssignments.find(
    (a) => a.ProductID === product.ID && a.BuyerID === buyerId,
  );
  const scheduleId = assignment?.PriceScheduleID ?? product.DefaultPriceScheduleID;
  const schedule = scheduleId ? ctx.state.priceSchedules.get(scheduleId) : undefined;
  return {
    ...serializeProduct(product),
    PriceSchedule: schedule ? serializePriceSchedule(schedule) : null,
    IsParent: false,
    IsBundle: false,
    SpecCount: 0,
    VariantCount: 0,
  };
}

function myProduct(ctx: RouteContext): ProductRecord {
  const { buyerId } = buyerOnly(ctx);
  const id = param(ctx, 'productID');
  const product = ctx.state.products.get(id);
  if (!product?.Active || !visibleProductIds(ctx.state, buyerId).has(id)) throw notFound('Product', id);
  return product;
}

const serializeCard = (card: CreditCardRecord) => ({
  ID: card.ID,
  Editable: true,
  Token: card.Token ?? null,
  DateCreated: card.DateCreated,
  CardType: card.CardType ?? null,
  PartialAccountNumber: card.PartialAccountNumber ?? null,
  CardholderName: card.CardholderName ?? null,
  ExpirationDate: card.ExpirationDate ?? null,
  xp: card.xp,
});

const seller = (ctx: RouteContext) => ({ ID: ctx.state.sellerId, Name: 'Marketplace' });

export const meRoutes: RouteDef[] = [
  ...(['PUT', 'PATCH'] as const).map(
    (verb): RouteDef => ({
      verb,
      template: 'v1/me',
      roles: ['MeAdmin'],
      handler: (ctx) => {
        buyerOnly(ctx);
        const user = ctx.state.users.get(ctx.actor.userId);
        if (!user) throw notFound('User', ctx.actor.userId);
        applyUser(ctx, user, ctx.body, verb === 'PUT');
        return { ...serializeUser(user), Buyer: { ID: user.BuyerID }, AvailableRoles: ctx.actor.roles };
      },
    }),
  ),
  {
    verb: 'GET',
    template: 'v1/me/addresses/{addressID}',
    roles: shopper,
    handler: (ctx) => serializeBuyerAddress(myAddress(ctx, false)),
  },
  ...(['PUT', 'PATCH'] as const).map(
    (verb): RouteDef => ({
      verb,
      template: 'v1/me/addresses/{addressID}',
      roles: ['MeAddressAdmin'],
      handler: (ctx) => {
        const { buyerId, userId } = buyerOnly(ctx);
        const id = param(ctx, 'addressID');
        if (verb === 'PUT' && !ctx.state.addresses.has(id))
          return serializeBuyerAddress(createAddress(ctx, buyerId, userId, ctx.body, id));
        const address = myAddress(ctx, true);
        patchAddress(address, ctx.body, verb === 'PUT');
        return serializeBuyerAddress(address);
      },
    }),
  ),
  {
    verb: 'DELETE',
    template: 'v1/me/addresses/{addressID}',
    roles: ['MeAddressAdmin'],
    handler: (ctx) => {
      ctx.state.addresses.delete(myAddress(ctx, true).ID);
      return undefined;
    },
  },
  {
    verb: 'GET',
    template: 'v1/me/catalogs',
    roles: shopper,
    handler: (ctx) => {
      const { buyerId } = buyerOnly(ctx);
      const ids = new Set(
        ctx.state.catalogAssignments.filter((a) => a.BuyerID === buyerId).map((a) => a.CatalogID),
      );
      const items = [...ctx.state.catalogs.values()]
        .filter((c) => ids.has(c.ID) && c.Active)
        .map((c) => serializeCatalog(ctx.state, c));
      return listItems({ items, query: ctx.query, fields: ['ID', 'Name', 'Description', 'xp'] });
    },
  },
  {
    verb: 'GET',
    template: 'v1/me/catalogs/{catalogID}',
    roles: shopper,
    handler: (ctx) => {
      const { buyerId } = buyerOnly(ctx);
      const id = param(ctx, 'catalogID');
      const catalog = ctx.state.catalogs.get(id);
      if (
        !catalog?.Active ||
        !ctx.state.catalogAssignments.some((a) => a.BuyerID === buyerId && a.CatalogID === id)
      )
        throw notFound('Catalog', id);
      return serializeCatalog(ctx.state, catalog);
    },
  },
  {
    verb: 'GET',
    template: 'v1/me/products',
    roles: shopper,
    handler: (ctx) => {
      const { buyerId } = buyerOnly(ctx);
      const visible = visibleProductIds(ctx.state, buyerId);
      const catalogId = firstParam(ctx.query, 'catalogID');
      const inCatalog = catalogId
        ? new Set(
            ctx.state.productCatalogAssignments
              .filter((a) => a.CatalogID === catalogId)
              .map((a) => a.ProductID),
          )
        : undefined;
      const items = [...ctx.state.products.values()]
        .filter((p) => p.Active && visible.has(p.ID) && (!inCatalog || inCatalog.has(p.ID)))
        .map((p) => buyerProduct(ctx, p));
      const query = Object.fromEntries(
        Object.entries(ctx.query).filter(([k]) => k.toLowerCase() !== 'catalogid'),
      );
      return listItems({
        items,
        query,
        fields: ['ID', 'Name', 'Description', 'Active', 'xp', 'PriceSchedule'],
      });
    },
  },
  {
    verb: 'GET',
    template: 'v1/me/products/{productID}',
    roles: shopper,
    handler: (ctx) => buyerProduct(ctx, myProduct(ctx)),
  },
  ...['specs', 'variants', 'inventoryrecords'].map(
    (list): RouteDef => ({
      verb: 'GET',
      template: `v1/me/products/{productID}/${list}`,
      roles: shopper,
      handler: (ctx) => {
        myProduct(ctx);
        return empty(ctx);
      },
    }),
  ),
  ...(
    [
      ['specs/{specID}', 'Spec', 'specID'],
      ['variants/{variantID}', 'Variant', 'variantID'],
      ['variants/{variantID}/inventoryrecords', 'Variant', 'variantID'],
    ] as const
  ).map(
    ([path, type, id]): RouteDef => ({
      verb: 'GET',
      template: `v1/me/products/{productID}/${path}`,
      roles: shopper,
      handler: (ctx) => {
        myProduct(ctx);
        throw notFound(type, param(ctx, id));
      },
    }),
  ),
  {
    verb: 'GET',
    template: 'v1/me/products/{productID}/sellers',
    roles: shopper,
    handler: (ctx) => {
      const product = buyerProduct(ctx, myProduct(ctx));
      return listItems({
        items: [{ ...seller(ctx), PriceSchedule: product.PriceSchedule }],
        query: ctx.query,
        fields: ['ID', 'Name'],
      });
    },
  },
  {
    verb: 'GET',
    template: 'v1/me/sellers',
    roles: shopper,
    handler: (ctx) => listItems({ items: [seller(ctx)], query: ctx.query, fields: ['ID', 'Name'] }),
  },
  {
    verb: 'GET',
    template: 'v1/me/promotions',
    roles: shopper,
    handler: (ctx) => {
      const { buyerId } = buyerOnly(ctx);
      const items = [...ctx.state.promotions.values()]
        .filter((p) => p.Active && promotionAvailableTo(ctx, p, buyerId))
        .map(serializePromotion);
      return listItems({
        items,
        query: ctx.query,
        fields: ['ID', 'Code', 'Name', 'Description', 'AutoApply', 'xp'],
      });
    },
  },
  {
    verb: 'GET',
    template: 'v1/me/promotions/{promotionID}',
    roles: shopper,
    handler: (ctx) => {
      const { buyerId } = buyerOnly(ctx);
      const promotion = ctx.state.promotions.get(param(ctx, 'promotionID'));
      if (!promotion?.Active || !promotionAvailableTo(ctx, promotion, buyerId))
        throw notFound('Promotion', param(ctx, 'promotionID'));
      return serializePromotion(promotion);
    },
  },
  {
    verb: 'GET',
    template: 'v1/me/orders',
    roles: shopper,
    handler: (ctx) => {
      const from = firstParam(ctx.query, 'from');
      const to = firstParam(ctx.query, 'to');
      const items = [...ctx.state.orders.values()]
        .filter(
          (o) =>
            canSeeOrder(ctx.actor, o, 'Outgoing') &&
            (!from || Date.parse(o.DateCreated) >= Date.parse(from)) &&
            (!to || Date.parse(o.DateCreated) <= Date.parse(to)),
        )
        .map((o) => serializeOrder(ctx.state, o));
      return listItems({ items, query: ctx.query, fields: orderFields });
    },
  },
  {
    verb: 'PUT',
    template: 'v1/me/orders',
    roles: ['Shopper'],
    handler: async (ctx) => {
      buyerOnly(ctx);
      await transferAnonymousOrder(ctx, firstParam(ctx.query, 'anonUserToken'));
      return undefined;
    },
  },
  { verb: 'GET', template: 'v1/me/orders/approvable', roles: shopper, handler: empty },
  {
    verb: 'PUT',
    template: 'v1/me/register',
    roles: [],
    handler: async (ctx) => {
      const user = registerAnonymous(ctx, ctx.body);
      const token = await ctx.core.tokens.issue({
        clientId: ctx.actor.clientId,
        username: user.Username,
        userId: user.ID,
        userType: 'buyer',
        roles: user.Roles,
        lifetimeSeconds: 600 * 60,
      });
      return { access_token: token, expires_in: 36000, token_type: 'bearer', refresh_token: null };
    },
  },
  {
    verb: 'GET',
    template: 'v1/me/creditcards',
    roles: shopper,
    handler: (ctx) =>
      listItems({
        items: listCards(ctx).map(serializeCard),
        query: ctx.query,
        fields: ['ID', 'CardType', 'CardholderName', 'xp'],
      }),
  },
  {
    verb: 'POST',
    template: 'v1/me/creditcards',
    roles: ['MeCreditCardAdmin'],
    created: true,
    handler: (ctx) => serializeCard(saveCard(ctx, ctx.body, {})),
  },
  {
    verb: 'GET',
    template: 'v1/me/creditcards/{creditcardID}',
    roles: shopper,
    handler: (ctx) => serializeCard(findCard(ctx, param(ctx, 'creditcardID'))),
  },
  {
    verb: 'PUT',
    template: 'v1/me/creditcards/{creditcardID}',
    roles: ['MeCreditCardAdmin'],
    handler: (ctx) => serializeCard(saveCard(ctx, ctx.body, { id: param(ctx, 'creditcardID') })),
  },
  {
    verb: 'PATCH',
    template: 'v1/me/creditcards/{creditcardID}',
    roles: ['MeCreditCardAdmin'],
    handler: (ctx) =>
      serializeCard(saveCard(ctx, ctx.body, { patch: findCard(ctx, param(ctx, 'creditcardID')) })),
  },
  {
    verb: 'DELETE',
    template: 'v1/me/creditcards/{creditcardID}',
    roles: ['MeCreditCardAdmin'],
    handler: (ctx) => {
      deleteCard(ctx, findCard(ctx, param(ctx, 'creditcardID')));
      return undefined;
    },
  },
  // A marketplace without categories, cost centers, spending accounts or user groups answers these
  // as OrderCloud would: empty lists and NotFound.
  ...['v1/me/categories', 'v1/me/costcenters', 'v1/me/spendingAccounts', 'v1/me/usergroups'].map(
    (template): RouteDef => ({ verb: 'GET', template, roles: shopper, handler: empty }),
  ),
  ...(
    [
      ['v1/me/categories/{categoryID}', 'Category', 'categoryID'],
      ['v1/me/spendingaccounts/{spendingAccountID}', 'SpendingAccount', 'spendingAccountID'],
    ] as const
  ).map(
    ([template, type, id]): RouteDef => ({
      verb: 'GET',
      template,
      roles: shopper,
      handler: (ctx) => {
        throw notFound(type, param(ctx, id));
      },
    }),
  ),
  { verb: 'DELETE', template: 'v1/me/tokens', roles: [], handler: () => undefined },
];
