import type { CreditNoteRecord, CreditNoteType, DocumentStatus, OrgState } from '../state/types.ts';
import { sameId, ZERO_UUID } from '../util/ids.ts';
import { type JsonRecord, readTrimmed } from '../util/json-input.ts';
import {
  type AccountingDeps,
  type ElementOutcome,
  recordChange,
  type WriteOptions,
} from './accounting-deps.ts';
import { hasLiveSettlements, refreshCreditNoteBalances } from './balances.ts';
import { findCreditNote } from './credit-note-lookup.ts';
import { creditNoteToJson } from './credit-note-json.ts';
import { buildDocumentBody, type DocumentBody } from './document-body.ts';
import {
  approvalErrors,
  createPendingContact,
  creationStatusErrors,
  materiallyChanged,
  readDocumentType,
  readStatus,
} from './document-rules.ts';
import { lockDateErrors } from './lock-dates.ts';
import { messages } from './messages.ts';

const TYPES = new Set<CreditNoteType>(['ACCRECCREDIT', 'ACCPAYCREDIT']);

type Candidate = { note: CreditNoteRecord; body: DocumentBody; errors: string[] };

function buildCandidate(
  org: OrgState,
  deps: AccountingDeps,
  raw: JsonRecord,
  existing: CreditNoteRecord | undefined,
  options: WriteOptions,
): Candidate {
  const errors: string[] = [];
  const type = readDocumentType(raw, TYPES, existing?.type);
  if (!type) errors.push('Credit Note Type must be specified as ACCRECCREDIT or ACCPAYCREDIT.');
  const { body, errors: bodyErrors } = buildDocumentBody(org, raw, existing, {
    side: type === 'ACCPAYCREDIT' ? 'purchases' : 'sales',
    unitdp: options.unitdp,
    now: deps.now(),
    ids: deps.ids,
    allowReference: true,
  });
  errors.push(...bodyErrors);
  const now = deps.now();
  const note: CreditNoteRecord = {
    ...body,
    creditNoteId: existing?.creditNoteId ?? deps.ids.uuid('credit-note'),
    type: type ?? 'ACCRECCREDIT',
    creditNoteNumber: readTrimmed(raw, 'CreditNoteNumber') ?? existing?.creditNoteNumber ?? '',
    status: existing?.status ?? 'DRAFT',
    remainingCredit: body.total,
    fullyPaidOnDate: existing?.fullyPaidOnDate,
    brandingThemeId: readTrimmed(raw, 'BrandingThemeID') ?? existing?.brandingThemeId,
    createdByClientId: existing?.createdByClientId ?? options.clientId,
    paymentIds: existing?.paymentIds ?? [],
    allocationIds: existing?.allocationIds ?? [],
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  };
  delete (note as Partial<DocumentBody>).pendingContact;
  if (note.type === 'ACCRECCREDIT' && note.creditNoteNumber !== '') {
    const wanted = note.creditNoteNumber.toLowerCase();
    for (const other of org.creditNotes.values()) {
      if (
        other.type !== note.type ||
        other.status === 'DELETED' ||
        sameId(other.creditNoteId, note.creditNoteId)
      )
        continue;
      if (other.creditNoteNumber.toLowerCase() === wanted) errors.push(messages.duplicateCreditNoteNumber());
    }
  }
  return { note, body, errors };
}

function failure(org: OrgState, candidate: Candidate, errors: string[], isNew: boolean, unitdp: 2 | 4) {
  const echo = creditNoteToJson(
    org,
    candidate.note,
    { unitdp, includeLines: true },
    candidate.body.pendingContact?.name,
  );
  return {
    ok: false as const,
    errors: [...new Set(errors)],
    echo: { ...echo, CreditNoteID: isNew ? ZERO_UUID : candidate.note.creditNoteId },
  };
}

function commit(org: OrgState, deps: AccountingDeps, candidate: Candidate, isNew: boolean, unitdp: 2 | 4) {
  const { note, body } = candidate;
  const pending = createPendingContact(org, deps, body);
  if (!pending.ok) return failure(org, candidate, pending.errors, isNew, unitdp);
  if (pending.contactId) note.contactId = pending.contactId;
  if (isNew && note.creditNoteNumber === '' && note.type === 'ACCRECCREDIT') {
    org.sequences.creditNote += 1;
    note.creditNoteNumber = `CN-${String(org.sequences.creditNote).padStart(4, '0')}`;
  }
  org.creditNotes.set(note.creditNoteId, note);
  refreshCreditNoteBalances(org, note);
  recordChange(deps, org.tenantId, 'CREDITNOTE', isNew ? 'CREATE' : 'UPDATE', note.creditNoteId, {
    Type: note.type,
    Status: note.status,
  });
  return { ok: true as const, record: note };
}

