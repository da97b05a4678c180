import type { ContactDraft } from '@ledgerbridge/canonical';
import { describe, expect, it } from 'vitest';
import {
  type CarriedVerdict,
  carriedOf,
  invoiceContact,
  judgeCarriedContact,
  mayCarry,
} from './carried-contact.ts';

const sent: ContactDraft = {
  contactNumber: 'buyer/ada',
  name: 'Ada Byron',
  firstName: 'Ada',
  lastName: 'Byron',
  email: 'ada@example.com',
  phone: '0400 000 000',
  address: { line1: '1 Main St', city: 'Sydney', country: 'AU' },
};

const kept = {
  id: 'XC',
  name: 'Ada Byron',
  archived: false,
  contactNumber: 'buyer/ada',
  email: 'ada@example.com',
  phone: '0400 000 000',
  address: { line1: '1 Main St', city: 'Sydney', country: 'AU' },
};

describe('a contact carried inside its invoice', () => {
  it('is carried only when Xero has no contact for it (one to unarchive needs its ID)', () => {
    expect(mayCarry(sent)).toBe(true);
    expect(mayCarry({ ...sent, existingId: 'XOLD' })).toBe(false);
  });

  it.each([
    {
      what: 'a contact with its ID',
      contact: { target_id: 'XC', result: null },
      expected: { contactId: 'XC' },
    },
    {
      what: 'the contact this invoice carries',
      contact: { target_id: null, result: { carried: { by: 'inv-1', draft: sent } } },
      expected: { newContact: sent },
    },
    {
      what: 'a contact another invoice carries',
      contact: { target_id: null, result: { carried: { by: 'inv-2', draft: sent } } },
      expected: { wait: true },
    },
    {
      what: 'a contact not settled (planned again)',
      contact: { target_id: null, result: null },
      expected: { wait: true },
    },
  ])('an invoice to $what', ({ contact, expected }) => {
    expect(invoiceContact('inv-1', contact)).toEqual(expected);
  });

  it('reads the carried draft back from the contact operation’s result', () => {
    expect(carriedOf({ carried: { by: 'inv-1', draft: sent } })).toEqual({ by: 'inv-1', draft: sent });
    expect(carriedOf({ matchedBy: 'email' })).toBeUndefined();
    expect(carriedOf(null)).toBeUndefined();
  });

  const cases: Array<{
    what: string;
    answer: Parameters<typeof judgeCarriedContact>[0]['answer'];
    indexedNumber?: string;
    linkedTo?: string;
    expected: CarriedVerdict;
  }> = [
    {
      what: 'Xero kept every field',
      answer: kept,
      expected: { kind: 'ours', contactId: 'XC', missing: [] },
    },
    {
      what: 'Xero kept the name only',
      answer: { id: 'XC', name: 'Ada Byron', archived: false },
      expected: { kind: 'ours', contactId: 'XC', missing: ['contact number', 'email', 'address', 'phone'] },
    },
    {
      what: 'Xero kept all but the address',
      answer: { ...kept, address: undefined },
      expected: { kind: 'ours', contactId: 'XC', missing: ['address'] },
    },
    {
      what: 'Xero used the customer’s own contact the index had not seen (same number)',
      answer: { ...kept, id: 'XMINE' },
      indexedNumber: 'buyer/ada',
      linkedTo: 'buyer/ada',
      expected: { kind: 'ours', contactId: 'XMINE', missing: [] },
    },
    {
      what: 'Xero matched the name to another customer’s contact',
      answer: { id: 'XB', name: 'Ada Byron', archived: false, contactNumber: 'buyer/bob' },
      expected: {
        kind: 'someone-else',
        contactId: 'XB',
        name: 'Ada Byron',
        why: 'it has contact number buyer/bob',
      },
    },
    {
      what: 'the index knows the contact under another number (Xero answered a summary)',
      answer: { id: 'XB', name: 'Ada Byron', archived: false },
      indexedNumber: 'buyer/bob',
      expected: {
        kind: 'someone-else',
        contactId: 'XB',
        name: 'Ada Byron',
        why: 'it has contact number buyer/bob',
      },
    },
    {
      what: 'our links name another customer for the contact',
      answer: { id: 'XB', name: 'Ada Byron', archived: false },
      linkedTo: 'buyer/bob',
      expected: {
        kind: 'someone-else',
        contactId: 'XB',
        name: 'Ada Byron',
        why: 'it is the contact of customer buyer/bob',
      },
    },
    {
      what: 'a merchant’s contact of that name with another email',
      answer: { id: 'XM', name: 'Ada Byron', archived: false, email: 'accounts@other.example' },
      expected: {
        kind: 'someone-else',
        contactId: 'XM',
        name: 'Ada Byron',
        why: 'it has email accounts@other.example',
      },
    },
    {
      what: 'the same email in other letters',
      answer: { ...kept, email: 'ADA@Example.com' },
      expected: { kind: 'ours', contactId: 'XC', missing: [] },
    },
  ];

  it.each(cases)('judges the answer: $what', ({ answer, indexedNumber, linkedTo, expected }) => {
    expect(judgeCarriedContact({ sent, answer, indexedNumber, linkedTo })).toEqual(expected);
  });

  it('asks only for what was sent: a customer without email or address misses nothing else', () => {
    const bare: ContactDraft = { contactNumber: 'guest-O9', name: 'Guest (#guest-O9)' };
    expect(
      judgeCarriedContact({
        sent: bare,
        answer: { id: 'XG', name: bare.name, archived: false, contactNumber: 'guest-O9' },
      }),
    ).toEqual({ kind: 'ours', contactId: 'XG', missing: [] });
  });
});
