import { describe, expect, it } from 'vitest';
import { duplicateGroups, type IndexedContact, looseNameKey } from './duplicate-contacts.ts';

const contact = (
  id: string,
  name: string,
  email: string | null = null,
  contactNumber: string | null = null,
) => ({ id, name, email, contactNumber }) satisfies IndexedContact;

describe('duplicate contacts', () => {
  it('takes the form out of a name: case, accents, punctuation, & and legal suffixes', () => {
    expect(looseNameKey('ACME, Pty Ltd.')).toBe('acme');
    expect(looseNameKey('Acme')).toBe('acme');
    expect(looseNameKey('Café  Noir & Co')).toBe('cafe noir and');
    expect(looseNameKey('Ltd.')).toBe('');
  });

  it('groups contacts sharing an e-mail, and keeps the one Ledgerbridge syncs', () => {
    const groups = duplicateGroups([
      contact('1', 'Olivia Hart', 'olivia@example.com'),
      contact('2', 'O. Hart', 'OLIVIA@example.com ', 'retail/olivia'),
      contact('3', 'Someone else', 'else@example.com'),
    ]);
    expect(groups).toHaveLength(1);
    expect(groups[0]?.reasons).toEqual(['same email']);
    expect(groups[0]?.contacts.map((c) => c.id)).toEqual(['2', '1']);
    expect(groups[0]?.keep.id).toBe('2');
  });

  it('groups name variants, and joins a chain of e-mail and name matches into one group', () => {
    const groups = duplicateGroups([
      contact('a', 'Acme Pty Ltd', 'ap@acme.example'),
      contact('b', 'ACME', null),
      contact('c', 'Acme Trading', 'ap@acme.example'),
    ]);
    expect(groups).toHaveLength(1);
    expect(groups[0]?.reasons).toEqual(['same email', 'similar name']);
    expect(new Set(groups[0]?.contacts.map((c) => c.id))).toEqual(new Set(['a', 'b', 'c']));
    // None is synced by Ledgerbridge: the first by name that has an e-mail is suggested.
    expect(groups[0]?.keep.id).toBe('a');
  });

  it('suggests nothing for distinct contacts or names that are only a suffix', () => {
    expect(
      duplicateGroups([contact('1', 'Ltd'), contact('2', 'Pty Ltd'), contact('3', 'Beta', 'b@x.example')]),
    ).toEqual([]);
  });
});
