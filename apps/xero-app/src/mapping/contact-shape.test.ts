import { CustomerSchema } from '@ledgerbridge/canonical';
import { describe, expect, it } from 'vitest';
import {
  contactName,
  joinName,
  previewContact,
  shapeCustomer,
  splitName,
  splitStreet,
} from './contact-shape.ts';

const off = { nameFormat: 'first-last', splitFullName: false, splitStreet: false } as const;

describe('contact names and streets as the mapping shapes them', () => {
  it('joins first and last names in the chosen order', () => {
    expect(joinName('Jane', 'Citizen', 'first-last')).toBe('Jane Citizen');
    expect(joinName('Jane', 'Citizen', 'last-first')).toBe('Citizen Jane');
    expect(joinName('Jane', 'Citizen', 'last-comma-first')).toBe('Citizen, Jane');
    expect(joinName(' Jane ', undefined, 'last-comma-first')).toBe('Jane');
    expect(joinName(undefined, '', 'first-last')).toBe('');
  });

  it('splits one full name into first and last', () => {
    expect(splitName('Jane van der Berg')).toEqual({ firstName: 'Jane', lastName: 'van der Berg' });
    expect(splitName('Citizen, Jane')).toEqual({ firstName: 'Jane', lastName: 'Citizen' });
    expect(splitName('  Madonna ')).toEqual({ firstName: 'Madonna' });
  });

  it('splits a street line at its first comma only when there is no second line', () => {
    expect(splitStreet({ line1: 'Unit 5, 12 High Street', city: 'Perth' })).toEqual({
      line1: 'Unit 5',
      line2: '12 High Street',
      city: 'Perth',
    });
    expect(splitStreet({ line1: 'Unit 5, 12 High Street', line2: 'Rear' })).toEqual({
      line1: 'Unit 5, 12 High Street',
      line2: 'Rear',
    });
    expect(splitStreet({ line1: '12 High Street' })).toEqual({ line1: '12 High Street' });
  });

  it('shapes a customer only as chosen, and names the contact from the shaped names', () => {
    const customer = CustomerSchema.parse({
      id: 'u1',
      kind: 'person',
      firstName: 'Jane van der Berg',
      billingAddress: { line1: 'Unit 5, 12 High Street', city: 'Perth', country: 'AU' },
    });
    expect(shapeCustomer(customer, off)).toEqual(customer);
    const shaped = shapeCustomer(customer, {
      nameFormat: 'last-comma-first',
      splitFullName: true,
      splitStreet: true,
    });
    expect(shaped).toMatchObject({ firstName: 'Jane', lastName: 'van der Berg' });
    expect(shaped.billingAddress).toMatchObject({ line1: 'Unit 5', line2: '12 High Street' });
    expect(
      contactName(shaped, { guestName: 'Guest', asCompany: false, nameFormat: 'last-comma-first' }),
    ).toBe('van der Berg, Jane');
    expect(
      previewContact(customer, {
        guestName: 'Guest',
        companyContactsForB2B: true,
        nameFormat: 'last-first',
        splitFullName: true,
        splitStreet: true,
      }),
    ).toEqual({
      name: 'van der Berg Jane',
      firstName: 'Jane',
      lastName: 'van der Berg',
      addressLines: ['Unit 5', '12 High Street', 'Perth', 'AU'],
    });
  });

  it('keeps the company name for business buyers and the guest name for guests', () => {
    const company = CustomerSchema.parse({
      id: 'b',
      kind: 'company',
      companyName: 'Acme',
      firstName: 'Al',
      lastName: 'Ng',
    });
    expect(contactName(company, { guestName: 'Guest', asCompany: true, nameFormat: 'last-first' })).toBe(
      'Acme',
    );
    expect(contactName(company, { guestName: 'Guest', asCompany: false, nameFormat: 'last-first' })).toBe(
      'Ng Al',
    );
    const guest = CustomerSchema.parse({ id: 'g-1', kind: 'guest' });
    expect(contactName(guest, { guestName: 'Web shopper', asCompany: false })).toBe('Web shopper g-1');
  });
});
