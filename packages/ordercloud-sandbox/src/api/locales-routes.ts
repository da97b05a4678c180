import {
  assignLocale,
  deleteLocale,
  findLocale,
  saveLocale,
  serializeLocale,
  unassignLocale,
} from '../commerce/locales.ts';
import { firstParam } from './list-query.ts';
import { param, requireAdmin } from './common.ts';
import type { RouteContext, RouteDef } from './context.ts';
import { listItems } from './list-query.ts';

// HTTP only: v1/locales and v1/locales/assignments.
const readers = ['LocaleReader', 'LocaleAdmin'];
const admins = ['LocaleAdmin'];
const admin = (ctx: RouteContext) => requireAdmin(ctx.actor, admins);

export const localeRoutes: RouteDef[] = [
  {
    verb: 'GET',
    template: 'v1/locales',
    roles: readers,
    handler: (ctx) =>
      listItems({
        items: [...ctx.state.locales.values()].map((l) => serializeLocale(l, ctx.state.sellerId)),
        query: ctx.query,
        fields: ['ID', 'OwnerID', 'Currency', 'Language'],
      }),
  },
  {
    verb: 'POST',
    template: 'v1/locales',
    roles: admins,
    created: true,
    handler: (ctx) => {
      admin(ctx);
      return serializeLocale(saveLocale(ctx, ctx.body, { kind: 'create' }), ctx.state.sellerId);
    },
  },
  {
    verb: 'GET',
    template: 'v1/locales/assignments',
    roles: readers,
    handler: (ctx) => {
      const localeId = firstParam(ctx.query, 'localeID');
      const buyerId = firstParam(ctx.query, 'buyerID');
      const items = ctx.state.localeAssignments
        .filter((a) => (!localeId || a.LocaleID === localeId) && (!buyerId || a.BuyerID === buyerId))
        .map((a) => ({ LocaleID: a.LocaleID, BuyerID: a.BuyerID, UserGroupID: null }));
      return listItems({ items, query: {}, fields: ['LocaleID', 'BuyerID', 'UserGroupID'] });
    },
  },
  {
    verb: 'POST',
    template: 'v1/locales/assignments',
    roles: admins,
    handler: (ctx) => {
      admin(ctx);
      assignLocale(ctx, ctx.body);
      return undefined;
    },
  },
  {
    verb: 'DELETE',
    template: 'v1/locales/{localeID}/assignments',
    roles: admins,
    handler: (ctx) => {
      admin(ctx);
      unassignLocale(ctx, param(ctx, 'localeID'), firstParam(ctx.query, 'buyerID'));
      return undefined;
    },
  },
  {
    verb: 'GET',
    template: 'v1/locales/{localeID}',
    roles: readers,
    handler: (ctx) => serializeLocale(findLocale(ctx, param(ctx, 'localeID')), ctx.state.sellerId),
  },
  {
    verb: 'PUT',
    template: 'v1/locales/{localeID}',
    roles: admins,
    handler: (ctx) => {
      admin(ctx);
      return serializeLocale(
        saveLocale(ctx, ctx.body, { kind: 'put', id: param(ctx, 'localeID') }),
        ctx.state.sellerId,
      );
    },
  },
  {
    verb: 'PATCH',
    template: 'v1/locales/{localeID}',
    roles: admins,
    handler: (ctx) => {
      admin(ctx);
      const locale = findLocale(ctx, param(ctx, 'localeID'));
      return serializeLocale(saveLocale(ctx, ctx.body, { kind: 'patch', locale }), ctx.state.sellerId);
    },
  },
  {
    verb: 'DELETE',
    template: 'v1/locales/{localeID}',
    roles: admins,
    handler: (ctx) => {
      admin(ctx);
      deleteLocale(ctx, findLocale(ctx, param(ctx, 'localeID')));
      return undefined;
    },
  },
];
