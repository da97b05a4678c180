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
