import { fixed4ToNumber } from '../money/fixed4.ts';
import type { AccountRecord, OrgState, TaxRateRecord, TrackingCategoryRecord } from '../state/types.ts';
import { dayToMsDate, toMsDate } from '../util/xero-dates.ts';

export function organisationToJson(org: OrgState): Record<string, unknown> {
  const record = org.organisation;
  return {
    OrganisationID: record.organisationId,
    APIKey: '',
    Name: record.name,
    LegalName: record.legalName,
    ShortCode: record.shortCode,
    Version: record.version,
    BaseCurrency: record.baseCurrency,
    CountryCode: record.countryCode,
    IsDemoCompany: record.isDemoCompany,
    ...record.extra,
    PeriodLockDate: record.periodLockDate ? dayToMsDate(record.periodLockDate) : undefined,
    EndOfYearLockDate: record.endOfYearLockDate ? dayToMsDate(record.endOfYearLockDate) : undefined,
    CreatedDateUTC: toMsDate(record.createdAt),
    Class: record.class,
    Edition: record.edition,
    Addresses: [],
    Phones: [],
    ExternalLinks: [],
    PaymentTerms: {},
  };
}

export function accountToJson(account: AccountRecord): Record<string, unknown> {
  return {
    AccountID: account.accountId,
    Code: account.code,
    Name: account.name,
    Status: account.status,
    Type: account.type,
    TaxType: account.taxType,
    Description: account.description,
    Class: account.class,
    SystemAccount: account.systemAccount,
    EnablePaymentsToAccount: account.enablePaymentsToAccount,
    ShowInExpenseClaims: account.showInExpenseClaims,
    BankAccountNumber: account.bankAccountNumber,
    BankAccountType: account.type === 'BANK' ? (account.bankAccountType ?? 'BANK') : '',
    CurrencyCode: account.currencyCode,
    ReportingCode: account.reportingCode,
    ReportingCodeName: account.reportingCodeName,
    HasAttachments: false,
    UpdatedDateUTC: toMsDate(account.updatedAt),
    AddToWatchlist: false,
  };
}

export function taxRateToJson(rate: TaxRateRecord): Record<string, unknown> {
  return {
    Name: rate.name,
    TaxType: rate.taxType,
    ReportTaxType: rate.reportTaxType,
    CanApplyToAssets: rate.canApplyToAssets,
    CanApplyToEquity: rate.canApplyToEquity,
    CanApplyToExpenses: rate.canApplyToExpenses,
    CanApplyToLiabilities: rate.canApplyToLiabilities,
    CanApplyToRevenue: rate.canApplyToRevenue,
    DisplayTaxRate: fixed4ToNumber(rate.displayTaxRate),
    EffectiveRate: fixed4ToNumber(rate.effectiveRate),
    Status: rate.status,
    TaxComponents: rate.components.map((component) => ({
      Name: component.name,
      Rate: fixed4ToNumber(component.rate),
      IsCompound: component.isCompound,
      IsNonRecoverable: component.isNonRecoverable,
    })),
  };
}

export function trackingCategoryToJson(category: TrackingCategoryRecord): Record<string, unknown> {
  return {
    Name: category.name,
    Status: category.status,
    TrackingCategoryID: category.trackingCategoryId,
    Options: category.options.map((option) => ({
      TrackingOptionID: option.trackingOptionId,
      Name: option.name,
      Status: option.status,
      HasValidationErrors: false,
      IsDeleted: false,
      IsArchived: option.status === 'ARCHIVED',
      IsActive: option.status === 'ACTIVE',
    })),
  };
}
