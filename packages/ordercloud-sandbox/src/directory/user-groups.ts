import { z } from 'zod';
import { deepMerge, optionalString, parseBody, XpSchema } from '../api/body.ts';
import { newId } from '../api/common.ts';
import type { CommerceContext } from '../api/context.ts';
import { badRequest, notFound } from '../errors.ts';
import type { BuyerRecord, UserGroupRecord } from '../state.ts';

// A buyer's user groups and their members (SDK models UserGroup, UserGroupAssignment; SDK class
// UserGroups). Sources and guesses: README "User groups".

const GroupBody = z.looseObject({
  ID: optionalString,
  Name: z.string().min(1).optional(),
  Description: optionalString,
  xp: XpSchema.nullish(),
});

export const UserGroupAssignmentBody = z.looseObject({
  UserGroupID: z.string().min(1),
  UserID: z.string().min(1),
});

const keyOf = (buyerId: string, groupId: string) => `${buyerId}/${groupId}`;

export function serializeUserGroup(group: UserGroupRecord) {
  return { ID: group.ID, Name: group.Name, Description: group.Description ?? null, xp: group.xp };
}

export function userGroupsOf(ctx: CommerceContext, buyerId: string): UserGroupRecord[] {
  return [...ctx.state.userGroups.values()].filter((g) => g.BuyerID === buyerId);
}

export function findUserGroup(
  ctx: CommerceContext,
  buyer: BuyerRecord,
  groupId: string,
): UserGroupRecord | undefined {
  return ctx.state.userGroups.get(keyOf(buyer.ID, groupId));
}

export function requireUserGroup(ctx: CommerceContext, buyer: BuyerRecord, groupId: string): UserGroupRecord {
  const group = findUserGroup(ctx, buyer, groupId);
  if (!group) throw notFound('UserGroup', groupId);
  return group;
}

export function createUserGroup(
  ctx: CommerceContext,
  buyer: BuyerRecord,
  rawBody: unknown,
  idFromPath?: string,
): UserGroupRecord {
  const body = parseBody(GroupBody, rawBody);
  if (!body.Name) throw badRequest('InvalidRequest', 'Name is required.', { Field: 'Name' });
  const group: UserGroupRecord = {
    ID: newId(ctx, idFromPath ?? body.ID, (id) => ctx.state.userGroups.has(keyOf(buyer.ID, id)), 'UserGroup'),
    BuyerID: buyer.ID,
    Name: body.Name,
    xp: body.xp ?? {},
    ...(body.Description ? { Description: body.Description } : {}),
  };
  ctx.state.userGroups.set(keyOf(buyer.ID, group.ID), group);
  return group;
}

/** PATCH merges; PUT replaces the writable fields. */
export function updateUserGroup(group: UserGroupRecord, rawBody: unknown, replace: boolean): void {
  const body = parseBody(GroupBody, rawBody);
  if (replace && !body.Name) throw badRequest('InvalidRequest', 'Name is required.', { Field: 'Name' });
  if (body.Name !== undefined) group.Name = body.Name;
  if (body.Description !== undefined) group.Description = body.Description;
  else if (replace) delete group.Description;
  if (body.xp !== undefined || replace)
    group.xp = replace ? (body.xp ?? {}) : deepMerge(group.xp, body.xp ?? {});
}

/** A deleted group takes its memberships and its address assignments with it. */
export function deleteUserGroup(ctx: CommerceContext, group: UserGroupRecord): void {
  ctx.state.userGroups.delete(keyOf(group.BuyerID, group.ID));
  ctx.state.userGroupAssignments = ctx.state.userGroupAssignments.filter(
    (a) => !(a.BuyerID === group.BuyerID && a.UserGroupID === group.ID),
  );
  ctx.state.addressAssignments = ctx.state.addressAssignments.filter(
    (a) => !(a.BuyerID === group.BuyerID && a.UserGroupID === group.ID),
  );
}

/** Saving a membership twice keeps one. */
export function saveUserGroupAssignment(ctx: CommerceContext, buyer: BuyerRecord, rawBody: unknown): void {
  const body = parseBody(UserGroupAssignmentBody, rawBody);
  requireUserGroup(ctx, buyer, body.UserGroupID);
  if (ctx.state.users.get(body.UserID)?.BuyerID !== buyer.ID) throw notFound('User', body.UserID);
  const exists = ctx.state.userGroupAssignments.some(
    (a) => a.BuyerID === buyer.ID && a.UserGroupID === body.UserGroupID && a.UserID === body.UserID,
  );
  if (!exists)
    ctx.state.userGroupAssignments.push({
      BuyerID: buyer.ID,
      UserGroupID: body.UserGroupID,
      UserID: body.UserID,
    });
}

export function deleteUserGroupAssignment(
  ctx: CommerceContext,
  buyer: BuyerRecord,
  groupId: string,
  userId: string,
): void {
  requireUserGroup(ctx, buyer, groupId);
  ctx.state.userGroupAssignments = ctx.state.userGroupAssignments.filter(
    (a) => !(a.BuyerID === buyer.ID && a.UserGroupID === groupId && a.UserID === userId),
  );
}

/** The groups a user of the buyer belongs to. */
export function groupIdsOfUser(ctx: CommerceContext, buyerId: string, userId: string): string[] {
  return ctx.state.userGroupAssignments
    .filter((a) => a.BuyerID === buyerId && a.UserID === userId)
    .map((a) => a.UserGroupID);
}
