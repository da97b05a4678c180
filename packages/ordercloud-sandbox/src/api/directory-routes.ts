import { badRequest, notFound } from '../errors.ts';
import type { BuyerRecord, UserRecord } from '../state.ts';
import { param, requireAdmin } from './common.ts';
import type { RouteContext, RouteDef } from './context.ts';
import { crudRoutes } from './crud.ts';
import { listItems } from './list-query.ts';
import { applyUser, createUser, serializeUser } from '../directory/users.ts';
import {
  createAddress,
  patchAddress,
  serializeAddressRecord,
  serializeBuyerAddress,
} from '../directory/addresses.ts';
import {
  createBuyer,
  deleteBuyer,
  findBuyerRecord,
  serializeBuyer,
  updateBuyer,
} from '../directory/buyers.ts';
import { localeRoutes } from './locales-routes.ts';

// HTTP only: buyers, buyer users, addresses, /me and locales; the rules live in src/directory.
const userFields = [
  'ID',
  'CompanyID',
  'Username',
  'FirstName',
  'LastName',
  'Email',
  'Phone',
  'Active',
  'DateCreated',
  'xp',
];
const addressFields = [
  'ID',
  'DateCreated',
  'CompanyName',
  'FirstName',
  'LastName',
  'Street1',
  'Street2',
  'City',
  'State',
  'Zip',
  'Country',
  'Phone',
  'AddressName',
  'Shipping',
  'Billing',
  'xp',
];

function findBuyer(ctx: RouteContext): BuyerRecord {
  return findBuyerRecord(ctx, param(ctx, 'buyerID'));
}

function findUser(ctx: RouteContext, buyer: BuyerRecord): UserRecord {
  const id = param(ctx, 'userID');
  const user = ctx.state.users.get(id);
  if (!user || user.BuyerID !== buyer.ID) throw notFound('User', id);
  return user;
}

const adminOnly = (roles: string[]) => (ctx: RouteContext) => requireAdmin(ctx.actor, roles);

