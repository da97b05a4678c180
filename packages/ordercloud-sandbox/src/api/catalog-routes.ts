import { z } from 'zod';
import { compilePromotion } from '../engine/promotion-rules.ts';
import { badRequest, notFound } from '../errors.ts';
import { decimalToNumber } from '../money.ts';
import type { PriceScheduleRecord, ProductRecord, PromotionRecord } from '../state.ts';
import {
  deepMerge,
  optionalBoolean,
  optionalNumber,
  optionalString,
  parseBody,
  priceDecimal,
  XpSchema,
} from './body.ts';
import { newId, nowIso, param, requireAdmin } from './common.ts';
import type { RouteContext, RouteDef } from './context.ts';
import { listItems } from './list-query.ts';

// Products, price schedules, product assignments and promotions.
const productFields = [
  'ID',
  'Name',
  'Description',
  'DefaultPriceScheduleID',
  'QuantityMultiplier',
  'ShipWeight',
  'Active',
  'Returnable',
  'DateCreated',
  'xp',
];
const scheduleFields = [
  'ID',
  'Name',
  'ApplyTax',
  'ApplyShipping',
  'MinQuantity',
  'MaxQuantity',
  'Currency',
  'PriceBreaks',
  'SaleStart',
  'SaleEnd',
  'xp',
];
const promotionFields = [
  'ID',
  'Code',
  'Name',
  'Description',
  'LineItemLevel',
  'EligibleExpression',
  'ValueExpression',
  'CanCombine',
  'AutoApply',
  'Active',
  'StartDate',
  'ExpirationDate',
  'RedemptionCount',
  'xp',
];

