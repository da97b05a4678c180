import { z } from 'zod';
import { deepMerge, optionalBoolean, optionalString, parseBody, XpSchema } from '../api/body.ts';
import { newId, nowIso } from '../api/common.ts';
import type { CommerceContext } from '../api/context.ts';
import { badRequest } from '../errors.ts';
import type { AddressRecord } from '../state.ts';

// Buyer addresses (SDK model Address / BuyerAddress): a buyer's shared addresses, and a user's own ones
// saved through v1/me/addresses (which must be for shipping, billing, or both).
const AddressBody = z.looseObject({
  ID: optionalString,
  CompanyName: optionalString,
  FirstName: optionalString,
  LastName: optionalString,
  Street1: z.string().min(1).optional(),
  Street2: optionalString,
  City: z.string().min(1).optional(),
  State: optionalString,
  Zip: optionalString,
  Country: z
    .string()
    .regex(/^[A-Za-z]{2}$/, 'must be a 2-letter country code')
    .optional(),
  Phone: optionalString,
  AddressName: optionalString,
  Shipping: optionalBoolean,
  Billing: optionalBoolean,
  xp: XpSchema.nullish(),
});

const addressJson = (address: AddressRecord) => ({
  ID: address.ID,
  DateCreated: address.DateCreated,
  CompanyName: address.CompanyName ?? null,
  FirstName: address.FirstName ?? null,
  LastName: address.LastName ?? null,
  Street1: address.Street1,
  Street2: address.Street2 ?? null,
  City: address.City,
  State: address.State ?? null,
  Zip: address.Zip ?? null,
  Country: address.Country,
  Phone: address.Phone ?? null,
  AddressName: address.AddressName ?? null,
  xp: address.xp,
});

/** SDK model Address, as v1/buyers/{buyerID}/addresses returns it. */
export function serializeAddressRecord(address: AddressRecord) {
  return addressJson(address);
}

/** SDK model BuyerAddress, as v1/me/addresses returns it (Editable: the user's own). */
export function serializeBuyerAddress(address: AddressRecord) {
  return {
    ...addressJson(address),
    Shipping: address.Shipping,
    Billing: address.Billing,
    Editable: address.UserID !== undefined,
  };
}

export function createAddress(
  ctx: CommerceContext,
  buyerId: string,
  userId: string | undefined,
  rawBody: unknown,
  idFromPath?: string,
): AddressRecord {
  const body = parseBody(AddressBody, rawBody);
  if (!body.Street1 || !body.City || !body.Country) {
    throw badRequest('InvalidRequest', 'Street1, City and Country are required.', {
      Fields: ['Street1', 'City', 'Country'],
    });
  }
  const address: AddressRecord = {
    ID: newId(ctx, idFromPath ?? body.ID, (id) => ctx.state.addresses.has(id), 'Address'),
    BuyerID: buyerId,
    UserID: userId,
    DateCreated: nowIso(ctx),
    CompanyName: body.CompanyName,
    FirstName: body.FirstName,
    LastName: body.LastName,
    Street1: body.Street1,
    Street2: body.Street2,
    City: body.City,
    State: body.State,
    Zip: body.Zip,
    Country: body.Country.toUpperCase(),
    Phone: body.Phone,
    AddressName: body.AddressName,
    Shipping: body.Shipping ?? true,
    Billing: body.Billing ?? true,
    xp: body.xp ?? {},
  };
  if (userId !== undefined && !address.Shipping && !address.Billing) {
    throw badRequest(
      'BuyerAddress.MustBeBillingOrShipping',
      'Address must be defined as either a billing or a shipping address.',
    );
  }
  ctx.state.addresses.set(address.ID, address);
  return address;
}

export function patchAddress(address: AddressRecord, rawBody: unknown, replace = false): void {
  const body = parseBody(AddressBody, rawBody);
  if (replace) {
    if (!body.Street1 || !body.City || !body.Country)
      throw badRequest('InvalidRequest', 'Street1, City and Country are required.', {
        Fields: ['Street1', 'City', 'Country'],
      });
    for (const key of [
      'CompanyName',
      'FirstName',
      'LastName',
      'Street2',
      'State',
      'Zip',
      'Phone',
      'AddressName',
    ] as const)
      address[key] = body[key];
    address.xp = body.xp ?? {};
  }
  for (const key of [
    'CompanyName',
    'FirstName',
    'LastName',
    'Street1',
    'Street2',
    'City',
    'State',
    'Zip',
    'Phone',
    'AddressName',
  ] as const) {
    const value = body[key];
    if (value !== undefined) address[key] = value;
  }
  if (body.Country) address.Country = body.Country.toUpperCase();
  if (body.Shipping !== undefined) address.Shipping = body.Shipping;
  if (body.Billing !== undefined) address.Billing = body.Billing;
  if (body.xp) address.xp = deepMerge(address.xp, body.xp);
}
