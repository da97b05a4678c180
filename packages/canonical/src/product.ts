import { z } from 'zod';
import { AmountSchema, IdSchema } from './amount.ts';
import { CurrencyCodeSchema } from './currency.ts';

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
});
export type Product = z.infer<typeof ProductSchema>;
