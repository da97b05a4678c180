import { z } from 'zod';
import { optionalString, parseBody, XpSchema } from '../api/body.ts';
import { invalidateCalculation, nowIso, requireUnsubmitted, touch } from '../api/common.ts';
import type { CommerceContext } from '../api/context.ts';
import { invalidRequest } from '../errors.ts';
import type { AddressSnapshot, LineItemRecord, OrderRecord } from '../state.ts';

// One-off addresses on an order: bill-to on the order, ship-to on a line or on every line
// (Orders.SetShippingAddress). PUT replaces the address; PATCH merges into the current one. Either
// changes what shipping and tax depend on, so estimates and the calculation are nulled.
const AddressBody = z.looseObject({
  ID: optionalString,
  CompanyName: optionalString,
  FirstName: optionalString,
  LastName: optionalString,
  Street1: optionalString,
  Street2: optionalString,
  City: optionalString,
  State: optionalString,
  Zip: optionalString,
  Country: z
    .string()
    .regex(/^[A-Za-z]{2}$/, 'must be a 2-letter country code')
    .nullish()
    .transform((v) => v ?? undefined),
  Phone: optionalString,
  AddressName: optionalString,
  xp: XpSchema.nullish(),
});

function snapshot(
  ctx: CommerceContext,
  current: AddressSnapshot | undefined,
  rawBody: unknown,
  patch: boolean,
): AddressSnapshot {
  const body = parseBody(AddressBody, rawBody);
  const base = patch && current ? current : undefined;
  const merged = {
    ...(base ?? {}),
    ...Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)),
  } as Partial<AddressSnapshot>;
  if (!merged.Street1 || !merged.City || !merged.Country)
    throw invalidRequest('Street1, City and Country are required.', {
      Fields: ['Street1', 'City', 'Country'],
    });
  return {
    ...merged,
    Street1: merged.Street1,
    City: merged.City,
    Country: merged.Country.toUpperCase(),
    DateCreated: base?.DateCreated ?? nowIso(ctx),
    xp: merged.xp ?? {},
  };
}

export function setBillingAddress(
  ctx: CommerceContext,
  order: OrderRecord,
  rawBody: unknown,
  patch: boolean,
): void {
  requireUnsubmitted(order, 'change the billing address');
  order.BillingAddress = snapshot(ctx, order.BillingAddress, rawBody, patch);
  order.BillingAddressID = undefined;
  invalidateCalculation(order, { shipping: true });
  touch(ctx, order);
}

export function setShippingAddress(
  ctx: CommerceContext,
  order: OrderRecord,
  lines: LineItemRecord[],
  rawBody: unknown,
  patch: boolean,
): void {
  requireUnsubmitted(order, 'change shipping addresses');
  for (const line of lines) {
    line.ShippingAddress = snapshot(ctx, line.ShippingAddress, rawBody, patch);
    line.ShippingAddressID = undefined;
  }
  invalidateCalculation(order, { shipping: true });
  touch(ctx, order);
}
