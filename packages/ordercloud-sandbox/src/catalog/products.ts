import { z } from 'zod';
import {
  deepMerge,
  optionalBoolean,
  optionalNumber,
  optionalString,
  parseBody,
  priceDecimal,
  XpSchema,
} from '../api/body.ts';
import { newId, nowIso } from '../api/common.ts';
import type { CommerceContext } from '../api/context.ts';
import { badRequest, notFound } from '../errors.ts';
import { decimalToNumber } from '../money.ts';
import type { PriceScheduleRecord, ProductRecord, SandboxState } from '../state.ts';

// Products, price schedules and product → buyer (price schedule) assignments. PUT to an ID that does
// not exist creates it (stop-using-put-for-updates.mdx: "You want to create a new resource where YOU
// are providing the ID, use PUT"); PUT to an existing one replaces its writable fields; PATCH merges.

const ProductBody = z.looseObject({
  ID: optionalString,
  Name: z.string().min(1).optional(),
  Description: optionalString,
  DefaultPriceScheduleID: optionalString,
  QuantityMultiplier: optionalNumber,
  ShipWeight: optionalNumber,
  Active: optionalBoolean,
  Returnable: optionalBoolean,
  Inventory: z
    .looseObject({
      Enabled: optionalBoolean,
      NotificationPoint: z.number().int().nullish(),
      VariantLevelTracking: optionalBoolean,
      OrderCanExceed: optionalBoolean,
      QuantityAvailable: z.number().int().nullish(),
    })
    .nullish(),
  xp: XpSchema.nullish(),
});

const PriceBreakBody = z.looseObject({
  Quantity: z.number().int().positive(),
  Price: z.number(),
  SalePrice: optionalNumber,
});
const ScheduleBody = z.looseObject({
  ID: optionalString,
  Name: z.string().min(1).optional(),
  ApplyTax: optionalBoolean,
  ApplyShipping: optionalBoolean,
  MinQuantity: optionalNumber,
  MaxQuantity: optionalNumber,
  Currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .nullish()
    .transform((v) => v ?? undefined),
  PriceBreaks: z.array(PriceBreakBody).nullish(),
  SaleStart: optionalString,
  SaleEnd: optionalString,
  xp: XpSchema.nullish(),
});

export const ProductAssignmentBody = z.looseObject({
  ProductID: z.string(),
  BuyerID: z.string(),
  PriceScheduleID: optionalString,
});

/** `state` gives the spec and variant counts (0 without it: a buyer's view knows no specs here). */
export function serializeProduct(
  product: ProductRecord,
  state?: Pick<SandboxState, 'specProductAssignments' | 'variants'>,
) {
  return {
    ...product,
    OwnerID: null,
    DefaultPriceScheduleID: product.DefaultPriceScheduleID ?? null,
    AutoForward: false,
    ParentID: null,
    IsParent: false,
    IsBundle: false,
    Description: product.Description ?? null,
    ShipWeight: product.ShipWeight ?? null,
    ShipHeight: null,
    ShipWidth: null,
    ShipLength: null,
    SpecCount: state?.specProductAssignments.filter((a) => a.ProductID === product.ID).length ?? 0,
    VariantCount: state?.variants.get(product.ID)?.length ?? 0,
    ShipFromAddressID: null,
    Inventory: product.Inventory ?? null,
    DefaultSupplierID: null,
    AllSuppliersCanSell: false,
  };
}

export function serializePriceSchedule(schedule: PriceScheduleRecord) {
  return {
    ...schedule,
    OwnerID: null,
    UseCumulativeQuantity: false,
    RestrictedQuantity: false,
    IsOnSale: schedule.PriceBreaks.some((b) => b.SalePrice !== undefined),
    MaxQuantity: schedule.MaxQuantity ?? null,
    Currency: schedule.Currency ?? null,
    SaleStart: schedule.SaleStart ?? null,
    SaleEnd: schedule.SaleEnd ?? null,
    PriceBreaks: schedule.PriceBreaks.map((b) => ({
      Quantity: b.Quantity,
      Price: decimalToNumber(b.Price),
      SalePrice: b.SalePrice ? decimalToNumber(b.SalePrice) : null,
    })),
  };
}

