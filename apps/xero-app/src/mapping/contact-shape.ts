import type { Address, Customer } from '@ledgerbridge/canonical';

// How a customer's names and street become a Xero contact, as the merchant chose in the mapping:
// concatenation of first and last names into Xero's Name, a split of a single full name into Xero's
// FirstName/LastName, and a split of one long street line into two address lines.

export const nameFormats = ['first-last', 'last-first', 'last-comma-first'] as const;
export type NameFormat = (typeof nameFormats)[number];

export type ContactSettings = {
  readonly nameFormat: NameFormat;
  readonly splitFullName: boolean;
  readonly splitStreet: boolean;
};

/** "Jane" + "Citizen" → "Jane Citizen", "Citizen Jane" or "Citizen, Jane"; one part alone stays as is. */
export function joinName(first: string | undefined, last: string | undefined, format: NameFormat): string {
  const f = first?.trim() ?? '';
  const l = last?.trim() ?? '';
  if (!f || !l) return f || l;
  return format === 'first-last' ? `${f} ${l}` : format === 'last-first' ? `${l} ${f}` : `${l}, ${f}`;
}

/**
 * One full name → first and last: "Citizen, Jane" by its comma, else the first word is the first name
 * and the rest the last ("Jane van der Berg" → Jane / van der Berg). A single word stays a first name.
 */
export function splitName(full: string): { firstName: string; lastName?: string } {
  const text = full.trim().replace(/\s+/g, ' ');
  const comma = text.indexOf(',');
  if (comma > 0) {
    const last = text.slice(0, comma).trim();
    const first = text.slice(comma + 1).trim();
    if (first && last) return { firstName: first, lastName: last };
  }
  const space = text.indexOf(' ');
  return space > 0
    ? { firstName: text.slice(0, space), lastName: text.slice(space + 1) }
    : { firstName: text };
}

/** "Unit 5, 12 High Street" with no second line → "Unit 5" / "12 High Street". */
export function splitStreet(address: Address): Address {
  if (!address.line1 || address.line2?.trim()) return address;
  const comma = address.line1.indexOf(',');
  if (comma <= 0) return address;
  const line1 = address.line1.slice(0, comma).trim();
  const line2 = address.line1.slice(comma + 1).trim();
  return line1 && line2 ? { ...address, line1, line2 } : address;
}

/** The customer as the mapping shapes it: names split when only one holds a full name, street split. */
export function shapeCustomer(customer: Customer, settings: ContactSettings): Customer {
  let shaped = customer;
  if (settings.splitFullName) {
    const first = customer.firstName?.trim() ?? '';
    const last = customer.lastName?.trim() ?? '';
    const single = first && !last ? first : last && !first ? last : undefined;
    if (single && /[\s,]/.test(single)) {
      const { firstName, lastName } = splitName(single);
      const { firstName: _f, lastName: _l, ...rest } = customer;
      shaped = { ...rest, firstName, ...(lastName ? { lastName } : {}) };
    }
  }
  if (settings.splitStreet && shaped.billingAddress)
    shaped = { ...shaped, billingAddress: splitStreet(shaped.billingAddress) };
  return shaped;
}

/** Whether a customer is invoiced as its company: B2B buyers, when the mapping says so. */
export function invoicedToCompany(customer: Customer, contacts: { companyContactsForB2B: boolean }): boolean {
  // Every OrderCloud user has a CompanyID (its buyer org); only B2B customers are invoiced as the company.
  return contacts.companyContactsForB2B && customer.kind === 'company' && Boolean(customer.companyId);
}

/** Xero's contact Name for a customer: the company, else the person's names as the format joins them. */
export function contactName(
  customer: Customer,
  input: { guestName: string; asCompany: boolean; nameFormat?: NameFormat },
): string {
  if (input.asCompany && customer.companyName) return customer.companyName;
  const person = joinName(customer.firstName, customer.lastName, input.nameFormat ?? 'first-last');
  if (person) return person;
  if (customer.companyName) return customer.companyName;
  if (customer.email) return customer.email;
  return customer.kind === 'guest' ? `${input.guestName} ${customer.id}` : customer.id;
}

/** What Xero's contact would hold, for the studio's preview. */
export type ContactPreview = {
  readonly name: string;
  readonly firstName?: string;
  readonly lastName?: string;
  readonly addressLines: readonly string[];
};

export function previewContact(
  customer: Customer,
  contacts: { guestName: string; companyContactsForB2B: boolean } & ContactSettings,
): ContactPreview {
  const input = { ...contacts, asCompany: invoicedToCompany(customer, contacts) };
  const shaped = shapeCustomer(customer, input);
  const a = shaped.billingAddress;
  return {
    name: contactName(shaped, input),
    ...(shaped.firstName && !input.asCompany ? { firstName: shaped.firstName } : {}),
    ...(shaped.lastName && !input.asCompany ? { lastName: shaped.lastName } : {}),
    addressLines: a
      ? [a.line1, a.line2, [a.city, a.region, a.postalCode].filter(Boolean).join(' '), a.country].filter(
          (x): x is string => Boolean(x),
        )
      : [],
  };
}
