import { z } from 'zod';
import {
  deepMerge,
  optionalBoolean,
  optionalNumber,
  optionalString,
  parseBody,
  XpSchema,
} from '../api/body.ts';
import { newId, nowIso } from '../api/common.ts';
import type { CommerceContext } from '../api/context.ts';
import { badRequest, notFound } from '../errors.ts';
import { decimalToNumber, numberToDecimal } from '../money.ts';
import type { ProductRecord, SpecOptionRecord, SpecRecord, VariantRecord } from '../state.ts';

// Specs, spec options, their product assignments and the variants generated from them (SDK 12 models
// Spec, SpecOption, SpecProductAssignment, Variant; `DefinesVariant` sits on the Spec in this SDK).
// Sources and guesses: README "Specs and variants".

const markupTypes = ['NoMarkup', 'AmountPerQuantity', 'AmountTotal', 'Percentage'] as const;

const SpecBody = z.looseObject({
  ID: optionalString,
  Name: z.string().min(1).optional(),
  ListOrder: optionalNumber,
  DefaultValue: optionalString,
  Required: optionalBoolean,
  AllowOpenText: optionalBoolean,
  DefaultOptionID: optionalString,
  DefinesVariant: optionalBoolean,
  xp: XpSchema.nullish(),
});

const OptionBody = z.looseObject({
  ID: optionalString,
  Value: optionalString,
  ListOrder: optionalNumber,
  IsOpenText: optionalBoolean,
  PriceMarkupType: z.enum(markupTypes).nullish(),
  PriceMarkup: optionalNumber,
  xp: XpSchema.nullish(),
});

export const SpecProductAssignmentBody = z.looseObject({
  SpecID: z.string().min(1),
  ProductID: z.string().min(1),
  DefaultValue: optionalString,
  DefaultOptionID: optionalString,
});

const VariantBody = z.looseObject({
  ID: optionalString,
  Name: optionalString,
  Description: optionalString,
  Active: optionalBoolean,
  // SDK model VariantInventory: QuantityAvailable and NotificationPoint writable, LastUpdated read-only.
  Inventory: z
    .looseObject({
      QuantityAvailable: z.number().int().nullish(),
      NotificationPoint: z.number().int().nullish(),
    })
    .nullish(),
  xp: XpSchema.nullish(),
});

export function serializeOption(option: SpecOptionRecord) {
  return {
    ID: option.ID,
    Value: option.Value,
    ListOrder: option.ListOrder,
    IsOpenText: option.IsOpenText,
    PriceMarkupType: option.PriceMarkupType,
    PriceMarkup: option.PriceMarkup ? decimalToNumber(option.PriceMarkup) : null,
    xp: option.xp,
  };
}

export function serializeSpec(spec: SpecRecord) {
  return {
    OwnerID: null,
    ID: spec.ID,
    ListOrder: spec.ListOrder,
    Name: spec.Name,
    DefaultValue: spec.DefaultValue ?? null,
    Required: spec.Required,
    AllowOpenText: spec.AllowOpenText,
    DefaultOptionID: spec.DefaultOptionID ?? null,
    DefinesVariant: spec.DefinesVariant,
    xp: spec.xp,
    OptionCount: spec.Options.length,
    Options: [...spec.Options].sort(byListOrder).map(serializeOption),
  };
}

/** SDK model Variant; `Specs` are the VariantSpec of each option it was generated from. */
export function serializeVariant(ctx: CommerceContext, variant: VariantRecord) {
  return {
    ID: variant.ID,
    Name: variant.Name,
    Description: variant.Description ?? null,
    Active: variant.Active,
    ShipWeight: null,
    ShipHeight: null,
    ShipWidth: null,
    ShipLength: null,
    Inventory: variant.Inventory ?? null,
    Specs: variant.OptionIDs.flatMap((optionId) => {
      const spec = [...ctx.state.specs.values()].find((s) => s.Options.some((o) => o.ID === optionId));
      const option = spec?.Options.find((o) => o.ID === optionId);
      if (!spec || !option) return [];
      return [
        {
          SpecID: spec.ID,
          Name: spec.Name,
          OptionID: option.ID,
          Value: option.Value,
          PriceMarkupType: option.PriceMarkupType,
          PriceMarkup: option.PriceMarkup ? decimalToNumber(option.PriceMarkup) : null,
        },
      ];
    }),
    xp: variant.xp,
  };
}

