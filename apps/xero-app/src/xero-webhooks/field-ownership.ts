import { createHash } from 'node:crypto';
import type { PostalAddress, XeroContactSnapshot } from './ports.ts';

// Which system is the source of truth for each customer field (decision 0008):
//   OrderCloud owns who the customer is: first/last name, company name, email (→ Xero contact Name/Email).
//   Xero owns how the bookkeeper reaches and bills them: phone and billing (POBOX) address.
// A contact update from Xero therefore only ever writes phone and billing address into OrderCloud.

export type XeroOwnedFields = { phone?: string; billingAddress?: PostalAddress };

export function xeroOwnedFields(contact: XeroContactSnapshot): XeroOwnedFields {
  const fields: XeroOwnedFields = {};
  if (contact.phone?.trim()) fields.phone = contact.phone.trim();
  const address = contact.billingAddress;
  if (address && Object.values(address).some((v) => typeof v === 'string' && v.trim()))
    fields.billingAddress = address;
  return fields;
}

/** Stable across key order and whitespace, so the same content always fingerprints the same. */
export function fingerprint(fields: XeroOwnedFields): string {
  const a = fields.billingAddress ?? {};
  const canonical = [
    fields.phone ?? '',
    a.street1 ?? '',
    a.street2 ?? '',
    a.city ?? '',
    a.region ?? '',
    a.postalCode ?? '',
    a.country ?? '',
  ].map((v) => v.trim().toLowerCase());
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}
