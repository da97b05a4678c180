import { describe, expect, it } from 'vitest';
import { contactName, emailKey, nameKey } from './contact-index.ts';

describe('contact index keys', () => {
  it.each([
    ['  Adam   B ', 'adam b'],
    ['ＡＤＡＭ B', 'adam b'],
    ['Zoë Ó Súilleabháin', 'zoë ó súilleabháin'],
  ])('name %j is matched as %j', (name, key) => {
    expect(nameKey(name)).toBe(key);
  });

  it('matches emails whatever their case and spaces; none is none', () => {
    expect(emailKey(' Adam@Example.COM ')).toBe('adam@example.com');
    expect(emailKey(undefined)).toBeNull();
  });
});

describe('the name a contact gets', () => {
  const base = { id: 'u1', kind: 'person' as const };
  it.each([
    { customer: { ...base, companyName: 'Acme', firstName: 'Ann' }, asCompany: true, name: 'Acme' },
    {
      customer: { ...base, companyName: 'Acme', firstName: 'Ann', lastName: 'Lee' },
      asCompany: false,
      name: 'Ann Lee',
    },
    { customer: { ...base, companyName: 'Acme' }, asCompany: false, name: 'Acme' },
    { customer: { ...base, email: 'a@x.io' }, asCompany: false, name: 'a@x.io' },
    {
      customer: { id: 'guest-O1', kind: 'guest' as const },
      asCompany: false,
      name: 'Guest customer guest-O1',
    },
    { customer: base, asCompany: false, name: 'u1' },
  ])('$name', ({ customer, asCompany, name }) => {
    expect(contactName(customer as never, 'Guest customer', asCompany)).toBe(name);
  });
});
