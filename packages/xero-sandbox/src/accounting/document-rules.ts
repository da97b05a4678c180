import type { DocumentStatus, LineRecord, OrgState } from '../state/types.ts';
import { readTrimmed, type JsonRecord } from '../util/json-input.ts';
import type { DocumentBody } from './document-body.ts';
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
