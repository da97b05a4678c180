import { SourcePathsSchema } from '@ledgerbridge/canonical';
import { z } from 'zod';

// Mapping parts for real marketplaces (issue #10), kept apart from the core mapping schema.

/** Where the merchant keeps tax codes, SKUs, categories… in OrderCloud; unset fields use conventions. */
export const SourcesConfigSchema = SourcePathsSchema.prefault({});

/**
 * Tax names → Xero TaxType: matched against each tax's TaxDescription or JurisdictionValue (case
 * insensitive), after the product tax code map (tax.byClass) and before the effective-rate match.
 */
export const TaxNamesConfigSchema = z
  .object({ byName: z.record(z.string().min(1), z.string().min(1).max(30)).default({}) })
  .prefault({});

export type SourcesConfig = z.infer<typeof SourcesConfigSchema>;
export type TaxNamesConfig = z.infer<typeof TaxNamesConfigSchema>;