const ProductBody = z.looseObject({
  ID: optionalString,
  Name: z.string().min(1).optional(),
  Description: optionalString,
  DefaultPriceScheduleID: optionalString,
  QuantityMultiplier: optionalNumber,
  ShipWeight: optionalNumber,
  Active: optionalBoolean,
  Returnable: optionalBoolean,
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

const PromotionBody = z.looseObject({
  ID: optionalString,
  Code: z.string().min(1).optional(),
  Name: optionalString,
  Description: optionalString,
  LineItemLevel: optionalBoolean,
  EligibleExpression: optionalString,
  ValueExpression: optionalString,
  CanCombine: optionalBoolean,
  AutoApply: optionalBoolean,
  Active: optionalBoolean,
  AllowAllBuyers: optionalBoolean,
  StartDate: optionalString,
  ExpirationDate: optionalString,
  xp: XpSchema.nullish(),
});

const AssignmentBody = z.looseObject({
  ProductID: z.string(),
  BuyerID: z.string(),
  PriceScheduleID: optionalString,
});

export function serializeProduct(product: ProductRecord) {
  return {
    ...product,
    Description: product.Description ?? null,
    DefaultPriceScheduleID: product.DefaultPriceScheduleID ?? null,
    ShipWeight: product.ShipWeight ?? null,
  };
}

export function serializePriceSchedule(schedule: PriceScheduleRecord) {
  return {
    ...schedule,
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

function applyProduct(product: ProductRecord, rawBody: unknown, replace: boolean, ctx: RouteContext): void {
  const body = parseBody(ProductBody, rawBody);
  if (body.Name !== undefined) product.Name = body.Name;
  if (body.Description !== undefined || replace) product.Description = body.Description;
  if (body.DefaultPriceScheduleID !== undefined) {
    if (!ctx.state.priceSchedules.has(body.DefaultPriceScheduleID))
      throw notFound('PriceSchedule', body.DefaultPriceScheduleID);
    product.DefaultPriceScheduleID = body.DefaultPriceScheduleID;
  }
  if (body.QuantityMultiplier !== undefined) product.QuantityMultiplier = body.QuantityMultiplier;
  if (body.ShipWeight !== undefined) product.ShipWeight = body.ShipWeight;
  if (body.Active !== undefined) product.Active = body.Active;
  if (body.Returnable !== undefined) product.Returnable = body.Returnable;
  if (body.xp !== undefined) product.xp = replace ? (body.xp ?? {}) : deepMerge(product.xp, body.xp ?? {});
}

function applySchedule(schedule: PriceScheduleRecord, rawBody: unknown, replace: boolean): void {
  const body = parseBody(ScheduleBody, rawBody);
  if (body.Name !== undefined) schedule.Name = body.Name;
  if (body.ApplyTax !== undefined) schedule.ApplyTax = body.ApplyTax;
  if (body.ApplyShipping !== undefined) schedule.ApplyShipping = body.ApplyShipping;
  if (body.MinQuantity !== undefined) schedule.MinQuantity = body.MinQuantity;
  if (body.MaxQuantity !== undefined || replace) schedule.MaxQuantity = body.MaxQuantity;
  if (body.Currency !== undefined || replace) schedule.Currency = body.Currency;
  if (body.SaleStart !== undefined || replace) schedule.SaleStart = body.SaleStart;
  if (body.SaleEnd !== undefined || replace) schedule.SaleEnd = body.SaleEnd;
  if (body.PriceBreaks) {
    const quantities = new Set(body.PriceBreaks.map((b) => b.Quantity));
    if (quantities.size !== body.PriceBreaks.length) {
      throw badRequest(
        'PriceSchedule.DuplicatePriceBreaks',
        'Price breaks array cannot contain duplicate quantity values.',
      );
    }
    schedule.PriceBreaks = body.PriceBreaks.map((b, i) => ({
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
  if (body.xp !== undefined) schedule.xp = replace ? (body.xp ?? {}) : deepMerge(schedule.xp, body.xp ?? {});
}

function applyPromotion(promotion: PromotionRecord, rawBody: unknown): void {
  const body = parseBody(PromotionBody, rawBody);
  if (body.Code !== undefined) promotion.Code = body.Code;
  for (const key of ['Name', 'Description', 'StartDate', 'ExpirationDate'] as const) {
    if (body[key] !== undefined) promotion[key] = body[key];
  }
  for (const key of ['LineItemLevel', 'CanCombine', 'AutoApply', 'Active', 'AllowAllBuyers'] as const) {
    const value = body[key];
    if (value !== undefined) promotion[key] = value;
  }
  if (body.EligibleExpression !== undefined) promotion.EligibleExpression = body.EligibleExpression;
  if (body.ValueExpression !== undefined) promotion.ValueExpression = body.ValueExpression;
  compilePromotion({
    eligibleExpression: promotion.EligibleExpression,
    valueExpression: promotion.ValueExpression,
    lineItemLevel: promotion.LineItemLevel,
  });
  if (body.xp) promotion.xp = deepMerge(promotion.xp, body.xp);
}

function findProduct(ctx: RouteContext): ProductRecord {
  const product = ctx.state.products.get(param(ctx, 'productID'));
  if (!product) throw notFound('Product', param(ctx, 'productID'));
  return product;
}

function findSchedule(ctx: RouteContext): PriceScheduleRecord {
  const schedule = ctx.state.priceSchedules.get(param(ctx, 'priceScheduleID'));
  if (!schedule) throw notFound('PriceSchedule', param(ctx, 'priceScheduleID'));
  return schedule;
}

function findPromotion(ctx: RouteContext): PromotionRecord {
  const promotion = ctx.state.promotions.get(param(ctx, 'promotionID'));
  if (!promotion) throw notFound('Promotion', param(ctx, 'promotionID'));
  return promotion;
}

const admin = (ctx: RouteContext, roles: string[]) => requireAdmin(ctx.actor, roles);

export const catalogRoutes: RouteDef[] = [
  {
    verb: 'GET',
    template: 'v1/products',
    roles: ['ProductReader', 'ProductAdmin'],
    handler: (ctx) =>
      listItems({
        items: [...ctx.state.products.values()].map(serializeProduct),
        query: ctx.query,
        fields: productFields,
      }),
  },
  {
    verb: 'POST',
    template: 'v1/products',
    roles: ['ProductAdmin'],
    created: true,
    handler: (ctx) => {
      admin(ctx, ['ProductAdmin']);
      const body = parseBody(ProductBody, ctx.body);
      if (!body.Name) throw badRequest('InvalidRequest', 'Name is required.', { Field: 'Name' });
      const product: ProductRecord = {
        ID: newId(ctx, body.ID, (id) => ctx.state.products.has(id), 'Product'),
        Name: body.Name,
        QuantityMultiplier: 1,
        Active: true,
        Returnable: true,
        DateCreated: nowIso(ctx),
        xp: {},
      };
      applyProduct(product, ctx.body, false, ctx);
      ctx.state.products.set(product.ID, product);
      return serializeProduct(product);
    },
  },
  {
    verb: 'GET',
    template: 'v1/products/{productID}',
    roles: ['ProductReader', 'ProductAdmin'],
    handler: (ctx) => serializeProduct(findProduct(ctx)),
  },
  ...(['PATCH', 'PUT'] as const).map(
    (verb): RouteDef => ({
      verb,
      template: 'v1/products/{productID}',
      roles: ['ProductAdmin'],
      handler: (ctx) => {
        admin(ctx, ['ProductAdmin']);
        const product = findProduct(ctx);
        applyProduct(product, ctx.body, verb === 'PUT', ctx);
        return serializeProduct(product);
      },
    }),
  ),
  {
    verb: 'DELETE',
    template: 'v1/products/{productID}',
    roles: ['ProductAdmin'],
    handler: (ctx) => {
      admin(ctx, ['ProductAdmin']);
      ctx.state.products.delete(findProduct(ctx).ID);
      return undefined;
    },
  },
  {
    verb: 'POST',
    template: 'v1/products/assignments',
    roles: ['ProductAdmin'],
    handler: (ctx) => {
      admin(ctx, ['ProductAdmin']);
      const body = parseBody(AssignmentBody, ctx.body);
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
      return undefined;
    },
  },
  {
    verb: 'GET',
    template: 'v1/priceschedules',
    roles: ['PriceScheduleReader', 'PriceScheduleAdmin'],
    handler: (ctx) =>
      listItems({
        items: [...ctx.state.priceSchedules.values()].map(serializePriceSchedule),
        query: ctx.query,
        fields: scheduleFields,
      }),
  },
  {
    verb: 'POST',
    template: 'v1/priceschedules',
    roles: ['PriceScheduleAdmin'],
    created: true,
    handler: (ctx) => {
      admin(ctx, ['PriceScheduleAdmin']);
      const body = parseBody(ScheduleBody, ctx.body);
      if (!body.Name) throw badRequest('InvalidRequest', 'Name is required.', { Field: 'Name' });
      const schedule: PriceScheduleRecord = {
        ID: newId(ctx, body.ID, (id) => ctx.state.priceSchedules.has(id), 'PriceSchedule'),
        Name: body.Name,
        ApplyTax: true,
        ApplyShipping: true,
        MinQuantity: 1,
        PriceBreaks: [],
        xp: {},
      };
      applySchedule(schedule, ctx.body, false);
      ctx.state.priceSchedules.set(schedule.ID, schedule);
      return serializePriceSchedule(schedule);
    },
  },
  {
    verb: 'GET',
    template: 'v1/priceschedules/{priceScheduleID}',
    roles: ['PriceScheduleReader', 'PriceScheduleAdmin'],
    handler: (ctx) => serializePriceSchedule(findSchedule(ctx)),
  },
  ...(['PATCH', 'PUT'] as const).map(
    (verb): RouteDef => ({
      verb,
      template: 'v1/priceschedules/{priceScheduleID}',
      roles: ['PriceScheduleAdmin'],
      handler: (ctx) => {
        admin(ctx, ['PriceScheduleAdmin']);
        const schedule = findSchedule(ctx);
        applySchedule(schedule, ctx.body, verb === 'PUT');
        return serializePriceSchedule(schedule);
      },
    }),
  ),
  {
    verb: 'GET',
    template: 'v1/promotions',
    roles: ['PromotionReader', 'PromotionAdmin'],
    handler: (ctx) =>
      listItems({ items: [...ctx.state.promotions.values()], query: ctx.query, fields: promotionFields }),
  },
  {
    verb: 'POST',
    template: 'v1/promotions',
    roles: ['PromotionAdmin'],
    created: true,
    handler: (ctx) => {
      admin(ctx, ['PromotionAdmin']);
      const body = parseBody(PromotionBody, ctx.body);
      if (!body.Code) throw badRequest('InvalidRequest', 'Code is required.', { Field: 'Code' });
      if (!body.ValueExpression)
        throw badRequest('InvalidRequest', 'ValueExpression is required.', { Field: 'ValueExpression' });
      if ([...ctx.state.promotions.values()].some((p) => p.Code.toLowerCase() === body.Code?.toLowerCase())) {
        throw badRequest('Promotion.CodeExists', `A promotion with code ${body.Code} already exists.`);
      }
      const promotion: PromotionRecord = {
        ID: newId(ctx, body.ID, (id) => ctx.state.promotions.has(id), 'Promotion'),
        Code: body.Code,
        LineItemLevel: false,
        EligibleExpression: 'true',
        ValueExpression: body.ValueExpression,
        CanCombine: false,
        AutoApply: false,
        Active: true,
        AllowAllBuyers: true,
        RedemptionCount: 0,
        xp: {},
      };
      applyPromotion(promotion, ctx.body);
      ctx.state.promotions.set(promotion.ID, promotion);
      return promotion;
    },
  },
  {
    verb: 'GET',
    template: 'v1/promotions/{promotionID}',
    roles: ['PromotionReader', 'PromotionAdmin'],
    handler: (ctx) => findPromotion(ctx),
  },
  {
    verb: 'PATCH',
    template: 'v1/promotions/{promotionID}',
    roles: ['PromotionAdmin'],
    handler: (ctx) => {
      admin(ctx, ['PromotionAdmin']);
      const promotion = findPromotion(ctx);
      applyPromotion(promotion, ctx.body);
      return promotion;
    },
  },
];
