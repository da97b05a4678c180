import { z } from 'zod';
import { buyerDefaultRoles } from '../auth/actor.ts';
import { badRequest, notFound } from '../errors.ts';
import type { AddressRecord, BuyerRecord, UserRecord } from '../state.ts';
import { deepMerge, optionalBoolean, optionalString, parseBody, XpSchema } from './body.ts';
import { newId, nowIso, param, requireAdmin } from './common.ts';
import type { RouteContext, RouteDef } from './context.ts';
import { crudRoutes } from './crud.ts';
import { listItems } from './list-query.ts';
import {
  createBuyer,
  deleteBuyer,
  findBuyerRecord,
  serializeBuyer,
  updateBuyer,
} from '../directory/buyers.ts';
import { localeRoutes } from './locales-routes.ts';

// Buyers, buyer users, addresses, /me and locales.
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

const UserBody = z.looseObject({
  ID: optionalString,
  Username: z.string().min(1).optional(),
  Password: optionalString,
  FirstName: z.string().nullish(),
  LastName: z.string().nullish(),
  Email: z.string().nullish(),
  Phone: optionalString,
  Active: optionalBoolean,
  xp: XpSchema.nullish(),
});

const AddressBody = z.looseObject({
  ID: optionalString,
  CompanyName: optionalString,
  FirstName: optionalString,
  LastName: optionalString,
  Street1: z.string().min(1).optional(),
  Street2: optionalString,
  City: z.string().min(1).optional(),
  State: optionalString,
  Zip: optionalString,
  Country: z
    .string()
    .regex(/^[A-Za-z]{2}$/, 'must be a 2-letter country code')
    .optional(),
  Phone: optionalString,
  AddressName: optionalString,
  Shipping: optionalBoolean,
  Billing: optionalBoolean,
  xp: XpSchema.nullish(),
});

export function serializeUser(user: UserRecord) {
  return {
    ID: user.ID,
    CompanyID: user.BuyerID,
    Username: user.Username,
    FirstName: user.FirstName,
    LastName: user.LastName,
    Email: user.Email,
    Phone: user.Phone ?? null,
    Active: user.Active,
    DateCreated: user.DateCreated,
    AvailableRoles: user.Roles,
    xp: user.xp,
  };
}

export function serializeBuyerAddress(address: AddressRecord) {
  const { BuyerID: _b, UserID: _u, ...rest } = address;
  return rest;
}

function findBuyer(ctx: RouteContext): BuyerRecord {
  return findBuyerRecord(ctx, param(ctx, 'buyerID'));
}

function findUser(ctx: RouteContext, buyer: BuyerRecord): UserRecord {
  const id = param(ctx, 'userID');
  const user = ctx.state.users.get(id);
  if (!user || user.BuyerID !== buyer.ID) throw notFound('User', id);
  return user;
}

export function applyUser(ctx: RouteContext, user: UserRecord, rawBody: unknown, replace: boolean): void {
  const body = parseBody(UserBody, rawBody);
  if (body.Username !== undefined && body.Username !== user.Username) {
    const taken = [...ctx.state.users.values()].some(
      (u) => u.Username.toLowerCase() === body.Username?.toLowerCase() && u.ID !== user.ID,
    );
    if (taken)
      throw badRequest('User.UsernameMustBeUnique', 'Username already exists in this Buying Network.', {
        Username: body.Username,
      });
    user.Username = body.Username;
  }
  if (body.Password !== undefined) user.Password = body.Password;
  if (body.FirstName !== undefined || replace) user.FirstName = body.FirstName ?? '';
  if (body.LastName !== undefined || replace) user.LastName = body.LastName ?? '';
  if (body.Email !== undefined || replace) {
    const email = body.Email ?? '';
    if (email !== '' && !/^[^\s@]+@[^\s@]+$/.test(email))
      throw badRequest('InvalidRequest', 'Email is not a valid email address.', { Field: 'Email' });
    user.Email = email;
  }
  if (body.Phone !== undefined || replace) user.Phone = body.Phone;
  if (body.Active !== undefined) user.Active = body.Active;
  if (body.xp !== undefined) user.xp = replace ? (body.xp ?? {}) : deepMerge(user.xp, body.xp ?? {});
}

