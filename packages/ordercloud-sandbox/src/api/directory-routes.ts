import { z } from 'zod';
import { buyerDefaultRoles } from '../auth/actor.ts';
import { badRequest, notFound } from '../errors.ts';
import type { AddressRecord, ApiClientRecord, BuyerRecord, SandboxState, UserRecord } from '../state.ts';
import { deepMerge, optionalBoolean, optionalString, parseBody, XpSchema } from './body.ts';
import { newId, nowIso, param, requireAdmin } from './common.ts';
import type { RouteContext, RouteDef } from './context.ts';
import { listItems } from './list-query.ts';
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

const BuyerBody = z.looseObject({
  ID: optionalString,
  Name: z.string().min(1).optional(),
  Active: optionalBoolean,
  DefaultCatalogID: optionalString,
  xp: XpSchema.nullish(),
});

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

export function serializeBuyer(buyer: BuyerRecord) {
  return { ...buyer, DefaultCatalogID: buyer.DefaultCatalogID ?? null };
}

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
  const id = param(ctx, 'buyerID');
  const buyer = ctx.state.buyers.get(id);
  if (!buyer || (ctx.actor.kind === 'buyer' && ctx.actor.buyerId !== id)) throw notFound('Buyer', id);
  return buyer;
}

function findUser(ctx: RouteContext, buyer: BuyerRecord): UserRecord {
  const id = param(ctx, 'userID');
  const user = ctx.state.users.get(id);
  if (!user || user.BuyerID !== buyer.ID) throw notFound('User', id);
  return user;
}

