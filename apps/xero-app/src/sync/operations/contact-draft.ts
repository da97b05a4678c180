import type { ContactDraft, Customer } from '@ledgerbridge/canonical';
import type { NameFormat } from '../../mapping/contact-shape.ts';
import { contactName } from '../contact-index.ts';

/** What both contact operations plan for a customer (operation.ts payloads `contact` and `contact-upsert`). */
export type ContactPayload = {
  readonly customer: Customer;
  readonly asCompany: boolean;
  readonly guestName: string;
  readonly contactNumber: string;
  readonly nameFormat?: NameFormat | undefined;
  /** Whether the billing address goes to Xero (absent: it does). See decision 0097. */
  readonly sendAddress?: boolean | undefined;
};

/**
 * Xero's names are unique among active contacts: a second “Adam B” becomes “Adam B (adam@…)”, then
 * “Adam B (#contact number)” — the last always distinct, as contact numbers are.
 */
export function nameCandidates(input: { name: string; email?: string; contactNumber: string }): string[] {
  return [
    input.name,
    ...(input.email ? [`${input.name} (${input.email})`] : []),
    `${input.name} (#${input.contactNumber})`,
  ];
}

/** The name a customer's contact would have, before uniqueness among the org's contacts. */
export function preferredName(payload: ContactPayload): string {
  return contactName(payload.customer, payload.guestName, payload.asCompany, payload.nameFormat);
}

/**
 * The first candidate neither taken in Xero (`taken`, asked in order) nor chosen earlier in the batch;
 * the last candidate (by contact number) is always free.
 */
export async function chooseName(
  payload: ContactPayload,
  input: { namesInBatch: ReadonlySet<string>; taken: (name: string) => Promise<boolean> },
): Promise<string> {
  const email = payload.customer.email;
  const candidates = nameCandidates({
    name: preferredName(payload),
    contactNumber: payload.contactNumber,
    ...(email ? { email } : {}),
  });
  for (const candidate of candidates.slice(0, -1)) {
    if (input.namesInBatch.has(candidate.toLowerCase())) continue;
    if (await input.taken(candidate)) continue;
    return candidate;
  }
  return candidates[candidates.length - 1] as string;
}

/** The contact Xero gets for a customer: names as the org's contacts allow, address and details as known. */
export function contactDraft(
  payload: ContactPayload,
  input: { name: string; existingId?: string },
): ContactDraft & { unarchive?: boolean } {
  const c: Customer = payload.customer;
  const address = payload.sendAddress === false ? undefined : c.billingAddress;
  return {
    contactNumber: payload.contactNumber.slice(0, 50),
    name: input.name,
    ...(input.existingId ? { existingId: input.existingId, unarchive: true } : {}),
    ...(c.firstName && !payload.asCompany ? { firstName: c.firstName } : {}),
    ...(c.lastName && !payload.asCompany ? { lastName: c.lastName } : {}),
    ...(c.email ? { email: c.email } : {}),
    ...(c.phone ? { phone: c.phone } : {}),
    ...(address
      ? {
          address: {
            line1: address.line1,
            line2: address.line2,
            city: address.city,
            region: address.region,
            postalCode: address.postalCode,
            country: address.country,
          },
        }
      : {}),
  };
}
