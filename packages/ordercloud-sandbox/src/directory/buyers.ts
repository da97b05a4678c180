import { z } from 'zod';
import { deepMerge, optionalBoolean, optionalString, parseBody, XpSchema } from '../api/body.ts';
import { newId, nowIso } from '../api/common.ts';
import type { CommerceContext } from '../api/context.ts';
import { assignCatalog, createDefaultCatalog } from '../catalog/catalogs.ts';
import { badRequest, notFound } from '../errors.ts';
import type { BuyerRecord } from '../state.ts';

// Buyer organisations (SDK model Buyer: ID, Name, DefaultCatalogID, Active, DateCreated, xp).
const BuyerBody = z.looseObject({
  ID: optionalString,
  Name: z.string().min(1).optional(),
  Active: optionalBoolean,
  DefaultCatalogID: optionalString,
  xp: XpSchema.nullish(),
});

export function serializeBuyer(buyer: BuyerRecord) {
  return { ...buyer, DefaultCatalogID: buyer.DefaultCatalogID ?? null };
}

export function findBuyerRecord(ctx: CommerceContext, id: string): BuyerRecord {
  const buyer = ctx.state.buyers.get(id);
  if (!buyer || (ctx.actor.kind === 'buyer' && ctx.actor.buyerId !== id)) throw notFound('Buyer', id);
  return buyer;
}

function setDefaultCatalog(ctx: CommerceContext, buyer: BuyerRecord, catalogId: string): void {
  if (!ctx.state.catalogs.has(catalogId)) throw notFound('Catalog', catalogId);
  buyer.DefaultCatalogID = catalogId;
  if (!ctx.state.catalogAssignments.some((a) => a.BuyerID === buyer.ID && a.CatalogID === catalogId))
    assignCatalog(ctx.state, { CatalogID: catalogId, BuyerID: buyer.ID });
}

/** A new buyer gets a default catalog (its own ID when free) unless it names an existing one. */
export function createBuyer(ctx: CommerceContext, rawBody: unknown, idFromPath?: string): BuyerRecord {
  const body = parseBody(BuyerBody, rawBody);
  if (!body.Name) throw badRequest('InvalidRequest', 'Name is required.', { Field: 'Name' });
  const buyer: BuyerRecord = {
    ID: newId(
      ctx,
      idFromPath ?? body.ID,
      (id) => ctx.state.buyers.has(id) || id === ctx.state.sellerId,
      'Buyer',
    ),
    Name: body.Name,
    Active: body.Active ?? true,
    DateCreated: nowIso(ctx),
    xp: body.xp ?? {},
  };
  ctx.state.buyers.set(buyer.ID, buyer);
  if (body.DefaultCatalogID) setDefaultCatalog(ctx, buyer, body.DefaultCatalogID);
  else buyer.DefaultCatalogID = createDefaultCatalog(ctx, buyer.ID, buyer.Name);
  return buyer;
}

export function updateBuyer(
  ctx: CommerceContext,
  buyer: BuyerRecord,
  rawBody: unknown,
  replace: boolean,
): void {
  const body = parseBody(BuyerBody, rawBody);
  if (replace && !body.Name) throw badRequest('InvalidRequest', 'Name is required.', { Field: 'Name' });
  if (body.Name) buyer.Name = body.Name;
  if (body.Active !== undefined) buyer.Active = body.Active;
  else if (replace) buyer.Active = true;
  if (body.DefaultCatalogID) setDefaultCatalog(ctx, buyer, body.DefaultCatalogID);
  if (body.xp !== undefined || replace)
    buyer.xp = replace ? (body.xp ?? {}) : deepMerge(buyer.xp, body.xp ?? {});
}

export function deleteBuyer(ctx: CommerceContext, buyer: BuyerRecord): void {
  const { state } = ctx;
  state.buyers.delete(buyer.ID);
  for (const [id, user] of state.users) if (user.BuyerID === buyer.ID) state.users.delete(id);
  for (const [id, address] of state.addresses) if (address.BuyerID === buyer.ID) state.addresses.delete(id);
  state.catalogAssignments = state.catalogAssignments.filter((a) => a.BuyerID !== buyer.ID);
  state.productAssignments = state.productAssignments.filter((a) => a.BuyerID !== buyer.ID);
  state.promotionAssignments = state.promotionAssignments.filter((a) => a.BuyerID !== buyer.ID);
  state.localeAssignments = state.localeAssignments.filter((a) => a.BuyerID !== buyer.ID);
  state.apiClientAssignments = state.apiClientAssignments.filter((a) => a.BuyerID !== buyer.ID);
  state.securityProfileAssignments = state.securityProfileAssignments.filter((a) => a.BuyerID !== buyer.ID);
  for (const [key, group] of state.userGroups) if (group.BuyerID === buyer.ID) state.userGroups.delete(key);
  state.userGroupAssignments = state.userGroupAssignments.filter((a) => a.BuyerID !== buyer.ID);
  state.addressAssignments = state.addressAssignments.filter((a) => a.BuyerID !== buyer.ID);
}
