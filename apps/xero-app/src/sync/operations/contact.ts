import type { AccountingContact, ContactDraft, Result } from '@ledgerbridge/canonical';
import { SyncFailure } from '@ledgerbridge/canonical';
import type { ContactMatch } from '../contact-index.ts';
import { mayCarry } from './carried-contact.ts';
import { type ContactPayload, chooseName, contactDraft, preferredName } from './contact-draft.ts';
import type { OperationRow } from './operations-repo.ts';
import {
  type LookUpOutcome,
  type OperationModule,
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
  /** Names of new contacts inside invoices Xero has not answered yet: taken, though not indexed. */
  carriedNames?(): Promise<readonly string[]>;
};

/** The names a batch may not choose: those of contacts still travelling inside their invoices. */
export async function takenInFlight(index: ContactIndexPort): Promise<Set<string>> {
  return new Set(((await index.carriedNames?.()) ?? []).map((name) => name.toLowerCase()));
}

/** The org's contact for a customer, matched locally by contact number, email, then name. */
export function matchContact(
  index: ContactIndexPort,
  payload: ContactPayload,
): Promise<ContactMatch | undefined> {
  const email = payload.customer.email;
  return index.match({
    contactNumber: payload.contactNumber,
    name: preferredName(payload),
    ...(email ? { email } : {}),
  });
}

/** The draft for a customer's contact, named uniquely among the org's contacts and the batch's. */
export async function draftFor(
  index: ContactIndexPort,
  payload: ContactPayload,
  match: ContactMatch | undefined,
  namesInBatch: Set<string>,
): Promise<ContactDraft & { unarchive?: boolean }> {
  const name = await chooseName(payload, {
    namesInBatch,
    taken: (candidate) =>
      index.nameTaken({ name: candidate, ...(match ? { exceptContactId: match.contactId } : {}) }),
  });
  namesInBatch.add(name.toLowerCase());
  return contactDraft(payload, { name, ...(match ? { existingId: match.contactId } : {}) });
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
  const namesInBatch = await takenInFlight(index);
  for (const op of ops) {
    const payload = payloadOf('contact', op);
    const found = await matchContact(index, payload);
    // A contact Xero put this customer's invoice on that stands for someone else (decision 0111).
    const match = found && found.contactId !== avoidedContact(op) ? found : undefined;
    if (match && !match.archived) {
      settled.push({
        op,
        targetId: match.contactId,
        result: { matchedBy: match.by },
        settlement: matchedSettlement(match),
      });
      continue;
    }
    send.push({ op, draft: await draftFor(index, payload, match, namesInBatch) });
  }
  return { send, settled };
}

/** The Xero contact a contact operation planned again must not be matched to (settle-carried.ts). */
const avoidedContact = (op: OperationRow): string | undefined =>
  (op.result as { avoid?: string } | null | undefined)?.avoid;

export const matchedSettlement = (match: ContactMatch): Settlement => ({
  note: { step: 'contact', outcome: 'ok', message: `Matched existing Xero contact by ${match.by}.` },
});

/** A customer's Xero contact: matched locally when Xero has it, else created (or unarchived) in batches. */
export const contactOperation: OperationModule<ContactDraft> = {
  kind: 'contact',
  oneAtATime: true,
  leads: 'invoice',
  // A new customer's contact goes inside its invoice (decision 0111); one to unarchive needs its own call.
  carriedBy: 'invoice',
  mayCarry,
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
