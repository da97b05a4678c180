import {
  createApiClient,
  deleteApiClient,
  findApiClient,
  saveApiClientAssignment,
  serializeApiClient,
  updateApiClient,
} from '../directory/api-clients.ts';
import { param, requireAdmin } from './common.ts';
import type { RouteDef } from './context.ts';
import { crudRoutes } from './crud.ts';
import { firstParam, listItems } from './list-query.ts';

// HTTP only: v1/apiclients and v1/apiclients/assignments.
export const apiClientRoutes: RouteDef[] = [
  {
    verb: 'GET',
    template: 'v1/apiclients/assignments',
    roles: ['ApiClientAdmin', 'ApiClientReader'],
    handler: (ctx) => {
      requireAdmin(ctx.actor, ['ApiClientReader']);
      const clientId = firstParam(ctx.query, 'apiClientID');
      const buyerId = firstParam(ctx.query, 'buyerID');
      const items = ctx.state.apiClientAssignments
        .filter((a) => (!clientId || a.ApiClientID === clientId) && (!buyerId || a.BuyerID === buyerId))
        .map((a) => ({ ApiClientID: a.ApiClientID, BuyerID: a.BuyerID, SupplierID: null }));
      return listItems({ items, query: {}, fields: ['ApiClientID', 'BuyerID'] });
    },
  },
  {
    verb: 'POST',
    template: 'v1/apiclients/assignments',
    roles: ['ApiClientAdmin'],
    handler: (ctx) => {
      requireAdmin(ctx.actor, ['ApiClientAdmin']);
      saveApiClientAssignment(ctx, ctx.body);
      return undefined;
    },
  },
  {
    verb: 'DELETE',
    template: 'v1/buyers/{buyerID}/ApiClients/Assignments/{apiClientID}',
    roles: ['ApiClientAdmin'],
    handler: (ctx) => {
      requireAdmin(ctx.actor, ['ApiClientAdmin']);
      const buyerId = param(ctx, 'buyerID');
      const clientId = param(ctx, 'apiClientID');
      ctx.state.apiClientAssignments = ctx.state.apiClientAssignments.filter(
        (a) => !(a.ApiClientID === clientId && a.BuyerID === buyerId),
      );
      return undefined;
    },
  },
  ...crudRoutes({
    base: 'v1/apiclients',
    idParam: 'apiClientID',
    readers: ['ApiClientAdmin', 'ApiClientReader'],
    admins: ['ApiClientAdmin'],
    adminOnlyRead: true,
    fields: ['ID', 'AppName', 'Active', 'IsAnonBuyer', 'AllowAnyBuyer', 'AllowSeller', 'xp'],
    list: (ctx) => [...ctx.state.apiClients.values()],
    find: (ctx, id) => findApiClient(ctx, id),
    exists: (ctx, id) => ctx.state.apiClients.get(id),
    create: createApiClient,
    update: updateApiClient,
    remove: deleteApiClient,
    serialize: (ctx, c) => serializeApiClient(c, ctx.state),
  }),
];
