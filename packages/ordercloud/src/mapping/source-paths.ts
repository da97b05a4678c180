import type { SourceField, SourcePaths } from '@ledgerbridge/canonical';
import jsonata from 'jsonata';
import type { OcLineItem, OcOrder, OcProduct, OcVariant } from '../api-types.ts';

// Where a marketplace keeps tax codes, SKUs and the like is its own choice. A merchant may name a
// dotted path or a JSONata expression over { order, line, product, variant, user }; otherwise the
// conventions below are tried in order and the first with a value wins (Headstart keeps the tax
// code in Product.xp.Tax.Code; many storefronts use xp.TaxCode or camelCase xp).
export const sourceConventions: Readonly<Record<SourceField, readonly string[]>> = {
  taxCode: ['product.xp.TaxCode', 'product.xp.taxCode', 'product.xp.Tax.Code'],
  sku: ['variant.xp.SKU', 'variant.xp.sku', 'product.xp.SKU', 'product.xp.sku', 'line.xp.SKU'],
  category: ['product.xp.Category', 'product.xp.category'],
  channel: ['order.xp.Channel', 'order.xp.channel'],
  pricesIncludeTax: ['order.xp.PricesIncludeTax'],
  customerNumber: ['user.xp.CustomerNumber', 'user.xp.customerNumber'],
};

export const lineFields = ['taxCode', 'sku', 'category'] as const;
export const orderFields = ['channel', 'pricesIncludeTax', 'customerNumber'] as const;

/** A value found, and where; or the configured path that held nothing. */
export type Found = { readonly value: string | boolean; readonly path: string; readonly configured: boolean };
export type FieldResult = Found | { readonly empty: string } | undefined;

export type ResolvedSources = {
  readonly order: Partial<Record<(typeof orderFields)[number], FieldResult>>;
  readonly lines: ReadonlyMap<string, Partial<Record<(typeof lineFields)[number], FieldResult>>>;
};

const dotted = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/;

export function isDottedPath(path: string): boolean {
  return dotted.test(path);
}

function readDotted(scope: Record<string, unknown>, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (value, key) =>
        value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined,
      scope,
    );
}

async function read(scope: Record<string, unknown>, path: string): Promise<unknown> {
  if (isDottedPath(path)) return readDotted(scope, path);
  return jsonata(path).evaluate(scope);
}

/** Strings and numbers become trimmed text; the tax-inclusion flag accepts true/false and their text. */
function normalise(field: SourceField, value: unknown): string | boolean | undefined {
  if (field === 'pricesIncludeTax') {
    if (typeof value === 'boolean') return value;
    if (typeof value === 'string' && /^(true|false)$/i.test(value.trim()))
      return value.trim().toLowerCase() === 'true';
    return undefined;
  }
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  return undefined;
}

async function resolveField(
  field: SourceField,
  configured: string | undefined,
  scope: Record<string, unknown>,
): Promise<FieldResult> {
  if (configured) {
    const value = normalise(field, await read(scope, configured));
    return value === undefined ? { empty: configured } : { value, path: configured, configured: true };
  }
  for (const path of sourceConventions[field]) {
    const value = normalise(field, readDotted(scope, path));
    if (value !== undefined) return { value, path, configured: false };
  }
  return undefined;
}

/** A variant's SKU, by the merchant's path or the conventions over { product, variant } (no order). */
export async function resolveVariantSku(input: {
  product: OcProduct;
  variant: OcVariant;
  configured?: string | undefined;
}): Promise<string | undefined> {
  const found = await resolveField('sku', input.configured, {
    product: input.product,
    variant: input.variant,
  });
  return found && 'value' in found && typeof found.value === 'string' ? found.value : undefined;
}

export function orderScope(order: OcOrder): Record<string, unknown> {
  return { order, user: order.FromUser ?? undefined };
}

export function lineScope(order: OcOrder, line: OcLineItem): Record<string, unknown> {
  return {
    order,
    user: order.FromUser ?? undefined,
    line,
    product: line.Product ?? undefined,
    variant: line.Variant ?? undefined,
  };
}

/** Every source field of the order and its lines, resolved once per order (JSONata is async). */
export async function resolveSources(input: {
  order: OcOrder;
  lineItems: readonly OcLineItem[];
  paths?: SourcePaths;
}): Promise<ResolvedSources> {
  const paths = input.paths ?? {};
  const scope = orderScope(input.order);
  const order: Record<string, FieldResult> = {};
  for (const field of orderFields) order[field] = await resolveField(field, paths[field], scope);
  const lines = new Map<string, Record<string, FieldResult>>();
  for (const line of input.lineItems) {
    const lineResult: Record<string, FieldResult> = {};
    const s = lineScope(input.order, line);
    for (const field of lineFields) lineResult[field] = await resolveField(field, paths[field], s);
    lines.set(line.ID, lineResult);
  }
  return { order, lines };
}

/** The conventions alone, without I/O: for callers that configure no paths. */
export function resolveConventions(input: {
  order: OcOrder;
  lineItems: readonly OcLineItem[];
}): ResolvedSources {
  const find = (field: SourceField, scope: Record<string, unknown>): FieldResult => {
    for (const path of sourceConventions[field]) {
      const value = normalise(field, readDotted(scope, path));
      if (value !== undefined) return { value, path, configured: false };
    }
    return undefined;
  };
  const scope = orderScope(input.order);
  return {
    order: Object.fromEntries(orderFields.map((f) => [f, find(f, scope)])),
    lines: new Map(
      input.lineItems.map((line) => {
        const s = lineScope(input.order, line);
        return [line.ID, Object.fromEntries(lineFields.map((f) => [f, find(f, s)]))];
      }),
    ),
  };
}

/** Checks a configured path before it is saved: dotted, or JSONata that compiles. */
export function sourcePathProblem(path: string): string | undefined {
  if (isDottedPath(path)) return undefined;
  try {
    jsonata(path);
    return undefined;
  } catch (error) {
    return `not a dotted path or JSONata expression: ${(error as Error).message}`;
  }
}
