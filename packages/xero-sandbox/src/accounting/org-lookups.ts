import type { AccountRecord, ContactRecord, OrgState, TaxRateRecord } from '../state/types.ts';
import { isUuid, sameId } from '../util/ids.ts';
import { keyedIndex } from '../util/keyed-index.ts';

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

// Contacts by name (as Xero compares them) and by number; contact-service tells them of each save.
export const contactsByName = keyedIndex<ContactRecord>(
  (contact) => (contact.name === '' ? undefined : normaliseName(contact.name)),
  (contact) => contact.contactId,
);
export const contactsByNumber = keyedIndex<ContactRecord>(
  (contact) => contact.contactNumber,
  (contact) => contact.contactId,
);

/** Tell the contact indexes of a contact saved (created, or changed in place). */
export function contactSaved(org: OrgState, contact: ContactRecord): void {
  contactsByName.saved(org.contacts, contact);
  contactsByNumber.saved(org.contacts, contact);
}

export function findActiveContactByName(org: OrgState, name: string): ContactRecord | undefined {
  return contactsByName
    .find(org.contacts, normaliseName(name))
    .find((contact) => contact.status === 'ACTIVE');
}

export function findContactByNumber(org: OrgState, contactNumber: string): ContactRecord | undefined {
  return contactsByNumber.find(org.contacts, contactNumber)[0];
}

export function findContact(org: OrgState, contactId: string): ContactRecord | undefined {
  const direct = org.contacts.get(contactId) ?? org.contacts.get(contactId.toLowerCase());
  if (direct || !isUuid(contactId)) return direct;
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
