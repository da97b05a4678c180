import type { ContactRecord, JsonValue } from '../state/types.ts';
import { toMsDate } from '../util/xero-dates.ts';

export function toJsonValues(value: unknown): JsonValue[] {
  if (!Array.isArray(value)) return [];
  return JSON.parse(JSON.stringify(value)) as JsonValue[];
}

export function contactToJson(contact: ContactRecord): Record<string, unknown> {
  return {
    ContactID: contact.contactId,
    ContactNumber: contact.contactNumber,
    AccountNumber: contact.accountNumber,
    ContactStatus: contact.status,
    Name: contact.name,
    FirstName: contact.firstName,
    LastName: contact.lastName,
    EmailAddress: contact.emailAddress,
    CompanyNumber: contact.companyNumber,
    BankAccountDetails: contact.bankAccountDetails,
    TaxNumber: contact.taxNumber,
    DefaultCurrency: contact.defaultCurrency,
    Addresses: contact.addresses,
    Phones: contact.phones,
    UpdatedDateUTC: toMsDate(contact.updatedAt),
    ContactGroups: [],
    IsSupplier: contact.isSupplier,
    IsCustomer: contact.isCustomer,
    ContactPersons: contact.contactPersons,
    HasAttachments: false,
    HasValidationErrors: false,
  };
}

// The short form Xero nests inside invoices, credit notes and payments.
export function contactSummaryJson(
  contact: ContactRecord | undefined,
  fallbackName?: string,
): Record<string, unknown> {
  return {
    ContactID: contact?.contactId,
    ContactNumber: contact?.contactNumber,
    Name: contact?.name ?? fallbackName,
    ContactStatus: contact?.status,
    EmailAddress: contact?.emailAddress,
    Addresses: contact?.addresses ?? [],
    Phones: contact?.phones ?? [],
    ContactGroups: [],
    ContactPersons: [],
    HasValidationErrors: false,
  };
}
