import { z } from 'zod';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

export const advanceSchema = z.object({ ms: z.number().nonnegative() });

export const orgPatchSchema = z.object({
  name: z.string().min(1).optional(),
  class: z.string().min(1).optional(),
  periodLockDate: day.nullable().optional(),
  endOfYearLockDate: day.nullable().optional(),
  dailyLimit: z.number().int().positive().nullable().optional(),
  multiCurrency: z.boolean().optional(),
});

export const faultSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('status'),
    status: z.number().int().min(500).max(599),
    count: z.number().int().positive().optional(),
    forMs: z.number().int().positive().optional(),
    tenantId: z.string().optional(),
  }),
  z.object({
    kind: z.literal('hang'),
    phase: z.enum(['before', 'after']).optional(),
    count: z.number().int().positive().optional(),
    tenantId: z.string().optional(),
  }),
  z.object({
    kind: z.literal('reset'),
    phase: z.enum(['before', 'after']).optional(),
    count: z.number().int().positive().optional(),
    tenantId: z.string().optional(),
  }),
  z.object({
    kind: z.literal('slow'),
    delayMs: z.number().int().nonnegative(),
    count: z.number().int().positive().optional(),
    tenantId: z.string().optional(),
  }),
]);

export const issueTokensSchema = z.object({
  clientId: z.string().optional(),
  tenantIds: z.array(z.string()).optional(),
  scopes: z.array(z.string()).optional(),
});

export const revokeSchema = z.object({
  accessToken: z.string().optional(),
  refreshToken: z.string().optional(),
  clientId: z.string().optional(),
});

export const disconnectSchema = z.object({ tenantId: z.string(), clientId: z.string().optional() });

export const paySchema = z.object({
  amount: z.union([z.number(), z.string()]).optional(),
  accountCode: z.string().optional(),
  date: day.optional(),
  reference: z.string().optional(),
});

export const appSchema = z.object({
  clientId: z.string().min(1),
  clientSecret: z.string().optional(),
  redirectUris: z.array(z.string()).optional(),
  webhookUrl: z.string().url().optional(),
  webhookKey: z.string().optional(),
  createdAt: z.string().optional(),
  name: z.string().optional(),
});

export const consentSchema = z.object({
  autoConsent: z.union([z.boolean(), z.object({ tenantIds: z.array(z.string()) })]),
});

export const intentSchema = z.object({ clientId: z.string().optional() });

export const orgSeedSchema = z.object({
  key: z.string().min(1),
  region: z.enum(['AU', 'NZ', 'UK', 'US']),
  name: z.string().optional(),
  class: z.string().optional(),
  isDemoCompany: z.boolean().optional(),
  defaultSalesTax: z.string().optional(),
  currencies: z.array(z.string().length(3)).optional(),
  multiCurrency: z.boolean().optional(),
  dailyLimit: z.number().int().positive().optional(),
  periodLockDate: day.optional(),
  endOfYearLockDate: day.optional(),
});
