import { parseDecimalText } from '../money/fixed4.ts';
import { defaultCurrencyRate } from '../seed/currency-rates.ts';
import type { ContactRecord, LineAmountTypes, LineRecord, OrgState } from '../state/types.ts';
import type { IdSource } from '../util/ids.ts';
import { asRecord, has, type JsonRecord, readArray, readString, readTrimmed } from '../util/json-input.ts';
import { msToDay, parseXeroDay } from '../util/xero-dates.ts';
import { buildLines, type LineSide, retaxLines } from './document-lines.ts';
import { computeTotals, type DocumentTotals } from './line-math.ts';
import { messages } from './messages.ts';
import {
  findActiveContactByName,
  findContact,
  findContactByNumber,
  isCurrencyEnabled,
} from './org-lookups.ts';

const LINE_AMOUNT_TYPES = new Set<LineAmountTypes>(['Exclusive', 'Inclusive', 'NoTax']);

export type PendingContact = { name: string; raw: JsonRecord };

/**
 * The fields a contact created from a document's `Contact` gets: everything sent (`kept`) or the name
 * alone (`name-only`). Which one Xero does is not documented (README, "Contacts created from documents").
 */
export function pendingContactFields(
  pending: PendingContact,
  mode: 'kept' | 'name-only' = 'kept',
): JsonRecord {
  return mode === 'name-only' ? { Name: pending.name } : { ...pending.raw, Name: pending.name };
}

export type DocumentBody = DocumentTotals & {
  contactId: string;
  pendingContact?: PendingContact;
  date: string;
  dueDate?: string;
  lineAmountTypes: LineAmountTypes;
  currencyCode: string;
  currencyRate: string;
  reference: string;
  lines: LineRecord[];
};

export type PreviousBody = Omit<DocumentBody, 'pendingContact' | keyof DocumentTotals>;

type Resolution = { contact?: ContactRecord; pending?: PendingContact; error?: string };

// `Contact{Name}` with no active match silently creates a contact when the document is saved.
function resolveContact(org: OrgState, raw: unknown): Resolution {
  const ref = asRecord(raw);
  const contactId = readTrimmed(ref, 'ContactID');
  if (contactId !== undefined) {
    const contact = findContact(org, contactId);
    if (!contact) return { error: messages.contactNotFound() };
    if (contact.status !== 'ACTIVE') return { error: messages.contactArchived(contact.name) };
    return { contact };
  }
  const contactNumber = readTrimmed(ref, 'ContactNumber');
  const byNumber = contactNumber === undefined ? undefined : findContactByNumber(org, contactNumber);
  if (byNumber)
    return byNumber.status === 'ACTIVE'
      ? { contact: byNumber }
      : { error: messages.contactArchived(byNumber.name) };
  const name = readTrimmed(ref, 'Name');
  if (name === undefined)
    return { error: contactNumber === undefined ? messages.contactRequired() : messages.contactNotFound() };
  const byName = findActiveContactByName(org, name);
  return byName ? { contact: byName } : { pending: { name, raw: ref } };
}

function readDay(raw: JsonRecord, key: string, errors: string[]): string | undefined {
  if (!has(raw, key)) return undefined;
  const day = parseXeroDay(raw[key]);
  if (day === undefined) errors.push(messages.invalidDate(key));
  return day;
}

export type BodyOptions = {
  side: LineSide;
  unitdp: 2 | 4;
  now: number;
  ids: IdSource;
  allowReference: boolean;
};

export function buildDocumentBody(
  org: OrgState,
  raw: JsonRecord,
  previous: PreviousBody | undefined,
  options: BodyOptions,
): { body: DocumentBody; errors: string[] } {
  const errors: string[] = [];
  let contactId = previous?.contactId ?? '';
  let pendingContact: PendingContact | undefined;
  if (has(raw, 'Contact')) {
    const resolution = resolveContact(org, raw.Contact);
    if (resolution.error) errors.push(resolution.error);
    contactId = resolution.contact?.contactId ?? '';
    pendingContact = resolution.pending;
  } else if (!previous) {
    errors.push(messages.contactRequired());
  }

  const lineAmountTypesText = readTrimmed(raw, 'LineAmountTypes');
  let lineAmountTypes: LineAmountTypes = previous?.lineAmountTypes ?? 'Exclusive';
  if (lineAmountTypesText !== undefined) {
    const match = [...LINE_AMOUNT_TYPES].find(
      (value) => value.toLowerCase() === lineAmountTypesText.toLowerCase(),
    );
    if (match) lineAmountTypes = match;
    else errors.push(messages.invalidLineAmountTypes(lineAmountTypesText));
  }

  const currencyCode = (
    readTrimmed(raw, 'CurrencyCode') ??
    previous?.currencyCode ??
    org.organisation.baseCurrency
  ).toUpperCase();
  if (!isCurrencyEnabled(org, currencyCode)) errors.push(messages.currencyNotSubscribed(currencyCode));
  const rateText = readString(raw, 'CurrencyRate');
  const currencyRate =
    rateText !== undefined && parseDecimalText(rateText) && currencyCode !== org.organisation.baseCurrency
      ? rateText
      : previous?.currencyCode === currencyCode
        ? previous.currencyRate
        : defaultCurrencyRate(org.organisation.baseCurrency, currencyCode);

  let lines = previous?.lines ?? [];
  const rawLines = readArray(raw, 'LineItems');
  if (rawLines) {
    const built = buildLines(org, rawLines, {
      side: options.side,
      lineAmountTypes,
      unitdp: options.unitdp,
      existingLines: lines,
      ids: options.ids,
    });
    lines = built.lines;
    errors.push(...built.errors);
  } else if (previous && previous.lineAmountTypes !== lineAmountTypes) {
    lines = retaxLines(org, lines, lineAmountTypes);
  }

  const body: DocumentBody = {
    contactId,
    pendingContact,
    date: readDay(raw, 'Date', errors) ?? previous?.date ?? msToDay(options.now),
    dueDate: readDay(raw, 'DueDate', errors) ?? previous?.dueDate,
    lineAmountTypes,
    currencyCode,
    currencyRate,
    reference: options.allowReference ? (readString(raw, 'Reference') ?? previous?.reference ?? '') : '',
    lines,
    ...computeTotals(lines, lineAmountTypes),
  };
  return { body, errors };
}
