import { z } from 'zod';
import { optionalBoolean, optionalString, parseBody, priceDecimal } from './body.ts';
import { findPriceSchedule, findProduct, serializePriceSchedule } from '../catalog/products.ts';
import { findBuyerRecord } from '../directory/buyers.ts';
import { requireUserGroup } from '../directory/user-groups.ts';
import { badRequest, notFound } from '../errors.ts';
import { param, requireAdmin } from './common.ts';
import type { RouteContext, RouteDef } from './context.ts';
import { firstParam, listItems } from './list-query.ts';

// HTTP only, the smaller corners of the resources a storefront and its integration touch: price
// breaks, address assignments, impersonation, moving users, the marketplace as the buyers' only
// seller, and what a marketplace without specs, variants, suppliers, bundles or approval rules answers
// (empty lists, NotFound for a named one) — the sandbox models none of those.
const empty = (ctx: RouteContext) => listItems({ items: [], query: ctx.query, fields: [] });
const missing = (type: string, idParam: string) => (ctx: RouteContext) => {
  throw notFound(type, param(ctx, idParam));
};

const PriceBreakBody = z.looseObject({
  Quantity: z.number().int().positive(),
  Price: z.number(),
  SalePrice: z.number().nullish(),
});

const AddressAssignmentBody = z.looseObject({
  AddressID: z.string().min(1),
  UserID: optionalString,
  UserGroupID: optionalString,
  IsShipping: optionalBoolean,
  IsBilling: optionalBoolean,
});

const ImpersonateBody = z.looseObject({
  ClientID: z.string().min(1),
  Roles: z.array(z.string()).nullish(),
  CustomRoles: z.array(z.string()).nullish(),
});

