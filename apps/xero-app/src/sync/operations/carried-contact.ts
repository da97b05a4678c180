import type { AccountingContactDetail, ContactDraft } from '@ledgerbridge/canonical';

// A new customer's contact carried inside its invoice (decision 0111): the contact operation is settled
// without a call of its own, marked as carried by one invoice, and that invoice sends the contact whole
// (no ContactID). Xero creates the contact named on an invoice when it has none of that name; the
// invoice's answer then says which contact Xero used, and what it kept of the fields sent.

/** What a contact operation's result records while its invoice carries it to Xero. */
export type CarriedContact = { readonly by: string; readonly draft: ContactDraft };

/** The carried contact a contact operation's result records, if any. */
export function carriedOf(result: unknown): CarriedContact | undefined {
  const carried = (result as { carried?: CarriedContact } | null | undefined)?.carried;
  return carried && typeof carried.by === 'string' && carried.draft ? carried : undefined;
}

/** Only a contact Xero does not have may travel inside an invoice: one to unarchive needs its ID. */
export function mayCarry(draft: ContactDraft): boolean {
  return draft.existingId === undefined;
}

/** The contact side of an invoice's draft, from the contact operation it depends on. */
export type InvoiceContact =
  | { readonly contactId: string }
  | { readonly newContact: ContactDraft }
  /** Another invoice carries the contact (or it is not settled): this one waits for its ID. */
  | { readonly wait: true };

export function invoiceContact(
  invoiceOpId: string,
  contactOp: { readonly target_id: string | null; readonly result: unknown } | undefined,
): InvoiceContact {
  // No contact operation (planned before contacts had one): the draft goes as it always did.
  if (!contactOp) return { contactId: '' };
  if (contactOp.target_id) return { contactId: contactOp.target_id };
  const carried = carriedOf(contactOp.result);
  if (carried?.by === invoiceOpId) return { newContact: carried.draft };
  return { wait: true };
}

/** The fields a carried contact is checked for in Xero's answer (what a contact update would send). */
export type ContactField = 'contact number' | 'email' | 'address' | 'phone';

export type CarriedVerdict =
  /** The contact Xero made (or already had) for this customer; `missing`: fields it did not keep. */
  | { readonly kind: 'ours'; readonly contactId: string; readonly missing: readonly ContactField[] }
  /**
   * Xero put the invoice on a contact that stands for someone else (it matched the name to a contact the
   * index did not know, or knew under another customer): not linked, the merchant is told.
   */
  | {
      readonly kind: 'someone-else';
      readonly contactId: string;
      readonly name: string;
      readonly why: string;
    };

const same = (a: string | undefined, b: string | undefined) =>
  (a ?? '').trim().toLowerCase() === (b ?? '').trim().toLowerCase();

/**
 * Judges the contact an invoice's answer names against the draft carried: whose it is, and what Xero
 * left out. `indexedNumber`: the contact number the contact index holds for that contact (undefined:
 * not known or none); `linkedTo`: the customer our links name for it, if any.
 */
export function judgeCarriedContact(input: {
  readonly sent: ContactDraft;
  readonly answer: AccountingContactDetail;
  readonly indexedNumber?: string | undefined;
  readonly linkedTo?: string | undefined;
}): CarriedVerdict {
  const { sent, answer } = input;
  const foreign = (why: string): CarriedVerdict => ({
    kind: 'someone-else',
    contactId: answer.id,
    name: answer.name,
    why,
  });
  if (input.linkedTo && input.linkedTo !== sent.contactNumber)
    return foreign(`it is the contact of customer ${input.linkedTo}`);
  if (answer.contactNumber && answer.contactNumber !== sent.contactNumber)
    return foreign(`it has contact number ${answer.contactNumber}`);
  if (input.indexedNumber && input.indexedNumber !== sent.contactNumber)
    return foreign(`it has contact number ${input.indexedNumber}`);
  if (answer.email && sent.email && !same(answer.email, sent.email))
    return foreign(`it has email ${answer.email}`);
  const missing: ContactField[] = [];
  if (!answer.contactNumber) missing.push('contact number');
  if (sent.email && !answer.email) missing.push('email');
  if (sent.address && !answer.address) missing.push('address');
  if (sent.phone && !answer.phone) missing.push('phone');
  return { kind: 'ours', contactId: answer.id, missing };
}
