import type { ContactRecord, OrgState } from '../state/types.ts';
import { sameId, ZERO_UUID } from '../util/ids.ts';
import { type JsonRecord, readArray, readString, readTrimmed } from '../util/json-input.ts';
import { type AccountingDeps, type ElementOutcome, recordChange } from './accounting-deps.ts';
import { contactToJson, toJsonValues } from './contact-json.ts';
import { messages } from './messages.ts';
import {
  contactSaved,
  contactsByName,
  findContact,
  findContactByNumber,
  normaliseName,
} from './org-lookups.ts';

const STATUSES = new Set(['ACTIVE', 'ARCHIVED', 'GDPRREQUEST']);
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function applyFields(contact: ContactRecord, raw: JsonRecord): void {
  const text = (key: string) => readString(raw, key);
  const name = readTrimmed(raw, 'Name');
  if (name !== undefined) contact.name = name.replace(/\s+/g, ' ');
  const optional: [keyof ContactRecord, string][] = [
    ['contactNumber', 'ContactNumber'],
    ['accountNumber', 'AccountNumber'],
    ['firstName', 'FirstName'],
    ['lastName', 'LastName'],
    ['emailAddress', 'EmailAddress'],
    ['taxNumber', 'TaxNumber'],
    ['companyNumber', 'CompanyNumber'],
    ['bankAccountDetails', 'BankAccountDetails'],
    ['defaultCurrency', 'DefaultCurrency'],
  ];
  for (const [field, key] of optional) {
    const value = text(key);
    if (value !== undefined) Object.assign(contact, { [field]: value === '' ? undefined : value });
  }
  const status = readTrimmed(raw, 'ContactStatus')?.toUpperCase();
  if (status !== undefined && STATUSES.has(status)) contact.status = status as ContactRecord['status'];
  if (readArray(raw, 'Addresses')) contact.addresses = toJsonValues(raw.Addresses);
  if (readArray(raw, 'Phones')) contact.phones = toJsonValues(raw.Phones);
  if (readArray(raw, 'ContactPersons')) contact.contactPersons = toJsonValues(raw.ContactPersons);
}

export function validateContact(org: OrgState, contact: ContactRecord, raw: JsonRecord): string[] {
  const errors: string[] = [];
  if (contact.name.trim() === '') errors.push(messages.contactNameRequired());
  const status = readTrimmed(raw, 'ContactStatus');
  if (status !== undefined && !STATUSES.has(status.toUpperCase()))
    errors.push(`'${status}' is not a valid ContactStatus.`);
  if (contact.emailAddress !== undefined && !emailPattern.test(contact.emailAddress))
    errors.push(messages.invalidEmail());
  if (contact.status === 'ACTIVE' && contact.name !== '') {
    const named = contactsByName.find(org.contacts, normaliseName(contact.name));
    if (named.some((other) => other.status === 'ACTIVE' && !sameId(other.contactId, contact.contactId)))
      errors.push(messages.duplicateContactName(contact.name));
  }
  if (contact.accountNumber !== undefined) {
    for (const other of org.contacts.values()) {
      if (!sameId(other.contactId, contact.contactId) && other.accountNumber === contact.accountNumber)
        errors.push(messages.duplicateAccountNumber());
    }
  }
  return [...new Set(errors)];
}

function failure(contact: ContactRecord, errors: string[], isNew: boolean): ElementOutcome<ContactRecord> {
  return {
    ok: false,
    errors,
    echo: { ...contactToJson(contact), ContactID: isNew ? ZERO_UUID : contact.contactId },
  };
}

export function createContact(
  org: OrgState,
  deps: AccountingDeps,
  raw: JsonRecord,
): ElementOutcome<ContactRecord> {
  const now = deps.now();
  const contact: ContactRecord = {
    contactId: deps.ids.uuid('contact'),
    status: 'ACTIVE',
    name: '',
    addresses: [],
    phones: [],
    contactPersons: [],
    isCustomer: false,
    isSupplier: false,
    createdAt: now,
    updatedAt: now,
  };
  applyFields(contact, raw);
  const errors = validateContact(org, contact, raw);
  if (errors.length > 0) return failure(contact, errors, true);
  org.contacts.set(contact.contactId, contact);
  contactSaved(org, contact);
  recordChange(deps, org.tenantId, 'CONTACT', 'CREATE', contact.contactId);
  return { ok: true, record: contact };
}

export function updateContact(
  org: OrgState,
  deps: AccountingDeps,
  existing: ContactRecord,
  raw: JsonRecord,
): ElementOutcome<ContactRecord> {
  const candidate: ContactRecord = { ...existing };
  applyFields(candidate, raw);
  const errors = validateContact(org, candidate, raw);
  if (errors.length > 0) return failure(candidate, errors, false);
  Object.assign(existing, candidate, { updatedAt: deps.now() });
  contactSaved(org, existing);
  recordChange(deps, org.tenantId, 'CONTACT', 'UPDATE', existing.contactId);
  return { ok: true, record: existing };
}

// POST /Contacts: a ContactID or a known ContactNumber updates; anything else creates.
export function upsertContact(
  org: OrgState,
  deps: AccountingDeps,
  raw: JsonRecord,
): ElementOutcome<ContactRecord> {
  const contactId = readTrimmed(raw, 'ContactID');
  if (contactId !== undefined) {
    const existing = findContact(org, contactId);
    if (!existing) return { ok: false, errors: [messages.contactNotFound()], echo: { ...raw } };
    return updateContact(org, deps, existing, raw);
  }
  const contactNumber = readTrimmed(raw, 'ContactNumber');
  const byNumber = contactNumber === undefined ? undefined : findContactByNumber(org, contactNumber);
  return byNumber ? updateContact(org, deps, byNumber, raw) : createContact(org, deps, raw);
}