export const directoryRoutes: RouteDef[] = [
  ...crudRoutes({
    base: 'v1/buyers',
    idParam: 'buyerID',
    readers: ['BuyerReader', 'BuyerAdmin'],
    admins: ['BuyerAdmin'],
    fields: ['ID', 'Name', 'Active', 'DefaultCatalogID', 'DateCreated', 'xp'],
    list: (ctx) =>
      [...ctx.state.buyers.values()].filter((b) => ctx.actor.kind === 'admin' || b.ID === ctx.actor.buyerId),
    find: (ctx, id) => findBuyerRecord(ctx, id),
    exists: (ctx, id) => ctx.state.buyers.get(id),
    create: createBuyer,
    update: updateBuyer,
    remove: deleteBuyer,
    serialize: (_ctx, b) => serializeBuyer(b),
  }),
  {
    verb: 'GET',
    template: 'v1/buyers/{buyerID}/users',
    roles: ['BuyerUserReader', 'BuyerUserAdmin'],
    handler: (ctx) => {
      adminOnly(['BuyerUserReader'])(ctx);
      const buyer = findBuyer(ctx);
      const items = [...ctx.state.users.values()].filter((u) => u.BuyerID === buyer.ID).map(serializeUser);
      return listItems({ items, query: ctx.query, fields: userFields });
    },
  },
  {
    verb: 'POST',
    template: 'v1/buyers/{buyerID}/users',
    roles: ['BuyerUserAdmin'],
    created: true,
    handler: (ctx) => {
      adminOnly(['BuyerUserAdmin'])(ctx);
      return serializeUser(createUser(ctx, findBuyer(ctx), ctx.body));
    },
  },
  {
    verb: 'GET',
    template: 'v1/buyers/{buyerID}/users/{userID}',
    roles: ['BuyerUserReader', 'BuyerUserAdmin'],
    handler: (ctx) => {
      adminOnly(['BuyerUserReader'])(ctx);
      return serializeUser(findUser(ctx, findBuyer(ctx)));
    },
  },
  ...(['PATCH', 'PUT'] as const).map(
    (verb): RouteDef => ({
      verb,
      template: 'v1/buyers/{buyerID}/users/{userID}',
      roles: ['BuyerUserAdmin'],
      handler: (ctx) => {
        adminOnly(['BuyerUserAdmin'])(ctx);
        const buyer = findBuyer(ctx);
        const id = param(ctx, 'userID');
        if (verb === 'PUT' && !ctx.state.users.has(id))
          return serializeUser(createUser(ctx, buyer, ctx.body, id));
        const user = findUser(ctx, buyer);
        applyUser(ctx, user, ctx.body, verb === 'PUT');
        return serializeUser(user);
      },
    }),
  ),
  {
    verb: 'DELETE',
    template: 'v1/buyers/{buyerID}/users/{userID}',
    roles: ['BuyerUserAdmin'],
    handler: (ctx) => {
      adminOnly(['BuyerUserAdmin'])(ctx);
      const user = findUser(ctx, findBuyer(ctx));
      const open = [...ctx.state.orders.values()].some(
        (o) => o.FromUserID === user.ID && (o.Status === 'Open' || o.Status === 'AwaitingApproval'),
      );
      if (open)
        throw badRequest(
          'User.CannotDeleteWithOpenOrder',
          'Cannot delete a user with an open order, or an order pending approval.',
        );
      ctx.state.users.delete(user.ID);
      ctx.state.userGroupAssignments = ctx.state.userGroupAssignments.filter((a) => a.UserID !== user.ID);
      ctx.state.addressAssignments = ctx.state.addressAssignments.filter((a) => a.UserID !== user.ID);
      return undefined;
    },
  },
  {
    verb: 'GET',
    template: 'v1/buyerusers',
    roles: ['BuyerUserReader', 'BuyerUserAdmin'],
    handler: (ctx) => {
      adminOnly(['BuyerUserReader'])(ctx);
      return listItems({
        items: [...ctx.state.users.values()].map(serializeUser),
        query: ctx.query,
        fields: userFields,
      });
    },
  },
  {
    verb: 'GET',
    template: 'v1/buyers/{buyerID}/addresses',
    roles: ['AddressReader', 'AddressAdmin'],
    handler: (ctx) => {
      adminOnly(['AddressReader'])(ctx);
      const buyer = findBuyer(ctx);
      const items = [...ctx.state.addresses.values()]
        .filter((a) => a.BuyerID === buyer.ID && a.UserID === undefined)
        .map(serializeAddressRecord);
      return listItems({ items, query: ctx.query, fields: addressFields });
    },
  },
  {
    verb: 'POST',
    template: 'v1/buyers/{buyerID}/addresses',
    roles: ['AddressAdmin'],
    created: true,
    handler: (ctx) => {
      adminOnly(['AddressAdmin'])(ctx);
      return serializeAddressRecord(createAddress(ctx, findBuyer(ctx).ID, undefined, ctx.body));
    },
  },
  {
    verb: 'GET',
    template: 'v1/buyers/{buyerID}/addresses/{addressID}',
    roles: ['AddressReader', 'AddressAdmin'],
    handler: (ctx) => {
      adminOnly(['AddressReader'])(ctx);
      const buyer = findBuyer(ctx);
      const address = ctx.state.addresses.get(param(ctx, 'addressID'));
      // A shopper's own address is "only accessible to the user who created them" (create-address docs).
      if (!address || address.BuyerID !== buyer.ID || address.UserID !== undefined)
        throw notFound('Address', param(ctx, 'addressID'));
      return serializeAddressRecord(address);
    },
  },
  ...(['PATCH', 'PUT'] as const).map(
    (verb): RouteDef => ({
      verb,
      template: 'v1/buyers/{buyerID}/addresses/{addressID}',
      roles: ['AddressAdmin'],
      handler: (ctx) => {
        adminOnly(['AddressAdmin'])(ctx);
        const buyer = findBuyer(ctx);
        const id = param(ctx, 'addressID');
        const address = ctx.state.addresses.get(id);
        if (!address && verb === 'PUT')
          return serializeAddressRecord(createAddress(ctx, buyer.ID, undefined, ctx.body, id));
        if (!address || address.BuyerID !== buyer.ID) throw notFound('Address', id);
        patchAddress(address, ctx.body, verb === 'PUT');
        return serializeAddressRecord(address);
      },
    }),
  ),
  {
    verb: 'DELETE',
    template: 'v1/buyers/{buyerID}/addresses/{addressID}',
    roles: ['AddressAdmin'],
    handler: (ctx) => {
      adminOnly(['AddressAdmin'])(ctx);
      const buyer = findBuyer(ctx);
      const address = ctx.state.addresses.get(param(ctx, 'addressID'));
      if (!address || address.BuyerID !== buyer.ID) throw notFound('Address', param(ctx, 'addressID'));
      ctx.state.addresses.delete(address.ID);
      return undefined;
    },
  },
  {
    verb: 'GET',
    template: 'v1/me',
    roles: [],
    handler: (ctx) => {
      const { actor, state } = ctx;
      if (actor.kind === 'admin') {
        const admin = [...state.adminUsers.values()].find((u) => u.ID === actor.userId);
        if (!admin) throw notFound('User', actor.userId);
        return {
          ID: admin.ID,
          Username: admin.Username,
          FirstName: admin.FirstName,
          LastName: admin.LastName,
          Email: admin.Email,
          Active: admin.Active,
          AvailableRoles: actor.roles,
          Seller: { ID: state.sellerId },
          xp: admin.xp,
        };
      }
      const user = state.users.get(actor.userId);
      if (!user) throw notFound('User', actor.userId);
      return { ...serializeUser(user), Buyer: { ID: user.BuyerID }, AvailableRoles: actor.roles };
    },
  },
  {
    verb: 'GET',
    template: 'v1/me/addresses',
    roles: ['Shopper', 'MeAddressAdmin'],
    handler: (ctx) => {
      const items = [...ctx.state.addresses.values()]
        .filter(
          (a) => a.BuyerID === ctx.actor.buyerId && (a.UserID === undefined || a.UserID === ctx.actor.userId),
        )
        .map(serializeBuyerAddress);
      return listItems({ items, query: ctx.query, fields: addressFields });
    },
  },
  {
    verb: 'POST',
    template: 'v1/me/addresses',
    roles: ['MeAddressAdmin'],
    created: true,
    handler: (ctx) => {
      if (ctx.actor.kind !== 'buyer' || !ctx.actor.buyerId)
        throw badRequest('InvalidRequest', 'Only buyer users have /me/addresses.');
      if (ctx.actor.anonymousOrderId)
        throw badRequest('User.IsNotTemp', 'Anonymous shoppers cannot save addresses.');
      return serializeBuyerAddress(createAddress(ctx, ctx.actor.buyerId, ctx.actor.userId, ctx.body));
    },
  },
  ...localeRoutes,
];