export function createCreditNote(
  org: OrgState,
  deps: AccountingDeps,
  raw: JsonRecord,
  options: WriteOptions,
): ElementOutcome<CreditNoteRecord> {
  const errors: string[] = [];
  const status = readStatus(raw, errors) ?? 'DRAFT';
  const candidate = buildCandidate(org, deps, raw, undefined, options);
  errors.push(...candidate.errors, ...creationStatusErrors(org, candidate.body, status, 'Credit Note'));
  candidate.note.status = status;
  return errors.length > 0
    ? failure(org, candidate, errors, true, options.unitdp)
    : commit(org, deps, candidate, true, options.unitdp);
}

function setStatus(org: OrgState, deps: AccountingDeps, note: CreditNoteRecord, status: DocumentStatus) {
  note.status = status;
  note.updatedAt = deps.now();
  refreshCreditNoteBalances(org, note);
  recordChange(deps, org.tenantId, 'CREDITNOTE', 'UPDATE', note.creditNoteId, {
    Type: note.type,
    Status: status,
  });
  return { ok: true as const, record: note };
}

export function updateCreditNote(
  org: OrgState,
  deps: AccountingDeps,
  existing: CreditNoteRecord,
  raw: JsonRecord,
  options: WriteOptions,
): ElementOutcome<CreditNoteRecord> {
  const statusErrors: string[] = [];
  const requested = readStatus(raw, statusErrors) ?? existing.status;
  const candidate = buildCandidate(org, deps, raw, existing, options);
  const changed = materiallyChanged(
    { ...existing, number: existing.creditNoteNumber },
    { ...candidate.body, number: candidate.note.creditNoteNumber },
    candidate.body.pendingContact !== undefined,
  );
  const fail = (errors: string[]) => failure(org, candidate, errors, false, options.unitdp);
  if (statusErrors.length > 0) return fail(statusErrors);
  const base = existing.status;
  if (base === 'VOIDED' || base === 'DELETED' || base === 'PAID') {
    if (changed || requested !== base) {
      return fail([
        base === 'PAID' ? messages.documentHasAllocations() : messages.creditNoteStatusForModification(),
      ]);
    }
    return { ok: true, record: existing };
  }
  if (base === 'AUTHORISED') {
    if (requested === 'VOIDED') {
      if (hasLiveSettlements(org, existing)) return fail([messages.documentHasAllocations()]);
      const locked = lockDateErrors(org, existing.date);
      return locked.length > 0 ? fail(locked) : setStatus(org, deps, existing, 'VOIDED');
    }
    if (requested !== 'AUTHORISED') return fail([messages.creditNoteStatusForModification()]);
    if (!changed) return { ok: true, record: existing };
    if (hasLiveSettlements(org, existing)) return fail([messages.documentHasAllocations()]);
    const errors = [...candidate.errors, ...approvalErrors(org, candidate.body)];
    return errors.length > 0 ? fail(errors) : commit(org, deps, candidate, false, options.unitdp);
  }
  if (requested === 'DELETED') return setStatus(org, deps, existing, 'DELETED');
  if (requested === 'VOIDED' || requested === 'PAID')
    return fail([messages.creditNoteStatusForModification()]);
  candidate.note.status = requested;
  const errors = [
    ...candidate.errors,
    ...(requested === 'AUTHORISED' ? approvalErrors(org, candidate.body) : []),
  ];
  if (errors.length > 0) return fail(errors);
  if (!changed && requested === base) return { ok: true, record: existing };
  return commit(org, deps, candidate, false, options.unitdp);
}

export function upsertCreditNote(
  org: OrgState,
  deps: AccountingDeps,
  raw: JsonRecord,
  options: WriteOptions,
): ElementOutcome<CreditNoteRecord> {
  const key = readTrimmed(raw, 'CreditNoteID') ?? readTrimmed(raw, 'CreditNoteNumber');
  const existing = key === undefined || key === ZERO_UUID ? undefined : findCreditNote(org, key);
  if (existing && existing.status !== 'DELETED') return updateCreditNote(org, deps, existing, raw, options);
  if (readTrimmed(raw, 'CreditNoteID') !== undefined && !existing) {
    return { ok: false, errors: [messages.creditNoteNotFound()], echo: { ...raw } };
  }
  return createCreditNote(org, deps, raw, options);
}