const byListOrder = (a: { ListOrder: number; ID: string }, b: { ListOrder: number; ID: string }) =>
  a.ListOrder - b.ListOrder || (a.ID < b.ID ? -1 : a.ID > b.ID ? 1 : 0);

export function findSpec(ctx: CommerceContext, id: string): SpecRecord {
  const spec = ctx.state.specs.get(id);
  if (!spec) throw notFound('Spec', id);
  return spec;
}

export function findOption(spec: SpecRecord, id: string): SpecOptionRecord {
  const option = spec.Options.find((o) => o.ID === id);
  if (!option) throw notFound('SpecOption', id);
  return option;
}

export function createSpec(ctx: CommerceContext, rawBody: unknown, idFromPath?: string): SpecRecord {
  const body = parseBody(SpecBody, rawBody);
  if (!body.Name) throw badRequest('InvalidRequest', 'Name is required.', { Field: 'Name' });
  const spec: SpecRecord = {
    ID: newId(ctx, idFromPath ?? body.ID, (id) => ctx.state.specs.has(id), 'Spec'),
    Name: body.Name,
    ListOrder: body.ListOrder ?? ctx.state.specs.size + 1,
    Required: body.Required ?? false,
    AllowOpenText: body.AllowOpenText ?? false,
    DefinesVariant: body.DefinesVariant ?? false,
    xp: body.xp ?? {},
    Options: [],
    ...(body.DefaultValue ? { DefaultValue: body.DefaultValue } : {}),
    ...(body.DefaultOptionID ? { DefaultOptionID: body.DefaultOptionID } : {}),
  };
  ctx.state.specs.set(spec.ID, spec);
  return spec;
}

export function updateSpec(
  _ctx: CommerceContext,
  spec: SpecRecord,
  rawBody: unknown,
  replace: boolean,
): void {
  const body = parseBody(SpecBody, rawBody);
  if (replace && !body.Name) throw badRequest('InvalidRequest', 'Name is required.', { Field: 'Name' });
  if (body.Name) spec.Name = body.Name;
  if (body.ListOrder !== undefined) spec.ListOrder = body.ListOrder;
  for (const key of ['Required', 'AllowOpenText', 'DefinesVariant'] as const) {
    const value = body[key];
    if (value !== undefined) spec[key] = value;
    else if (replace) spec[key] = false;
  }
  for (const key of ['DefaultValue', 'DefaultOptionID'] as const) {
    const value = body[key];
    if (value !== undefined) spec[key] = value;
    else if (replace) delete spec[key];
  }
  if (body.xp !== undefined || replace)
    spec.xp = replace ? (body.xp ?? {}) : deepMerge(spec.xp, body.xp ?? {});
}

function markupOf(value: number | undefined): SpecOptionRecord['PriceMarkup'] {
  if (value === undefined) return undefined;
  const decimal = numberToDecimal(value);
  if (decimal.scale > 4)
    throw badRequest('InvalidRequest', 'PriceMarkup supports at most 4 decimal places', {
      Field: 'PriceMarkup',
    });
  return decimal;
}

export function createOption(
  ctx: CommerceContext,
  spec: SpecRecord,
  rawBody: unknown,
  idFromPath?: string,
): SpecOptionRecord {
  const body = parseBody(OptionBody, rawBody);
  const option: SpecOptionRecord = {
    ID: newId(ctx, idFromPath ?? body.ID, (id) => spec.Options.some((o) => o.ID === id), 'SpecOption'),
    Value: body.Value ?? '',
    ListOrder: body.ListOrder ?? spec.Options.length + 1,
    IsOpenText: body.IsOpenText ?? false,
    PriceMarkupType: body.PriceMarkupType ?? 'NoMarkup',
    ...(body.PriceMarkup !== undefined ? { PriceMarkup: markupOf(body.PriceMarkup) } : {}),
    xp: body.xp ?? {},
  };
  spec.Options.push(option);
  return option;
}

export function updateOption(option: SpecOptionRecord, rawBody: unknown, replace: boolean): void {
  const body = parseBody(OptionBody, rawBody);
  if (body.Value !== undefined) option.Value = body.Value;
  else if (replace) option.Value = '';
  if (body.ListOrder !== undefined) option.ListOrder = body.ListOrder;
  if (body.IsOpenText !== undefined) option.IsOpenText = body.IsOpenText;
  if (body.PriceMarkupType) option.PriceMarkupType = body.PriceMarkupType;
  else if (replace) option.PriceMarkupType = 'NoMarkup';
  if (body.PriceMarkup !== undefined) option.PriceMarkup = markupOf(body.PriceMarkup);
  else if (replace) delete option.PriceMarkup;
  if (body.xp !== undefined || replace)
    option.xp = replace ? (body.xp ?? {}) : deepMerge(option.xp, body.xp ?? {});
}

