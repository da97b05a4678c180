import { z } from 'zod';
import { optionalString, parseBody } from '../api/body.ts';
import { newId } from '../api/common.ts';
import type { CommerceContext } from '../api/context.ts';
import { badRequest, notFound } from '../errors.ts';
import type { LocaleRecord } from '../state.ts';

// Locales (SDK model Locale: ID, OwnerID, Currency, Language) and their buyer assignments. A buyer's
// orders take the currency of the locale assigned to it (locale-how-to-globalize-your-ecommerce.mdx);
// without one, USD (a guess: OrderCloud's default currency is not documented).
const LocaleBody = z.looseObject({
  ID: optionalString,
  OwnerID: optionalString,
  Currency: z
    .string()
    .regex(/^[A-Za-z]{3}$/, 'must be a 3-letter ISO 4217 code')
    .nullish()
    .transform((v) => v?.toUpperCase() ?? undefined),
  Language: optionalString,
});

export const LocaleAssignmentBody = z.looseObject({
  LocaleID: z.string().min(1),
  BuyerID: optionalString,
  UserGroupID: optionalString,
});

export function findLocale(ctx: CommerceContext, id: string): LocaleRecord {
  const locale = ctx.state.locales.get(id);
  if (!locale) throw notFound('Locale', id);
  return locale;
}

export function saveLocale(
  ctx: CommerceContext,
  rawBody: unknown,
  mode: { kind: 'create' } | { kind: 'put'; id: string } | { kind: 'patch'; locale: LocaleRecord },
): LocaleRecord {
  const body = parseBody(LocaleBody, rawBody);
  const existing =
    mode.kind === 'patch' ? mode.locale : mode.kind === 'put' ? ctx.state.locales.get(mode.id) : undefined;
  const currency = body.Currency ?? (mode.kind === 'patch' ? existing?.Currency : undefined);
  if (!currency) throw badRequest('InvalidRequest', 'Currency is required.', { Field: 'Currency' });
  const id =
    mode.kind === 'create'
      ? newId(ctx, body.ID, (candidate) => ctx.state.locales.has(candidate), 'Locale')
      : mode.kind === 'put'
        ? mode.id
        : mode.locale.ID;
  const locale: LocaleRecord = {
    ID: id,
    Currency: currency,
    Language: body.Language ?? (mode.kind === 'patch' ? existing?.Language : undefined),
  };
  ctx.state.locales.set(id, locale);
  return locale;
}

export function deleteLocale(ctx: CommerceContext, locale: LocaleRecord): void {
  ctx.state.locales.delete(locale.ID);
  ctx.state.localeAssignments = ctx.state.localeAssignments.filter((a) => a.LocaleID !== locale.ID);
}

/** One locale per buyer: a new assignment replaces the buyer's previous one. */
export function assignLocale(ctx: CommerceContext, rawBody: unknown): void {
  const body = parseBody(LocaleAssignmentBody, rawBody);
  findLocale(ctx, body.LocaleID);
  if (!body.BuyerID) throw badRequest('InvalidRequest', 'BuyerID is required.', { Field: 'BuyerID' });
  if (!ctx.state.buyers.has(body.BuyerID)) throw notFound('Buyer', body.BuyerID);
  ctx.state.localeAssignments = ctx.state.localeAssignments.filter((a) => a.BuyerID !== body.BuyerID);
  ctx.state.localeAssignments.push({ LocaleID: body.LocaleID, BuyerID: body.BuyerID });
}

export function unassignLocale(ctx: CommerceContext, localeId: string, buyerId: string | undefined): void {
  ctx.state.localeAssignments = ctx.state.localeAssignments.filter(
    (a) => !(a.LocaleID === localeId && (buyerId === undefined || a.BuyerID === buyerId)),
  );
}

export function serializeLocale(locale: LocaleRecord, sellerId: string) {
  return { ID: locale.ID, OwnerID: sellerId, Currency: locale.Currency, Language: locale.Language ?? null };
}
