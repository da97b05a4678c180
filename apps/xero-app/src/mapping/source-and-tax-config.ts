import { SourcePathsSchema } from '@ledgerbridge/canonical';
import jsonata from 'jsonata';
import { z } from 'zod';

// Mapping parts for real marketplaces (issue #10), kept apart from the core mapping schema.

const dotted = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/;
const scopes = ['order', 'line', 'product', 'variant', 'user'];

/**
 * Why a source path cannot be used, in the merchant's words; undefined when it can. A dotted path must
 * start at one of the scopes the adapter offers; anything else must compile as JSONata.
 */
export function sourcePathProblem(path: string): string | undefined {
  if (dotted.test(path)) {
    const head = path.split('.')[0] ?? '';
    return scopes.includes(head)
      ? undefined
      : `“${path}” must start with ${scopes.join(', ')} (e.g. product.xp.TaxCode).`;
  }
  try {
    jsonata(path);
    return undefined;
  } catch (error) {
    return `“${path}” is neither a dotted path nor valid JSONata: ${(error as Error).message}`;
  }
}

/** Where the merchant keeps tax codes, SKUs, categories… in OrderCloud; unset fields use conventions. */
export const SourcesConfigSchema = SourcePathsSchema.superRefine((paths, ctx) => {
  for (const [field, path] of Object.entries(paths)) {
    const problem = typeof path === 'string' ? sourcePathProblem(path) : undefined;
    if (problem) ctx.addIssue({ code: 'custom', path: [field], message: problem });
  }
}).prefault({});

/**
 * Tax names → Xero TaxType: matched against each tax's TaxDescription or JurisdictionValue (case
 * insensitive), after the product tax code map (tax.byClass) and before the effective-rate match.
 */
export const TaxNamesConfigSchema = z
  .object({ byName: z.record(z.string().min(1), z.string().min(1).max(30)).default({}) })
  .prefault({});

export type SourcesConfig = z.infer<typeof SourcesConfigSchema>;
export type TaxNamesConfig = z.infer<typeof TaxNamesConfigSchema>;
