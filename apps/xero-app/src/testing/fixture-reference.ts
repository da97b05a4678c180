import { readFileSync } from 'node:fs';
import type { ReferenceData } from '@ledgerbridge/canonical';

type FixtureAccount = {
  Code: string;
  Name: string;
  Type: string;
  Status: string;
  TaxType?: string;
  EnablePaymentsToAccount?: boolean;
  SystemAccount?: string;
};
type FixtureTaxRate = {
  TaxType: string;
  Name: string;
  EffectiveRate: number;
  Status: string;
  CanApplyToRevenue: boolean;
};

/** Reference data as a default AU/NZ/UK/US org has it, from the fixtures the Xero sandbox seeds from. */
export function fixtureReference(
  region: 'au' | 'nz' | 'uk' | 'us',
  extra: Partial<ReferenceData> = {},
): ReferenceData {
  const path = new URL(`../../../../packages/xero-sandbox/fixtures/${region}.json`, import.meta.url);
  const fixture = JSON.parse(readFileSync(path, 'utf8')) as {
    organisation: { Name: string; BaseCurrency: string; CountryCode: string };
    accounts: FixtureAccount[];
    taxRates: FixtureTaxRate[];
  };
  return {
    organisation: {
      name: fixture.organisation.Name,
      baseCurrency: fixture.organisation.BaseCurrency,
      countryCode: fixture.organisation.CountryCode,
      isStarterTier: false,
    },
    accounts: fixture.accounts.map((a) => ({
      code: a.Code,
      name: a.Name,
      type: a.Type,
      active: a.Status === 'ACTIVE',
      acceptsPayments: a.Type === 'BANK' || a.EnablePaymentsToAccount === true,
      ...(a.TaxType ? { taxType: a.TaxType } : {}),
      ...(a.SystemAccount ? { systemAccount: a.SystemAccount } : {}),
    })),
    taxRates: fixture.taxRates.map((t) => ({
      taxType: t.TaxType,
      name: t.Name,
      ratePercent: String(t.EffectiveRate),
      active: t.Status === 'ACTIVE',
      canApplyToRevenue: t.CanApplyToRevenue,
    })),
    trackingCategories: [],
    currencies: [fixture.organisation.BaseCurrency],
    itemCodes: [],
    ...extra,
  };
}
