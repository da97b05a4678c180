import { z } from 'zod';
import { deepMerge, optionalString, parseBody, XpSchema } from '../api/body.ts';
import { newId, nowIso } from '../api/common.ts';
import type { CommerceContext } from '../api/context.ts';
import { buyerDefaultRoles } from '../auth/actor.ts';
import { userSnapshot } from '../commerce/order-records.ts';
import { badRequest, notFound, unauthorized } from '../errors.ts';
import type { CreditCardRecord, OrderRecord, UserRecord } from '../state.ts';

// What a signed-in buyer does to their own account: saved cards (the token only — the sandbox never
// sees card numbers), registering from an anonymous session, and taking the anonymous cart along.

const CardBody = z.looseObject({
  ID: optionalString,
  Token: optionalString,
  CardType: optionalString,
  PartialAccountNumber: optionalString,
  CardholderName: optionalString,
  ExpirationDate: optionalString,
  xp: XpSchema.nullish(),
});

function cardsOf(ctx: CommerceContext): Map<string, CreditCardRecord> {
  const userId = ctx.actor.userId;
  let cards = ctx.state.creditCards.get(userId);
  if (!cards) {
    cards = new Map();
    ctx.state.creditCards.set(userId, cards);
  }
  return cards;
}

export function listCards(ctx: CommerceContext): CreditCardRecord[] {
  return [...cardsOf(ctx).values()];
}

export function findCard(ctx: CommerceContext, id: string): CreditCardRecord {
  const card = cardsOf(ctx).get(id);
  if (!card) throw notFound('CreditCard', id);
  return card;
}

export function saveCard(
  ctx: CommerceContext,
  rawBody: unknown,
  target: { id?: string; patch?: CreditCardRecord },
): CreditCardRecord {
  const body = parseBody(CardBody, rawBody);
  const cards = cardsOf(ctx);
  const existing = target.patch ?? (target.id ? cards.get(target.id) : undefined);
  const card: CreditCardRecord = existing ?? {
    ID: newId(ctx, target.id ?? body.ID, (id) => cards.has(id), 'CreditCard'),
    DateCreated: nowIso(ctx),
    xp: {},
  };
  const replace = !target.patch && existing !== undefined;
  for (const key of [
    'Token',
    'CardType',
    'PartialAccountNumber',
    'CardholderName',
    'ExpirationDate',
  ] as const) {
    if (body[key] !== undefined || replace) card[key] = body[key];
  }
  if (body.xp !== undefined || replace)
    card.xp = target.patch ? deepMerge(card.xp, body.xp ?? {}) : (body.xp ?? {});
  cards.set(card.ID, card);
  return card;
}

export function deleteCard(ctx: CommerceContext, card: CreditCardRecord): void {
  cardsOf(ctx).delete(card.ID);
}

const RegisterBody = z.looseObject({
  ID: optionalString,
  Username: z.string().min(1),
  Password: optionalString,
  FirstName: optionalString,
  LastName: optionalString,
  Email: optionalString,
  Phone: optionalString,
  xp: XpSchema.nullish(),
});

/** PUT v1/me/register with an anonymous token: a new user in the anonymous user's buyer. */
export function registerAnonymous(ctx: CommerceContext, rawBody: unknown): UserRecord {
  const { actor, state } = ctx;
  if (actor.kind !== 'buyer' || !actor.anonymousOrderId || !actor.buyerId)
    throw badRequest('User.IsNotTemp', 'Only an anonymous shopper can register.');
  const body = parseBody(RegisterBody, rawBody);
  if ([...state.users.values()].some((u) => u.Username.toLowerCase() === body.Username.toLowerCase()))
    throw badRequest('User.UsernameMustBeUnique', 'Username already exists in this Buying Network.', {
      Username: body.Username,
    });
  const user: UserRecord = {
    ID: newId(ctx, body.ID, (id) => state.users.has(id), 'User'),
    BuyerID: actor.buyerId,
    Username: body.Username,
    Password: body.Password,
    FirstName: body.FirstName ?? '',
    LastName: body.LastName ?? '',
    Email: body.Email ?? '',
    Phone: body.Phone,
    Active: true,
    DateCreated: nowIso(ctx),
    Roles: [...buyerDefaultRoles],
    xp: body.xp ?? {},
  };
  state.users.set(user.ID, user);
  return user;
}

/** PUT v1/me/orders?anonUserToken=…: the anonymous shopper's unsubmitted order becomes the caller's. */
export async function transferAnonymousOrder(
  ctx: CommerceContext,
  anonymousToken: string | undefined,
): Promise<OrderRecord | undefined> {
  if (!anonymousToken)
    throw badRequest('InvalidRequest', 'anonUserToken is required.', { Field: 'anonUserToken' });
  const claims = await ctx.core.tokens.verify(anonymousToken);
  if (!claims?.orderid) throw unauthorized('anonUserToken is not an anonymous shopper token.');
  const order = ctx.state.orders.get(claims.orderid);
  const user = ctx.state.users.get(ctx.actor.userId);
  if (order?.Status !== 'Unsubmitted' || !user) return undefined;
  order.FromUserID = user.ID;
  order.FromCompanyID = user.BuyerID;
  order.FromUser = userSnapshot(user);
  order.LastUpdated = nowIso(ctx);
  return order;
}