function createUser(
  ctx: RouteContext,
  buyer: BuyerRecord,
  rawBody: unknown,
  idFromPath?: string,
): UserRecord {
  const body = parseBody(UserBody, rawBody);
  if (!body.Username) throw badRequest('InvalidRequest', 'Username is required.', { Field: 'Username' });
  const user: UserRecord = {
    ID: newId(ctx, idFromPath ?? body.ID, (id) => ctx.state.users.has(id), 'User'),
    BuyerID: buyer.ID,
    Username: `pending-${ctx.core.newId(() => false)}`,
    FirstName: '',
    LastName: '',
    Email: '',
    Active: body.Active ?? true,
    DateCreated: nowIso(ctx),
    Roles: [...buyerDefaultRoles],
    xp: {},
  };
  applyUser(ctx, user, { ...(rawBody as object), Active: body.Active ?? true }, false);
  ctx.state.users.set(user.ID, user);
  return user;
}

export function createAddress(
  ctx: RouteContext,
  buyerId: string,
  userId: string | undefined,
  rawBody: unknown,
  idFromPath?: string,
): AddressRecord {
  const body = parseBody(AddressBody, rawBody);
  if (!body.Street1 || !body.City || !body.Country) {
    throw badRequest('InvalidRequest', 'Street1, City and Country are required.', {
      Fields: ['Street1', 'City', 'Country'],
    });
  }
  const address: AddressRecord = {
    ID: newId(ctx, idFromPath ?? body.ID, (id) => ctx.state.addresses.has(id), 'Address'),
    BuyerID: buyerId,
    UserID: userId,
    DateCreated: nowIso(ctx),
    CompanyName: body.CompanyName,
    FirstName: body.FirstName,
    LastName: body.LastName,
    Street1: body.Street1,
    Street2: body.Street2,
    City: body.City,
    State: body.State,
    Zip: body.Zip,
    Country: body.Country.toUpperCase(),
    Phone: body.Phone,
    AddressName: body.AddressName,
    Shipping: body.Shipping ?? true,
    Billing: body.Billing ?? true,
    xp: body.xp ?? {},
  };
  if (userId !== undefined && !address.Shipping && !address.Billing) {
    throw badRequest(
      'BuyerAddress.MustBeBillingOrShipping',
      'Address must be defined as either a billing or a shipping address.',
    );
  }
  ctx.state.addresses.set(address.ID, address);
  return address;
}

export function patchAddress(address: AddressRecord, rawBody: unknown, replace = false): void {
  const body = parseBody(AddressBody, rawBody);
  if (replace) {
    if (!body.Street1 || !body.City || !body.Country)
      throw badRequest('InvalidRequest', 'Street1, City and Country are required.', {
        Fields: ['Street1', 'City', 'Country'],
      });
    for (const key of [
      'CompanyName',
      'FirstName',
      'LastName',
      'Street2',
      'State',
      'Zip',
      'Phone',
      'AddressName',
    ] as const)
      address[key] = body[key];
    address.xp = body.xp ?? {};
  }
  for (const key of [
    'CompanyName',
    'FirstName',
    'LastName',
    'Street1',
    'Street2',
    'City',
    'State',
    'Zip',
    'Phone',
    'AddressName',
  ] as const) {
    const value = body[key];
    if (value !== undefined) address[key] = value;
  }
  if (body.Country) address.Country = body.Country.toUpperCase();
  if (body.Shipping !== undefined) address.Shipping = body.Shipping;
  if (body.Billing !== undefined) address.Billing = body.Billing;
  if (body.xp) address.xp = deepMerge(address.xp, body.xp);
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
        .map(serializeBuyerAddress);
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
      return serializeBuyerAddress(createAddress(ctx, findBuyer(ctx).ID, undefined, ctx.body));
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
      if (!address || address.BuyerID !== buyer.ID) throw notFound('Address', param(ctx, 'addressID'));
      return serializeBuyerAddress(address);
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
          return serializeBuyerAddress(createAddress(ctx, buyer.ID, undefined, ctx.body, id));
        if (!address || address.BuyerID !== buyer.ID) throw notFound('Address', id);
        patchAddress(address, ctx.body, verb === 'PUT');
        return serializeBuyerAddress(address);
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
