import { findProduct, serializeProduct } from '../catalog/products.ts';
import {
  createOption,
  createSpec,
  findOption,
  findSpec,
  findVariant,
  generateVariants,
  serializeOption,
  serializeSpec,
  serializeVariant,
  SpecProductAssignmentBody,
  specsOfProduct,
  updateOption,
  updateSpec,
  updateVariant,
} from '../catalog/specs.ts';
import { notFound } from '../errors.ts';
import { parseBody } from './body.ts';
import { param, requireAdmin } from './common.ts';
import type { RouteDef } from './context.ts';
import { crudRoutes } from './crud.ts';
import { firstParam, listItems } from './list-query.ts';

// HTTP only: specs, their options and product assignments, and a product's variants (src/catalog/specs.ts).
const readers = ['ProductReader', 'ProductAdmin'];
const admins = ['ProductAdmin'];
const specFields = ['ID', 'Name', 'ListOrder', 'DefinesVariant', 'Required', 'xp'];
const optionFields = ['ID', 'Value', 'ListOrder', 'PriceMarkupType', 'PriceMarkup', 'xp'];
const variantFields = ['ID', 'Name', 'Description', 'Active', 'xp'];

export const specRoutes: RouteDef[] = [
  {
    verb: 'GET',
    template: 'v1/specs/productassignments',
    roles: readers,
    handler: (ctx) => {
      requireAdmin(ctx.actor, readers);
      // Filtered as the SDK's Specs.ListProductAssignments sends it: `filters` (SpecID=…, ProductID=…).
      const items = ctx.state.specProductAssignments.map((a) => ({
        SpecID: a.SpecID,
        ProductID: a.ProductID,
        DefaultValue: a.DefaultValue ?? null,
        DefaultOptionID: a.DefaultOptionID ?? null,
      }));
      return listItems({ items, query: ctx.query, fields: ['SpecID', 'ProductID'] });
    },
  },
  {
    verb: 'POST',
    template: 'v1/specs/productassignments',
    roles: admins,
    handler: (ctx) => {
      requireAdmin(ctx.actor, admins);
      const body = parseBody(SpecProductAssignmentBody, ctx.body);
      findSpec(ctx, body.SpecID);
      findProduct(ctx, body.ProductID);
      ctx.state.specProductAssignments = [
        ...ctx.state.specProductAssignments.filter(
          (a) => !(a.SpecID === body.SpecID && a.ProductID === body.ProductID),
        ),
        {
          SpecID: body.SpecID,
          ProductID: body.ProductID,
          ...(body.DefaultValue ? { DefaultValue: body.DefaultValue } : {}),
          ...(body.DefaultOptionID ? { DefaultOptionID: body.DefaultOptionID } : {}),
        },
      ];
      return undefined;
    },
  },
  {
    verb: 'DELETE',
    template: 'v1/specs/{specID}/productassignments/{productID}',
    roles: admins,
    handler: (ctx) => {
      requireAdmin(ctx.actor, admins);
      const specId = param(ctx, 'specID');
      const productId = param(ctx, 'productID');
      ctx.state.specProductAssignments = ctx.state.specProductAssignments.filter(
        (a) => !(a.SpecID === specId && a.ProductID === productId),
      );
      return undefined;
    },
  },
  ...crudRoutes({
    base: 'v1/specs',
    idParam: 'specID',
    readers,
    admins,
    adminOnlyRead: true,
    fields: specFields,
    list: (ctx) => [...ctx.state.specs.values()],
    find: (ctx, id) => findSpec(ctx, id),
    exists: (ctx, id) => ctx.state.specs.get(id),
    create: createSpec,
    update: updateSpec,
    remove: (ctx, spec) => {
      ctx.state.specs.delete(spec.ID);
      ctx.state.specProductAssignments = ctx.state.specProductAssignments.filter((a) => a.SpecID !== spec.ID);
    },
    serialize: (_ctx, spec) => serializeSpec(spec),
  }),
  {
    verb: 'GET',
    template: 'v1/specs/{specID}/options',
    roles: readers,
    handler: (ctx) => {
      requireAdmin(ctx.actor, readers);
      const spec = findSpec(ctx, param(ctx, 'specID'));
      return listItems({ items: spec.Options.map(serializeOption), query: ctx.query, fields: optionFields });
    },
  },
  {
    verb: 'POST',
    template: 'v1/specs/{specID}/options',
    roles: admins,
    created: true,
    handler: (ctx) => {
      requireAdmin(ctx.actor, admins);
      return serializeOption(createOption(ctx, findSpec(ctx, param(ctx, 'specID')), ctx.body));
    },
  },
  {
    verb: 'GET',
    template: 'v1/specs/{specID}/options/{optionID}',
    roles: readers,
    handler: (ctx) => {
      requireAdmin(ctx.actor, readers);
      return serializeOption(findOption(findSpec(ctx, param(ctx, 'specID')), param(ctx, 'optionID')));
    },
  },
  ...(['PUT', 'PATCH'] as const).map(
    (verb): RouteDef => ({
      verb,
      template: 'v1/specs/{specID}/options/{optionID}',
      roles: admins,
      handler: (ctx) => {
        requireAdmin(ctx.actor, admins);
        const spec = findSpec(ctx, param(ctx, 'specID'));
        const id = param(ctx, 'optionID');
        const option = spec.Options.find((o) => o.ID === id);
        if (!option && verb === 'PUT') return serializeOption(createOption(ctx, spec, ctx.body, id));
        if (!option) throw notFound('SpecOption', id);
        updateOption(option, ctx.body, verb === 'PUT');
        return serializeOption(option);
      },
    }),
  ),
  {
    verb: 'DELETE',
    template: 'v1/specs/{specID}/options/{optionID}',
    roles: admins,
    handler: (ctx) => {
      requireAdmin(ctx.actor, admins);
      const spec = findSpec(ctx, param(ctx, 'specID'));
      const option = findOption(spec, param(ctx, 'optionID'));
      spec.Options = spec.Options.filter((o) => o !== option);
      return undefined;
    },
  },
  {
    verb: 'GET',
    template: 'v1/products/{productID}/specs',
    roles: readers,
    handler: (ctx) => {
      const product = findProduct(ctx, param(ctx, 'productID'));
      return listItems({
        items: specsOfProduct(ctx, product.ID).map(serializeSpec),
        query: ctx.query,
        fields: specFields,
      });
    },
  },
  {
    verb: 'GET',
    template: 'v1/products/{productID}/variants',
    roles: readers,
    handler: (ctx) => {
      const product = findProduct(ctx, param(ctx, 'productID'));
      return listItems({
        items: (ctx.state.variants.get(product.ID) ?? []).map((v) => serializeVariant(ctx, v)),
        query: ctx.query,
        fields: variantFields,
      });
    },
  },
  {
    verb: 'POST',
    template: 'v1/products/{productID}/variants/generate',
    roles: admins,
    handler: (ctx) => {
      requireAdmin(ctx.actor, admins);
      const product = findProduct(ctx, param(ctx, 'productID'));
      const body = (ctx.body ?? {}) as { Active?: unknown };
      generateVariants(ctx, product, {
        overwriteExisting: firstParam(ctx.query, 'overwriteExisting')?.toLowerCase() === 'true',
        ...(typeof body.Active === 'boolean' ? { active: body.Active } : {}),
      });
      return serializeProduct(product, ctx.state);
    },
  },
  {
    verb: 'GET',
    template: 'v1/products/{productID}/variants/{variantID}',
    roles: readers,
    handler: (ctx) =>
      serializeVariant(ctx, findVariant(ctx, param(ctx, 'productID'), param(ctx, 'variantID'))),
  },
  ...(['PUT', 'PATCH'] as const).map(
    (verb): RouteDef => ({
      verb,
      template: 'v1/products/{productID}/variants/{variantID}',
      roles: admins,
      handler: (ctx) => {
        requireAdmin(ctx.actor, admins);
        const productId = param(ctx, 'productID');
        findProduct(ctx, productId);
        const variant = findVariant(ctx, productId, param(ctx, 'variantID'));
        updateVariant(ctx, productId, variant, ctx.body, verb === 'PUT');
        return serializeVariant(ctx, variant);
      },
    }),
  ),
];
