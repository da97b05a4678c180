import { z } from 'zod';

// Where a merchant keeps things in their commerce platform's data. Each field is a dotted path
// (`product.xp.TaxCode`) or a JSONata expression over { order, line, product, variant, user };
// unset fields fall back to the platform adapter's conventions.
const Path = z.string().trim().min(1).max(500);

export const SourcePathsSchema = z.object({
  taxCode: Path.optional(),
  sku: Path.optional(),
  category: Path.optional(),
  channel: Path.optional(),
  pricesIncludeTax: Path.optional(),
  customerNumber: Path.optional(),
});
export type SourcePaths = z.infer<typeof SourcePathsSchema>;
export type SourceField = keyof SourcePaths;

/**
 * What one field of the marketplace's records holds across recent orders, for suggesting source paths:
 * exact counts over the records looked at (lines for line-level paths, orders for order-level ones).
 */
export type ValueProfile = {
  /** A dotted path over { order, line, product, variant, user }, e.g. `product.xp.Tax.Code`. */
  readonly path: string;
  readonly level: 'line' | 'order';
  /** Records where the path holds a non-empty value. */
  readonly present: number;
  /** Records looked at. */
  readonly of: number;
  /** Distinct values among those present. */
  readonly distinct: number;
  /** The most common values, most common first (at most three). */
  readonly samples: readonly string[];
  /** The kinds of value seen. */
  readonly kinds: ReadonlyArray<'string' | 'number' | 'boolean'>;
};
