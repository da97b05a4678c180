import {
  createSecurityProfile,
  deleteSecurityProfile,
  deleteSecurityProfileAssignment,
  findSecurityProfile,
  saveSecurityProfileAssignment,
  serializeSecurityProfile,
  updateSecurityProfile,
} from '../directory/security-profiles.ts';
import { param, requireAdmin } from './common.ts';
import type { RouteDef } from './context.ts';
import { crudRoutes } from './crud.ts';
import { firstParam, listItems } from './list-query.ts';

// HTTP only: v1/securityprofiles and their assignments.
const readers = ['SecurityProfileReader', 'SecurityProfileAdmin'];
const admins = ['SecurityProfileAdmin'];

export const securityProfileRoutes: RouteDef[] = [
  {
    verb: 'GET',
    template: 'v1/securityprofiles/assignments',
    roles: readers,
    handler: (ctx) => {
      requireAdmin(ctx.actor, readers);
      const profileId = firstParam(ctx.query, 'securityProfileID');
      const buyerId = firstParam(ctx.query, 'buyerID');
      const userId = firstParam(ctx.query, 'userID');
      const items = ctx.state.securityProfileAssignments
        .filter(
          (a) =>
            (!profileId || a.SecurityProfileID === profileId) &&
            (!buyerId || a.BuyerID === buyerId) &&
            (!userId || a.UserID === userId),
        )
        .map((a) => ({
          SecurityProfileID: a.SecurityProfileID,
          BuyerID: a.BuyerID ?? null,
          SupplierID: null,
          UserID: a.UserID ?? null,
          UserGroupID: null,
        }));
      return listItems({ items, query: {}, fields: ['SecurityProfileID', 'BuyerID', 'UserID'] });
    },
  },
  {
    verb: 'POST',
    template: 'v1/securityprofiles/assignments',
    roles: admins,
    handler: (ctx) => {
      requireAdmin(ctx.actor, admins);
      saveSecurityProfileAssignment(ctx, ctx.body);
      return undefined;
    },
  },
  {
    verb: 'DELETE',
    template: 'v1/securityprofiles/{securityProfileID}/assignments',
    roles: admins,
    handler: (ctx) => {
      requireAdmin(ctx.actor, admins);
      deleteSecurityProfileAssignment(ctx, param(ctx, 'securityProfileID'), {
        buyerId: firstParam(ctx.query, 'buyerID'),
        userId: firstParam(ctx.query, 'userID'),
      });
      return undefined;
    },
  },
  ...crudRoutes({
    base: 'v1/securityprofiles',
    idParam: 'securityProfileID',
    readers,
    admins,
    adminOnlyRead: true,
    fields: ['ID', 'Name', 'Roles', 'CustomRoles'],
    list: (ctx) => [...ctx.state.securityProfiles.values()],
    find: (ctx, id) => findSecurityProfile(ctx, id),
    exists: (ctx, id) => ctx.state.securityProfiles.get(id),
    create: createSecurityProfile,
    update: (_ctx, profile, body, replace) => updateSecurityProfile(profile, body, replace),
    remove: deleteSecurityProfile,
    serialize: (_ctx, p) => serializeSecurityProfile(p),
  }),
];
