import { describe, expect, it } from 'vitest';
import { type ContactPayload, chooseName, contactDraft, nameCandidates } from './contact-draft.ts';

const payload = (over: Partial<ContactPayload> = {}): ContactPayload => ({
  customer: {
    id: 'u1',
    kind: 'person',
    firstName: 'Adam',
    lastName: 'B',
    email: 'a@x.io',
    phone: '021 555',
    companyId: 'retail',
    billingAddress: { line1: '1 Queen St', city: 'Auckland', postalCode: '1010', country: 'NZ' },
    attributes: {},
  },
  asCompany: false,
  guestName: 'Guest',
  contactNumber: 'retail/u1',
  ...over,
});

describe('contact draft', () => {
  it('names a second “Adam B” by email, then by contact number', () => {
    expect(nameCandidates({ name: 'Adam B', email: 'a@x.io', contactNumber: 'retail/u1' })).toEqual([
      'Adam B',
      'Adam B (a@x.io)',
      'Adam B (#retail/u1)',
    ]);
    expect(nameCandidates({ name: 'Adam B', contactNumber: 'u1' })).toEqual(['Adam B', 'Adam B (#u1)']);
  });

  it('chooses the first name neither Xero nor the batch has; the contact number one is always free', async () => {
    const taken = (names: string[]) => async (name: string) => names.includes(name);
    expect(await chooseName(payload(), { namesInBatch: new Set(), taken: taken([]) })).toBe('Adam B');
    expect(await chooseName(payload(), { namesInBatch: new Set(['adam b']), taken: taken([]) })).toBe(
      'Adam B (a@x.io)',
    );
    expect(
      await chooseName(payload(), { namesInBatch: new Set(), taken: taken(['Adam B', 'Adam B (a@x.io)']) }),
    ).toBe('Adam B (#retail/u1)');
  });

  it('carries the person, details and billing address; a company contact has no first and last name', () => {
    expect(contactDraft(payload(), { name: 'Adam B', existingId: 'XC1' })).toEqual({
      contactNumber: 'retail/u1',
      name: 'Adam B',
      existingId: 'XC1',
      unarchive: true,
      firstName: 'Adam',
      lastName: 'B',
      email: 'a@x.io',
      phone: '021 555',
      address: {
        line1: '1 Queen St',
        line2: undefined,
        city: 'Auckland',
        region: undefined,
        postalCode: '1010',
        country: 'NZ',
      },
    });
    const company = contactDraft(payload({ asCompany: true }), { name: 'Acme' });
    expect(company).not.toHaveProperty('firstName');
    expect(company).not.toHaveProperty('existingId');
  });

  it('leaves the address out when the plan says Xero keeps its own (decision 0097)', () => {
    expect(contactDraft(payload({ sendAddress: false }), { name: 'Adam B' })).not.toHaveProperty('address');
    expect(contactDraft(payload({ sendAddress: true }), { name: 'Adam B' })).toHaveProperty('address');
  });

  it('cuts the contact number to Xero’s 50 characters', () => {
    expect(
      contactDraft(payload({ contactNumber: 'x'.repeat(60) }), { name: 'A' }).contactNumber,
    ).toHaveLength(50);
  });
});
