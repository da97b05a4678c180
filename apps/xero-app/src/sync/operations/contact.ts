import type { AccountingContact, ContactDraft, Customer, Result } from '@ledgerbridge/canonical';
import { SyncFailure } from '@ledgerbridge/canonical';
import type { ContactMatch } from '../contact-index.ts';
import { contactName } from '../contact-index.ts';
import type { OperationRow } from './operations-repo.ts';
import {
  type LookUpOutcome,
  type OperationModule,
  type Payload,
  type Prepared,
  type PreparedBatch,
  type PrepareContext,
  payloadOf,
  type Settlement,
  wrote,
} from './operation.ts';

/** The org's contacts as we index them locally (contact-index.ts), so matching costs no calls. */
export type ContactIndexPort = {
  refresh(minAgeMs: number): Promise<Result<{ calls: number }>>;
  match(input: { contactNumber: string; email?: string; name: string }): Promise<ContactMatch | undefined>;
  /** Whether an active contact other than `exceptContactId` has this name. */
  nameTaken(input: { name: string; exceptContactId?: string }): Promise<boolean>;
  remember(contacts: readonly AccountingContact[]): Promise<void>;
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

/** The contact Xero gets for a customer: names as the org's contacts allow, address and details as known. */
export function contactDraft(
  payload: Payload<'contact'>,
  input: { name: string; existingId?: string },
): ContactDraft & { unarchive?: boolean } {
  const c: Customer = payload.customer;
  const address = c.billingAddress;
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

/**
 * Prepares a batch of contacts: a customer Xero already has (by contact number, email, then name) is
 * settled at once; the rest get names unique among the org's contacts and the batch's.
 */
async function prepareContacts(
  context: PrepareContext,
  ops: readonly OperationRow[],
): Promise<PreparedBatch<ContactDraft>> {
  const index = context.contacts;
  const refreshed = await index.refresh(context.contactRefreshMs);
  if (!refreshed.ok) throw new SyncFailure(refreshed.error);
  const send: Prepared<ContactDraft>[] = [];
  const settled: Array<PreparedBatch<ContactDraft>['settled'][number]> = [];
  const namesInBatch = new Set<string>();
  for (const op of ops) {
    const payload = payloadOf('contact', op);
    const email = payload.customer.email;
    const name = contactName(payload.customer, payload.guestName, payload.asCompany, payload.nameFormat);
    const match = await index.match({
      contactNumber: payload.contactNumber,
      name,
      ...(email ? { email } : {}),
    });
    if (match && !match.archived) {
      settled.push({
        op,
        targetId: match.contactId,
        result: { matchedBy: match.by },
        settlement: matchedSettlement(match),
      });
      continue;
    }
    const candidates = nameCandidates({
      name,
      contactNumber: payload.contactNumber,
      ...(email ? { email } : {}),
    });
    let chosen = candidates[candidates.length - 1] as string;
    for (const candidate of candidates.slice(0, -1)) {
      if (namesInBatch.has(candidate.toLowerCase())) continue;
      if (await index.nameTaken({ name: candidate, ...(match ? { exceptContactId: match.contactId } : {}) }))
        continue;
      chosen = candidate;
      break;
    }
    namesInBatch.add(chosen.toLowerCase());
    send.push({
      op,
      draft: contactDraft(payload, { name: chosen, ...(match ? { existingId: match.contactId } : {}) }),
    });
  }
  return { send, settled };
}

export const matchedSettlement = (match: ContactMatch): Settlement => ({
  note: { step: 'contact', outcome: 'ok', message: `Matched existing Xero contact by ${match.by}.` },
});

/** A customer's Xero contact: matched locally when Xero has it, else created (or unarchived) in batches. */
export const contactOperation: OperationModule<ContactDraft> = {
  kind: 'contact',
  oneAtATime: true,
  leads: 'invoice',
  prepare: prepareContacts,
  lookUp: (context, items) => lookUpContacts(context.contacts, items),
  send: (target, { tenantId, drafts, idempotencyKey }) =>
    target.upsertContacts({ tenantId, contacts: drafts, idempotencyKey }),
  settle: (_op, answer) => ({
    ...wrote('CONTACT', answer.id, answer.updatedAt),
    rememberContact: answer as unknown as AccountingContact,
    note: { step: 'contact', outcome: 'ok', message: `Xero contact “${String(answer.name)}” saved.` },
  }),
  linkSource: (op) => ({
    sourceType: 'customer',
    sourceId: String((op.payload as { contactNumber?: string }).contactNumber ?? op.op_key),
  }),
};

/** Past the idempotency window: a contact Xero has under our contact number was ours. */
export async function lookUpContacts(
  index: ContactIndexPort,
  items: Prepared<ContactDraft>[],
): Promise<LookUpOutcome<ContactDraft>> {
  const refreshed = await index.refresh(0);
  if (!refreshed.ok) throw new SyncFailure(refreshed.error);
  const recovered: Array<{ item: Prepared<ContactDraft>; targetId: string }> = [];
  const remaining: Prepared<ContactDraft>[] = [];
  for (const item of items) {
    const match = await index.match({ contactNumber: item.draft.contactNumber, name: item.draft.name });
    if (match?.by === 'contact number') recovered.push({ item, targetId: match.contactId });
    else remaining.push(item);
  }
  return { found: [], recovered, remaining, calls: refreshed.value.calls };
}
