import { z } from 'zod';
import { deepMerge, optionalBoolean, optionalString, parseBody, XpSchema } from '../api/body.ts';
import { newId } from '../api/common.ts';
import type { CommerceContext } from '../api/context.ts';
import { badRequest, notFound } from '../errors.ts';
import type { CatalogRecord, SandboxState } from '../state.ts';

// Catalogs, catalog → buyer assignments and product → catalog assignments (SDK models Catalog,
// CatalogAssignment, ProductCatalogAssignment). A new buyer gets a default catalog with its own ID when
// free, assigned to it (default-buyer-catalog.mdx); setting a buyer's DefaultCatalogID creates that
// assignment ("when you update a buyer organization's DefaultCatalogID … OrderCloud creates the
// buyer-catalog assignment for you", making-your-product-visible.mdx). The sandbox uses catalogs for
// what a buyer may list (v1/me/products); it does not refuse line items for products outside them,
// so marketplaces seeded with product → buyer assignments only keep working (a known departure).

const CatalogBody = z.looseObject({
  ID: optionalString,
  OwnerID: optionalString,
  Name: z.string().min(1).optional(),
  Description: optionalString,
  Active: optionalBoolean,
  xp: XpSchema.nullish(),
});

export const CatalogAssignmentBody = z.looseObject({
  CatalogID: z.string().min(1),
  BuyerID: z.string().min(1),
  ViewAllCategories: optionalBoolean,
  ViewAllProducts: optionalBoolean,
});

export const ProductCatalogAssignmentBody = z.looseObject({
  CatalogID: z.string().min(1),
  ProductID: z.string().min(1),
});

export function findCatalog(ctx: CommerceContext, id: string): CatalogRecord {
  const catalog = ctx.state.catalogs.get(id);
  if (!catalog) throw notFound('Catalog', id);
  return catalog;
}

export function createCatalog(ctx: CommerceContext, rawBody: unknown, idFromPath?: string): CatalogRecord {
  const body = parseBody(CatalogBody, rawBody);
  if (!body.Name) throw badRequest('InvalidRequest', 'Name is required.', { Field: 'Name' });
  const catalog: CatalogRecord = {
    ID: newId(ctx, idFromPath ?? body.ID, (id) => ctx.state.catalogs.has(id), 'Catalog'),
    OwnerID: ctx.state.sellerId,
    Name: body.Name,
    Description: body.Description,
    Active: body.Active ?? true,
    xp: body.xp ?? {},
  };
  ctx.state.catalogs.set(catalog.ID, catalog);
  return catalog;
}

export function updateCatalog(catalog: CatalogRecord, rawBody: unknown, replace: boolean): void {
  const body = parseBody(CatalogBody, rawBody);
  if (replace && !body.Name) throw badRequest('InvalidRequest', 'Name is required.', { Field: 'Name' });
  if (body.Name !== undefined) catalog.Name = body.Name;
  if (body.Description !== undefined || replace) catalog.Description = body.Description;
  if (body.Active !== undefined) catalog.Active = body.Active;
  else if (replace) catalog.Active = true;
  if (body.xp !== undefined || replace)
    catalog.xp = replace ? (body.xp ?? {}) : deepMerge(catalog.xp, body.xp ?? {});
}

export function deleteCatalog(ctx: CommerceContext, catalog: CatalogRecord): void {
  ctx.state.catalogs.delete(catalog.ID);
  ctx.state.catalogAssignments = ctx.state.catalogAssignments.filter((a) => a.CatalogID !== catalog.ID);
  ctx.state.productCatalogAssignments = ctx.state.productCatalogAssignments.filter(
    (a) => a.CatalogID !== catalog.ID,
  );
  for (const buyer of ctx.state.buyers.values())
    if (buyer.DefaultCatalogID === catalog.ID) buyer.DefaultCatalogID = undefined;
}

export function assignCatalog(
  state: SandboxState,
  input: { CatalogID: string; BuyerID: string; ViewAllCategories?: boolean; ViewAllProducts?: boolean },
): void {
  if (!state.catalogs.has(input.CatalogID)) throw notFound('Catalog', input.CatalogID);
  if (!state.buyers.has(input.BuyerID)) throw notFound('Buyer', input.BuyerID);
  state.catalogAssignments = state.catalogAssignments.filter(
    (a) => !(a.CatalogID === input.CatalogID && a.BuyerID === input.BuyerID),
  );
  state.catalogAssignments.push({
    CatalogID: input.CatalogID,
    BuyerID: input.BuyerID,
    ViewAllCategories: input.ViewAllCategories ?? true,
    ViewAllProducts: input.ViewAllProducts ?? true,
  });
}

export function saveCatalogAssignment(ctx: CommerceContext, rawBody: unknown): void {
  assignCatalog(ctx.state, parseBody(CatalogAssignmentBody, rawBody));
}

export function saveProductCatalogAssignment(ctx: CommerceContext, rawBody: unknown): void {
  const body = parseBody(ProductCatalogAssignmentBody, rawBody);
  findCatalog(ctx, body.CatalogID);
  if (!ctx.state.products.has(body.ProductID)) throw notFound('Product', body.ProductID);
  const exists = ctx.state.productCatalogAssignments.some(
    (a) => a.CatalogID === body.CatalogID && a.ProductID === body.ProductID,
  );
  if (!exists)
    ctx.state.productCatalogAssignments.push({ CatalogID: body.CatalogID, ProductID: body.ProductID });
}

/** The default catalog a new buyer gets: the buyer's own ID when no catalog has it yet. */
export function createDefaultCatalog(ctx: CommerceContext, buyerId: string, buyerName: string): string {
  const catalogId = ctx.state.catalogs.has(buyerId)
    ? ctx.core.newId((id) => ctx.state.catalogs.has(id))
    : buyerId;
  ctx.state.catalogs.set(catalogId, {
    ID: catalogId,
    OwnerID: ctx.state.sellerId,
    Name: buyerName,
    Active: true,
    xp: {},
  });
  assignCatalog(ctx.state, { CatalogID: catalogId, BuyerID: buyerId });
  return catalogId;
}

/** Products a buyer can see: in an active catalog assigned to it, or assigned to it directly. */
export function visibleProductIds(state: SandboxState, buyerId: string): Set<string> {
  const catalogs = new Set(
    state.catalogAssignments
      .filter((a) => a.BuyerID === buyerId && state.catalogs.get(a.CatalogID)?.Active)
      .map((a) => a.CatalogID),
  );
  const ids = new Set(
    state.productCatalogAssignments.filter((a) => catalogs.has(a.CatalogID)).map((a) => a.ProductID),
  );
  for (const a of state.productAssignments) if (a.BuyerID === buyerId) ids.add(a.ProductID);
  return ids;
}

export function serializeCatalog(_state: SandboxState, catalog: CatalogRecord) {
  return {
    ID: catalog.ID,
    OwnerID: catalog.OwnerID,
    Name: catalog.Name,
    Description: catalog.Description ?? null,
    Active: catalog.Active,
    CategoryCount: 0,
    xp: catalog.xp,
  };
}
