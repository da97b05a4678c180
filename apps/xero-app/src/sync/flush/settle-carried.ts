import type { AccountingContactDetail } from '@ledgerbridge/canonical';
import { indexedContactNumber, rememberContacts } from '../contact-index.ts';
import { type CarriedContact, carriedOf, judgeCarriedContact } from '../operations/carried-contact.ts';
import { contactOperation } from '../operations/contact.ts';
import { opKey, orderOf, type XeroAnswer } from '../operations/operation.ts';
import {
  customerOfContact,
  markDone,
  type OperationRow,
  operationById,
  planLatest,
  recordLink,
  reopenCarried,
} from '../operations/operations-repo.ts';
import { recordOrderEvent } from '../order-status/record-order-event.ts';
import { recordStep } from '../../timeline/timeline-repo.ts';
import { orderKey } from '../sync-context.ts';
import { recordOwnWrite } from '../../xero-webhooks/own-writes.ts';
import type { Db } from '../../db/database.ts';
import type { WriteBackRequest } from '../order-status/record-order-event.ts';

type SettleDeps = {
  readonly db: Db;
  readonly requestWriteBack: (input: WriteBackRequest) => Promise<void>;
};

/** The contact operation an invoice carried to Xero, if this invoice carried one still unsettled. */
async function carriedBy(
  deps: SettleDeps,
  op: OperationRow,
): Promise<{ contactOp: OperationRow; carried: CarriedContact } | undefined> {
  if (op.kind !== 'invoice' || !op.depends_on) return undefined;
  const contactOp = await operationById(deps.db, op.depends_on);
  const carried = carriedOf(contactOp.result);
  if (contactOp.target_id || carried?.by !== op.id) return undefined;
  return { contactOp, carried };
}

async function note(deps: SettleDeps, op: OperationRow, outcome: 'ok' | 'info' | 'error', message: string) {
  if (!op.order_id) return;
  await recordStep(deps.db, {
    workspaceId: op.workspace_id,
    orderKey: orderKey(op.source_connection_id, op.order_id),
    step: 'contact',
    outcome,
    message,
  });
}

/**
 * Settles the contact an invoice carried (decision 0111), from the invoice's answer: the contact Xero
 * made is the customer's (linked, remembered, our write noted so its webhook is no read); fields Xero did
 * not keep are sent by a contact update; a contact that stands for someone else is not linked — the order
 * needs attention, and the customer's own contact is planned again on its own.
 */
export async function settleCarriedContact(
  deps: SettleDeps,
  op: OperationRow,
  answer: XeroAnswer,
): Promise<void> {
  const found = await carriedBy(deps, op);
  if (!found) return;
  const { contactOp, carried } = found;
  const contact = answer.contact as AccountingContactDetail | undefined;
  if (!contact?.id) {
    // Xero named no contact: the customer's contact goes on its own.
    await reopenCarried(deps.db, { id: contactOp.id, carrierId: op.id });
    return;
  }
  const customer = contactOperation.linkSource?.(contactOp).sourceId ?? carried.draft.contactNumber;
  const linkedTo = await customerOfContact(deps.db, { workspaceId: op.workspace_id, contactId: contact.id });
  const verdict = judgeCarriedContact({
    sent: carried.draft,
    answer: contact,
    indexedNumber: await indexedContactNumber(deps.db, op.tenant_id, contact.id),
    // Links name the customer by its full key; the draft's number is cut to Xero's 50 characters.
    linkedTo: linkedTo === customer ? undefined : linkedTo,
  });
  // What Xero holds now: the index then knows the name is taken, whoever it stands for.
  await rememberContacts(deps.db, op.tenant_id, [
    {
      id: contact.id,
      name: contact.name || carried.draft.name,
      archived: false,
      ...(contact.contactNumber ? { contactNumber: contact.contactNumber } : {}),
      ...(contact.email ? { email: contact.email } : {}),
      ...(contact.updatedAt ? { updatedAt: contact.updatedAt } : {}),
    },
  ]);
  if (verdict.kind === 'someone-else') {
    await reopenCarried(deps.db, { id: contactOp.id, carrierId: op.id, avoid: verdict.contactId });
    const message = `Xero put invoice ${String(answer.number)} on its existing contact “${verdict.name}” (${verdict.why}) instead of creating one for this customer. Move the invoice to the customer's own contact in Xero; that contact is created next.`;
    await note(deps, op, 'error', message);
    if (op.order_id)
      await recordOrderEvent(
        deps,
        { workspaceId: op.workspace_id, ...orderOf(op) },
        { type: 'needs-attention', message },
      );
    return;
  }
  // Created within the invoice's request: its webhook is dated no later than the invoice's stamp.
  const stamp = contact.updatedAt ?? (typeof answer.updatedAt === 'string' ? answer.updatedAt : undefined);
  if (stamp)
    await recordOwnWrite(deps.db, {
      workspaceId: op.workspace_id,
      category: 'CONTACT',
      documentId: verdict.contactId,
      updatedAt: stamp,
    });
  await markDone(deps.db, {
    id: contactOp.id,
    targetId: verdict.contactId,
    result: { carriedBy: op.id, contactId: verdict.contactId, missing: verdict.missing },
  });
  await recordLink(deps.db, {
    op: contactOp,
    sourceType: 'customer',
    sourceId: customer,
    targetId: verdict.contactId,
    targetNumber: null,
  });
  if (verdict.missing.length === 0) {
    await note(deps, op, 'ok', `Xero contact “${contact.name}” created with the invoice.`);
    return;
  }
  // Xero kept less than was sent: the normal contact update sends the customer's details again.
  await planLatest(deps.db, {
    workspaceId: contactOp.workspace_id,
    tenantId: contactOp.tenant_id,
    connectionId: contactOp.source_connection_id,
    orderId: null,
    kind: 'contact-upsert',
    key: opKey({ kind: 'contact-upsert', tenantId: contactOp.tenant_id, customerKey: customer }),
    payload: contactOp.payload,
    dependsOn: null,
  });
  await note(
    deps,
    op,
    'info',
    `Xero contact “${contact.name}” created with the invoice without its ${verdict.missing.join(', ')}; a contact update sends them.`,
  );
}
