import { findBuyerRecord } from '../directory/buyers.ts';
import {
  createUserGroup,
  deleteUserGroup,
  deleteUserGroupAssignment,
  findUserGroup,
  requireUserGroup,
  saveUserGroupAssignment,
  serializeUserGroup,
  updateUserGroup,
  userGroupsOf,
} from '../directory/user-groups.ts';
import { param, requireAdmin } from './common.ts';
import type { RouteContext, RouteDef } from './context.ts';
import { crudRoutes } from './crud.ts';
import { firstParam, listItems } from './list-query.ts';

// HTTP only: a buyer's user groups and their members (src/directory/user-groups.ts), the routes of the
// SDK's UserGroups class. Roles: ApiRole UserGroupReader / UserGroupAdmin.
const readers = ['UserGroupReader', 'UserGroupAdmin'];
const admins = ['UserGroupAdmin'];
const buyerOf = (ctx: RouteContext) => findBuyerRecord(ctx, param(ctx, 'buyerID'));

export const userGroupRoutes: RouteDef[] = [
  {
    verb: 'GET',
    template: 'v1/buyers/{buyerID}/usergroups/assignments',
    roles: readers,
    handler: (ctx) => {
      requireAdmin(ctx.actor, readers);
      const buyer = buyerOf(ctx);
      // userGroupID, userID: the SDK's UserGroups.ListUserAssignments options.
      const groupId = firstParam(ctx.query, 'userGroupID');
      const userId = firstParam(ctx.query, 'userID');
      const items = ctx.state.userGroupAssignments
        .filter(
          (a) =>
            a.BuyerID === buyer.ID &&
            (!groupId || a.UserGroupID === groupId) &&
            (!userId || a.UserID === userId),
        )
        .map((a) => ({ UserGroupID: a.UserGroupID, UserID: a.UserID }));
      return listItems({ items, query: ctx.query, fields: ['UserGroupID', 'UserID'] });
    },
  },
  {
    verb: 'POST',
    template: 'v1/buyers/{buyerID}/usergroups/assignments',
    roles: admins,
    handler: (ctx) => {
      requireAdmin(ctx.actor, admins);
      saveUserGroupAssignment(ctx, buyerOf(ctx), ctx.body);
      return undefined;
    },
  },
  {
    verb: 'DELETE',
    template: 'v1/buyers/{buyerID}/usergroups/{userGroupID}/assignments/{userID}',
    roles: admins,
    handler: (ctx) => {
      requireAdmin(ctx.actor, admins);
      deleteUserGroupAssignment(ctx, buyerOf(ctx), param(ctx, 'userGroupID'), param(ctx, 'userID'));
      return undefined;
    },
  },
  ...crudRoutes({
    base: 'v1/buyers/{buyerID}/usergroups',
    idParam: 'userGroupID',
    readers,
    admins,
    adminOnlyRead: true,
    fields: ['ID', 'Name', 'Description', 'xp'],
    list: (ctx) => userGroupsOf(ctx, buyerOf(ctx).ID),
    find: (ctx, id) => requireUserGroup(ctx, buyerOf(ctx), id),
    exists: (ctx, id) => findUserGroup(ctx, buyerOf(ctx), id),
    create: (ctx, body, idFromPath) => createUserGroup(ctx, buyerOf(ctx), body, idFromPath),
    update: (_ctx, group, body, replace) => updateUserGroup(group, body, replace),
    remove: (ctx, group) => deleteUserGroup(ctx, group),
    serialize: (_ctx, group) => serializeUserGroup(group),
  }),
];