/** The specs assigned to a product, in list order. */
export function specsOfProduct(ctx: CommerceContext, productId: string): SpecRecord[] {
  return ctx.state.specProductAssignments
    .filter((a) => a.ProductID === productId)
    .flatMap((a) => {
      const spec = ctx.state.specs.get(a.SpecID);
      return spec ? [spec] : [];
    })
    .sort(byListOrder);
}

/**
 * `POST v1/products/{productID}/variants/generate`: one variant per combination of the options of the
 * product's variant-defining specs. Missing combinations are added and existing ones kept (IDs, xp,
 * edits); `overwriteExisting` deletes them all first (release notes v1.0.12).
 */
export function generateVariants(
  ctx: CommerceContext,
  product: ProductRecord,
  input: { overwriteExisting: boolean; active?: boolean },
): void {
  const defining = specsOfProduct(ctx, product.ID).filter((s) => s.DefinesVariant && s.Options.length > 0);
  const existing = input.overwriteExisting ? [] : (ctx.state.variants.get(product.ID) ?? []);
  if (defining.length === 0) {
    ctx.state.variants.set(product.ID, existing);
    return;
  }
  let combinations: SpecOptionRecord[][] = [[]];
  for (const spec of defining)
    combinations = combinations.flatMap((head) =>
      [...spec.Options].sort(byListOrder).map((o) => [...head, o]),
    );
  const variants = [...existing];
  const taken = new Set(variants.map((v) => v.OptionIDs.join('|')));
  for (const options of combinations) {
    const key = options.map((o) => o.ID).join('|');
    if (taken.has(key)) continue;
    taken.add(key);
    // Guess (README): the ID joins the product's and the options' IDs, the name the values.
    let id = [product.ID, ...options.map((o) => o.ID)].join('-');
    while (variants.some((v) => v.ID === id)) id = `${id}-1`;
    variants.push({
      ID: id,
      Name: [product.Name, ...options.map((o) => o.Value)].join(' '),
      Active: input.active ?? product.Active,
      OptionIDs: options.map((o) => o.ID),
      xp: {},
    });
  }
  ctx.state.variants.set(product.ID, variants);
}

export function findVariant(ctx: CommerceContext, productId: string, variantId: string): VariantRecord {
  const variant = (ctx.state.variants.get(productId) ?? []).find((v) => v.ID === variantId);
  if (!variant) throw notFound('Variant', variantId);
  return variant;
}

/** PATCH merges; PUT replaces the writable fields. A new ID in the body renames the variant. */
export function updateVariant(
  ctx: CommerceContext,
  productId: string,
  variant: VariantRecord,
  rawBody: unknown,
  replace: boolean,
): void {
  const body = parseBody(VariantBody, rawBody);
  if (body.ID && body.ID !== variant.ID) {
    const siblings = ctx.state.variants.get(productId) ?? [];
    variant.ID = newId(ctx, body.ID, (id) => siblings.some((v) => v.ID === id), 'Variant');
  }
  if (body.Name !== undefined) variant.Name = body.Name;
  if (body.Description !== undefined) variant.Description = body.Description;
  else if (replace) delete variant.Description;
  if (body.Active !== undefined) variant.Active = body.Active;
  else if (replace) variant.Active = true;
  if (body.Inventory !== undefined || replace) updateVariantInventory(ctx, variant, body.Inventory, replace);
  if (body.xp !== undefined || replace)
    variant.xp = replace ? (body.xp ?? {}) : deepMerge(variant.xp, body.xp ?? {});
}

/** As a product's inventory (products.ts): PATCH merges the fields, PUT without it clears it. */
function updateVariantInventory(
  ctx: CommerceContext,
  variant: VariantRecord,
  body: z.infer<typeof VariantBody>['Inventory'],
  replace: boolean,
): void {
  if (!body) {
    if (replace || body === null) delete variant.Inventory;
    return;
  }
  const base = replace ? undefined : variant.Inventory;
  variant.Inventory = {
    QuantityAvailable:
      body.QuantityAvailable !== undefined ? body.QuantityAvailable : (base?.QuantityAvailable ?? null),
    NotificationPoint:
      body.NotificationPoint !== undefined ? body.NotificationPoint : (base?.NotificationPoint ?? null),
    LastUpdated: nowIso(ctx),
  };
}
