import { toFixed4 } from '../money/fixed4.ts';
import type {
  AccountRecord,
  ContactRecord,
  OrgState,
  TaxRateRecord,
  TrackingCategoryRecord,
} from '../state/types.ts';
import { uuidFromSeed } from '../util/ids.ts';
import { CURRENCY_DESCRIPTIONS } from './currencies.ts';
import { type FixtureAccount, type FixtureTaxRate, loadRegionFixture } from './fixtures.ts';
import { type OrgSeed, tenantIdForKey } from './org-seeds.ts';

const TYPED_ORG_FIELDS = new Set([
  'Name',
  'LegalName',
  'Version',
  'BaseCurrency',
  'CountryCode',
  'Class',
  'Edition',
  'IsDemoCompany',
]);

function toAccount(key: string, source: FixtureAccount, now: number): AccountRecord {
  return {
    accountId: uuidFromSeed(`xero-sandbox:org:${key}:account:${source.Code}`),
    code: source.Code,
    name: source.Name,
    type: source.Type,
    taxType: source.TaxType,
    class: source.Class,
    status: source.Status,
    enablePaymentsToAccount: source.EnablePaymentsToAccount,
    showInExpenseClaims: source.ShowInExpenseClaims,
    bankAccountType: source.BankAccountType,
    bankAccountNumber: source.BankAccountNumber,
    currencyCode: source.CurrencyCode,
    systemAccount: source.SystemAccount,
    description: source.Description,
    reportingCode: source.ReportingCode,
    reportingCodeName: source.ReportingCodeName,
    updatedAt: now,
  };
}

function toTaxRate(source: FixtureTaxRate): TaxRateRecord {
  const rate = (value: number) => toFixed4(value, 4) ?? 0n;
  return {
    name: source.Name,
    taxType: source.TaxType,
    reportTaxType: source.ReportTaxType,
    status: source.Status,
    effectiveRate: rate(source.EffectiveRate),
    displayTaxRate: rate(source.DisplayTaxRate),
    canApplyToAssets: source.CanApplyToAssets,
    canApplyToEquity: source.CanApplyToEquity,
    canApplyToExpenses: source.CanApplyToExpenses,
    canApplyToLiabilities: source.CanApplyToLiabilities,
    canApplyToRevenue: source.CanApplyToRevenue,
    components: source.TaxComponents.map((component) => ({
      name: component.Name,
      rate: rate(component.Rate),
      isCompound: component.IsCompound,
      isNonRecoverable: component.IsNonRecoverable,
    })),
  };
}

// Payment destinations a merchant typically has beyond the demo bank account.
function extraAccounts(
  seed: OrgSeed,
  baseCurrency: string,
  bankTaxType: string | undefined,
): FixtureAccount[] {
  const accounts: FixtureAccount[] = [
    {
      Code: '092',
      Name: 'Stripe',
      Type: 'BANK',
      TaxType: bankTaxType,
      Class: 'ASSET',
      Status: 'ACTIVE',
      EnablePaymentsToAccount: false,
      ShowInExpenseClaims: false,
      BankAccountType: 'BANK',
      CurrencyCode: baseCurrency,
    },
    {
      Code: '615',
      Name: 'Payment Clearing',
      Type: 'CURRENT',
      TaxType: bankTaxType,
      Class: 'ASSET',
      Status: 'ACTIVE',
      EnablePaymentsToAccount: true,
      ShowInExpenseClaims: false,
      Description: 'Card processor settlements awaiting payout',
    },
  ];
  for (const currency of seed.currencies ?? []) {
    accounts.push({
      Code: `09${3 + accounts.length - 2}`,
      Name: `${currency} Bank Account`,
      Type: 'BANK',
      TaxType: bankTaxType,
      Class: 'ASSET',
      Status: 'ACTIVE',
      EnablePaymentsToAccount: false,
      ShowInExpenseClaims: false,
      BankAccountType: 'BANK',
      CurrencyCode: currency,
    });
  }
  return accounts;
}

