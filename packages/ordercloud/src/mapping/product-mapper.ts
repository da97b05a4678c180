import { type Product, ProductSchema, type Result } from '@ledgerbridge/canonical';
import type { OcPriceSchedule, OcProduct, OcVariant } from '../api-types.ts';
import { clean } from './address-mapper.ts';
import { toPrice } from './amounts.ts';
import { MappingProblem, mapSafely } from './mapping-problem.ts';
import { variantPrice } from './variant-price.ts';

/** Product + its price schedule: the single-unit price break (sale price ignored) in the schedule's currency. */
export function mapProduct(input: {
  product: OcProduct;
  priceSchedule?: OcPriceSchedule | null;
  /** Its variants, each with the SKU the merchant's source path found (else the variant's ID is used). */
  variants?: ReadonlyArray<{ variant: OcVariant; sku?: string | undefined }>;
}): Result<Product> {
  const { product, priceSchedule } = input;
  return mapSafely(`product ${product.ID}`, () => {
    const sku = [product.xp?.SKU, product.xp?.Sku, product.xp?.sku]
      .find((v): v is string => typeof v === 'string' && v.trim() !== '')
      ?.trim();
    const currency = clean(priceSchedule?.Currency);
    const firstBreak = [...(priceSchedule?.PriceBreaks ?? [])].sort(
      (a, b) => (a.Quantity ?? 0) - (b.Quantity ?? 0),
    )[0];
    let price: string | undefined;
    if (firstBreak?.Price !== null && firstBreak?.Price !== undefined) {
      price = toPrice(firstBreak.Price, 'PriceSchedule.PriceBreaks[0].Price', currency);
    }
    const category = product.xp?.Category;
    const taxCode = product.xp?.TaxCode;
    const draft: Product = {
      id: product.ID,
      sku: sku && sku.length <= 30 ? sku : undefined,
      name: clean(product.Name) ?? product.ID,
      description: clean(product.Description),
      price,
      currency,
      category: typeof category === 'string' ? category : undefined,
      taxClass:
        typeof taxCode === 'string' ? taxCode : priceSchedule?.ApplyTax === false ? 'tax-exempt' : undefined,
      active: product.Active !== false,
      attributes: {
        ...(sku && sku.length > 30 ? { sourceSku: sku } : {}),
        ...(priceSchedule?.ID ? { priceScheduleId: priceSchedule.ID } : {}),
      },
      ...(input.variants && input.variants.length > 0
        ? {
            variants: input.variants.map(({ variant, sku: variantSku }) => ({
              id: variant.ID,
              sku: variantSku && variantSku.length <= 30 ? variantSku : undefined,
              name: clean(variant.Name) ?? clean(product.Name) ?? variant.ID,
              description: clean(variant.Description) ?? clean(product.Description),
              price: price === undefined ? undefined : variantPrice(price, variant.Specs),
              active: variant.Active !== false,
              attributes: {
                ...(variantSku && variantSku.length > 30 ? { sourceSku: variantSku } : {}),
                options: (variant.Specs ?? []).map((s) => s.OptionID).filter(Boolean),
              },
            })),
          }
        : {}),
    };
    const parsed = ProductSchema.safeParse(draft);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new MappingProblem(
        `canonical.${issue?.path.join('.') ?? ''}`,
        issue?.message ?? 'invalid product',
      );
    }
    return parsed.data;
  });
}
