import { z } from 'zod';
import { deepMerge, optionalBoolean, optionalString, parseBody, XpSchema } from '../api/body.ts';
import { newId, nowIso } from '../api/common.ts';
import type { CommerceContext } from '../api/context.ts';
import { buyerDefaultRoles } from '../auth/actor.ts';
import { badRequest } from '../errors.ts';
import type { BuyerRecord, UserRecord } from '../state.ts';

// Buyer users (SDK model User). Usernames are unique across the marketplace ("Username already exists
// in this Buying Network"); user IDs are too in the sandbox (a guess that refuses nothing OrderCloud's
// per-buyer IDs would accept, except one ID reused in two buyers).
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
    // Not tracked by the sandbox: no terms, sign-in history, password ageing or user locales.
    FailedLoginAttempts: 0,
    TermsAccepted: null,
    Locale: null,
    LastActive: null,
    PasswordLastSetDate: null,
    xp: user.xp,
  };
}

export function applyUser(ctx: CommerceContext, user: UserRecord, rawBody: unknown, replace: boolean): void {
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

export function createUser(
  ctx: CommerceContext,
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
