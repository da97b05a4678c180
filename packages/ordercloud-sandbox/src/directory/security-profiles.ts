import { z } from 'zod';
import { optionalString, parseBody } from '../api/body.ts';
import { newId } from '../api/common.ts';
import type { CommerceContext } from '../api/context.ts';
import { badRequest, notFound } from '../errors.ts';
import type { SandboxState, SecurityProfileAssignmentRecord, SecurityProfileRecord } from '../state.ts';

// Security profiles (SDK model SecurityProfile: ID, Name, Roles, CustomRoles, PasswordConfig) and their
// assignments to the marketplace owner (no BuyerID/UserID), a buyer, or a buyer user
// (security-profiles.mdx). "If your user is assigned more than one security profile, the roles given to
// that user will be a union of the roles from every assigned security profile." A user with no profile
// assigned at any level keeps the roles the sandbox seeded (buyers: Shopper, MeAdmin…; admins: theirs).

const ProfileBody = z.looseObject({
  ID: optionalString,
  Name: z.string().min(1).optional(),
  Roles: z.array(z.string()).nullish(),
  CustomRoles: z.array(z.string()).nullish(),
  PasswordConfig: z.unknown().optional(),
});

export const ProfileAssignmentBody = z.looseObject({
  SecurityProfileID: z.string().min(1),
  BuyerID: optionalString,
  SupplierID: optionalString,
  UserID: optionalString,
  UserGroupID: optionalString,
});

export function findSecurityProfile(ctx: CommerceContext, id: string): SecurityProfileRecord {
  const profile = ctx.state.securityProfiles.get(id);
  if (!profile) throw notFound('SecurityProfile', id);
  return profile;
}

export function createSecurityProfile(
  ctx: CommerceContext,
  rawBody: unknown,
  idFromPath?: string,
): SecurityProfileRecord {
  const body = parseBody(ProfileBody, rawBody);
  if (!body.Name) throw badRequest('InvalidRequest', 'Name is required.', { Field: 'Name' });
  const profile: SecurityProfileRecord = {
    ID: newId(ctx, idFromPath ?? body.ID, (id) => ctx.state.securityProfiles.has(id), 'SecurityProfile'),
    Name: body.Name,
    Roles: body.Roles ?? [],
    CustomRoles: body.CustomRoles ?? [],
    PasswordConfig: body.PasswordConfig ?? null,
  };
  ctx.state.securityProfiles.set(profile.ID, profile);
  return profile;
}

export function updateSecurityProfile(
  profile: SecurityProfileRecord,
  rawBody: unknown,
  replace: boolean,
): void {
  const body = parseBody(ProfileBody, rawBody);
  if (replace && !body.Name) throw badRequest('InvalidRequest', 'Name is required.', { Field: 'Name' });
  if (body.Name) profile.Name = body.Name;
  if (body.Roles || replace) profile.Roles = body.Roles ?? [];
  if (body.CustomRoles || replace) profile.CustomRoles = body.CustomRoles ?? [];
  if (body.PasswordConfig !== undefined || replace) profile.PasswordConfig = body.PasswordConfig ?? null;
}

export function deleteSecurityProfile(ctx: CommerceContext, profile: SecurityProfileRecord): void {
  ctx.state.securityProfiles.delete(profile.ID);
  ctx.state.securityProfileAssignments = ctx.state.securityProfileAssignments.filter(
    (a) => a.SecurityProfileID !== profile.ID,
  );
}

export function saveSecurityProfileAssignment(ctx: CommerceContext, rawBody: unknown): void {
  const body = parseBody(ProfileAssignmentBody, rawBody);
  findSecurityProfile(ctx, body.SecurityProfileID);
  if (body.SupplierID || body.UserGroupID)
    throw badRequest('InvalidRequest', 'The sandbox has no suppliers or user groups to assign profiles to.');
  if (body.BuyerID && !ctx.state.buyers.has(body.BuyerID)) throw notFound('Buyer', body.BuyerID);
  if (body.UserID) {
    const user = ctx.state.users.get(body.UserID);
    const admin = ctx.state.adminUsers.get(body.UserID);
    if (body.BuyerID ? user?.BuyerID !== body.BuyerID : !admin) throw notFound('User', body.UserID);
  }
  const assignment: SecurityProfileAssignmentRecord = {
    SecurityProfileID: body.SecurityProfileID,
    ...(body.BuyerID ? { BuyerID: body.BuyerID } : {}),
    ...(body.UserID ? { UserID: body.UserID } : {}),
  };
  const same = (a: SecurityProfileAssignmentRecord) =>
    a.SecurityProfileID === assignment.SecurityProfileID &&
    a.BuyerID === assignment.BuyerID &&
    a.UserID === assignment.UserID;
  if (!ctx.state.securityProfileAssignments.some(same)) ctx.state.securityProfileAssignments.push(assignment);
}

export function deleteSecurityProfileAssignment(
  ctx: CommerceContext,
  profileId: string,
  filter: { buyerId?: string; userId?: string },
): void {
  ctx.state.securityProfileAssignments = ctx.state.securityProfileAssignments.filter(
    (a) =>
      !(
        a.SecurityProfileID === profileId &&
        (a.BuyerID ?? undefined) === filter.buyerId &&
        (a.UserID ?? undefined) === filter.userId
      ),
  );
}

/** The roles a user may be granted: the union of the profiles assigned to it, its buyer, or (for
 * marketplace users) the marketplace; undefined when none is assigned. */
export function profileRoles(
  state: SandboxState,
  user: { kind: 'admin' | 'buyer'; id: string; buyerId?: string },
): string[] | undefined {
  const applies = (a: SecurityProfileAssignmentRecord) =>
    user.kind === 'admin'
      ? a.BuyerID === undefined && (a.UserID === undefined || a.UserID === user.id)
      : a.BuyerID === user.buyerId && (a.UserID === undefined || a.UserID === user.id);
  const profiles = state.securityProfileAssignments
    .filter(applies)
    .map((a) => state.securityProfiles.get(a.SecurityProfileID))
    .filter((p): p is SecurityProfileRecord => p !== undefined);
  if (profiles.length === 0) return undefined;
  return [...new Set(profiles.flatMap((p) => [...p.Roles, ...p.CustomRoles]))];
}

export function serializeSecurityProfile(profile: SecurityProfileRecord) {
  return { ...profile, IsExternalRoleGroup: false };
}
