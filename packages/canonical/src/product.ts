import { z } from 'zod';
import { AmountSchema, IdSchema } from './amount.ts';
import { CurrencyCodeSchema } from './currency.ts';

/**
 * One variant of a product (OrderCloud: a combination of variant-defining spec options), sold as its own
 * Xero item. `price` is the product's price with the variant's options' markups.
 */
export const ProductVariantSchema = z.object({
  id: IdSchema,
  sku: z.string().min(1).max(30).optional().describe('Xero item codes are at most 30 characters'),
  name: z.string().min(1),
  description: z.string().optional(),
  price: AmountSchema.optional(),
  active: z.boolean().default(true),
  attributes: z.record(z.string(), z.unknown()).default({}),
});
export type ProductVariant = z.infer<typeof ProductVariantSchema>;

export const ProductSchema = z.object({
  id: IdSchema,
  sku: z.string().min(1).max(30).optional().describe('Xero item codes are at most 30 characters'),
  name: z.string().min(1),
  description: z.string().optional(),
  price: AmountSchema.optional(),
  currency: CurrencyCodeSchema.optional(),
  category: z.string().optional(),
  taxClass: z.string().optional(),
  active: z.boolean().default(true),
  attributes: z.record(z.string(), z.unknown()).default({}),
  /** Present when the product is sold as variants: then each variant is an item, not the product. */
  variants: z.array(ProductVariantSchema).optional(),
});
export type Product = z.infer<typeof ProductSchema>;