function applyUser(ctx: RouteContext, user: UserRecord, rawBody: unknown, replace: boolean): void {
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

function createAddress(
  ctx: RouteContext,
  buyerId: string,
  userId: string | undefined,
  rawBody: unknown,
): AddressRecord {
  const body = parseBody(AddressBody, rawBody);
  if (!body.Street1 || !body.City || !body.Country) {
    throw badRequest('InvalidRequest', 'Street1, City and Country are required.', {
      Fields: ['Street1', 'City', 'Country'],
    });
  }
  const address: AddressRecord = {
    ID: newId(ctx, body.ID, (id) => ctx.state.addresses.has(id), 'Address'),
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

function patchAddress(address: AddressRecord, rawBody: unknown): void {
  const body = parseBody(AddressBody, rawBody);
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
  {
    verb: 'GET',
    template: 'v1/buyers',
    roles: ['BuyerReader', 'BuyerAdmin'],
    handler: (ctx) =>
      listItems({
        items: [...ctx.state.buyers.values()]
          .filter((b) => ctx.actor.kind === 'admin' || b.ID === ctx.actor.buyerId)
          .map(serializeBuyer),
        query: ctx.query,
        fields: ['ID', 'Name', 'Active', 'DefaultCatalogID', 'DateCreated', 'xp'],
      }),
  },
  {
    verb: 'POST',
    template: 'v1/buyers',
    roles: ['BuyerAdmin'],
    created: true,
    handler: (ctx) => {
      adminOnly(['BuyerAdmin'])(ctx);
      const body = parseBody(BuyerBody, ctx.body);
      if (!body.Name) throw badRequest('InvalidRequest', 'Name is required.', { Field: 'Name' });
      const buyer: BuyerRecord = {
        ID: newId(ctx, body.ID, (id) => ctx.state.buyers.has(id) || id === ctx.state.sellerId, 'Buyer'),
        Name: body.Name,
        Active: body.Active ?? true,
        DefaultCatalogID: body.DefaultCatalogID,
        DateCreated: nowIso(ctx),
        xp: body.xp ?? {},
      };
      ctx.state.buyers.set(buyer.ID, buyer);
      return serializeBuyer(buyer);
    },
  },
  {
    verb: 'GET',
    template: 'v1/buyers/{buyerID}',
    roles: ['BuyerReader', 'BuyerAdmin'],
    handler: (ctx) => serializeBuyer(findBuyer(ctx)),
  },
  {
    verb: 'PATCH',
    template: 'v1/buyers/{buyerID}',
    roles: ['BuyerAdmin'],
    handler: (ctx) => {
      adminOnly(['BuyerAdmin'])(ctx);
      const buyer = findBuyer(ctx);
      const body = parseBody(BuyerBody, ctx.body);
      if (body.Name) buyer.Name = body.Name;
      if (body.Active !== undefined) buyer.Active = body.Active;
      if (body.xp) buyer.xp = deepMerge(buyer.xp, body.xp);
      return serializeBuyer(buyer);
    },
  },
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
      const buyer = findBuyer(ctx);
      const body = parseBody(UserBody, ctx.body);
      if (!body.Username) throw badRequest('InvalidRequest', 'Username is required.', { Field: 'Username' });
      const user: UserRecord = {
        ID: newId(ctx, body.ID, (id) => ctx.state.users.has(id), 'User'),
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
      applyUser(ctx, user, { ...(ctx.body as object), Active: body.Active ?? true }, false);
      ctx.state.users.set(user.ID, user);
      return serializeUser(user);
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
        const user = findUser(ctx, findBuyer(ctx));
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
        const address = ctx.state.addresses.get(param(ctx, 'addressID'));
        if (!address || address.BuyerID !== buyer.ID) throw notFound('Address', param(ctx, 'addressID'));
        patchAddress(address, ctx.body);
        return serializeBuyerAddress(address);
      },
    }),
  ),
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

const ApiClientBody = z.looseObject({
  ID: optionalString,
  ClientSecret: optionalString,
  AppName: z.string().min(1).optional(),
  Active: optionalBoolean,
  AccessTokenDuration: z.number().int().positive().nullish(),
  RefreshTokenDuration: z.number().int().nonnegative().nullish(),
  DefaultContextUserName: optionalString,
  IsAnonBuyer: optionalBoolean,
  AllowSeller: optionalBoolean,
  OrderCheckoutIntegrationEventID: optionalString,
  OrderReturnIntegrationEventID: optionalString,
  AddToCartIntegrationEventID: optionalString,
  xp: XpSchema.nullish(),
});

const integrationEventFields = [
  ['OrderCheckoutIntegrationEventID', 'OrderCheckout'],
  ['OrderReturnIntegrationEventID', 'OrderReturn'],
  ['AddToCartIntegrationEventID', 'AddToCart'],
] as const;

export function serializeApiClient(client: ApiClientRecord, state?: SandboxState) {
  const { Roles: _roles, ...rest } = client;
  const eventName = (id: string | undefined) =>
    id ? (state?.integrationEvents.get(id)?.Name ?? null) : null;
  return {
    ...rest,
    ClientSecret: client.ClientSecret ?? null,
    DefaultContextUserName: client.DefaultContextUserName ?? null,
    AllowAnyBuyer: true,
    OrderCheckoutIntegrationEventID: client.OrderCheckoutIntegrationEventID ?? null,
    OrderCheckoutIntegrationEventName: eventName(client.OrderCheckoutIntegrationEventID),
    OrderReturnIntegrationEventID: client.OrderReturnIntegrationEventID ?? null,
    OrderReturnIntegrationEventName: eventName(client.OrderReturnIntegrationEventID),
    AddToCartIntegrationEventID: client.AddToCartIntegrationEventID ?? null,
    AddToCartIntegrationEventName: eventName(client.AddToCartIntegrationEventID),
  };
}

function applyApiClient(client: ApiClientRecord, rawBody: unknown, state: SandboxState): void {
  const body = parseBody(ApiClientBody, rawBody);
  const raw = (rawBody ?? {}) as Record<string, unknown>;
  for (const [key, type] of integrationEventFields) {
    if (!(key in raw)) continue;
    const id = body[key];
    if (id !== undefined) {
      const event = state.integrationEvents.get(id);
      if (!event) throw notFound('IntegrationEvent', id);
      if (event.EventType !== type)
        throw badRequest('InvalidRequest', `${key} must name an integration event of type ${type}.`, {
          IntegrationEventID: id,
          EventType: event.EventType,
        });
    }
    client[key] = id; // null clears it
  }
  if (body.ClientSecret !== undefined) client.ClientSecret = body.ClientSecret;
  if (body.AppName !== undefined) client.AppName = body.AppName;
  if (body.Active !== undefined) client.Active = body.Active;
  if (body.AccessTokenDuration != null) client.AccessTokenDuration = body.AccessTokenDuration;
  if (body.RefreshTokenDuration != null) client.RefreshTokenDuration = body.RefreshTokenDuration;
  if (body.DefaultContextUserName !== undefined) client.DefaultContextUserName = body.DefaultContextUserName;
  if (body.IsAnonBuyer !== undefined) client.IsAnonBuyer = body.IsAnonBuyer;
  if (body.AllowSeller !== undefined) client.AllowSeller = body.AllowSeller;
  if (body.xp) client.xp = deepMerge(client.xp, body.xp);
}

export const apiClientRoutes: RouteDef[] = [
  {
    verb: 'GET',
    template: 'v1/apiclients',
    roles: ['ApiClientAdmin', 'ApiClientReader'],
    handler: (ctx) => {
      adminOnly(['ApiClientReader'])(ctx);
      return listItems({
        items: [...ctx.state.apiClients.values()].map((c) => serializeApiClient(c, ctx.state)),
        query: ctx.query,
        fields: ['ID', 'AppName', 'Active', 'IsAnonBuyer', 'xp'],
      });
    },
  },
  {
    verb: 'POST',
    template: 'v1/apiclients',
    roles: ['ApiClientAdmin'],
    created: true,
    handler: (ctx) => {
      adminOnly(['ApiClientAdmin'])(ctx);
      const body = parseBody(ApiClientBody, ctx.body);
      if (!body.AppName) throw badRequest('InvalidRequest', 'AppName is required.', { Field: 'AppName' });
      const client: ApiClientRecord = {
        ID: newId(ctx, body.ID, (id) => ctx.state.apiClients.has(id), 'ApiClient'),
        AppName: body.AppName,
        Active: true,
        AccessTokenDuration: 600,
        RefreshTokenDuration: 0,
        IsAnonBuyer: false,
        AllowSeller: false,
        Roles: [],
        xp: {},
      };
      applyApiClient(client, ctx.body, ctx.state);
      ctx.state.apiClients.set(client.ID, client);
      return serializeApiClient(client, ctx.state);
    },
  },
  {
    verb: 'GET',
    template: 'v1/apiclients/{apiClientID}',
    roles: ['ApiClientAdmin', 'ApiClientReader'],
    handler: (ctx) => {
      adminOnly(['ApiClientReader'])(ctx);
      const client = ctx.state.apiClients.get(param(ctx, 'apiClientID'));
      if (!client) throw notFound('ApiClient', param(ctx, 'apiClientID'));
      return serializeApiClient(client, ctx.state);
    },
  },
  {
    verb: 'PATCH',
    template: 'v1/apiclients/{apiClientID}',
    roles: ['ApiClientAdmin'],
    handler: (ctx) => {
      adminOnly(['ApiClientAdmin'])(ctx);
      const client = ctx.state.apiClients.get(param(ctx, 'apiClientID'));
      if (!client) throw notFound('ApiClient', param(ctx, 'apiClientID'));
      applyApiClient(client, ctx.body, ctx.state);
      return serializeApiClient(client, ctx.state);
    },
  },
  {
    verb: 'DELETE',
    template: 'v1/apiclients/{apiClientID}',
    roles: ['ApiClientAdmin'],
    handler: (ctx) => {
      adminOnly(['ApiClientAdmin'])(ctx);
      if (!ctx.state.apiClients.delete(param(ctx, 'apiClientID')))
        throw notFound('ApiClient', param(ctx, 'apiClientID'));
      return undefined;
    },
  },
];
