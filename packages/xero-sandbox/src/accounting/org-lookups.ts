import type { AccountRecord, ContactRecord, OrgState, TaxRateRecord } from '../state/types.ts';
import { sameId } from '../util/ids.ts';

export function findAccount(
  org: OrgState,
  ref: { code?: string; accountId?: string },
): AccountRecord | undefined {
  if (ref.accountId !== undefined)
    return org.accounts.find((account) => sameId(account.accountId, ref.accountId));
  if (ref.code === undefined) return undefined;
  const code = ref.code.toLowerCase();
  return org.accounts.find((account) => account.code.toLowerCase() === code);
}

export function findTaxRate(org: OrgState, taxType: string): TaxRateRecord | undefined {
  const wanted = taxType.toUpperCase();
  return org.taxRates.find((rate) => rate.taxType.toUpperCase() === wanted);
}

export function normaliseName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

export function findActiveContactByName(org: OrgState, name: string): ContactRecord | undefined {
  const wanted = normaliseName(name);
  for (const contact of org.contacts.values()) {
    if (contact.status === 'ACTIVE' && normaliseName(contact.name) === wanted) return contact;
  }
  return undefined;
}

export function findContactByNumber(org: OrgState, contactNumber: string): ContactRecord | undefined {
  for (const contact of org.contacts.values()) {
    if (contact.contactNumber === contactNumber) return contact;
  }
  return undefined;
}

export function findContact(org: OrgState, contactId: string): ContactRecord | undefined {
  for (const contact of org.contacts.values()) {
    if (sameId(contact.contactId, contactId)) return contact;
  }
  return undefined;
}

const CLASS_FLAGS: Record<string, keyof TaxRateRecord> = {
  ASSET: 'canApplyToAssets',
  EQUITY: 'canApplyToEquity',
  EXPENSE: 'canApplyToExpenses',
  LIABILITY: 'canApplyToLiabilities',
  REVENUE: 'canApplyToRevenue',
};

export function taxRateAppliesToAccount(rate: TaxRateRecord, account: AccountRecord): boolean {
  const flag = CLASS_FLAGS[account.class];
  return flag === undefined ? true : rate[flag] === true;
}

// Bank accounts, system accounts and archived accounts cannot be coded on a document line.
export function accountUsableOnDocument(account: AccountRecord): boolean {
  return account.status === 'ACTIVE' && account.type !== 'BANK' && account.systemAccount === undefined;
}

export function isCurrencyEnabled(org: OrgState, code: string): boolean {
  return org.currencies.some((currency) => currency.code === code.toUpperCase());
}
