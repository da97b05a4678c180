import type { ContactDraft } from '@ledgerbridge/canonical';
import { SyncFailure } from '@ledgerbridge/canonical';
import { draftFor, lookUpContacts, matchContact, takenInFlight } from './contact.ts';
import type { OperationRow } from './operations-repo.ts';
import {
  type OperationModule,
  type Prepared,
  type PreparedBatch,
  type PrepareContext,
  payloadOf,
  wrote,
} from './operation.ts';

/**
 * A customer created or changed in OrderCloud, before any order: its Xero contact is found the way an
 * order's is (contact number, email, then name) and updated, or created. Unlike an order's contact,
 * a match is not the end: the customer changed, so Xero is told. The operation is reopened with the
 * customer's latest details (operations-repo `planLatest`).
 */
async function prepareContactUpserts(
  context: PrepareContext,
  ops: readonly OperationRow[],
): Promise<PreparedBatch<ContactDraft>> {
  const index = context.contacts;
  const refreshed = await index.refresh(context.contactRefreshMs);
  if (!refreshed.ok) throw new SyncFailure(refreshed.error);
  const send: Prepared<ContactDraft>[] = [];
  const namesInBatch = await takenInFlight(index);
  for (const op of ops) {
    const payload = payloadOf('contact-upsert', op);
    const match = await matchContact(index, payload);
    send.push({ op, draft: await draftFor(index, payload, match, namesInBatch) });
  }
  return { send, settled: [] };
}

export const contactUpsertOperation: OperationModule<ContactDraft> = {
  kind: 'contact-upsert',
  oneAtATime: true,
  prepare: prepareContactUpserts,
  lookUp: (context, items) => lookUpContacts(context.contacts, items),
  send: (target, { tenantId, drafts, idempotencyKey }) =>
    target.upsertContacts({ tenantId, contacts: drafts, idempotencyKey }),
  settle: (_op, answer) => ({
    ...wrote('CONTACT', answer.id, answer.updatedAt),
    rememberContact: {
      id: String(answer.id),
      name: String(answer.name),
      archived: false,
      ...(typeof answer.contactNumber === 'string' ? { contactNumber: answer.contactNumber } : {}),
      ...(typeof answer.email === 'string' ? { email: answer.email } : {}),
      ...(typeof answer.updatedAt === 'string' ? { updatedAt: answer.updatedAt } : {}),
    },
    note: { step: 'contact', outcome: 'ok', message: `Xero contact “${String(answer.name)}” updated.` },
  }),
  linkSource: (op) => ({ sourceType: 'customer', sourceId: payloadOf('contact-upsert', op).contactNumber }),
};