function trackingCategories(key: string): TrackingCategoryRecord[] {
  const category = (
    name: string,
    status: 'ACTIVE' | 'ARCHIVED',
    options: string[],
  ): TrackingCategoryRecord => ({
    trackingCategoryId: uuidFromSeed(`xero-sandbox:org:${key}:tracking:${name}`),
    name,
    status,
    options: options.map((option) => ({
      trackingOptionId: uuidFromSeed(`xero-sandbox:org:${key}:tracking:${name}:${option}`),
      name: option,
      status: 'ACTIVE',
    })),
  });
  // Xero allows 2 active categories and 4 in total.
  return [
    category('Region', 'ACTIVE', ['North', 'South', 'Eastside', 'West Coast']),
    category('Sales Channel', 'ACTIVE', ['Online', 'Retail', 'Wholesale']),
    category('Legacy Division', 'ARCHIVED', ['Head Office']),
  ];
}

function seededContacts(key: string, now: number): ContactRecord[] {
  const contact = (number: string, name: string, email: string): ContactRecord => ({
    contactId: uuidFromSeed(`xero-sandbox:org:${key}:contact:${number}`),
    contactNumber: number,
    status: 'ACTIVE',
    name,
    emailAddress: email,
    addresses: [],
    phones: [],
    contactPersons: [],
    isCustomer: false,
    isSupplier: false,
    createdAt: now,
    updatedAt: now,
  });
  return [
    contact('SEED-0001', 'Ridgeway Traders', 'accounts@ridgeway.example'),
    contact('SEED-0002', 'Bayside Club', 'treasurer@bayside.example'),
  ];
}

export function buildOrg(seed: OrgSeed, now: number): OrgState {
  const fixture = loadRegionFixture(seed.region);
  const source = fixture.organisation;
  const text = (field: string, fallback: string) => {
    const value = source[field];
    return typeof value === 'string' ? value : fallback;
  };
  const tenantId = tenantIdForKey(seed.key);
  const baseCurrency = text('BaseCurrency', 'USD');
  const bankTaxType = fixture.accounts.find((account) => account.Type === 'BANK')?.TaxType;
  const extra: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(source)) {
    if (!TYPED_ORG_FIELDS.has(field) && value !== null && value !== undefined) extra[field] = value;
  }
  if (seed.defaultSalesTax) extra.DefaultSalesTax = seed.defaultSalesTax;
  const name = seed.name ?? text('Name', `Demo Company (${seed.region})`);
  const accounts = [...fixture.accounts, ...extraAccounts(seed, baseCurrency, bankTaxType)]
    .map((account) => toAccount(seed.key, account, now))
    .sort((a, b) => a.code.localeCompare(b.code));
  const currencies = [baseCurrency, ...(seed.currencies ?? [])].map((code) => ({
    code,
    description: CURRENCY_DESCRIPTIONS[code] ?? code,
  }));
  return {
    tenantId,
    key: seed.key,
    region: seed.region,
    organisation: {
      organisationId: tenantId,
      name,
      legalName: seed.name ?? text('LegalName', name),
      shortCode: `!${tenantId.replace(/-/g, '').slice(0, 5)}`,
      version: text('Version', seed.region),
      baseCurrency,
      countryCode: text('CountryCode', seed.region),
      class: seed.class ?? text('Class', 'STANDARD'),
      edition: text('Edition', 'BUSINESS'),
      isDemoCompany: seed.isDemoCompany ?? source.IsDemoCompany === true,
      periodLockDate: seed.periodLockDate,
      endOfYearLockDate: seed.endOfYearLockDate,
      createdAt: now,
      extra,
    },
    accounts,
    taxRates: fixture.taxRates.map(toTaxRate),
    trackingCategories: trackingCategories(seed.key),
    currencies,
    multiCurrency: seed.multiCurrency ?? false,
    dailyLimit: seed.dailyLimit,
    contacts: new Map(seededContacts(seed.key, now).map((contact) => [contact.contactId, contact])),
    invoices: new Map(),
    creditNotes: new Map(),
    payments: new Map(),
    allocations: new Map(),
    items: new Map(),
    sequences: { invoice: 0, creditNote: 0 },
  };
}
