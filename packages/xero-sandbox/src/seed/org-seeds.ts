import { uuidFromSeed } from '../util/ids.ts';
import type { Region } from '../state/types.ts';

export type OrgSeed = {
  key: string;
  region: Region;
  name?: string;
  class?: string;
  isDemoCompany?: boolean;
  defaultSalesTax?: string;
  currencies?: string[];
  multiCurrency?: boolean;
  dailyLimit?: number;
  periodLockDate?: string;
  endOfYearLockDate?: string;
};

export const SEEDED_ORG_KEYS = ['au', 'nz', 'uk', 'us', 'multi-currency', 'starter'] as const;
export type SeededOrgKey = (typeof SEEDED_ORG_KEYS)[number];

export function tenantIdForKey(key: string): string {
  return uuidFromSeed(`xero-sandbox:org:${key}`);
}

// Stable across runs and processes, so tests and the demo can name orgs without a lookup.
export const SEEDED_TENANT_IDS: Readonly<Record<SeededOrgKey, string>> = {
  au: tenantIdForKey('au'),
  nz: tenantIdForKey('nz'),
  uk: tenantIdForKey('uk'),
  us: tenantIdForKey('us'),
  'multi-currency': tenantIdForKey('multi-currency'),
  starter: tenantIdForKey('starter'),
};

export const DEFAULT_ORG_SEEDS: readonly OrgSeed[] = [
  { key: 'au', region: 'AU', defaultSalesTax: 'Tax Inclusive' },
  { key: 'nz', region: 'NZ' },
  { key: 'uk', region: 'UK' },
  { key: 'us', region: 'US' },
  {
    key: 'multi-currency',
    region: 'NZ',
    name: 'Ledgerbridge Multi-currency Ltd (NZ)',
    class: 'PREMIUM',
    isDemoCompany: false,
    multiCurrency: true,
    currencies: ['USD', 'AUD', 'GBP', 'EUR'],
  },
  {
    key: 'starter',
    region: 'UK',
    name: 'Ledgerbridge Starter Ltd (UK)',
    class: 'STARTER',
    isDemoCompany: false,
  },
];
