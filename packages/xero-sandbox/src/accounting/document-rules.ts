import type { DocumentStatus, LineRecord, OrgState } from '../state/types.ts';
import { readTrimmed, type JsonRecord } from '../util/json-input.ts';
import type { AccountingDeps } from './accounting-deps.ts';
import { createContact } from './contact-service.ts';
import { type DocumentBody, pendingContactFields } from './document-body.ts';
import { lockDateErrors } from './lock-dates.ts';
import { messages } from './messages.ts';

const STATUSES = new Set<DocumentStatus>(['DRAFT', 'SUBMITTED', 'AUTHORISED', 'PAID', 'VOIDED', 'DELETED']);

export function readStatus(raw: JsonRecord, errors: string[]): DocumentStatus | undefined {
  const text = readTrimmed(raw, 'Status')?.toUpperCase();
  if (text === undefined) return undefined;
  if (STATUSES.has(text as DocumentStatus)) return text as DocumentStatus;
  errors.push(`'${text}' is not a valid Status.`);
  return undefined;
}

/** A document's Type: the existing one's (it cannot change), else the posted one when it is one of `types`. */
export function readDocumentType<T extends string>(
  raw: JsonRecord,
  types: ReadonlySet<T>,
  existing: T | undefined,
): T | undefined {
  const text = readTrimmed(raw, 'Type')?.toUpperCase();
  return existing ?? (types.has(text as T) ? (text as T) : undefined);
}

/** Why a new document cannot have this status: only draft, submitted or authorised (then it must approve). */
export function creationStatusErrors(
  org: OrgState,
  body: DocumentBody,
  status: DocumentStatus,
  label: string,
): string[] {
  const errors: string[] = [];
  if (!['DRAFT', 'SUBMITTED', 'AUTHORISED'].includes(status)) {
    errors.push(messages.invalidStatusForCreation(label, status));
  }
  if (status === 'AUTHORISED') errors.push(...approvalErrors(org, body));
  return errors;
}

/**
 * Creates the contact a document names but the organisation does not have yet (its pending contact),
 * before the document is saved, so that a refused contact leaves nothing behind. `contactId` is the new
 * contact's, or undefined when the document named an existing one.
 */
export function createPendingContact(
  org: OrgState,
  deps: AccountingDeps,
  body: DocumentBody,
): { ok: true; contactId: string | undefined } | { ok: false; errors: string[] } {
  if (!body.pendingContact) return { ok: true, contactId: undefined };
  const created = createContact(
    org,
    deps,
    pendingContactFields(body.pendingContact, deps.inlineContactDetails),
  );
  return created.ok
    ? { ok: true, contactId: created.record.contactId }
    : { ok: false, errors: created.errors };
}

// Approving posts to the ledger: lock dates, coded lines and a non-negative total are required.
export function approvalErrors(org: OrgState, body: DocumentBody): string[] {
  const errors = lockDateErrors(org, body.date);
  if (body.lines.length === 0) errors.push(messages.lineItemsRequiredToApprove());
  if (body.lines.some((line) => line.lineAmount !== 0n && line.accountCode === undefined)) {
    errors.push(messages.accountRequiredToApprove());
  }
  if (body.total < 0n) errors.push(messages.negativeTotal());
  return errors;
}

function lineSignature(line: LineRecord): string {
  return JSON.stringify([
    line.description ?? '',
    line.quantity.toString(),
    line.unitAmount.toString(),
    line.itemCode ?? '',
    line.accountCode ?? '',
    line.taxType ?? '',
    line.taxAmount.toString(),
    line.lineAmount.toString(),
    line.tracking.map((tracking) => tracking.trackingOptionId),
  ]);
}

type Comparable = Omit<DocumentBody, 'pendingContact'> & { number: string };

// Clients often POST back the whole document as read; only a real difference counts as an edit.
export function materiallyChanged(before: Comparable, after: Comparable, pendingContact: boolean): boolean {
  if (pendingContact || before.contactId !== after.contactId) return true;
  const fields: (keyof Comparable)[] = [
    'date',
    'dueDate',
    'lineAmountTypes',
    'currencyCode',
    'reference',
    'number',
  ];
  if (fields.some((field) => before[field] !== after[field])) return true;
  if (before.lines.length !== after.lines.length) return true;
  return before.lines.some((line, index) => {
    const other = after.lines[index];
    return other === undefined || lineSignature(line) !== lineSignature(other);
  });
}