export function findProduct(ctx: CommerceContext, id: string): ProductRecord {
  const product = ctx.state.products.get(id);
  if (!product) throw notFound('Product', id);
  return product;
}

export function findPriceSchedule(ctx: CommerceContext, id: string): PriceScheduleRecord {
  const schedule = ctx.state.priceSchedules.get(id);
  if (!schedule) throw notFound('PriceSchedule', id);
  return schedule;
}

export function updateProduct(
  ctx: CommerceContext,
  product: ProductRecord,
  rawBody: unknown,
  replace: boolean,
): void {
  const body = parseBody(ProductBody, rawBody);
  if (replace && !body.Name) throw badRequest('InvalidRequest', 'Name is required.', { Field: 'Name' });
  if (body.Name !== undefined) product.Name = body.Name;
  if (body.Description !== undefined || replace) product.Description = body.Description;
  if (body.DefaultPriceScheduleID !== undefined) {
    if (!ctx.state.priceSchedules.has(body.DefaultPriceScheduleID))
      throw notFound('PriceSchedule', body.DefaultPriceScheduleID);
    product.DefaultPriceScheduleID = body.DefaultPriceScheduleID;
  } else if (replace) product.DefaultPriceScheduleID = undefined;
  if (body.QuantityMultiplier !== undefined) product.QuantityMultiplier = body.QuantityMultiplier;
  if (body.ShipWeight !== undefined || replace) product.ShipWeight = body.ShipWeight;
  if (body.Active !== undefined) product.Active = body.Active;
  if (body.Returnable !== undefined) product.Returnable = body.Returnable;
  if (body.Inventory !== undefined || replace) updateInventory(ctx, product, body.Inventory, replace);
  if (body.xp !== undefined || replace)
    product.xp = replace ? (body.xp ?? {}) : deepMerge(product.xp, body.xp ?? {});
}

/**
 * Inventory as the SDK's model has it (Enabled, NotificationPoint, VariantLevelTracking, OrderCanExceed,
 * QuantityAvailable writable; LastUpdated read-only, set on every change). PATCH merges its fields.
 */
function updateInventory(
  ctx: CommerceContext,
  product: ProductRecord,
  body: z.infer<typeof ProductBody>['Inventory'],
  replace: boolean,
): void {
  if (!body) {
    if (replace || body === null) product.Inventory = undefined;
    return;
  }
  const base = replace ? undefined : product.Inventory;
  product.Inventory = {
    Enabled: body.Enabled ?? base?.Enabled ?? false,
    NotificationPoint:
      body.NotificationPoint !== undefined ? body.NotificationPoint : (base?.NotificationPoint ?? null),
    VariantLevelTracking: body.VariantLevelTracking ?? base?.VariantLevelTracking ?? false,
    OrderCanExceed: body.OrderCanExceed ?? base?.OrderCanExceed ?? false,
    QuantityAvailable:
      body.QuantityAvailable !== undefined ? body.QuantityAvailable : (base?.QuantityAvailable ?? null),
    LastUpdated: nowIso(ctx),
  };
}

export function createProduct(ctx: CommerceContext, rawBody: unknown, idFromPath?: string): ProductRecord {
  const body = parseBody(ProductBody, rawBody);
  if (!body.Name) throw badRequest('InvalidRequest', 'Name is required.', { Field: 'Name' });
  const product: ProductRecord = {
    ID: newId(ctx, idFromPath ?? body.ID, (id) => ctx.state.products.has(id), 'Product'),
    Name: body.Name,
    QuantityMultiplier: 1,
    Active: true,
    Returnable: true,
    DateCreated: nowIso(ctx),
    xp: {},
  };
  updateProduct(ctx, product, rawBody, false);
  ctx.state.products.set(product.ID, product);
  return product;
}

export function deleteProduct(ctx: CommerceContext, product: ProductRecord): void {
  ctx.state.products.delete(product.ID);
  ctx.state.productAssignments = ctx.state.productAssignments.filter((a) => a.ProductID !== product.ID);
  ctx.state.productCatalogAssignments = ctx.state.productCatalogAssignments.filter(
    (a) => a.ProductID !== product.ID,
  );
}

