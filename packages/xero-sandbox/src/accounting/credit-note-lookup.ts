import type { CreditNoteRecord, OrgState } from '../state/types.ts';
import { sameId } from '../util/ids.ts';

export function findCreditNote(org: OrgState, idOrNumber: string): CreditNoteRecord | undefined {
  const notes = [...org.creditNotes.values()];
  const direct = notes.find((note) => sameId(note.creditNoteId, idOrNumber));
  if (direct) return direct;
  const wanted = idOrNumber.toLowerCase();
  const matches = notes.filter((note) => note.creditNoteNumber.toLowerCase() === wanted);
  return matches.find((note) => note.status !== 'DELETED') ?? matches[0];
}