export const moreRoutes: RouteDef[] = [
  {
    verb: 'POST',
    template: 'v1/priceschedules/{priceScheduleID}/PriceBreaks',
    roles: ['PriceScheduleAdmin'],
    handler: (ctx) => {
      requireAdmin(ctx.actor, ['PriceScheduleAdmin']);
      const schedule = findPriceSchedule(ctx, param(ctx, 'priceScheduleID'));
      const body = parseBody(PriceBreakBody, ctx.body);
      schedule.PriceBreaks = [
        ...schedule.PriceBreaks.filter((b) => b.Quantity !== body.Quantity),
        {
          Quantity: body.Quantity,
          Price: priceDecimal(body.Price, 'Price'),
          ...(body.SalePrice != null ? { SalePrice: priceDecimal(body.SalePrice, 'SalePrice') } : {}),
        },
      ].sort((a, b) => a.Quantity - b.Quantity);
      return serializePriceSchedule(schedule);
    },
  },
  {
    verb: 'DELETE',
    template: 'v1/priceschedules/{priceScheduleID}/PriceBreaks',
    roles: ['PriceScheduleAdmin'],
    handler: (ctx) => {
      requireAdmin(ctx.actor, ['PriceScheduleAdmin']);
      const schedule = findPriceSchedule(ctx, param(ctx, 'priceScheduleID'));
      const quantity = Number(firstParam(ctx.query, 'quantity'));
      if (!Number.isInteger(quantity))
        throw badRequest('InvalidRequest', 'quantity is required.', { Field: 'quantity' });
      schedule.PriceBreaks = schedule.PriceBreaks.filter((b) => b.Quantity !== quantity);
      return undefined;
    },
  },
  {
    verb: 'GET',
    template: 'v1/buyers/{buyerID}/addresses/assignments',
    roles: ['AddressReader', 'AddressAdmin'],
    handler: (ctx) => {
      requireAdmin(ctx.actor, ['AddressReader']);
      const buyer = findBuyerRecord(ctx, param(ctx, 'buyerID'));
      const addressId = firstParam(ctx.query, 'addressID');
      const userId = firstParam(ctx.query, 'userID');
      // level (User, Group, Company), isShipping, isBilling, userGroupID: the SDK's
      // Addresses.ListAssignments options. A user filter lists the user's own assignments only.
      const level = firstParam(ctx.query, 'level')?.toLowerCase();
      const flag = (name: string) => {
        const value = firstParam(ctx.query, name)?.toLowerCase();
        return value === undefined || value === '' ? undefined : value === 'true';
      };
      const isShipping = flag('isShipping');
      const isBilling = flag('isBilling');
      const groupId = firstParam(ctx.query, 'userGroupID');
      const levelOf = (a: { UserID?: string; UserGroupID?: string }) =>
        a.UserID ? 'user' : a.UserGroupID ? 'group' : 'company';
      const items = ctx.state.addressAssignments
        .filter(
          (a) =>
            a.BuyerID === buyer.ID &&
            (!addressId || a.AddressID === addressId) &&
            (!userId || a.UserID === userId) &&
            (!groupId || a.UserGroupID === groupId) &&
            (!level || levelOf(a) === level) &&
            (isShipping === undefined || a.IsShipping === isShipping) &&
            (isBilling === undefined || a.IsBilling === isBilling),
        )
        .map((a) => ({
          AddressID: a.AddressID,
          UserID: a.UserID ?? null,
          UserGroupID: a.UserGroupID ?? null,
          IsShipping: a.IsShipping,
          IsBilling: a.IsBilling,
        }));
      return listItems({ items, query: {}, fields: ['AddressID', 'UserID'] });
    },
  },
  {
    verb: 'POST',
    template: 'v1/buyers/{buyerID}/addresses/assignments',
    roles: ['AddressAdmin'],
    handler: (ctx) => {
      requireAdmin(ctx.actor, ['AddressAdmin']);
      const buyer = findBuyerRecord(ctx, param(ctx, 'buyerID'));
      const body = parseBody(AddressAssignmentBody, ctx.body);
      const address = ctx.state.addresses.get(body.AddressID);
      if (!address || address.BuyerID !== buyer.ID) throw notFound('Address', body.AddressID);
      if (body.UserID && body.UserGroupID)
        throw badRequest('InvalidRequest', 'An address is assigned to a user or to a user group, not both.', {
          Field: 'UserGroupID',
        });
      if (body.UserGroupID) requireUserGroup(ctx, buyer, body.UserGroupID);
      if (body.UserID && ctx.state.users.get(body.UserID)?.BuyerID !== buyer.ID)
        throw notFound('User', body.UserID);
      ctx.state.addressAssignments = ctx.state.addressAssignments.filter(
        (a) =>
          !(
            a.BuyerID === buyer.ID &&
            a.AddressID === body.AddressID &&
            a.UserID === body.UserID &&
            a.UserGroupID === body.UserGroupID
          ),
      );
      ctx.state.addressAssignments.push({
        AddressID: body.AddressID,
        BuyerID: buyer.ID,
        ...(body.UserID ? { UserID: body.UserID } : {}),
        ...(body.UserGroupID ? { UserGroupID: body.UserGroupID } : {}),
        IsShipping: body.IsShipping ?? false,
        IsBilling: body.IsBilling ?? false,
      });
      return undefined;
    },
  },
  {
    verb: 'DELETE',
    template: 'v1/buyers/{buyerID}/addresses/{addressID}/assignments',
    roles: ['AddressAdmin'],
    handler: (ctx) => {
      requireAdmin(ctx.actor, ['AddressAdmin']);
      const buyerId = param(ctx, 'buyerID');
      const addressId = param(ctx, 'addressID');
      const userId = firstParam(ctx.query, 'userID');
      const groupId = firstParam(ctx.query, 'userGroupID');
      ctx.state.addressAssignments = ctx.state.addressAssignments.filter(
        (a) =>
          !(
            a.BuyerID === buyerId &&
            a.AddressID === addressId &&
            (!userId || a.UserID === userId) &&
            (!groupId || a.UserGroupID === groupId)
          ),
      );
      return undefined;
    },
  },
  {
    verb: 'POST',
    template: 'v1/buyers/{buyerID}/users/{userID}/accesstoken',
    roles: ['BuyerImpersonation'],
    handler: async (ctx) => {
      requireAdmin(ctx.actor, ['BuyerImpersonation']);
      const buyer = findBuyerRecord(ctx, param(ctx, 'buyerID'));
      const user = ctx.state.users.get(param(ctx, 'userID'));
      if (!user || user.BuyerID !== buyer.ID) throw notFound('User', param(ctx, 'userID'));
      const body = parseBody(ImpersonateBody, ctx.body);
      const client = ctx.state.apiClients.get(body.ClientID);
      if (!client) throw notFound('ApiClient', body.ClientID);
      const roles = [...(body.Roles ?? user.Roles), ...(body.CustomRoles ?? [])];
      const token = await ctx.core.tokens.issue({
        clientId: client.ID,
        username: user.Username,
        userId: user.ID,
        userType: 'buyer',
        roles,
        lifetimeSeconds: client.AccessTokenDuration * 60,
      });
      return {
        access_token: token,
        expires_in: client.AccessTokenDuration * 60,
        token_type: 'bearer',
        refresh_token: null,
      };
    },
  },
  {
    verb: 'POST',
    template: 'v1/buyers/{buyerID}/users/{userID}/moveto/{newBuyerID}',
    roles: ['BuyerUserAdmin'],
    handler: (ctx) => {
      requireAdmin(ctx.actor, ['BuyerUserAdmin']);
      const buyer = findBuyerRecord(ctx, param(ctx, 'buyerID'));
      const target = findBuyerRecord(ctx, param(ctx, 'newBuyerID'));
      const user = ctx.state.users.get(param(ctx, 'userID'));
      if (!user || user.BuyerID !== buyer.ID) throw notFound('User', param(ctx, 'userID'));
      // orders=None|Unsubmitted|All (UserOrderMoveOption): which of the user's orders move along.
      const move = (firstParam(ctx.query, 'orders') ?? 'None').toLowerCase();
      user.BuyerID = target.ID;
      for (const order of ctx.state.orders.values()) {
        if (order.FromUserID !== user.ID) continue;
        if (move === 'all' || (move === 'unsubmitted' && order.Status === 'Unsubmitted')) {
          order.FromCompanyID = target.ID;
          order.FromUser = { ...order.FromUser, CompanyID: target.ID };
        }
      }
      return { ...user, CompanyID: user.BuyerID };
    },
  },
  // Sign-in attempts never lock an account here, and tokens are checked by signature and expiry only.
  {
    verb: 'POST',
    template: 'v1/buyers/{buyerID}/users/{userID}/unlock',
    roles: ['BuyerUserAdmin'],
    handler: (ctx) => {
      if (!ctx.state.users.has(param(ctx, 'userID'))) throw notFound('User', param(ctx, 'userID'));
      return undefined;
    },
  },
  {
    verb: 'DELETE',
    template: 'v1/buyers/{buyerID}/users/{userID}/tokens',
    roles: ['BuyerUserAdmin'],
    handler: (ctx) => {
      if (!ctx.state.users.has(param(ctx, 'userID'))) throw notFound('User', param(ctx, 'userID'));
      return undefined;
    },
  },
  {
    verb: 'GET',
    template: 'v1/buyers/{buyerID}/sellers',
    roles: ['BuyerReader', 'BuyerAdmin'],
    handler: (ctx) => {
      findBuyerRecord(ctx, param(ctx, 'buyerID'));
      return listItems({
        items: [{ ID: ctx.state.sellerId, Name: 'Marketplace' }],
        query: ctx.query,
        fields: ['ID', 'Name'],
      });
    },
  },
  {
    verb: 'GET',
    template: 'v1/products/{productID}/suppliers',
    roles: ['ProductReader', 'ProductAdmin'],
    handler: (ctx) => {
      findProduct(ctx, param(ctx, 'productID'));
      return empty(ctx);
    },
  },
  ...(['PUT', 'DELETE'] as const).map(
    (verb): RouteDef => ({
      verb,
      template: 'v1/products/{productID}/suppliers/{supplierID}',
      roles: ['ProductAdmin'],
      handler: missing('Supplier', 'supplierID'),
    }),
  ),
  {
    verb: 'DELETE',
    template: 'v1/suppliers/{supplierID}/ApiClients/Assignments/{apiClientID}',
    roles: ['ApiClientAdmin'],
    handler: missing('Supplier', 'supplierID'),
  },
  {
    verb: 'GET',
    template: 'v1/catalogs/bundleassignments',
    roles: ['CatalogReader', 'CatalogAdmin'],
    handler: empty,
  },
  {
    verb: 'POST',
    template: 'v1/catalogs/bundleassignments',
    roles: ['CatalogAdmin'],
    handler: (ctx) => {
      const id = (ctx.body as { BundleID?: string } | null)?.BundleID ?? '';
      throw notFound('Bundle', id);
    },
  },
  {
    verb: 'DELETE',
    template: 'v1/catalogs/{catalogID}/bundleassignments/{bundleID}',
    roles: ['CatalogAdmin'],
    handler: missing('Bundle', 'bundleID'),
  },
  {
    verb: 'POST',
    template: 'v1/cart/bundles/{bundleID}',
    roles: ['Shopper'],
    handler: missing('Bundle', 'bundleID'),
  },
  {
    verb: 'DELETE',
    template: 'v1/cart/bundles/{bundleID}/{lineItemID}',
    roles: ['Shopper'],
    handler: missing('Bundle', 'bundleID'),
  },
  ...['approvals', 'eligibleapprovers'].map(
    (list): RouteDef => ({
      verb: 'GET',
      template: `v1/orderreturns/{returnID}/${list}`,
      roles: ['OrderAdmin', 'OrderReader', 'Shopper'],
      handler: (ctx) => {
        if (!ctx.state.orderReturns.has(param(ctx, 'returnID')))
          throw notFound('OrderReturn', param(ctx, 'returnID'));
        return empty(ctx);
      },
    }),
  ),
];