export function updatePriceSchedule(schedule: PriceScheduleRecord, rawBody: unknown, replace: boolean): void {
  const body = parseBody(ScheduleBody, rawBody);
  if (replace && !body.Name) throw badRequest('InvalidRequest', 'Name is required.', { Field: 'Name' });
  if (body.Name !== undefined) schedule.Name = body.Name;
  if (body.ApplyTax !== undefined) schedule.ApplyTax = body.ApplyTax;
  if (body.ApplyShipping !== undefined) schedule.ApplyShipping = body.ApplyShipping;
  if (body.MinQuantity !== undefined) schedule.MinQuantity = body.MinQuantity;
  if (body.MaxQuantity !== undefined || replace) schedule.MaxQuantity = body.MaxQuantity;
  if (body.Currency !== undefined || replace) schedule.Currency = body.Currency;
  if (body.SaleStart !== undefined || replace) schedule.SaleStart = body.SaleStart;
  if (body.SaleEnd !== undefined || replace) schedule.SaleEnd = body.SaleEnd;
  if (body.PriceBreaks || replace) {
    const breaks = body.PriceBreaks ?? [];
    const quantities = new Set(breaks.map((b) => b.Quantity));
    if (quantities.size !== breaks.length) {
      throw badRequest(
        'PriceSchedule.DuplicatePriceBreaks',
        'Price breaks array cannot contain duplicate quantity values.',
      );
    }
    schedule.PriceBreaks = breaks.map((b, i) => ({
      Quantity: b.Quantity,
      Price: priceDecimal(b.Price, `PriceBreaks.${i}.Price`),
      ...(b.SalePrice !== undefined
        ? { SalePrice: priceDecimal(b.SalePrice, `PriceBreaks.${i}.SalePrice`) }
        : {}),
    }));
  }
  if (schedule.MaxQuantity !== undefined && schedule.MaxQuantity < schedule.MinQuantity) {
    throw badRequest(
      'PriceSchedule.MinGreaterThanMax',
      'Max Quantity must be greater than or equal to min quantity.',
    );
  }
  if (body.xp !== undefined || replace)
    schedule.xp = replace ? (body.xp ?? {}) : deepMerge(schedule.xp, body.xp ?? {});
}

export function createPriceSchedule(
  ctx: CommerceContext,
  rawBody: unknown,
  idFromPath?: string,
): PriceScheduleRecord {
  const body = parseBody(ScheduleBody, rawBody);
  if (!body.Name) throw badRequest('InvalidRequest', 'Name is required.', { Field: 'Name' });
  const schedule: PriceScheduleRecord = {
    ID: newId(ctx, idFromPath ?? body.ID, (id) => ctx.state.priceSchedules.has(id), 'PriceSchedule'),
    Name: body.Name,
    ApplyTax: true,
    ApplyShipping: true,
    MinQuantity: 1,
    PriceBreaks: [],
    xp: {},
  };
  updatePriceSchedule(schedule, rawBody, false);
  ctx.state.priceSchedules.set(schedule.ID, schedule);
  return schedule;
}

export function deletePriceSchedule(ctx: CommerceContext, schedule: PriceScheduleRecord): void {
  ctx.state.priceSchedules.delete(schedule.ID);
  for (const product of ctx.state.products.values())
    if (product.DefaultPriceScheduleID === schedule.ID) product.DefaultPriceScheduleID = undefined;
  ctx.state.productAssignments = ctx.state.productAssignments.filter(
    (a) => a.PriceScheduleID !== schedule.ID,
  );
}

/** One assignment per product and buyer: saving again replaces its price schedule. */
export function saveProductAssignment(ctx: CommerceContext, rawBody: unknown): void {
  const body = parseBody(ProductAssignmentBody, rawBody);
  if (!ctx.state.products.has(body.ProductID)) throw notFound('Product', body.ProductID);
  if (!ctx.state.buyers.has(body.BuyerID)) throw notFound('Buyer', body.BuyerID);
  if (body.PriceScheduleID && !ctx.state.priceSchedules.has(body.PriceScheduleID))
    throw notFound('PriceSchedule', body.PriceScheduleID);
  ctx.state.productAssignments = ctx.state.productAssignments.filter(
    (a) => !(a.ProductID === body.ProductID && a.BuyerID === body.BuyerID),
  );
  ctx.state.productAssignments.push({
    ProductID: body.ProductID,
    BuyerID: body.BuyerID,
    PriceScheduleID: body.PriceScheduleID,
  });
}
