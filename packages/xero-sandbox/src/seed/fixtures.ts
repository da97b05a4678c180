import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Region } from '../state/types.ts';

const accountSchema = z.object({
  Code: z.string(),
  Name: z.string(),
  Type: z.string(),
  TaxType: z.string().optional(),
  Class: z.string(),
  Status: z.enum(['ACTIVE', 'ARCHIVED']),
  EnablePaymentsToAccount: z.boolean().default(false),
  ShowInExpenseClaims: z.boolean().default(false),
  BankAccountType: z.string().optional(),
  BankAccountNumber: z.string().optional(),
  CurrencyCode: z.string().optional(),
  SystemAccount: z.string().optional(),
  Description: z.string().optional(),
  ReportingCode: z.string().optional(),
  ReportingCodeName: z.string().optional(),
});

const taxRateSchema = z.object({
  Name: z.string(),
  TaxType: z.string(),
  ReportTaxType: z.string().optional(),
  Status: z.string(),
  EffectiveRate: z.number(),
  DisplayTaxRate: z.number(),
  CanApplyToAssets: z.boolean(),
  CanApplyToEquity: z.boolean(),
  CanApplyToExpenses: z.boolean(),
  CanApplyToLiabilities: z.boolean(),
  CanApplyToRevenue: z.boolean(),
  TaxComponents: z.array(
    z.object({ Name: z.string(), Rate: z.number(), IsCompound: z.boolean(), IsNonRecoverable: z.boolean() }),
  ),
});

const fixtureSchema = z.object({
  region: z.enum(['AU', 'NZ', 'UK', 'US']),
  organisation: z.record(z.string(), z.unknown()),
  accounts: z.array(accountSchema),
  taxRates: z.array(taxRateSchema),
});

export type FixtureAccount = z.infer<typeof accountSchema>;
export type FixtureTaxRate = z.infer<typeof taxRateSchema>;
export type RegionFixture = z.infer<typeof fixtureSchema>;

const cache = new Map<Region, RegionFixture>();

export function loadRegionFixture(region: Region): RegionFixture {
  const cached = cache.get(region);
  if (cached) return cached;
  const file = new URL(`../../fixtures/${region.toLowerCase()}.json`, import.meta.url);
  const fixture = fixtureSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  cache.set(region, fixture);
  return fixture;
}
